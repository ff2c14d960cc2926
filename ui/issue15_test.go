package ui

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/journal"

	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// Issue 15's designer fixes, each at 80×24 (the size a new user meets
// first) unless the layout is the point.

// TestAppliedEditReturnsToDiagram: a typed value applied gives the focus
// back to the diagram, so ] moves to the next VPC instead of doing nothing,
// and the footer says where the keys go.
func TestAppliedEditReturnsToDiagram(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.Tier, V: 0, T: 0})
		tt.keys("c23<enter>")
		if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 23 {
			t.Fatalf("%v: prefix %d after typing 23, want 23", size, got)
		}
		if tt.m.focus != focusDiagram {
			t.Errorf("%v: focus %v after applying, want the diagram", size, tt.m.focus)
		}
		if !strings.Contains(lastLine(tt.screen()), "back on the diagram") {
			t.Errorf("%v: footer %q does not say the focus is back on the diagram", size, lastLine(tt.screen()))
		}
		tt.keys("]")
		if tt.m.sel.Kind != edit.VPC || tt.m.sel.V != 1 {
			t.Errorf("%v: ] after an edit selected %+v, want VPC 1", size, tt.m.sel)
		}
	}
}

// TestTypingReplacesDefault: a field opens with its value selected, so
// what is typed replaces it ("vpc" + "staging" = "staging"; prefix 24 +
// "20" = 20, not 2420), while a cursor key keeps it for editing.
func TestTypingReplacesDefault(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	tt.keys("av")
	p, ok := tt.m.modal.(*namePrompt)
	if !ok {
		t.Fatalf("a v opened %T, want the name prompt", tt.m.modal)
	}
	tt.keys("staging")
	if got := p.input.Value(); got != "staging" {
		t.Errorf("name prompt: typed staging over the default, got %q", got)
	}
	tt.keys("<enter>")
	if !hasVPC(tt.m, "staging") {
		t.Errorf("no VPC staging after naming it")
	}

	tt = newTester(t, reference(t), 80, 24)
	tt.m.selectRef(edit.Ref{Kind: edit.Tier, V: 0, T: 0})
	tt.keys("c<end>")
	tt.keys("<backspace>3<enter>") // 24 → 2 → 23: the cursor key kept the text
	if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 23 {
		t.Errorf("after end, backspace, 3: prefix %d, want 23", got)
	}
	tt.keys("c<backspace>22<enter>") // the selection deleted at once
	if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 22 {
		t.Errorf("after backspace on the selected value, 22: prefix %d, want 22", got)
	}
}

func hasVPC(m *Model, name string) bool {
	for _, v := range m.d.VPCs {
		if v.Name == name {
			return true
		}
	}
	return false
}

// TestUnchangedValueNoUndoStep: enter on a value left as it was is not an
// edit: nothing to undo, and the file stays saved.
func TestUnchangedValueNoUndoStep(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
	tt.keys("c<enter>")
	if tt.m.hist.CanUndo() || tt.m.Dirty() {
		t.Errorf("enter on the unchanged CIDR: undo %v, dirty %v; want neither", tt.m.hist.CanUndo(), tt.m.Dirty())
	}
	if tt.m.focus != focusDiagram {
		t.Errorf("focus %v, want the diagram", tt.m.focus)
	}
}

// TestCIDRKeyOnHeader: c on the design header edits the first VPC's CIDR
// (the header has none), so the CIDR typed next goes into the field
// instead of toggling the panes away; where there is no VPC at all, the
// digits that follow the refusal are not read as pane keys.
func TestCIDRKeyOnHeader(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	tt.keys("g")
	if tt.m.sel.Kind != edit.DesignKind {
		t.Fatalf("g selected %v, want the design header", tt.m.sel.Kind)
	}
	tt.keys("c10.7.0.0/16<enter>")
	if got := tt.m.d.VPCs[0].CIDR; got != "10.7.0.0/16" {
		t.Errorf("first VPC's CIDR %q, want 10.7.0.0/16", got)
	}
	if len(tt.m.visiblePanes()) != len(tt.m.panes) {
		t.Errorf("panes hidden %v after typing a CIDR", tt.m.hiddenPanes())
	}

	tt = newTester(t, Options{Path: "/work/empty.yaml", Design: &design.Design{Version: design.FormatVersion}}, 80, 24)
	tt.keys("c10.0.0.0/16")
	if len(tt.m.visiblePanes()) != len(tt.m.panes) {
		t.Errorf("empty design: panes hidden %v after a refused c and a CIDR", tt.m.hiddenPanes())
	}
	tt.keys("<esc>2")
	if !tt.m.panes[paneProblems].hidden {
		t.Errorf("2 after another key does not toggle the problems pane")
	}
}

