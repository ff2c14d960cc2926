package ui

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// More of issue 15's designer fixes (see issue15_test.go).

// TestProblemsFollowNewError: the error an edit causes takes the problems
// pane's selection, and its detail (message, code, path) is shown whole
// under the list at every size, instead of the old warning staying
// selected while the error appears at the top.
func TestProblemsFollowNewError(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1a"})
		tt.keys("c<ctrl+u>10.0.1.0/24<enter>")
		it, ok := tt.m.problems.Selected()
		if !ok || it.Finding.Code != "subnet-overlap" {
			t.Fatalf("%v: problems selection %q after causing an overlap, want subnet-overlap", size, it.Finding.Code)
		}
		if size[0] < 120 {
			continue // the pane shares the screen's right column with the others only from 120 wide
		}
		if s := tt.screen(); !strings.Contains(s, "[subnet-overlap] at") {
			t.Errorf("%v: the detail of the new error is not shown:\n%s", size, s)
		}
	}
}
