package ui

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// More of issue 15's designer fixes (see issue15_test.go).

// TestProblemsFollowNewError: the error an edit causes takes the problems
// pane's selection, and its detail (message, code, path) is shown whole
// under the list at every size, instead of the old warning staying
// selected while the error appears at the top.
func TestProblemsFollowNewError(t *testing.T) {
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1a"})
		tt.keys("c<ctrl+u>10.0.1.0/24<enter>")
		it, ok := tt.m.problems.Selected()
		if !ok || it.Finding.Code != "subnet-overlap" {
			t.Fatalf("%v: problems selection %q after causing an overlap, want subnet-overlap", size, it.Finding.Code)
		}
		if size[0] < rowLayoutWidth {
			// One pane at a time: the inspector, after the edit; tab
			// twice shows the problems pane, its selection unchanged.
			tt.keys("<tab><tab>")
		}
		// The whole detail: the message to its free-block suggestion and
		// the code (wrapped where the pane is narrow).
		if s := tt.screen(); !strings.Contains(s, "is free") || !strings.Contains(s, "[subnet-overlap]") {
			t.Errorf("%v: the detail of the new error is not shown:\n%s", size, s)
		}
		fixGolden(tt, "problems-follow-error")
	}
}

// TestOverlapMarkOnEditedCell: the ✗ of an overlap the edit caused lands on
// the edited subnet's cell, not on the subnet it overlaps (the finding is
// reported on whichever sorts later by address), at every size.
func TestOverlapMarkOnEditedCell(t *testing.T) {
	// data/us-east-1c widened to 10.0.192.0/20 starts before, and covers,
	// data's 10.0.200.0/24 (1a) and 10.0.201.0/24 (1b): both overlaps are
	// reported on those two.
	edited := edit.Ref{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1c"}
	others := []edit.Ref{{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1a"}, {Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1b"}}
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edited)
		tt.keys("c<ctrl+u>10.0.192.0/20<enter>")
		if tt.m.sel != edited {
			t.Fatalf("%v: selection %+v after the edit, want the edited subnet", size, tt.m.sel)
		}
		if got := tt.m.marks[edited]; got != int(design.Error)+1 {
			t.Errorf("%v: the edited subnet's mark %d, want the error's", size, got)
		}
		for _, o := range others {
			if got := tt.m.marks[o]; got == int(design.Error)+1 {
				t.Errorf("%v: the overlapped subnet %s (not edited) carries the ✗", size, o.AZ)
			}
		}
		if it, _ := tt.m.problems.Selected(); it.Finding.Code != "subnet-overlap" || it.Ref == edited {
			t.Errorf("%v: the problem %s lost its own element: %+v", size, it.Finding.Code, it.Ref)
		}
		// On screen: the ✗ before the edited cell's new CIDR, none before
		// the CIDRs it overlaps.
		s := tt.screen()
		if !strings.Contains(s, "✗ 10.0.192.0/20") || strings.Contains(s, "✗ 10.0.200.0/24") || strings.Contains(s, "✗ 10.0.201.0/24") {
			t.Errorf("%v: the ✗ is not on the edited cell alone:\n%s", size, s)
		}
		fixGolden(tt, "overlap-mark-edited-cell")
	}
}
