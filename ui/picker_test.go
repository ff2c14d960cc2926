package ui

import (
	"path/filepath"
	"testing"
)

// TestPickerReturnsActions: the template picker changes the designer only
// through the result it returns, which the root applies (overlay.go), as
// every dialog does (issue 15: components that return actions instead of
// mutating the root model): its update moves its own cursor and leaves
// the model alone; applying the result of enter opens the name prompt,
// of q quits.
func TestPickerReturnsActions(t *testing.T) {
	tt := newTester(t, Options{Path: filepath.Join(t.TempDir(), "shop.yaml")}, 80, 24)
	m, p := tt.m, tt.m.picker
	if p == nil {
		t.Fatal("no picker for a new file")
	}
	before := p.cursor
	if r := p.update(m, keyPress("down")); r.run != nil || r.close || p.cursor != before+1 {
		t.Errorf("down: result %+v, cursor %d; want the cursor moved, nothing for the root", r, p.cursor)
	}
	r := p.update(m, keyPress("enter"))
	if m.modal != nil || r.run == nil {
		t.Fatalf("enter: the picker opened %T itself, or returned nothing to run", m.modal)
	}
	tt.run(m.applyDialog(r))
	if _, ok := m.modal.(*designNamePrompt); !ok || m.picker == nil {
		t.Fatalf("enter applied: dialog %T (picker open %v), want the name prompt over the picker", m.modal, m.picker != nil)
	}
	tt.keys("<esc>")
	r = p.update(m, keyPress("q"))
	if m.quitting || tt.quit || r.run == nil {
		t.Fatalf("q: the picker quit by itself (%v), or returned nothing to run", m.quitting)
	}
	tt.run(m.applyDialog(r))
	if !m.quitting || !tt.quit {
		t.Errorf("q applied: quitting %v, quit %v; want both", m.quitting, tt.quit)
	}
}
