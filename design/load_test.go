package design

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func loadErrors(t *testing.T, src string) LoadErrors {
	t.Helper()
	_, err := Parse("bad.yaml", []byte(src))
	if err == nil {
		t.Fatalf("expected an error for:\n%s", src)
	}
	var le LoadErrors
	if !errors.As(err, &le) {
		t.Fatalf("error is %T, not LoadErrors: %v", err, err)
	}
	return le
}

func TestLoadErrorsNameFileLineColumnAndFix(t *testing.T) {
	cases := []struct {
		name, src string
		want      string // the whole first error line
	}{
		{"unknown key", "version: 1\nregion: us-east-1\nvpcs:\n  - name: a\n    cidrr: 10.0.0.0/16\n",
			`bad.yaml:5:5: unknown key "cidrr" in a VPC; did you mean "cidr"?`},
		{"unknown top-level key", "version: 1\nregoin: us-east-1\nvpcs: []\n",
			`bad.yaml:2:1: unknown key "regoin" in the design; did you mean "region"?`},
		{"bad enum", "version: 1\nvpcs:\n  - {name: a, cidr: 10.0.0.0/16, azs: 2, nat: per_az}\n",
			`bad.yaml:3:47: "per_az" is not a valid nat for a VPC; did you mean "per-az"?`},
		{"bad enum far from any value", "version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    tiers:\n      - {name: t, kind: dmz}\n",
			`bad.yaml:6:25: "dmz" is not a valid kind for a tier; use public, private or isolated`},
		{"wrong type: scalar for list", "version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    tiers: public\n",
			"bad.yaml:5:12: tiers in a VPC should be a list, found \"public\"; write a list: `tiers: [a, b]`"},
		{"wrong type: list for text", "version: 1\nvpcs:\n  - name: [a, b]\n    cidr: 10.0.0.0/16\n",
			"bad.yaml:3:11: name in a VPC should be text, found a list; write it as plain text"},
		{"wrong type: bool", "version: 1\nvpcs:\n  - {name: a, cidr: 10.0.0.0/16, flow_logs: yes please}\n",
			`bad.yaml:3:45: flow_logs in a VPC should be true or false, found "yes please"; write true or false`},
		{"ingress rule with to", "version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    security_groups:\n      - name: g\n        ingress:\n          - {to: internet, ports: 443}\n",
			"bad.yaml:8:18: \"to\" does not apply to an ingress rule; ingress rules name their peer with `from:`"},
		{"key of another connection kind", "version: 1\nvpcs: []\nconnections:\n  - {name: p, kind: peering, vpcs: [a, b], port: 443}\n",
			`bad.yaml:4:50: "port" does not apply to a peering connection; a peering connection takes name, kind or vpcs`},
		{"missing required key", "version: 1\nvpcs:\n  - name: a\n    azs: 2\n",
			"bad.yaml:3:5: a VPC needs the key \"cidr\"; add `cidr: ...`"},
		{"egress with no value", "version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    security_groups:\n      - name: g\n        egress:\n",
			"bad.yaml:7:17: egress has no value; write `egress: []` for no outbound traffic, or remove the key to allow all (AWS's default)"},
		{"no version", "name: x\nvpcs: []\n",
			"bad.yaml:1:1: the design has no version; add `version: 1` as the first line"},
		{"other version", "version: 2\nvpcs: []\n",
			"bad.yaml:1:10: unsupported format version 2; this build of vpcsmith reads format version 1"},
		{"duplicate key", "version: 1\nname: a\nname: b\n",
			"bad.yaml:3:1: invalid YAML: mapping key \"name\" already defined at [2:1]"},
		{"malformed YAML", "version: 1\nvpcs: [a, b\n",
			"bad.yaml:2:7: invalid YAML: sequence end token ']' not found"},
		{"not a mapping", "- a\n- b\n",
			"bad.yaml:1:1: expected the design (a mapping of key: value), found a list"},
		{"empty file", "# only a comment\n",
			"bad.yaml:1:1: the file holds no design; start with `version: 1`, or run `vpcsmith new` for a template"},
		{"two documents", "version: 1\n---\nversion: 1\n",
			"bad.yaml:3:1: the file holds several YAML documents; keep one design per file"},
		{"anchor", "version: 1\nvpcs:\n  - &v {name: a, cidr: 10.0.0.0/16}\n  - *v\n",
			"bad.yaml:3:5: YAML anchors and aliases (&name, *name) are not supported in design files; write the value out in full"},
		{"tag", "version: !!int 1\n",
			`bad.yaml:1:10: YAML tags such as "!!int" are not supported in design files; remove the tag`},
		{"invalid UTF-8", "version: 1\nname: \xff\xfe\n",
			"bad.yaml:2:7: the file is not UTF-8 text; save it as UTF-8"},
		{"NUL byte", "version: 1\nname: a\x00b\n",
			"bad.yaml:2:8: the file contains a NUL byte; it does not look like a YAML design file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := loadErrors(t, tc.src)
			if got := errs[0].Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestLoadReportsEveryErrorAtOnce(t *testing.T) {
	errs := loadErrors(t, "version: 1\nvpcs:\n  - name: a\n    cidrr: x\n    nat: maybe\n  - name: b\n    tierz: []\n    cidr: 10.0.0.0/16\n")
	if len(errs) != 4 { // cidrr, nat, missing cidr of a, tierz
		t.Fatalf("want 4 errors, got %d: %v", len(errs), errs)
	}
}

// hostileInputs must each be refused quickly and cleanly.
func hostileInputs() map[string][]byte {
	bomb := "version: 1\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
	prev := "a"
	for i := range 9 {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = name
	}
	return map[string][]byte{
		"alias bomb":          []byte(bomb),
		"deep flow nesting":   []byte("version: 1\nname: " + strings.Repeat("[", 100000)),
		"deep block nesting":  []byte("version: 1\nname:\n" + strings.Repeat("- ", 100000) + "x\n"),
		"deep mapping":        []byte(strings.Repeat("{a: ", 200000)),
		"deep indentation":    []byte(deepIndent(2000)),
		"five MiB":            []byte("version: 1\ndescription: \"" + strings.Repeat("x", 5<<20) + "\"\n"),
		"unterminated string": []byte("version: 1\nname: \"" + strings.Repeat("ab\\\"", 200000)),
	}
}

func deepIndent(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("a:\n")
	}
	return b.String()
}

func TestHostileInputIsRefusedFast(t *testing.T) {
	for name, data := range hostileInputs() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("hostile.yaml", data)
			elapsed := time.Since(start)
			if err == nil {
				t.Fatal("hostile input was accepted")
			}
			if !strings.HasPrefix(err.Error(), "hostile.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			// Generous: these take microseconds to milliseconds; the bound
			// is the promise, not a benchmark.
			if elapsed > time.Second {
				t.Errorf("took %v to refuse", elapsed)
			}
		})
	}
}

func TestLoadRefusesLargeFilesBeforeReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(5 << 20); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(path)
	if err == nil || !strings.Contains(err.Error(), "5.0 MiB, over the 4 MiB limit") || !strings.HasPrefix(err.Error(), path) {
		t.Fatalf("got %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: cannot stat: no such file or directory") {
		t.Fatalf("got %v", err)
	}
}

func TestScalarsOfOtherTypesAreReadAsWritten(t *testing.T) {
	d := mustParse(t, "version: 1\nname: 2024\ndescription: true\nvpcs: []\n")
	if d.Name != "2024" || d.Description != "true" {
		t.Errorf("got name %q description %q", d.Name, d.Description)
	}
	d = mustParse(t, "version: 1\nvpcs:\n  - {name: a, cidr: 10.0.0.0/16, azs: 2, tiers: [{name: t, kind: public, prefix: /24}]}\n")
	if d.VPCs[0].Tiers[0].Prefix != 24 {
		t.Errorf("prefix /24 read as %d", d.VPCs[0].Tiers[0].Prefix)
	}
}

func TestEgressAbsentAndEmptyDiffer(t *testing.T) {
	d := mustParse(t, "version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    security_groups:\n      - {name: open}\n      - {name: closed, egress: []}\n")
	open, closed := d.VPCs[0].SecurityGroups[0], d.VPCs[0].SecurityGroups[1]
	if open.Egress != nil || closed.Egress == nil || len(closed.Egress) != 0 {
		t.Fatalf("open.Egress=%#v closed.Egress=%#v", open.Egress, closed.Egress)
	}
	out := string(Marshal(d))
	if !strings.Contains(out, "{name: closed, egress: []}") || strings.Contains(out, "{name: open, egress") {
		t.Errorf("egress not preserved:\n%s", out)
	}
}

func TestTransitGatewayNeedsNoNetworks(t *testing.T) {
	d := mustParse(t, "version: 1\nvpcs: []\nconnections:\n  - {name: hub, kind: transit-gateway, vpcs: [a, b]}\n")
	if len(d.Connections) != 1 || d.Connections[0].Networks != nil {
		t.Fatalf("got %+v", d.Connections)
	}
	loadErrors(t, "version: 1\nvpcs: []\nconnections:\n  - {name: pl, kind: privatelink, provider: a, consumer: b}\n")
}
