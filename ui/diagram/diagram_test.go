package diagram

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

func build(t testing.TB, d *design.Design, width int) *Doc {
	l := design.Resolve(d)
	ix := edit.NewPathIndex(d, l)
	marks := Marks{}
	for _, f := range design.ValidateLayout(l) {
		if r, ok := ix.Lookup(f.Path); ok {
			marks[r] = max(marks[r], int(f.Severity)+1)
		}
	}
	return Build(Input{Design: d, Layout: l, Marks: marks, Width: width})
}

func all(doc *Doc) string {
	w, h := doc.Size()
	return strings.Join(doc.Render(styles.Plain(), edit.Ref{}, 0, 0, w, h), "\n")
}

func TestReferenceDiagram(t *testing.T) {
	doc := build(t, fixture.Reference(t), 200)
	out := all(doc)
	for _, want := range []string{
		"10.0.0.0/16 + 100.64.0.0/16 · us-east-1 · 3 AZs · NAT per-az · flow logs",
		"⇅ internet gateway",
		"10.0.16.0/20", "4,091 IPs ENI×4 ▪api", // carved app subnet, its ENIs and workload
		"251 IPs NAT ▪web", // NAT in each AZ's public subnet (per-az)
		"◁ s3", "◁ dynamodb",
		"internet ─443→ alb ─8080→ app ─5432→ db", // the security-group chain
		"network:corp ─8000-8100→ app",
		"vpc:prod ─443→ payments",
		"prod ⇄ shared", "hub for shared, dev · VPN to corp", "prod → shared :443", "prod ⇄ corp",
		"172.16.0.0/12 · via hub, corp-vpn",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diagram lacks %q", want)
		}
	}
	// Single NAT: only the first AZ's public subnet holds it.
	if n := strings.Count(out, "251 IPs NAT"); n != 4 {
		t.Errorf("%d public subnets with NAT, want 3 (prod, per-az) + 1 (shared, single)", n)
	}
	// The warning on shared is marked on the VPC without colour.
	if !strings.Contains(out, "▲ shared") {
		t.Error("VPC shared's warning has no glyph")
	}
}

func TestFindingsMarkCells(t *testing.T) {
	d := fixture.Reference(t)
	if err := edit.SetSubnetCIDR(d, 0, 1, "us-east-1a", "10.0.0.0/24"); err != nil {
		t.Fatal(err)
	}
	out := all(build(t, d, 200))
	if !strings.Contains(out, "✗ 10.0.0.0/24") {
		t.Errorf("the overlapping subnet is not marked:\n%s", out)
	}
	if !strings.Contains(out, "prod  ✗") {
		t.Error("the VPC header does not count the error inside")
	}
}

func TestNavigation(t *testing.T) {
	doc := build(t, fixture.Reference(t), 200)
	if doc.First() != (edit.Ref{Kind: edit.DesignKind}) {
		t.Errorf("first = %+v", doc.First())
	}
	vpc := edit.Ref{Kind: edit.VPC, V: 0}
	tier := doc.Move(vpc, Down, 0)
	if tier != (edit.Ref{Kind: edit.Tier, V: 0, T: 0}) {
		t.Fatalf("down from the VPC = %+v", tier)
	}
	cell := doc.Move(tier, Right, 0)
	if cell != (edit.Ref{Kind: edit.Subnet, V: 0, T: 0, AZ: "us-east-1a"}) {
		t.Fatalf("right from the tier = %+v", cell)
	}
	it, _ := doc.Rect(doc.Move(cell, Right, 0))
	down := doc.Move(doc.Move(cell, Right, 0), Down, it.X+2)
	if down != (edit.Ref{Kind: edit.Subnet, V: 0, T: 1, AZ: "us-east-1b"}) {
		t.Errorf("down from public/1b = %+v, want app/1b (same column)", down)
	}
	if got := doc.Move(doc.First(), Up, 0); got != doc.First() {
		t.Errorf("up from the top moved to %+v", got)
	}
	if got := doc.NextOfKind(vpc, edit.VPC, true); got != (edit.Ref{Kind: edit.VPC, V: 1}) {
		t.Errorf("next VPC = %+v", got)
	}
	// Every element is reachable with the arrows, and the hit test finds
	// each where it is drawn.
	seen := map[edit.Ref]bool{}
	for _, it := range doc.Items() {
		seen[it.Ref] = true
		if got, ok := doc.HitTest(it.X, it.Y); !ok || got != it.Ref {
			t.Errorf("HitTest(%d,%d) = %+v, want %+v", it.X, it.Y, got, it.Ref)
		}
	}
	for _, want := range []edit.Ref{{Kind: edit.SG, V: 0, G: 2}, {Kind: edit.Conn, I: 3}, {Kind: edit.Network, I: 0}, {Kind: edit.Subnet, V: 2, T: 0, AZ: "us-east-1b"}} {
		if !seen[want] {
			t.Errorf("%+v is not selectable", want)
		}
	}
	if _, ok := doc.HitTest(0, 3); ok {
		t.Error("a blank cell hit an element")
	}
}

