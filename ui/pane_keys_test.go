package ui

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestPaneKeysFallThrough: a focused pane keeps the keys it uses and
// gives the others to the diagram, with the focus (issue 15, no modal
// traps): after adding a VPC the inspector has the focus, and a adds the
// next one at once instead of doing nothing; j still moves between the
// inspector's fields; in the problems pane, ] moves the diagram's
// selection.
func TestPaneKeysFallThrough(t *testing.T) {
	for _, size := range fixSizes {
		tt := newTester(t, Options{Path: "/work/empty.yaml", Design: &design.Design{Version: design.FormatVersion, Name: "lab", Region: "us-east-1"}}, size[0], size[1])
		tt.keys("avprod<enter>")
		if tt.m.focus != focusInspector || len(tt.m.d.VPCs) != 1 {
			t.Fatalf("%v: after adding prod: focus %v, %d VPCs; want the inspector on the new VPC", size, tt.m.focus, len(tt.m.d.VPCs))
		}
		tt.keys("j")
		if tt.m.focus != focusInspector {
			t.Fatalf("%v: j left the inspector", size)
		}
		tt.keys("avdev<enter>")
		if len(tt.m.d.VPCs) != 2 || tt.m.d.VPCs[1].Name != "dev" {
			t.Fatalf("%v: a in the inspector added no VPC: %d VPCs", size, len(tt.m.d.VPCs))
		}
		fixGolden(tt, "pane-keys-fall-through")
		tt.keys("<esc>[") // the diagram: the previous VPC
		if tt.m.focus != focusDiagram || tt.m.sel.V != 0 {
			t.Errorf("%v: [ after esc: focus %v, sel %+v", size, tt.m.focus, tt.m.sel)
		}
		tt.m.showPane(focusProblems)
		tt.keys("]")
		if tt.m.focus != focusDiagram || tt.m.sel.V != 1 {
			t.Errorf("%v: ] in the problems pane: focus %v, sel %+v; want the diagram on dev", size, tt.m.focus, tt.m.sel)
		}
	}
}
