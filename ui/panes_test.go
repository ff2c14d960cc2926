package ui

import "testing"

// TestPaneSlotsToggleAndFocus drives the pane keys and checks that the
// toggles, the focus cycle, the layout and the narrow terminal's one pane
// all follow the slots of m.panes.
func TestPaneSlotsToggleAndFocus(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	if len(tt.m.panes) != 3 || len(tt.m.visiblePanes()) != 3 {
		t.Fatalf("panes %d, visible %v, want the three shown", len(tt.m.panes), tt.m.visiblePanes())
	}
	// Hiding the problems pane takes it out of the layout and of the cycle.
	tt.keys("2")
	if !tt.m.panes[paneProblems].hidden {
		t.Fatal("2 did not hide the problems pane")
	}
	if r := tt.m.layoutRects(); !r.panes[paneProblems].empty() || r.panes[paneInspector].empty() || r.panes[paneCost].empty() {
		t.Fatalf("with problems hidden the layout gives %+v", r.panes)
	}
	var cycle []focus
	for range 4 {
		tt.keys("<tab>")
		cycle = append(cycle, tt.m.focus)
	}
	want := []focus{focusInspector, focusCost, focusDiagram, focusInspector}
	for i := range want {
		if cycle[i] != want[i] {
			t.Fatalf("tab cycles %v, want %v", cycle, want)
		}
	}
	tt.keys("<shift+tab>")
	if tt.m.focus != focusDiagram {
		t.Errorf("shift+tab from the inspector went to %v, want the diagram", tt.m.focus)
	}
	// Hiding the focused pane gives the focus back to the diagram.
	tt.keys("<tab>3")
	if tt.m.focus != focusInspector {
		t.Fatalf("focus %v, want the inspector", tt.m.focus)
	}
	tt.keys("1")
	if tt.m.focus != focusDiagram || !tt.m.panes[paneInspector].hidden {
		t.Errorf("hiding the focused inspector left focus %v", tt.m.focus)
	}
	// 0 with none shown shows all; with some shown hides all.
	tt.keys("0")
	if len(tt.m.visiblePanes()) != 3 {
		t.Fatalf("0 with all hidden shows %v", tt.m.visiblePanes())
	}
	tt.keys("20")
	if len(tt.m.visiblePanes()) != 0 {
		t.Fatalf("0 left %v shown", tt.m.visiblePanes())
	}
	if r := tt.m.layoutRects(); r.diagram.h != 38 {
		t.Errorf("no panes: the diagram is %d lines, want the body's 38", r.diagram.h)
	}
	tt.keys("<tab>")
	if tt.m.focus != focusDiagram {
		t.Errorf("tab with every pane hidden focused %v", tt.m.focus)
	}

	// A narrow terminal shows one pane: the focused one, else the one last
	// focused.
	tt = newTester(t, reference(t), 80, 24)
	tt.keys("<tab><tab><tab>")
	if tt.m.focus != focusCost {
		t.Fatalf("three tabs focus %v, want the cost pane", tt.m.focus)
	}
	r := tt.m.layoutRects()
	for i, p := range r.panes {
		if p.empty() != (i != paneCost) {
			t.Fatalf("narrow, cost focused: panes %+v", r.panes)
		}
	}
	tt.keys("<tab>")
	if tt.m.focus != focusDiagram || tt.m.layoutRects().panes[paneCost].empty() {
		t.Errorf("back on the diagram the narrow terminal stopped showing the cost pane")
	}
	// Its pane draws its own lines where the slot is.
	if cells := paneCells(tt.m, tt.screen()); len(cells) == 0 {
		t.Error("the shown pane drew nothing")
	}
}