func TestNearestAfterRemoval(t *testing.T) {
	d := fixture.Reference(t)
	gone := edit.Ref{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1c"}
	d.VPCs[0].Tiers = d.VPCs[0].Tiers[:2]
	doc := build(t, d, 200)
	if got := doc.Nearest(gone); got != (edit.Ref{Kind: edit.VPC, V: 0}) {
		t.Errorf("nearest to a removed tier's subnet = %+v", got)
	}
	if got := doc.Nearest(edit.Ref{Kind: edit.Conn, I: 9}); got.Kind != edit.Conn && got.Kind != edit.Network {
		t.Errorf("nearest to a removed connection = %+v", got)
	}
}

// TestRenderWindow: every rendered line is exactly the window's width,
// the window can start anywhere, and scrolling right shows the right part.
func TestRenderWindow(t *testing.T) {
	doc := build(t, fixture.Reference(t), 200)
	w, h := doc.Size()
	for _, win := range [][4]int{{0, 0, 40, 10}, {30, 5, 50, 20}, {w - 5, h - 3, 30, 10}, {0, h + 10, 20, 5}} {
		lines := doc.Render(styles.New(true, true), edit.Ref{Kind: edit.VPC}, win[0], win[1], win[2], win[3])
		if len(lines) != win[3] {
			t.Errorf("window %v: %d lines", win, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) != win[2] {
				t.Errorf("window %v: line %q is %d wide", win, ansi.Strip(l), ansi.StringWidth(l))
			}
		}
	}
	full := strings.Split(all(doc), "\n")
	part := doc.Render(styles.Plain(), edit.Ref{}, 10, 4, 30, 1)[0]
	// Cut on both sides: the edges say so (issue 15: no sign of more).
	if want := "‹" + ansi.Cut(full[4], 11, 39) + "›"; part != want {
		t.Errorf("window line = %q, want %q", part, want)
	}
}

// TestRenderSignOfMore: a line cut at the right edge ends in ›, one cut on
// the left starts with ‹, and a line that fits, or whose cut-off part is
// blank, has neither.
func TestRenderSignOfMore(t *testing.T) {
	doc := build(t, fixture.Reference(t), 200)
	full := strings.Split(all(doc), "\n")
	lines := doc.Render(styles.Plain(), edit.Ref{}, 0, 0, 60, len(full))
	cut, whole := 0, 0
	for i, l := range lines {
		rest := strings.TrimSpace(ansi.Cut(full[i], 60, 1000))
		switch {
		case rest != "" && !strings.HasSuffix(l, "›"):
			t.Errorf("line %d is cut with no sign: %q", i, l)
		case rest == "" && strings.HasSuffix(l, "›"):
			t.Errorf("line %d fits but ends in ›: %q", i, l)
		case rest != "":
			cut++
		default:
			whole++
		}
		if strings.HasPrefix(l, "‹") {
			t.Errorf("line %d is not scrolled but starts with ‹", i)
		}
	}
	if cut == 0 || whole == 0 {
		t.Fatalf("the fixture at 60 columns has %d cut and %d whole lines; want both", cut, whole)
	}
	scrolled := doc.Render(styles.Plain(), edit.Ref{}, 8, 4, 60, 1)[0]
	if !strings.HasPrefix(scrolled, "‹") {
		t.Errorf("scrolled right 8: %q does not start with ‹", scrolled)
	}
}

// TestHostileNamesAreSanitized draws a design whose every name carries
// escape sequences, bidi overrides and invalid UTF-8: with plain styles
// the output must hold no control character at all.
func TestHostileNamesAreSanitized(t *testing.T) {
	d := fixture.Reference(t)
	evil := "x\x1b]0;pwned\x07\u202e\u009b31m\xff"
	d.Name, d.Description, d.Region = evil, evil, evil
	for vi := range d.VPCs {
		v := &d.VPCs[vi]
		v.Name, v.CIDR = evil+"v", evil
		v.SecondaryCIDRs = []string{evil}
		v.Endpoints = append(v.Endpoints, evil, "s3")
		for ti := range v.Tiers {
			v.Tiers[ti].Name, v.Tiers[ti].Kind = evil+"t", design.TierKind(evil)
			v.Tiers[ti].AZs = []string{evil}
			v.Tiers[ti].Subnets = append(v.Tiers[ti].Subnets, design.Subnet{AZ: evil, CIDR: evil})
		}
		for gi := range v.SecurityGroups {
			g := &v.SecurityGroups[gi]
			g.Name = evil + "g"
			g.Ingress = append(g.Ingress, design.Rule{From: evil, Ports: evil, Protocol: evil})
		}
		for wi := range v.Workloads {
			v.Workloads[wi].Name = evil
		}
		v.NAT = design.NATMode(evil)
	}
	for i := range d.Connections {
		c := &d.Connections[i]
		c.Name, c.Kind = evil, design.ConnectionKind(evil)
		c.VPCs, c.Networks, c.Provider, c.Consumer, c.VPC, c.Network = []string{evil}, []string{evil}, evil, evil, evil, evil
	}
	d.Networks[0].Name, d.Networks[0].CIDR = evil, evil
	out := all(build(t, d, 200))
	for _, r := range out {
		if r != '\n' && !safeRune(r) {
			t.Fatalf("the diagram holds %U", r)
		}
	}
}

func safeRune(r rune) bool {
	return !(r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e || r == 0x2066)
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 251: "251", 4091: "4,091", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q", n, got)
		}
	}
}