// TestLabelsSayVPC: an edit's label keeps the acronym: "VPC prod", not
// "vPC prod".
func TestLabelsSayVPC(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
	tt.keys("c10.7.0.0/16<enter>")
	if !strings.Contains(tt.m.status, "of VPC prod") || strings.Contains(tt.screen(), "vPC") {
		t.Errorf("status %q: want it to name VPC prod, never vPC", tt.m.status)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// TestKeptForRecoveryIsNoCrash: quitting with "keep the changes for
// recovery" (ctrl+c in the quit dialog) marks the journal, so the next
// start says the user quit, not that the designer crashed; an edit after
// the restore and a kill is a crash again.
func TestKeptForRecoveryIsNoCrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.yaml")
	data, err := os.ReadFile(fixture.ReferencePath())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	j := journal.Open(filepath.Join(dir, "journal"))
	open := func() *tester {
		base, _ := os.ReadFile(path)
		rec, err := LoadRecovery(j, path, base)
		if err != nil {
			t.Fatal(err)
		}
		return newTester(t, Options{Path: path, Design: mustLoad(t, path), Base: base, Journal: j, Recovery: rec}, 80, 24)
	}
	first := open()
	first.keys("nq<ctrl+c>")
	if !first.quit {
		t.Fatal("ctrl+c in the quit dialog did not quit")
	}
	second := open()
	s := second.screen()
	if !strings.Contains(s, "You quit keeping edits") || strings.Contains(s, "crashed") {
		t.Errorf("after keeping the edits, the recovery dialog says:\n%s", s)
	}
	second.keys("rn") // restored, one more edit, then killed
	third := open()
	if s := third.screen(); !strings.Contains(s, "crashed") {
		t.Errorf("after a kill, the recovery dialog does not say so:\n%s", s)
	}
}

// TestPickerAsksForName: starting from a template asks for the design's
// name (the template's own proposed and selected, so typing replaces it;
// esc goes back to the templates); the empty design is not offered under a
// name that looks like a template vpcsmith templates would list.
func TestPickerAsksForName(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, Options{Path: filepath.Join(t.TempDir(), "shop.yaml")}, size[0], size[1])
		tt.keys("<enter>")
		if s := tt.screen(); !strings.Contains(s, "Name the new design") {
			t.Fatalf("%v: enter on a template did not ask for a name:\n%s", size, s)
		}
		checkSize(t, tt.screen(), size[0], size[1])
		tt.keys("<esc>")
		if tt.m.picker == nil || tt.m.modal != nil {
			t.Fatalf("%v: esc did not go back to the picker", size)
		}
		tt.keys("<enter>storefront<enter>")
		if tt.m.picker != nil || tt.m.d.Name != "storefront" {
			t.Errorf("%v: design %q (picker open: %v), want storefront started", size, tt.m.d.Name, tt.m.picker != nil)
		}
	}
	tt := newTester(t, Options{Path: filepath.Join(t.TempDir(), "shop.yaml")}, 80, 24)
	tt.keys("G<enter>")
	if p, ok := tt.m.modal.(*designNamePrompt); !ok || p.input.Value() != "shop" {
		t.Fatalf("the empty design proposes %+v, want the file's name shop", tt.m.modal)
	}
	tt.keys("<enter>")
	if tt.m.d.Name != "shop" || len(tt.m.d.VPCs) != 0 {
		t.Errorf("empty design: name %q, %d VPCs", tt.m.d.Name, len(tt.m.d.VPCs))
	}
	names := templates.Names()
	for _, it := range newPicker(tt.m).items {
		if it.name != emptyItem && !slices.Contains(names, it.name) {
			t.Errorf("the picker offers %q, which vpcsmith templates does not list", it.name)
		}
		if it.name == emptyItem && !strings.HasPrefix(it.name, "(") {
			t.Errorf("the empty design is offered as %q, like a template's name", it.name)
		}
	}
}

// TestOverlapFieldShowsCross: a subnet CIDR that overlaps another subnet
// is marked ✗ in the field, not ✓, and the message names a free block of
// the same size from the VPC's free space; it can still be applied (the
// design may hold it, validation reports it).
func TestOverlapFieldShowsCross(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.Subnet, V: 0, T: 2, AZ: "us-east-1a"})
		tt.keys("c10.0.1.0/24")
		err := tt.m.inspector.CheckError()
		var w edit.Warning
		if !errors.As(err, &w) || !strings.Contains(err.Error(), "overlaps 10.0.1.0/24 (tier public, us-east-1b)") || !strings.Contains(err.Error(), "/24 is free") {
			t.Fatalf("%v: field check %v, want an overlap warning with a free /24", size, err)
		}
		free := strings.Fields(strings.SplitN(err.Error(), "; ", 2)[1])[0]
		if p := netip.MustParsePrefix(free); tt.m.layout.VPCs[0].Free == nil || !p.IsValid() {
			t.Fatalf("%v: suggested %q", size, free)
		}
		if s := tt.screen(); strings.Contains(s, "✓ 10.0.1.0") {
			t.Errorf("%v: the overlapping CIDR is marked ✓:\n%s", size, s)
		}
		tt.keys("<ctrl+u>" + free)
		if err := tt.m.inspector.CheckError(); err != nil {
			t.Errorf("%v: the suggested free block %s is reported: %v", size, free, err)
		}
		tt.keys("<ctrl+u>10.0.1.0/24<enter>")
		if got := tt.m.d.VPCs[0].Tiers[2].Subnets[0].CIDR; got != "10.0.1.0/24" {
			t.Errorf("%v: the overlap was not applied: %s", size, got)
		}
	}
}
