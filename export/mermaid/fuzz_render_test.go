package mermaid_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// nameSet is one input of FuzzRenderNames: five strings that become every
// name, description and free-text value of a small design, and shape bits
// that choose its structure.
type nameSet struct {
	a, b, c, d, e string
	shape         uint16
}

// The shape bits of a nameSet.
const (
	shapeAZNames     = 1 << iota // AZs named c and d instead of a count of 2
	shapeNATSingle               // NAT single instead of per AZ
	shapeNATNone                 // no NAT (wins over shapeNATSingle)
	shapeSecondVPC               // a second VPC, named b
	shapeDupVPC                  // ... named a, like the first
	shapeEndpoints               // endpoints s3, e and c
	shapeConnections             // peering, transit gateway, PrivateLink and VPN
	shapeFreeText                // e as CIDR, ports, protocol, tier and workload kind
	shapeWorkloads               // workloads named e and a
	shapeRegion                  // the design's region is e, the second VPC's d
)

// fuzzRenderSeeds are FuzzRenderNames's seed corpus, which
// TestFuzzSampleParsesWithMermaid also checks with Mermaid's parser.
var fuzzRenderSeeds = []nameSet{
	{"prod", "public", "app", "data", "web", 0},
	{"prod", "staging", "us-east-1a", "us-east-1b", "logs", 0x3ff},
	{"end", "subgraph", "click", "style", "classDef", 0x3ff},
	{`a"b`, "x(y)", "#1", "<b>bold</b>", `%%{init: {"theme":"dark"}}%%`, 0x2ff},
	{"\x1b]52;c;SGVsbG8=\x07", "evil\u202Egnp.exe", "\xff\xfebad", "line\nbreak", "\u0085nel\u009b31m", 0x1ff},
	{strings.Repeat("long", 50), strings.Repeat("😀", 70), "ﬂ°°60¶ß", "#quot;", "`md`", 0x3f9},
	{"", " ", "\t", "\u200b", "\u2028", 0x3ff},
	{"A-->B", "o--x", "|pipe|", "[bracket]", "{brace}", 0x1c8},
	{"a", "a", "a", "a", "a", 0x3ff},
	{"sg:a", "tier:b", "vpc:c", "network:d", "internet", 0x0f8},
	{"10.0.0.0/16", "0.0.0.0/0", "all", "1-2", "udp", 0x3ff},
	{"x/y", "y", "x", "/", "sg:x/y", 0x078},
}

// FuzzRenderNames: whatever the names, both views render within Mermaid's
// limits, every line is one the exporter writes (no name became syntax),
// ids are generated, and no control or bidi character reaches the output.
// TestFuzzSampleParsesWithMermaid checks that Mermaid's own parser accepts
// a sample of these outputs.
func FuzzRenderNames(f *testing.F) {
	for _, s := range fuzzRenderSeeds {
		f.Add(s.a, s.b, s.c, s.d, s.e, s.shape)
	}
	f.Fuzz(func(t *testing.T, a, b, c, d, e string, shape uint16) {
		for _, view := range mermaid.Views {
			checkFuzzRender(t, nameSet{a, b, c, d, e, shape}, view)
		}
	})
}

// generatedID is what a generated id looks like; keywords and ids that
// Mermaid could read as an edge's end marker (o…, x…) are ruled out apart.
var generatedID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

var mermaidKeywords = map[string]bool{
	"end": true, "subgraph": true, "graph": true, "flowchart": true, "style": true, "class": true,
	"classDef": true, "click": true, "linkStyle": true, "call": true, "href": true, "default": true,
	"direction": true, "interpolate": true,
}

// checkFuzzRender renders one view of the name set's design, checks the
// output in process and returns it; "" when the design is too large to
// draw (allowed only for long inputs).
func checkFuzzRender(t *testing.T, s nameSet, view mermaid.View) string {
	t.Helper()
	d := fuzzNamesDesign(s)
	r, err := mermaid.Render(design.Resolve(d), mermaid.Options{View: view})
	if err != nil {
		var tl *mermaid.TooLargeError
		long := max(len(s.a), len(s.b), len(s.c), len(s.d), len(s.e)) > 200
		if errors.As(err, &tl) && long {
			return ""
		}
		t.Fatalf("%s view of %+v: %v", view, s, err)
	}
	checkNoControls(t, r.Text)
	if !utf8.ValidString(r.Text) {
		t.Fatalf("%s view of %+v: invalid UTF-8", view, s)
	}
	if n := jsLen(r.Text); n > mermaid.MaxTextSize || n != r.Chars {
		t.Fatalf("%s view of %+v: %d characters (Result says %d); the limit is %d", view, s, n, r.Chars, mermaid.MaxTextSize)
	}
	parsed := parseOutput(t, r.Text)
	if len(parsed.edges) > mermaid.MaxEdges || len(parsed.edges) != r.Edges {
		t.Fatalf("%s view of %+v: %d edges (Result says %d); the limit is %d", view, s, len(parsed.edges), r.Edges, mermaid.MaxEdges)
	}
	for _, id := range parsed.order {
		if !generatedID.MatchString(id) || mermaidKeywords[id] || id[0] == 'o' || id[0] == 'x' {
			t.Fatalf("%s view of %+v: id %q is not a safe generated id", view, s, id)
		}
	}
	again, err := mermaid.Render(design.Resolve(fuzzNamesDesign(s)), mermaid.Options{View: view})
	if err != nil || again.Text != r.Text {
		t.Fatalf("%s view of %+v: a second render differs (%v)", view, s, err)
	}
	return r.Text
}