// BenchmarkRender draws one screen of a 5,000-subnet diagram: the cost of
// a cursor move's View.
func BenchmarkRender5000(b *testing.B) {
	doc := build(b, fixture.Big(b, 5000), 140)
	st := styles.New(true, true)
	sel := edit.Ref{Kind: edit.Subnet, V: 80, T: 3, AZ: "us-east-1b"}
	it, _ := doc.Rect(sel)
	for b.Loop() {
		doc.Render(st, sel, 0, it.Y-20, 140, 50)
	}
}

func BenchmarkBuild5000(b *testing.B) {
	d := fixture.Big(b, 5000)
	l := design.Resolve(d)
	for b.Loop() {
		Build(Input{Design: d, Layout: l, Width: 140})
	}
}

// TestCacheDrawsWhatABuildDraws edits a design step by step, telling the
// cache which VPCs each step changed, and checks that the diagram built
// with the cache equals one built from scratch.
func TestCacheDrawsWhatABuildDraws(t *testing.T) {
	d := fixture.Reference(t)
	var cache Cache
	none := []int{}
	steps := []struct {
		edit  func(d *design.Design)
		dirty []int // nil: all
		width int
	}{
		{func(d *design.Design) {}, nil, 200},
		{func(d *design.Design) {}, none, 200},
		{func(d *design.Design) { edit.CycleNAT(d, 1) }, []int{1}, 200},
		{func(d *design.Design) { edit.SetSubnetCIDR(d, 0, 1, "us-east-1a", "10.0.0.0/24") }, []int{0}, 200}, // an error in prod
		{func(d *design.Design) { edit.RenameSG(d, 0, 0, "lb") }, nil, 200},
		{func(d *design.Design) { edit.AddVPC(d, 0, "mid") }, nil, 200}, // shifts the indices of later VPCs
		{func(d *design.Design) { edit.RemoveVPC(d, 1) }, none, 200},    // a caller that forgot: the names differ
		{func(d *design.Design) { edit.RemoveVPC(d, 0) }, nil, 200},
		{func(d *design.Design) { edit.SetVPCCIDR(d, 0, "10.0.0.0/16") }, []int{0}, 200}, // now overlaps another VPC: marks elsewhere
		{func(d *design.Design) {}, none, 120},                                           // a narrower pane
		{func(d *design.Design) { d.Region = "eu-west-1" }, none, 120},                   // the design's region: every VPC's
		{func(d *design.Design) { edit.ToggleFlowLogs(d, 1) }, []int{1}, 120},
	}
	sel := edit.Ref{Kind: edit.Subnet, V: 1, T: 0, AZ: "us-east-1a"}
	for i, step := range steps {
		d = d.Clone()
		step.edit(d)
		l := design.Resolve(d)
		ix := edit.NewPathIndex(d, l)
		marks := Marks{}
		for _, f := range design.ValidateLayout(l) {
			if r, ok := ix.Lookup(f.Path); ok {
				marks[r] = max(marks[r], int(f.Severity)+1)
			}
		}
		var dirty []bool
		if step.dirty != nil {
			dirty = make([]bool, len(d.VPCs))
			for _, vi := range step.dirty {
				dirty[vi] = true
			}
		}
		cached := Build(Input{Design: d, Layout: l, Marks: marks, Width: step.width, Cache: &cache, Dirty: dirty})
		fresh := Build(Input{Design: d, Layout: l, Marks: marks, Width: step.width})
		w, h := fresh.Size()
		cw, ch := cached.Size()
		if cw != w || ch != h {
			t.Fatalf("step %d: cached size %dx%d, fresh %dx%d", i, cw, ch, w, h)
		}
		a := strings.Join(cached.Render(styles.Plain(), sel, 0, 0, w, h), "\n")
		b := strings.Join(fresh.Render(styles.Plain(), sel, 0, 0, w, h), "\n")
		if a != b {
			t.Fatalf("step %d: the cached diagram differs:\n%s\n---\n%s", i, a, b)
		}
		if got, want := cached.Items(), fresh.Items(); len(got) != len(want) {
			t.Fatalf("step %d: %d items cached, %d fresh", i, len(got), len(want))
		} else {
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("step %d: item %d is %+v cached, %+v fresh", i, j, got[j], want[j])
				}
				if r, ok := cached.HitTest(got[j].X, got[j].Y); !ok || r != got[j].Ref {
					t.Fatalf("step %d: hit test at item %d finds %+v", i, j, r)
				}
			}
		}
	}
}

