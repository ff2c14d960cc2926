package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// routingOptions opens design/testdata/routing.yaml: an inspection hub
// whose transit gateway has custom route tables (spokes, firewall).
func routingOptions(t testing.TB) Options {
	t.Helper()
	const path = "../design/testdata/routing.yaml"
	d, err := design.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Path: path, Design: d}
}

// TestTopologyCursor: down from the diagram's last element the cursor
// goes into the topology drawing and walks its nodes and edges; the
// inspector follows each (the hub's connection, a VPC, a network), the
// token under the cursor is scrolled into view, w asks who reaches the
// element under it, and up from the drawing's first line leaves it.
func TestTopologyCursor(t *testing.T) {
	tt := newTester(t, routingOptions(t), 120, 40)
	m := tt.m
	last := m.doc.Last()
	m.selectRef(last)
	tt.keys("<down>")
	hub := edit.Ref{Kind: edit.Conn, I: 0}
	if !m.inTopo() || m.sel != hub || m.inspector.Ref() != hub {
		t.Fatalf("down from the last element: sel %v, inspector %v, in the drawing %v; want the hub", m.sel, m.inspector.Ref(), m.inTopo())
	}
	steps := []struct {
		key  string
		want edit.Ref
	}{
		{"<down>", edit.Ref{Kind: edit.VPC, V: 0}},  // ├── [inspection]
		{"<down>", edit.Ref{Kind: edit.VPC, V: 1}},  // ├── [spoke-a]
		{"<down>", edit.Ref{Kind: edit.VPC, V: 2}},  // ├── [spoke-b]
		{"<down>", edit.Ref{Kind: edit.Network}},    // ├── (datacenter) via VPN
		{"<down>", hub},                             // ├┄ [spokes]
		{"<right>", edit.Ref{Kind: edit.VPC, V: 1}}, // its first association
		{"<down>", edit.Ref{Kind: edit.VPC, V: 0}},  // └┄ [firewall] [inspection]
	}
	for _, s := range steps {
		tt.keys(s.key)
		if m.sel != s.want || m.inspector.Ref() != s.want || !m.inTopo() {
			t.Fatalf("after %s: sel %v, inspector %v (in the drawing %v), want %v", s.key, m.sel, m.inspector.Ref(), m.inTopo(), s.want)
		}
		it, _ := m.doc.TopoRect(m.topo)
		if r := m.layoutRects().diagram; it.Y < m.scrollY || it.Y >= m.scrollY+r.h {
			t.Fatalf("after %s: the cursor's line %d is off the diagram (scrolled to %d, %d lines)", s.key, it.Y, m.scrollY, r.h)
		}
	}
	if !strings.Contains(tt.screen(), "└┄ [firewall] [inspection] → [spoke-a] [spoke-b] (datacenter)") {
		t.Errorf("the firewall segment is not on screen:\n%s", tt.screen())
	}
	tt.keys("w")
	if rm, ok := m.modal.(*reachModal); !ok || rm.target != (edit.Ref{Kind: edit.VPC, V: 0}) {
		t.Fatalf("w in the drawing opens %T %+v, want who reaches VPC inspection", m.modal, m.modal)
	}
	tt.keys("<esc>")
	for range 6 { // to the hub, the drawing's first line
		tt.keys("<up>")
	}
	if m.sel != hub || !m.inTopo() {
		t.Fatalf("up to the drawing's first line: sel %v, want the hub", m.sel)
	}
	tt.keys("<up>")
	if m.inTopo() || m.sel != last {
		t.Errorf("up from the drawing's first line: sel %v (in the drawing %v), want %v", m.sel, m.inTopo(), last)
	}
	tt.keys("<up>")
	if m.sel == last || m.inTopo() {
		t.Errorf("up from the list's last element stays at %v", m.sel)
	}
}

// TestGoldenTopologyRouting: the routing design's topology with its route
// tables' segments, the cursor on the spokes table, at three sizes.
func TestGoldenTopologyRouting(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, routingOptions(t), size.w, size.h)
		tt.m.selectRef(tt.m.doc.Last())
		tt.keys("<down><down><down><down><down><down>")
		if !tt.m.inTopo() {
			t.Fatalf("%dx%d: the cursor is not in the drawing", size.w, size.h)
		}
		tt.golden(fmt.Sprintf("topology-routing-%dx%d", size.w, size.h))
	}
}
