package ui

import (
	"strings"
	"testing"
)

// TestDialogsStack: ctrl+c in a dialog with unsaved changes opens the quit
// dialog over it; keep editing (esc) comes back to the dialog beneath with
// what was typed in it, and its own esc then closes it. The quit dialog
// opened from the diagram has nothing beneath: esc leaves no dialog.
func TestDialogsStack(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("avstaging")
	if _, ok := tt.m.modal.(*namePrompt); !ok {
		t.Fatalf("a v opened %T, want the name prompt", tt.m.modal)
	}
	tt.keys("<esc>n") // an edit, so that quitting asks
	if !tt.m.Dirty() || tt.m.modal != nil {
		t.Fatalf("after esc and n: dirty %v, dialog %T", tt.m.Dirty(), tt.m.modal)
	}
	tt.keys("avstaging<ctrl+c>")
	if _, ok := tt.m.modal.(quitModal); !ok || len(tt.m.under) != 1 {
		t.Fatalf("ctrl+c in the name prompt: top %T over %d, want the quit dialog over the prompt", tt.m.modal, len(tt.m.under))
	}
	if s := tt.screen(); !strings.Contains(s, "Quit vpcsmith?") || strings.Contains(s, "New VPC") {
		t.Errorf("the screen shows the lower dialog, not the quit dialog on top:\n%s", s)
	}
	tt.keys("<esc>")
	p, ok := tt.m.modal.(*namePrompt)
	if !ok || len(tt.m.under) != 0 {
		t.Fatalf("keep editing left %T over %d, want the name prompt back", tt.m.modal, len(tt.m.under))
	}
	if p.input.Value() != "staging" {
		t.Errorf("the prompt came back with %q, want what was typed, staging", p.input.Value())
	}
	if s := tt.screen(); !strings.Contains(s, "New VPC") {
		t.Errorf("the name prompt is not drawn again:\n%s", s)
	}
	tt.keys("<enter>")
	found := false
	for _, v := range tt.m.d.VPCs {
		found = found || v.Name == "staging"
	}
	if tt.m.modal != nil || !found {
		t.Fatalf("enter in the prompt that came back: dialog %T, VPC staging added %v", tt.m.modal, found)
	}
	tt.keys("<esc>") // the inspector the add opened: back to the diagram

	// The same over a menu: ctrl+c, esc: the add menu again; esc: closed.
	tt.keys("a")
	if _, ok := tt.m.modal.(*addMenu); !ok {
		t.Fatalf("a opened %T", tt.m.modal)
	}
	tt.keys("<ctrl+c>")
	if _, ok := tt.m.modal.(quitModal); !ok {
		t.Fatalf("ctrl+c in the add menu opened %T", tt.m.modal)
	}
	tt.keys("<esc>")
	if _, ok := tt.m.modal.(*addMenu); !ok {
		t.Fatalf("keep editing over the add menu left %T", tt.m.modal)
	}
	tt.keys("<esc>")
	if tt.m.modal != nil || len(tt.m.under) != 0 {
		t.Fatalf("esc in the add menu left %T over %d", tt.m.modal, len(tt.m.under))
	}

	// From the diagram the quit dialog is alone.
	tt.keys("q")
	if _, ok := tt.m.modal.(quitModal); !ok || len(tt.m.under) != 0 {
		t.Fatalf("q opened %T over %d", tt.m.modal, len(tt.m.under))
	}
	tt.keys("<esc>")
	if tt.m.modal != nil || tt.quit {
		t.Fatalf("esc in the quit dialog left %T (quit %v)", tt.m.modal, tt.quit)
	}
	// Discard from a stacked quit dialog quits, whatever is beneath.
	tt.keys("ad<ctrl+c>")
	tt.keys("d")
	if !tt.m.quitting {
		t.Errorf("discard in the quit dialog over the add menu did not quit")
	}
}
