package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

// Issue 15 at 80×24 (and 120×40, 200×60): the diagram cut at the right
// edge says so, dialogs keep off the panes' borders, the quit dialog's
// lines are whole.

func TestNarrowDiagramSignOfMore(t *testing.T) {
	for _, size := range fixSizes {
		// At 80×24 the reference: prod's box is 110 cells wide. From 120
		// wide it fits, so there prod spans six AZs (some 180 cells).
		opts := reference(t)
		if size[0] > 80 {
			v := &opts.Design.VPCs[0]
			v.AZs.Names = append(v.AZs.Names, "us-east-1d", "us-east-1e", "us-east-1f")
			v.Tiers[2].Subnets = append(v.Tiers[2].Subnets,
				design.Subnet{AZ: "us-east-1d", CIDR: "10.0.203.0/24"},
				design.Subnet{AZ: "us-east-1e", CIDR: "10.0.204.0/24"},
				design.Subnet{AZ: "us-east-1f", CIDR: "10.0.205.0/24"})
		}
		tt := newTester(t, opts, size[0], size[1])
		lines := strings.Split(tt.screen(), "\n")
		r := tt.m.layoutRects().diagram
		if w, _ := tt.m.doc.Size(); w <= r.w {
			t.Fatalf("%v: the diagram (%d wide) fits its %d cells", size, w, r.w)
		}
		more := 0
		for y := r.y; y < r.y+r.h; y++ {
			if strings.HasSuffix(ansi.Cut(lines[y], r.x, r.x+r.w), "›") {
				more++
			}
		}
		// prod's box is wider than the diagram: each of its lines on screen is cut.
		if more < 10 {
			t.Errorf("%v: %d diagram lines end in ›, want every line of prod's box:\n%s", size, more, tt.screen())
		}
		fixGolden(tt, "diagram-cut-sign")
		tt.keys("LLLLLLLLLLLLLLLLLLLL") // scrolled to the right end
		lines = strings.Split(tt.screen(), "\n")
		left := 0
		for y := r.y; y < r.y+r.h; y++ {
			if strings.HasPrefix(lines[y], "‹") {
				left++
			}
		}
		if left < 10 {
			t.Errorf("%v: scrolled right: %d lines start with ‹:\n%s", size, left, tt.screen())
		}
		fixGolden(tt, "diagram-cut-sign-scrolled")
	}
}

// paneCells returns the text of the screen inside the visible panes.
func paneCells(m *Model, screen string) []string {
	lines := strings.Split(screen, "\n")
	r := m.layoutRects()
	var out []string
	for _, p := range r.panes {
		for y := p.y; !p.empty() && y < p.y+p.h && y < len(lines); y++ {
			out = append(out, ansi.Cut(lines[y], p.x, p.x+p.w))
		}
	}
	return out
}

func TestDialogsKeepOffPanes(t *testing.T) {
	dialogs := []struct{ name, keys string }{
		{"add", "a"},
		{"remove", "jd"},
		{"quit", "nq"},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		for _, dg := range dialogs {
			tt := newTester(t, reference(t), size[0], size[1])
			tt.keys(dg.keys)
			if tt.m.modal == nil {
				t.Fatalf("%s at %v: no dialog open", dg.name, size)
			}
			s := tt.screen()
			if !strings.Contains(s, "┏") || !strings.Contains(s, "┗") {
				t.Errorf("%s at %v: the dialog is not whole on screen:\n%s", dg.name, size, s)
			}
			tt.golden(fmt.Sprintf("dialog-%s-over-panes-%dx%d", dg.name, size[0], size[1]))
			for _, l := range paneCells(tt.m, s) {
				if strings.ContainsAny(l, "┃┏┓┗┛") {
					t.Errorf("%s at %v: the dialog draws over a pane (%q):\n%s", dg.name, size, l, s)
					break
				}
			}
		}
	}
}

func TestQuitDialogLinesWhole(t *testing.T) {
	for _, size := range fixSizes {
		dir := t.TempDir()
		opts := reference(t)
		opts.Path = filepath.Join(dir, filepath.Base(fixture.ReferencePath()))
		opts.Journal = journal.Open(filepath.Join(dir, "journal"))
		tt := newTester(t, opts, size[0], size[1])
		tt.keys("nq")
		s := tt.screen()
		for _, want := range []string{"ctrl+c  quit, keeping the changes for recovery", "the next start"} {
			if !strings.Contains(s, want) {
				t.Errorf("%v: quit dialog lacks %q:\n%s", size, want, s)
			}
		}
		// The dialog's lines (the panes beside it cut theirs).
		for _, l := range strings.Split(s, "\n") {
			if _, in, ok := strings.Cut(l, "┃"); ok {
				if in, _, _ = strings.Cut(in, "┃"); strings.Contains(in, "…") {
					t.Errorf("%v: a line of the quit dialog is cut (%q):\n%s", size, in, s)
				}
			}
		}
		if size == [2]int{80, 24} {
			tt.golden("dialog-quit-80x24")
		}
		fixGolden(tt, "quit-dialog-lines-whole")
	}
}