// fuzzNamesDesign builds a design from a name set: every name, reference,
// description and (with shapeFreeText) free-text value comes from the five
// strings, so names clash, reference each other or nothing at all.
func fuzzNamesDesign(s nameSet) *design.Design {
	a, b, c, dn, e := s.a, s.b, s.c, s.d, s.e
	has := func(bit uint16) bool { return s.shape&bit != 0 }
	free := func(text, valid string) string {
		if has(shapeFreeText) {
			return text
		}
		return valid
	}
	d := &design.Design{Version: 1, Name: a, Description: e, Region: "us-east-1",
		Networks: []design.Network{{Name: dn, CIDR: free(e, "172.16.0.0/12")}}}
	if has(shapeRegion) {
		d.Region = e
	}
	azs := design.AZSpec{Count: 2}
	if has(shapeAZNames) {
		azs = design.AZSpec{Names: []string{c, dn}}
	}
	nat := design.NATPerAZ
	switch {
	case has(shapeNATNone):
		nat = design.NATNone
	case has(shapeNATSingle):
		nat = design.NATSingle
	}
	v := design.VPC{
		Name: a, CIDR: "10.0.0.0/16", AZs: azs, NAT: nat,
		Tiers: []design.Tier{
			{Name: b, Kind: design.TierPublic, Prefix: 24},
			{Name: c, Kind: design.TierKind(free(e, string(design.TierPrivate))), Prefix: 24},
			{Name: dn, Kind: design.TierIsolated, Subnets: []design.Subnet{{AZ: c, CIDR: free(e, "10.0.200.0/24")}}},
		},
		SecurityGroups: []design.SecurityGroup{
			{Name: b, Tier: b, Ingress: []design.Rule{{From: "internet", Ports: "443", Description: e}, {From: free(e, "10.1.0.0/16"), Ports: free(e, "80")}}},
			{Name: c, Tier: c, Ingress: []design.Rule{{From: "sg:" + b, Ports: "8080", Description: e}, {From: "tier:" + b, Ports: "all"}}},
			{Name: dn, Tier: dn, Ingress: []design.Rule{{From: "sg:" + c, Ports: free(e, "5432"), Protocol: free(e, "")}},
				Egress: []design.Rule{{To: "vpc:" + b, Ports: "443"}, {To: "network:" + dn, Ports: "1-2"}, {To: "sg:" + a + "/" + b}, {To: e}}},
		},
	}
	if has(shapeEndpoints) {
		v.Endpoints = []string{"s3", e, c}
	}
	if has(shapeWorkloads) {
		v.Workloads = []design.Workload{
			{Name: e, Kind: design.WorkloadKind(free(e, "ecs")), Tier: c, SecurityGroup: c},
			{Name: a, Kind: "alb", Tier: b, SecurityGroup: b},
		}
	}
	d.VPCs = []design.VPC{v}
	if has(shapeSecondVPC) {
		name := b
		if has(shapeDupVPC) {
			name = a
		}
		w := design.VPC{
			Name: name, CIDR: "10.1.0.0/16", AZs: design.AZSpec{Count: 1}, NAT: design.NATNone,
			Tiers: []design.Tier{{Name: a, Kind: design.TierPrivate, Prefix: 24}},
			SecurityGroups: []design.SecurityGroup{
				{Name: a, Tier: a, Ingress: []design.Rule{{From: "sg:" + a + "/" + c, Ports: "443"}, {From: "vpc:" + a}}},
			},
		}
		if has(shapeRegion) {
			w.Region = dn
		}
		d.VPCs = append(d.VPCs, w)
	}
	if has(shapeConnections) {
		d.Connections = []design.Connection{
			{Name: c, Kind: design.ConnPeering, VPCs: []string{a, b}},
			{Name: dn, Kind: design.ConnTransitGateway, VPCs: []string{a, b, e}, Networks: []string{dn, e}},
			{Name: e, Kind: design.ConnPrivateLink, Provider: a, Consumer: b, Port: 443},
			{Name: b, Kind: design.ConnVPN, VPC: a, Network: dn},
		}
	}
	return d
}

