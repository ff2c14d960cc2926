package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// screenAt returns the cell of the first screen line holding line, where
// its text tok starts.
func screenAt(t *testing.T, tt *tester, line, tok string) (x, y int) {
	t.Helper()
	for y, l := range strings.Split(tt.screen(), "\n") {
		if i := strings.Index(l, line); i >= 0 {
			if j := strings.Index(l[i:], tok); j >= 0 {
				return ansi.StringWidth(l[:i+j]), y
			}
		}
	}
	t.Fatalf("no %q with %q on screen:\n%s", line, tok, tt.screen())
	return 0, 0
}

// TestTopologyClick: a click on a node or an edge of the topology drawing
// puts the cursor there as the movement keys would (issue 15, navigable):
// the element it names is selected, the movement keys go on from that
// token, and a click elsewhere in the diagram leaves the drawing.
func TestTopologyClick(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, routingOptions(t), size[0], size[1])
		m := tt.m
		m.selectRef(m.doc.Last())
		tt.keys("<down><down><down><down><down><down>") // the drawing in view, the cursor on [spokes]
		x, y := screenAt(t, tt, "├┄ [spokes]", "[spoke-b]")
		tt.send(tea.MouseClickMsg{X: x + 1, Y: y, Button: tea.MouseLeft})
		spokeB := edit.Ref{Kind: edit.VPC, V: 2}
		if !m.inTopo() || m.sel != spokeB || m.inspector.Ref() != spokeB {
			t.Fatalf("%v: click on [spoke-b] of the spokes segment: sel %v, in the drawing %v; want VPC spoke-b", size, m.sel, m.inTopo())
		}
		tt.golden(fmt.Sprintf("topology-click-%dx%d", size[0], size[1]))
		tt.keys("<right>") // the next token of the same line: (datacenter)
		if m.sel != (edit.Ref{Kind: edit.Network}) || !m.inTopo() {
			t.Errorf("%v: right after the click: sel %v, want network datacenter", size, m.sel)
		}

		x, y = screenAt(t, tt, "◆ hub", "◆ hub")
		tt.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		if hub := (edit.Ref{Kind: edit.Conn, I: 0}); m.sel != hub || !m.inTopo() {
			t.Errorf("%v: click on the hub: sel %v (in the drawing %v), want the hub", size, m.sel, m.inTopo())
		}
		// spoke-b's box, the cursor on spoke-b in the drawing: selected
		// still, but the cursor is no longer in the drawing.
		x, y = screenAt(t, tt, "├┄ [spokes]", "[spoke-b]")
		tt.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		it, ok := m.doc.Rect(spokeB)
		if !ok || !m.inTopo() {
			t.Fatalf("%v: no rect for spoke-b, or the click did not enter the drawing", size)
		}
		m.scrollX, m.scrollY = 0, it.Y
		m.clampScroll()
		r := m.layoutRects().diagram
		tt.send(tea.MouseClickMsg{X: r.x + it.X + 1 - m.scrollX, Y: r.y + it.Y - m.scrollY, Button: tea.MouseLeft})
		if m.inTopo() || m.sel != spokeB {
			t.Errorf("%v: click on spoke-b's box: sel %v, in the drawing %v; want spoke-b outside it", size, m.sel, m.inTopo())
		}
	}
}
