package diagram

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// routingDesign is design/testdata/routing.yaml: an inspection hub whose
// transit gateway has two route tables (spokes, firewall).
func routingDesign(t testing.TB) *design.Design {
	t.Helper()
	d, err := design.Load("../../design/testdata/routing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// topoLines returns the drawing's lines, plain.
func topoLines(t testing.TB, doc *Doc) []string {
	t.Helper()
	y, ok := doc.TopologyY()
	if !ok {
		t.Fatal("no topology")
	}
	w, h := doc.Size()
	b, _ := doc.topo()
	return doc.Render(styles.Plain(), edit.Ref{}, 0, y, w, min(b.height(), h-y))
}

func TestTopologySegments(t *testing.T) {
	doc := build(t, routingDesign(t), 200)
	s := strings.Join(topoLines(t, doc), "\n")
	for _, want := range []string{
		"◆ hub (transit gateway hub)",
		"  ├── [inspection]", "  ├── (datacenter) via VPN",
		"  ├┄ [spokes] [spoke-a] [spoke-b] (datacenter) → [inspection] ✕10.3.0.0/16",
		"  └┄ [firewall] [inspection] → [spoke-a] [spoke-b] (datacenter)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("topology lacks %q:\n%s", want, s)
		}
	}
}

// TestTopologySegmentsWithin80: a route table naming more attachments than
// 80 columns hold is cut with the count of what is left.
func TestTopologySegmentsWithin80(t *testing.T) {
	d := routingDesign(t)
	rt := &d.Connections[0].RouteTables[0]
	for i := range 30 {
		rt.Associations = append(rt.Associations, "vpc:spoke-"+strings.Repeat("x", i%5)+string(rune('a'+i%26)))
	}
	cut := 0
	for _, l := range topoLines(t, build(t, d, 200)) {
		l = strings.TrimRight(l, " ")
		if w := safe.Width(l); w > 80 {
			t.Errorf("a topology line is %d cells wide, over 80: %q", w, l)
		}
		if strings.Contains(l, "[spokes]") {
			if !strings.Contains(l, " …+") {
				t.Errorf("the cut segment has no sign of more: %q", l)
			}
			cut++
		}
	}
	if cut != 1 {
		t.Errorf("%d spokes segments, want 1", cut)
	}
}

// TestTopologySegmentMarked: validation's warning about the spokes table's
// blackhole route marks the spokes segment (found by where the finding is
// written), not the firewall table's.
func TestTopologySegmentMarked(t *testing.T) {
	d := routingDesign(t)
	l := design.Resolve(d)
	ix := edit.NewPathIndex(d, l)
	marks := Marks{}
	found := false
	for _, f := range design.ValidateLayout(l) {
		r, ok := ix.Lookup(f.Path)
		if !ok {
			continue
		}
		marks[r] = max(marks[r], int(f.Severity)+1)
		if ti, ok := FindingTable(d, &f, r); ok {
			sr := SegmentMark(r.I, ti)
			marks[sr] = max(marks[sr], int(f.Severity)+1)
			found = found || f.Code == "route-blackhole" && ti == 0
		}
	}
	if !found {
		t.Fatal("the route-blackhole finding is not placed on table spokes")
	}
	doc := Build(Input{Design: d, Layout: l, Marks: marks, Width: 200})
	var spokes, firewall string
	for _, line := range topoLines(t, doc) {
		switch {
		case strings.Contains(line, "[spokes]"):
			spokes = line
		case strings.Contains(line, "[firewall]"):
			firewall = line
		}
	}
	if !strings.Contains(spokes, styles.GlyphWarning+" ") {
		t.Errorf("the spokes segment is not marked with a warning: %q", spokes)
	}
	if strings.Contains(firewall, styles.GlyphWarning) || strings.Contains(firewall, styles.GlyphError) {
		t.Errorf("the firewall segment is marked: %q", firewall)
	}
}

// TestTopologyNav: the cursor enters the drawing, moves between its
// tokens, and each token selects its element: a VPC node the VPC, a
// network node the network, a hub or route table the connection.
func TestTopologyNav(t *testing.T) {
	d := routingDesign(t)
	doc := build(t, d, 200)
	cur, ok := doc.TopoEnter(0)
	if !ok {
		t.Fatal("TopoEnter: no token")
	}
	ref := func() edit.Ref {
		r, ok := doc.TopoRef(d, cur)
		if !ok {
			t.Fatalf("no token at %+v", cur)
		}
		return r
	}
	if r := ref(); r != (edit.Ref{Kind: edit.Conn, I: 0}) {
		t.Errorf("entering selects %v, want the hub", r)
	}
	move := func(dir Dir) {
		t.Helper()
		it, _ := doc.TopoRect(cur)
		var ok bool
		if cur, ok = doc.TopoMove(cur, dir, it.X); !ok {
			t.Fatalf("move %v left the drawing", dir)
		}
	}
	move(Down) // ├── [inspection]
	if r := ref(); r != (edit.Ref{Kind: edit.VPC, V: 0}) {
		t.Errorf("the first branch selects %v, want VPC inspection", r)
	}
	move(Down)
	move(Down)
	move(Down) // ├── (datacenter) via VPN
	if r := ref(); r != (edit.Ref{Kind: edit.Network, I: 0}) {
		t.Errorf("the VPN branch selects %v, want network datacenter", r)
	}
	move(Down) // the spokes segment, its label
	if r := ref(); r != (edit.Ref{Kind: edit.Conn, I: 0}) {
		t.Errorf("the spokes segment selects %v, want the hub", r)
	}
	move(Right) // [spoke-a]
	move(Right) // [spoke-b]
	if r := ref(); r != (edit.Ref{Kind: edit.VPC, V: 2}) {
		t.Errorf("the second association selects %v, want VPC spoke-b", r)
	}
	it, _ := doc.TopoRect(cur)
	w, h := doc.Size()
	lines := doc.RenderCursor(styles.New(true, true), ref(), cur, 0, 0, w, h)
	plain := doc.Render(styles.New(true, true), ref(), 0, 0, w, h)
	if lines[it.Y] == plain[it.Y] {
		t.Error("the token under the cursor is drawn as any other")
	}
	if got := safe.Cut(doc.RenderCursor(styles.Plain(), ref(), cur, 0, 0, w, h)[it.Y], it.X, it.X+it.W); got != "[spoke-b]" {
		t.Errorf("TopoRect is over %q, want [spoke-b]", got)
	}
	for range 10 {
		move(Up)
		if cur.Line == 1 {
			break
		}
	}
	if _, ok := doc.TopoMove(cur, Up, 0); ok {
		t.Error("up from the drawing's first line stays in it")
	}
}
