package mermaid_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// diagram is the structure read back from the exporter's output by
// parseOutput: which subgraph each id sits in, labels, edges.
type diagram struct {
	parent map[string]string // id → enclosing subgraph id ("" at top level)
	label  map[string]string // id → decoded label (lines joined by \n)
	groups map[string]bool   // ids that are subgraphs
	edges  []parsedEdge
	order  []string // ids in order of definition
	title  string
}

type parsedEdge struct {
	from, arrow, label, to string
}

const idRE = `[A-Za-z][A-Za-z0-9_]*`

// labelRE is everything a label may contain: the harmless ASCII the
// exporter passes through, entity codes, line breaks and non-ASCII text.
const labelRE = `(?:[A-Za-z0-9 .,\-/_+=()'!?@]|#quot;|#[0-9]+;|<br/>|[^\x00-\x7f])*`

var (
	reHeader   = regexp.MustCompile(`^flowchart (TB|LR)$`)
	reTitle    = regexp.MustCompile(`^title: "[A-Za-z0-9 .,_\-()/+]*"$`)
	reSubgraph = regexp.MustCompile(`^subgraph (` + idRE + `)\["(` + labelRE + `)"\]$`)
	reNode     = regexp.MustCompile(`^(` + idRE + `)(\["|\("|\(\["|\{\{"|\[\("|\(\("|\[/")(` + labelRE + `)("\]|"\)|"\]\)|"\}\}|"\)\]|"\)\)|"\\\])$`)
	reEdge     = regexp.MustCompile(`^(` + idRE + `) (-->|<-->|-\.->|<-\.->|==>|<==>|~~~)(?:\|"(` + labelRE + `)"\|)? (` + idRE + `)$`)
	reClassDef = regexp.MustCompile(`^classDef [a-z]+ [a-z0-9:#,\-. ]+$`)
	reClass    = regexp.MustCompile(`^class (` + idRE + `(?:,` + idRE + `)*) [a-z]+$`)
	reLinks    = regexp.MustCompile(`^linkStyle (?:default|[0-9]+(?:,[0-9]+)*) [a-z0-9:#,\-. ]+$`)
	reEntity   = regexp.MustCompile(`#quot;|#[0-9]+;`)
)