func BenchmarkBuildCached5000(b *testing.B) {
	d := fixture.Big(b, 5000)
	l := design.Resolve(d)
	var c Cache
	Build(Input{Design: d, Layout: l, Width: 140, Cache: &c})
	dirty := make([]bool, len(d.VPCs))
	dirty[len(dirty)/2] = true
	for b.Loop() {
		Build(Input{Design: d, Layout: l, Width: 140, Cache: &c, Dirty: dirty})
	}
}

// BenchmarkBuildEdit100k is the diagram's part of an edit of one VPC at
// 100,000 subnets (internal/gen's design): the last diagram patched.
func BenchmarkBuildEdit100k(b *testing.B) {
	d := gen.Design(gen.ForSubnets(100_000))
	l := design.Resolve(d)
	var c Cache
	Build(Input{Design: d, Layout: l, Width: 140, Cache: &c})
	dirty := make([]bool, len(d.VPCs))
	dirty[len(dirty)/2] = true
	b.ReportAllocs()
	for b.Loop() {
		Build(Input{Design: d, Layout: l, Width: 140, Cache: &c, Dirty: dirty})
	}
}

// TestCacheRandomEdits makes random edits to a generated design, telling
// the cache which VPCs each changed (and whether connections did), and
// checks every diagram against one built from scratch: the patched ones
// (a VPC that kept its size), and those placed again in order.
func TestCacheRandomEdits(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 30, Tiers: 3, AZs: 2})
	rng := rand.New(rand.NewPCG(7, 7))
	var cache Cache
	width := 160
	for step := range 300 {
		d = d.Clone()
		vi := rng.IntN(len(d.VPCs))
		dirty, conns := make([]bool, len(d.VPCs)), false
		dirty[vi] = true
		switch rng.IntN(12) {
		case 0:
			edit.CycleNAT(d, vi)
		case 1:
			edit.ToggleFlowLogs(d, vi)
		case 2:
			_ = edit.StepTierPrefix(d, vi, rng.IntN(len(d.VPCs[vi].Tiers)), 1-2*rng.IntN(2))
		case 3:
			edit.CycleTierKind(d, vi, 0)
		case 4:
			_ = edit.AddRule(d, vi, 0, true, fmt.Sprintf("10.%d.0.0/16 %d", rng.IntN(9), 1+rng.IntN(9000)))
		case 5:
			_, _ = edit.AddSG(d, vi, -1, fmt.Sprintf("g%d", step), d.VPCs[vi].Tiers[0].Name)
		case 6:
			_, _ = edit.AddTier(d, vi, 0, fmt.Sprintf("t%d", step)) // a taller box
		case 7:
			_ = edit.ToggleEndpoint(d, vi, "dynamodb")
		case 8: // an overlap: marks on other VPCs too
			_ = edit.SetSubnetCIDR(d, vi, 0, "us-east-1a", d.VPCs[(vi+1)%len(d.VPCs)].CIDR)
		case 9:
			dirty[vi] = false
			conns = true
			if rng.IntN(2) == 0 && len(d.Connections) > 1 {
				edit.RemoveConnection(d, rng.IntN(len(d.Connections)))
			} else {
				_, _ = edit.AddConnection(d, fmt.Sprintf("c%d", step), design.ConnPeering)
			}
		case 10:
			dirty[vi] = false
			width = 100 + rng.IntN(120)
		default:
			dirty[vi] = false // nothing changed
		}
		l := design.Resolve(d)
		ix := edit.NewPathIndex(d, l)
		marks := Marks{}
		for _, f := range design.ValidateLayout(l) {
			if r, ok := ix.Lookup(f.Path); ok {
				marks[r] = max(marks[r], int(f.Severity)+1)
			}
		}
		cached := Build(Input{Design: d, Layout: l, Marks: marks, Width: width, Cache: &cache, Dirty: dirty, ConnsDirty: conns})
		fresh := Build(Input{Design: d, Layout: l, Marks: marks, Width: width})
		sameDoc(t, fmt.Sprintf("step %d", step), cached, fresh, edit.Ref{Kind: edit.Subnet, V: vi, T: 0, AZ: "us-east-1a"})
	}
}

