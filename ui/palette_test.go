package ui

import (
	"strings"
	"testing"
)

// The command palette (issue 15): ctrl+p and : open it; it lists every
// action of the help with its key, filters as you type, runs the chosen
// action with enter, and esc closes it.

func TestPaletteListsEveryAction(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("<ctrl+p>")
	p, ok := tt.m.modal.(*paletteModal)
	if !ok {
		t.Fatalf("ctrl+p opened %T", tt.m.modal)
	}
	// Generated from the keymap: every binding of the help is there (but
	// the palette's own and esc), so adding a key adds its entry.
	want := 0
	for _, g := range tt.m.keys.helpGroups() {
		for _, b := range g.keys {
			if b.Help().Key != tt.m.keys.Palette.Help().Key && b.Help().Key != tt.m.keys.Back.Help().Key {
				want++
				found := false
				for _, e := range p.all {
					found = found || e.b.Help() == b.Help()
				}
				if !found {
					t.Errorf("the palette lacks %q (%s)", b.Help().Desc, b.Help().Key)
				}
			}
		}
	}
	if len(p.shown) != want {
		t.Errorf("empty query shows %d entries, want %d", len(p.shown), want)
	}
	tt.golden("palette-120x40")
	tt.keys("<esc>")
	if tt.m.modal != nil {
		t.Error("esc did not close the palette")
	}
	// The help lists the palette key, from the same keymap.
	tt = newTester(t, reference(t), 200, 60)
	tt.keys("?")
	if !strings.Contains(tt.screen(), ":/ctrl+p") {
		t.Error("the help does not list the palette's key")
	}
}

func TestPaletteFilterAndRun(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	before := tt.m.d.VPCs[0].NAT
	tt.keys(":")
	if _, ok := tt.m.modal.(*paletteModal); !ok {
		t.Fatalf(": opened %T", tt.m.modal)
	}
	tt.keys("nat")
	p := tt.m.modal.(*paletteModal)
	if len(p.shown) == 0 || p.shown[0].b.Help().Key != "n" {
		t.Fatalf("'nat' ranks first %v", p.shown)
	}
	tt.golden("palette-80x24-nat")
	tt.keys("<enter>")
	if tt.m.modal != nil {
		t.Fatal("enter did not close the palette")
	}
	if got := tt.m.d.VPCs[0].NAT; got == before {
		t.Errorf("running NAT from the palette left nat %q", got)
	}
	tt.keys("u")
	if tt.m.d.VPCs[0].NAT != before {
		t.Error("undo did not take the palette's edit back")
	}

	// A prefix of the description finds it; nothing matches nonsense.
	tt.keys("<ctrl+p>sav")
	p = tt.m.modal.(*paletteModal)
	if len(p.shown) == 0 || p.shown[0].b.Help().Key != "ctrl+s" {
		t.Errorf("'sav' first entry: %+v", p.shown)
	}
	tt.keys("<ctrl+u>zzzzq")
	if len(tt.m.modal.(*paletteModal).shown) != 0 || !strings.Contains(tt.screen(), "no action matches") {
		t.Errorf("nonsense matches:\n%s", tt.screen())
	}
	tt.keys("<esc>")

	// Focus in a pane: the palette still runs the diagram's action.
	tt.keys("<tab><ctrl+p>flow logs<enter>")
	if tt.m.d.VPCs[0].FlowLogs == fixtureFlowLogs(t) {
		t.Error("flow logs not switched from the palette with the inspector focused")
	}
}

func fixtureFlowLogs(t *testing.T) bool {
	d := reference(t).Design
	return d.VPCs[0].FlowLogs
}

func TestFuzzyScore(t *testing.T) {
	for _, c := range []struct {
		q, s string
		ok   bool
	}{
		{"", "anything", true},
		{"nat", "cycle the VPC's NAT: none n", true},
		{"NAT", "nat", true},
		{"svfl", "save (atomic; the file's mode is kept) ctrl+s", true},
		{"tan", "nat", false},
		{"x", "", false},
	} {
		if _, ok := fuzzyScore(c.q, c.s); ok != c.ok {
			t.Errorf("fuzzyScore(%q, %q) = %v", c.q, c.s, ok)
		}
	}
	word, _ := fuzzyScore("nat", "cycle the vpc's nat")
	gaps, _ := fuzzyScore("nat", "interface endpoint hours")
	if word <= gaps {
		t.Errorf("a word match scores %d, a scattered one %d", word, gaps)
	}
}