// parseOutput reads a diagram the exporter wrote, failing the test on any
// line that is not one of the exporter's line forms: proof that no label
// broke out of its quotes and no name became syntax.
func parseOutput(t testing.TB, src string) *diagram {
	t.Helper()
	d := &diagram{parent: map[string]string{}, label: map[string]string{}, groups: map[string]bool{}}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	// The front matter holds the title, and nothing else.
	if len(lines) > 3 && lines[0] == "---" && reTitle.MatchString(lines[1]) && lines[2] == "---" {
		d.title = strings.TrimSuffix(strings.TrimPrefix(lines[1], `title: "`), `"`)
		lines = lines[3:]
	}
	if len(lines) == 0 || !reHeader.MatchString(lines[0]) {
		t.Fatalf("diagram does not start with a flowchart header: %q", firstLine(src))
	}
	var stack []string
	top := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1]
	}
	define := func(id, label string) {
		if _, dup := d.label[id]; dup {
			t.Errorf("id %s defined twice", id)
		}
		d.parent[id] = top()
		d.label[id] = decodeLabel(label)
		d.order = append(d.order, id)
	}
	for i, line := range lines[1:] {
		line = strings.TrimLeft(line, " ")
		switch {
		case line == "end":
			if len(stack) == 0 {
				t.Fatalf("line %d: end without subgraph", i+2)
			}
			stack = stack[:len(stack)-1]
		case reSubgraph.MatchString(line):
			m := reSubgraph.FindStringSubmatch(line)
			define(m[1], m[2])
			d.groups[m[1]] = true
			stack = append(stack, m[1])
		case reNode.MatchString(line):
			m := reNode.FindStringSubmatch(line)
			define(m[1], m[3])
		case reEdge.MatchString(line):
			m := reEdge.FindStringSubmatch(line)
			d.edges = append(d.edges, parsedEdge{from: m[1], arrow: m[2], label: decodeLabel(m[3]), to: m[4]})
		case reLinks.MatchString(line):
			// Numbered link styles hide layout-only edges or restore the
			// thick (peering) edges' width, and touch no other edge.
			if list, style, _ := strings.Cut(strings.TrimPrefix(line, "linkStyle "), " "); list != "default" {
				want := "~~~"
				if !strings.HasPrefix(style, "stroke:none") {
					want = "==>"
				}
				for _, n := range strings.Split(list, ",") {
					k, _ := strconv.Atoi(n)
					if k >= len(d.edges) || strings.Trim(d.edges[k].arrow, "<") != want {
						t.Errorf("line %d styles edge %d, which is not an invisible edge", i+2, k)
					}
				}
			}
		case reClassDef.MatchString(line), reClass.MatchString(line):
		default:
			t.Fatalf("line %d is not a line the exporter writes: %q", i+2, line)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("subgraphs left open: %v", stack)
	}
	for _, e := range d.edges {
		for _, end := range []string{e.from, e.to} {
			if _, ok := d.label[end]; !ok {
				t.Errorf("edge %s → %s names undefined id %s", e.from, e.to, end)
			}
		}
	}
	return d
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// decodeLabel undoes the exporter's encoding as Mermaid does.
func decodeLabel(s string) string {
	s = strings.ReplaceAll(s, "<br/>", "\n")
	return reEntity.ReplaceAllStringFunc(s, func(e string) string {
		if e == "#quot;" {
			return `"`
		}
		n, _ := strconv.Atoi(e[1 : len(e)-1])
		return string(rune(n))
	})
}

// find returns the ids whose label's first line is first (in order).
func (d *diagram) find(first string) []string {
	var out []string
	for _, id := range d.order {
		if line, _, _ := strings.Cut(d.label[id], "\n"); line == first {
			out = append(out, id)
		}
	}
	return out
}

// one returns the only id whose label's first line is first.
func (d *diagram) one(t testing.TB, first string) string {
	t.Helper()
	ids := d.find(first)
	if len(ids) != 1 {
		t.Fatalf("want one element labelled %q, found %d (%v)", first, len(ids), ids)
	}
	return ids[0]
}

// ancestors lists the subgraphs around id, innermost first.
func (d *diagram) ancestors(id string) []string {
	var out []string
	for p := d.parent[id]; p != ""; p = d.parent[p] {
		out = append(out, p)
	}
	return out
}

// edge returns the edges from → to.
func (d *diagram) edgesBetween(from, to string) []parsedEdge {
	var out []parsedEdge
	for _, e := range d.edges {
		if e.from == from && e.to == to {
			out = append(out, e)
		}
	}
	return out
}

// generated builds a design of n VPCs in one region, each with azs AZs
// and four tiers (public, app, data, cache), NAT per AZ, endpoints,
// security groups, workloads, all on one transit gateway with an
// on-premises network. It is valid, so the CLI would export it.
func generated(n, azs int) *design.Design {
	d := &design.Design{Version: 1, Name: "generated", Description: "generated for tests", Region: "us-east-1",
		Networks: []design.Network{{Name: "corp", CIDR: "172.16.0.0/12"}}}
	hub := design.Connection{Name: "hub", Kind: design.ConnTransitGateway, Networks: []string{"corp"}}
	for i := range n {
		name := fmt.Sprintf("vpc-%03d", i)
		v := design.VPC{
			Name: name, CIDR: fmt.Sprintf("10.%d.0.0/16", i), AZs: design.AZSpec{Count: azs},
			NAT: design.NATPerAZ, Endpoints: []string{"s3", "logs"},
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 24},
				{Name: "app", Kind: design.TierPrivate, Prefix: 22},
				{Name: "data", Kind: design.TierIsolated, Prefix: 24},
				{Name: "cache", Kind: design.TierPrivate, Prefix: 24},
			},
			SecurityGroups: []design.SecurityGroup{
				{Name: "alb", Tier: "public", Ingress: []design.Rule{{From: "internet", Ports: "443"}}},
				{Name: "app", Tier: "app", Ingress: []design.Rule{{From: "sg:alb", Ports: "8080"}, {From: "network:corp", Ports: "22"}}},
				{Name: "db", Tier: "data", Ingress: []design.Rule{{From: "sg:app", Ports: "5432"}}, Egress: []design.Rule{}},
			},
			Workloads: []design.Workload{
				{Name: "web", Kind: "alb", Tier: "public", SecurityGroup: "alb"},
				{Name: "api", Kind: "ecs", Tier: "app", SecurityGroup: "app"},
				{Name: "orders", Kind: "rds", Tier: "data", SecurityGroup: "db"},
			},
		}
		d.VPCs = append(d.VPCs, v)
		hub.VPCs = append(hub.VPCs, name)
	}
	d.Connections = []design.Connection{hub}
	return d
}

// withWorkers adds n security groups to every VPC's app tier, each open to
// the alb group on 8080: many groups in one tier, for the security view's
// tier collapse.
func withWorkers(d *design.Design, n int) *design.Design {
	for i := range d.VPCs {
		v := &d.VPCs[i]
		for k := range n {
			v.SecurityGroups = append(v.SecurityGroups, design.SecurityGroup{Name: fmt.Sprintf("worker-%d", k), Tier: "app",
				Ingress: []design.Rule{{From: "sg:alb", Ports: "8080"}}})
		}
	}
	return d
}