// sameDoc checks that two diagrams draw, place and find the same.
func sameDoc(t *testing.T, what string, got, want *Doc, sel edit.Ref) {
	t.Helper()
	w, h := want.Size()
	if gw, gh := got.Size(); gw != w || gh != h {
		t.Fatalf("%s: size %dx%d, want %dx%d", what, gw, gh, w, h)
	}
	a := strings.Join(got.Render(styles.Plain(), sel, 0, 0, w, h), "\n")
	b := strings.Join(want.Render(styles.Plain(), sel, 0, 0, w, h), "\n")
	if a != b {
		t.Fatalf("%s: the diagrams differ:\n%s\n---\n%s", what, a, b)
	}
	gi, wi := got.Items(), want.Items()
	if len(gi) != len(wi) {
		t.Fatalf("%s: %d items, want %d", what, len(gi), len(wi))
	}
	for j := range gi {
		if gi[j] != wi[j] {
			t.Fatalf("%s: item %d is %+v, want %+v", what, j, gi[j], wi[j])
		}
		if r, ok := got.HitTest(gi[j].X, gi[j].Y); !ok || r != gi[j].Ref {
			t.Fatalf("%s: the hit test at item %d finds %+v", what, j, r)
		}
		if it, ok := got.Rect(gi[j].Ref); !ok || it != gi[j] {
			t.Fatalf("%s: Rect(%+v) = %+v", what, gi[j].Ref, it)
		}
	}
}