// TestFuzzSampleParsesWithMermaid renders both views of the seeds, of the
// inputs kept in testdata/fuzz/FuzzRenderNames and of 200 random name sets
// (a fixed seed, so the same every run), checks each in process as the fuzz
// target does, and then all of them with Mermaid's parser in one node
// process.
func TestFuzzSampleParsesWithMermaid(t *testing.T) {
	testtools.Require(t, testtools.ToolMermaid)
	sets := append([]nameSet(nil), fuzzRenderSeeds...)
	sets = append(sets, corpusNameSets(t, filepath.Join("testdata", "fuzz", "FuzzRenderNames"))...)
	rng := rand.New(rand.NewPCG(7, 2024))
	for range 200 {
		sets = append(sets, nameSet{randomName(rng), randomName(rng), randomName(rng), randomName(rng), randomName(rng), uint16(rng.Uint32())})
	}
	var srcs []string
	var what []string
	for i, s := range sets {
		for _, view := range mermaid.Views {
			if src := checkFuzzRender(t, s, view); src != "" {
				srcs = append(srcs, src)
				what = append(what, fmt.Sprintf("set %d (%+v), %s view", i, s, view))
			}
		}
	}
	if len(srcs) < 2*len(sets)*9/10 {
		t.Fatalf("only %d of %d diagrams rendered", len(srcs), 2*len(sets))
	}
	results := testtools.MermaidParse(t, srcs)
	failed := 0
	for i, r := range results {
		if !r.OK {
			if failed++; failed <= 5 {
				t.Errorf("%s: Mermaid cannot parse it: %s\n%s", what[i], r.Error, srcs[i])
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d diagrams fail Mermaid's parser", failed, len(srcs))
	}
}

// nameFragments are what random names are made of: Mermaid syntax and
// keywords, entities, HTML, directives, terminal and bidi controls, invalid
// UTF-8 and non-ASCII text.
var nameFragments = []string{
	"end", "subgraph", "click", "style", "classDef", "class", "linkStyle", "flowchart", "graph", "direction",
	"-->", "---", "-.-", "==>", "~~~", "o--o", "x--x", "<-->", "&", ":::", "|", "[", "]", "(", ")", "{", "}",
	"[(", ")]", "((", "))", "[/", "\\]", ">", "<", `"`, "'", "`", "#", "#quot;", "#35;", "#lt;", "&amp;", "&#35;",
	";", ":", "%%", "%%{init: {}}%%", "<br/>", "<b>", "</b>", "<script>", "javascript:", "@{", "}@",
	"\x1b[31m", "\x1b]0;t\x07", "\x00", "\x7f", "\u0085", "\u009b", "\u202e", "\u2066", "\u200d", "\ufeff",
	"\u2028", "\u2029", "\ue000", "\n", "\r", "\t", " ", "\xff", "\xc3", "\xed\xa0\x80",
	"ﬂ", "°", "¶", "ß", "é", "名前", "😀", "🚀", "\U0010fffd", "ﷺ", "\u0301",
	"prod", "app", "a", "x", "o", "sg:", "tier:", "vpc:", "network:", "internet", "10.0.0.0/16", "443", "all",
}

// randomName joins up to eight fragments, now and then repeated into a long
// name.
func randomName(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(9) {
		b.WriteString(nameFragments[rng.IntN(len(nameFragments))])
	}
	if rng.IntN(10) == 0 {
		return strings.Repeat(b.String(), 1+rng.IntN(40))
	}
	return b.String()
}

// corpusNameSets reads the fuzz corpus files in dir ("go test fuzz v1":
// five string lines and a uint16 line); a missing dir holds none.
func corpusNameSets(t *testing.T, dir string) []nameSet {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []nameSet
	for _, ent := range entries {
		b, err := os.ReadFile(filepath.Join(dir, ent.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 7 || lines[0] != "go test fuzz v1" {
			t.Fatalf("%s: not a FuzzRenderNames corpus file", ent.Name())
		}
		var strs [5]string
		for i := range strs {
			arg, ok := strings.CutPrefix(lines[i+1], "string(")
			if v, err := strconv.Unquote(strings.TrimSuffix(arg, ")")); ok && err == nil {
				strs[i] = v
			} else {
				t.Fatalf("%s: line %d is not a string: %q", ent.Name(), i+2, lines[i+1])
			}
		}
		arg, ok := strings.CutPrefix(lines[6], "uint16(")
		shape, err := strconv.ParseUint(strings.TrimSuffix(arg, ")"), 0, 16)
		if !ok || err != nil {
			t.Fatalf("%s: line 7 is not a uint16: %q", ent.Name(), lines[6])
		}
		out = append(out, nameSet{strs[0], strs[1], strs[2], strs[3], strs[4], uint16(shape)})
	}
	return out
}