// hostileNames are names meant to break a diagram: Mermaid keywords and
// syntax, entity codes, HTML, directives, terminal escape sequences, bidi
// overrides, invalid UTF-8, very long and non-ASCII names.
var hostileNames = []string{
	"end", `a"b`, "x(y)", "#1", "<b>bold</b>", "😀🚀 rocket", strings.Repeat("long", 50),
	"ünïcödé 名前", "\x1b]52;c;SGVsbG8=\x07", "evil\u202Egnp.exe", `%%{init: {"theme":"dark"}}%%`,
	"`md`", "a;b", "style x:#quot;y;", "subgraph", "click", "A-->B", "o--x", "\xff\xfebad", "#quot;",
	"ﬂ°°60¶ß", "line\nbreak", "tab\there", "\u2028sep", "|pipe|", "[bracket]", "{brace}", "&amp;",
	`back\slash`, "\u0085nel\u009b31m", "end\r", "classDef", "%% comment",
}

// hostileDesign is a design whose every name, AZ, region and endpoint is
// hostile, with one VPC per hostile name (the first vpcs of them when vpcs
// is smaller). It is not valid; Render must still draw it safely.
func hostileDesign(vpcs int) *design.Design {
	h := hostileNames
	d := &design.Design{Version: 1, Name: h[0], Region: h[8]}
	for i := range 3 {
		d.Networks = append(d.Networks, design.Network{Name: h[(i*3+4)%len(h)], CIDR: h[(i+1)%len(h)]})
	}
	for i, vn := range h[:min(vpcs, len(h))] {
		at := func(k int) string { return h[(i+k)%len(h)] }
		v := design.VPC{
			Name: vn, Region: at(3), CIDR: fmt.Sprintf("10.%d.0.0/16", i),
			AZs: design.AZSpec{Names: []string{at(1), at(2)}}, NAT: design.NATPerAZ,
			Endpoints: []string{"s3", at(5)},
			Tiers: []design.Tier{
				{Name: at(6), Kind: design.TierPublic, Prefix: 24},
				{Name: at(7), Kind: design.TierPrivate, Prefix: 24},
				{Name: at(8), Kind: design.TierIsolated, Subnets: []design.Subnet{{AZ: at(1), CIDR: fmt.Sprintf("10.%d.200.0/24", i)}, {AZ: at(9), CIDR: at(10)}}},
			},
			SecurityGroups: []design.SecurityGroup{
				{Name: at(11), Tier: at(6), Ingress: []design.Rule{{From: "internet", Ports: "443"}, {From: "sg:" + at(12) + "/" + at(13), Ports: at(14)}}},
				{Name: at(15), Tier: at(7), Ingress: []design.Rule{{From: "sg:" + at(11), Ports: "8080", Protocol: at(16)}, {From: "tier:" + at(8), Ports: "all"}}},
				{Name: at(17), Tier: at(18), Egress: []design.Rule{{To: "vpc:" + at(19), Ports: "5432"}, {To: "network:" + at(20), Ports: "1-2"}, {To: at(21)}}},
			},
			Workloads: []design.Workload{{Name: at(22), Kind: design.WorkloadKind(at(23)), Tier: at(6), SecurityGroup: at(11)}},
		}
		d.VPCs = append(d.VPCs, v)
	}
	for i := range 8 {
		at := func(k int) string { return h[(i+k)%len(h)] }
		d.Connections = append(d.Connections,
			design.Connection{Name: at(0), Kind: design.ConnPeering, VPCs: []string{at(1), at(2)}},
			design.Connection{Name: at(3), Kind: design.ConnTransitGateway, VPCs: []string{at(4), at(5)}, Networks: []string{h[4], at(6)}},
			design.Connection{Name: at(7), Kind: design.ConnPrivateLink, Provider: at(8), Consumer: at(9), Port: 443},
			design.Connection{Name: at(10), Kind: design.ConnVPN, VPC: at(11), Network: h[7]},
		)
	}
	return d
}

// exact returns the only id whose whole label (lines joined by \n) is label.
func (d *diagram) exact(t testing.TB, label string) string {
	t.Helper()
	var out []string
	for _, id := range d.order {
		if d.label[id] == label {
			out = append(out, id)
		}
	}
	if len(out) != 1 {
		t.Fatalf("want one element labelled %q, found %v", label, out)
	}
	return out[0]
}
