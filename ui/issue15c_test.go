package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

// Issue 15 at 80×24: the diagram cut at the right edge says so, dialogs
// keep off the panes' borders, the quit dialog's lines are whole.

func TestNarrowDiagramSignOfMore(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	lines := strings.Split(tt.screen(), "\n")
	r := tt.m.layoutRects().diagram
	more := 0
	for y := r.y; y < r.y+r.h; y++ {
		if strings.HasSuffix(lines[y], "›") {
			more++
		}
	}
	// prod's box is 110 cells wide: each of its lines on screen is cut.
	if more < 10 {
		t.Errorf("%d diagram lines end in ›, want every line of prod's box:\n%s", more, tt.screen())
	}
	tt.keys("LLLLLLLLLLLLLLLLLLLL") // scrolled to the right end
	lines = strings.Split(tt.screen(), "\n")
	left := 0
	for y := r.y; y < r.y+r.h; y++ {
		if strings.HasPrefix(lines[y], "‹") {
			left++
		}
	}
	if left < 10 {
		t.Errorf("scrolled right: %d lines start with ‹:\n%s", left, tt.screen())
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
	dir := t.TempDir()
	opts := reference(t)
	opts.Path = filepath.Join(dir, filepath.Base(fixture.ReferencePath()))
	opts.Journal = journal.Open(filepath.Join(dir, "journal"))
	tt := newTester(t, opts, 80, 24)
	tt.keys("nq")
	s := tt.screen()
	for _, want := range []string{"ctrl+c  quit, keeping the changes for recovery", "the next start"} {
		if !strings.Contains(s, want) {
			t.Errorf("quit dialog lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "…") {
		t.Errorf("a line of the quit dialog is cut:\n%s", s)
	}
	tt.golden("dialog-quit-80x24")
}
