package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/spinner"
)

// TestImportSpinner: the import dialog's spinner is the bubbles spinner
// (issue 15's structural item: not a hand-rolled one): each of its ticks
// turns it while the listing runs, and it stops when the work is done.
func TestImportSpinner(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	im := &importModal{spin: newImportSpinner(), stage: importListing}
	tt.m.modal = im
	if !strings.Contains(tt.screen(), spinner.MiniDot.Frames[0]+" listing the VPCs") {
		t.Fatalf("no first frame:\n%s", tt.screen())
	}
	_, cmd := tt.m.Update(im.spin.Tick())
	if cmd == nil {
		t.Fatal("a tick while listing scheduled no next tick")
	}
	if !strings.Contains(tt.screen(), spinner.MiniDot.Frames[1]+" listing the VPCs") {
		t.Errorf("the tick did not turn the spinner:\n%s", tt.screen())
	}
	im.stage = importDone
	if _, cmd := tt.m.Update(im.spin.Tick()); cmd != nil {
		t.Error("the spinner still ticks after the import ended")
	}
}
