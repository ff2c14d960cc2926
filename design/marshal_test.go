package design

import (
	"os"
	"strings"
	"testing"
)

func TestMarshalIsCanonical(t *testing.T) {
	for _, path := range []string{"testdata/reference.yaml", "testdata/messy.yaml"} {
		t.Run(path, func(t *testing.T) {
			d, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			once := Marshal(d)
			d2, err := Parse("saved.yaml", once)
			if err != nil {
				t.Fatalf("saved form does not load: %v\n%s", err, once)
			}
			twice := Marshal(d2)
			if string(once) != string(twice) {
				t.Fatalf("save(load(saved)) differs:\n--- once\n%s\n--- twice\n%s", once, twice)
			}
		})
	}
}

func TestMarshalKeepsCommentsAndKeyOrder(t *testing.T) {
	src, err := os.ReadFile("testdata/messy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := string(Marshal(mustParse(t, string(src))))
	// Every comment of the source survives.
	for _, line := range strings.Split(string(src), "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(line, `"`) {
			if c := strings.TrimSpace(line[i:]); !strings.Contains(out, c) {
				t.Errorf("comment %q lost", c)
			}
		}
	}
	// The author's key order is kept: name after cidr in the VPC, kind
	// before name in the tier.
	for _, want := range []string{
		"  - cidr: 10.8.0.0/16  # the primary block\n    name: edge\n",
		"      - kind: public\n        name: dmz\n",
		"# Trailing comment at the end of the file.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Carved subnets are written after the author's own, and a new key
	// goes where the format lists it (subnets after prefix).
	if !strings.Contains(out, "        prefix: 24\n        subnets:\n          - {az: eu-west-1a, cidr: 10.8.0.0/24}\n") {
		t.Errorf("carved subnets not written where expected:\n%s", out)
	}
}

func TestMarshalWritesReferenceCarving(t *testing.T) {
	d, err := Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := string(Marshal(d))
	for _, want := range []string{
		"# Reference design: every key of format version 1 in one file.\n",
		"          - {az: us-east-1c, cidr: 10.0.2.0/24}\n",
		"          - {az: us-east-1a, cidr: 10.0.16.0/20}\n",
		`          - {from: network:corp, ports: "8000-8100", description: admin from corp}` + "\n",
		"        egress: []\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// Strings that must survive a save and a load unchanged, whatever they hold.
var awkwardStrings = []string{
	"plain", "with space", "yes", "No", "null", "~", "true", "1", "0x1F", "1e3", "1_000", "1:20", ".inf", "-1",
	"8000-8100", "a: b", "a #b", "#hash", "- dash", "[x]", "{x}", "a,b", "'quoted'", `"double"`, `back\slash`,
	"trailing ", " leading", "multi\nline", "tab\there", "\x1b]0;title\x07", "\x1b[2J", "\u202eevil", "é 日本 🚀",
	"\u0085nel", "\x7f", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick", "|pipe", ">fold", "?q", "a:b",
	"end", "", "0", "-", ":", "?", "10.0.0.0/16", "sg:alb", "x(y)", "=", "!", "a\u200bb", strings.Repeat("x", 300),
}

func TestAwkwardStringsRoundTrip(t *testing.T) {
	for _, s := range awkwardStrings {
		d := &Design{Version: 1, Name: s, Description: s, Region: "us-east-1",
			VPCs: []VPC{{Name: s, CIDR: "10.0.0.0/16", AZs: AZSpec{Count: 1},
				SecurityGroups: []SecurityGroup{{Name: s, Ingress: []Rule{{From: "internet", Ports: "443", Description: s}}}},
				Workloads:      []Workload{{Name: s, Kind: "ec2"}}}}}
		out := Marshal(d)
		if strings.ContainsAny(string(out), "\x1b\x07\x7f\u202e\u0085\u200b") {
			t.Errorf("%q: raw control or invisible character in output:\n%q", s, out)
		}
		back, err := Parse("x.yaml", out)
		if err != nil {
			t.Errorf("%q: does not load back: %v\n%s", s, err, out)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		got := []string{back.Name, back.Description, back.VPCs[0].Name, back.VPCs[0].SecurityGroups[0].Name,
			back.VPCs[0].SecurityGroups[0].Ingress[0].Description, back.VPCs[0].Workloads[0].Name}
		for _, g := range got {
			if g != want && !(s == "" && g == "") {
				t.Errorf("%q came back as %q", s, g)
				break
			}
		}
	}
}
