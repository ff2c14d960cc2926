package ui

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/templates"
)

// Golden screens: the designer at fixed sizes, ANSI stripped. Run
// `go test ./ui -update` after an intended change and review the diff.

func TestGoldenTemplates(t *testing.T) {
	for _, name := range templates.Names() {
		for _, size := range [][2]int{{120, 40}, {200, 60}} {
			t.Run(fmt.Sprintf("%s-%dx%d", name, size[0], size[1]), func(t *testing.T) {
				d, err := templates.Load(name)
				if err != nil {
					t.Fatal(err)
				}
				tt := newTester(t, Options{Path: "/work/" + name + ".yaml", Design: d}, size[0], size[1])
				tt.golden(fmt.Sprintf("template-%s-%dx%d", name, size[0], size[1]))
			})
		}
	}
}

func TestGoldenReference(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {200, 60}, {160, 50}} {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.golden(fmt.Sprintf("reference-%dx%d", size[0], size[1]))
	}
}

func TestGoldenNarrowAndTooSmall(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	tt.golden("narrow-80x24")
	tt.keys("jjl") // a subnet of prod's public tier, scrolled into view
	tt.golden("narrow-80x24-subnet")
	tt = newTester(t, reference(t), 50, 12)
	tt.golden("too-small-50x12")
}

func TestGoldenHelp(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("?")
	tt.golden("help-120x40")
	tt.keys("?")
	if tt.m.help {
		t.Error("? did not close the help")
	}
}

func TestGoldenPanes(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("<tab>")
	tt.golden("pane-inspector")
	tt.keys("<tab>")
	tt.golden("pane-problems")
	tt.keys("<tab>")
	tt.golden("pane-cost")
	tt.keys("<tab>0")
	tt.golden("panes-hidden")
}

// TestGoldenInspector shows the inspector of each kind of element.
func TestGoldenInspector(t *testing.T) {
	tt := newTester(t, reference(t), 200, 60)
	steps := []struct{ keys, name string }{
		{"g", "design"},
		{"j", "vpc"},
		{"j", "tier"},
		{"l", "subnet"},
		{"jjj", "sg"},
		{"G", "network"},
		{"k", "connection"},
	}
	for _, s := range steps {
		tt.keys(s.keys)
		tt.golden("inspector-" + s.name)
	}
}

func TestGoldenEditingFlow(t *testing.T) {
	tt := newTester(t, reference(t), 160, 50)
	tt.keys("jjjl<enter><ctrl+u>10.0.0.0/2")
	tt.golden("edit-1-typing-invalid")
	tt.keys("4")
	tt.golden("edit-2-typing-valid")
	tt.keys("<enter>")
	tt.golden("edit-3-applied-overlap")
	tt.keys("u")
	tt.golden("edit-4-undone")
}

func TestGoldenDialogs(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("a")
	tt.golden("dialog-add")
	tt.keys("t")
	tt.golden("dialog-name")
	tt.keys("<esc>jd")
	tt.golden("dialog-remove")
	tt.keys("n")
	tt.keys("n") // an edit, so that quitting asks
	tt.keys("q")
	tt.golden("dialog-quit")
}

func TestGoldenPicker(t *testing.T) {
	tt := newTester(t, Options{Path: "/work/new.yaml"}, 120, 40)
	tt.golden("picker-120x40")
}
