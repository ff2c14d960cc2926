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
// first), 120×40 and 200×60, with a golden of the screen that shows the
// fix at each size (fix-*-WxH, see fixGolden).

// TestAppliedEditReturnsToDiagram: a typed value applied gives the focus
// back to the diagram, so ] moves to the next VPC instead of doing nothing,
// and the footer says where the keys go.
func TestAppliedEditReturnsToDiagram(t *testing.T) {
	for _, size := range fixSizes {
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
		fixGolden(tt, "applied-edit-focus")
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
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.keys("av")
		p, ok := tt.m.modal.(*namePrompt)
		if !ok {
			t.Fatalf("%v: a v opened %T, want the name prompt", size, tt.m.modal)
		}
		tt.keys("staging")
		if got := p.input.Value(); got != "staging" {
			t.Errorf("%v: name prompt: typed staging over the default, got %q", size, got)
		}
		if s := tt.screen(); !strings.Contains(s, "name  staging▏") || strings.Contains(s, "vpcstaging") {
			t.Errorf("%v: the name prompt does not show staging alone:\n%s", size, s)
		}
		fixGolden(tt, "name-replaces-default")
		tt.keys("<enter>")
		if !hasVPC(tt.m, "staging") {
			t.Errorf("%v: no VPC staging after naming it", size)
		}

		tt = newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.Tier, V: 0, T: 0})
		tt.keys("c20") // the prefix 24, selected, replaced by 20
		if s := tt.screen(); !strings.Contains(s, "prefix             20▏") || strings.Contains(s, "2420") {
			t.Errorf("%v: the prefix field does not show 20 alone:\n%s", size, s)
		}
		fixGolden(tt, "prefix-replaces-default")
		tt.keys("<enter>")
		if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 20 {
			t.Errorf("%v: after typing 20 over 24: prefix %d, want 20", size, got)
		}
		tt.keys("c<end>")
		tt.keys("<backspace>3<enter>") // 20 → 2 → 23: the cursor key kept the text
		if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 23 {
			t.Errorf("%v: after end, backspace, 3: prefix %d, want 23", size, got)
		}
		tt.keys("c<backspace>22<enter>") // the selection deleted at once
		if got := tt.m.d.VPCs[0].Tiers[0].Prefix; got != 22 {
			t.Errorf("%v: after backspace on the selected value, 22: prefix %d, want 22", size, got)
		}
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
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
		tt.keys("c<enter>")
		if tt.m.hist.CanUndo() || tt.m.Dirty() {
			t.Errorf("%v: enter on the unchanged CIDR: undo %v, dirty %v; want neither", size, tt.m.hist.CanUndo(), tt.m.Dirty())
		}
		if tt.m.focus != focusDiagram {
			t.Errorf("%v: focus %v, want the diagram", size, tt.m.focus)
		}
		if s := tt.screen(); !strings.Contains(firstLine(s), "saved") || strings.Contains(firstLine(s), "unsaved") {
			t.Errorf("%v: the title bar %q does not say saved", size, firstLine(s))
		}
		fixGolden(tt, "unchanged-value-no-undo")
	}
}

// TestCIDRKeyOnHeader: c on the design header edits the first VPC's CIDR
// (the header has none), so the CIDR typed next goes into the field
// instead of toggling the panes away; where there is no VPC at all, the
// digits that follow the refusal are not read as pane keys.
func TestCIDRKeyOnHeader(t *testing.T) {
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.keys("g")
		if tt.m.sel.Kind != edit.DesignKind {
			t.Fatalf("%v: g selected %v, want the design header", size, tt.m.sel.Kind)
		}
		tt.keys("c10.7.0.0/16")
		if s := tt.screen(); !strings.Contains(s, "VPC prod") || !strings.Contains(s, "cidr               10.7.0.0/16▏") {
			t.Errorf("%v: the CIDR typed after c on the header is not in prod's cidr field:\n%s", size, s)
		}
		fixGolden(tt, "cidr-key-on-header")
		tt.keys("<enter>")
		if got := tt.m.d.VPCs[0].CIDR; got != "10.7.0.0/16" {
			t.Errorf("%v: first VPC's CIDR %q, want 10.7.0.0/16", size, got)
		}
		if len(tt.m.visiblePanes()) != len(tt.m.panes) {
			t.Errorf("%v: panes hidden %v after typing a CIDR", size, tt.m.hiddenPanes())
		}

		tt = newTester(t, Options{Path: "/work/empty.yaml", Design: &design.Design{Version: design.FormatVersion}}, size[0], size[1])
		tt.keys("c10.0.0.0/16")
		if len(tt.m.visiblePanes()) != len(tt.m.panes) {
			t.Errorf("%v: empty design: panes hidden %v after a refused c and a CIDR", size, tt.m.hiddenPanes())
		}
		// The panes are all still drawn (below 110 wide one at a time:
		// the inspector, which the 1 typed would have hidden), and the
		// footer says why c did nothing.
		want := []string{"─ Design ─", "no CIDR field is open"}
		if size[0] >= rowLayoutWidth {
			want = append(want, "─ Problems ", "─ Cost / month ")
		}
		for _, w := range want {
			if s := tt.screen(); !strings.Contains(s, w) {
				t.Errorf("%v: empty design: no %q after a refused c and a CIDR:\n%s", size, w, s)
			}
		}
		fixGolden(tt, "refused-cidr-key-keeps-panes")
		tt.keys("<esc>2")
		if !tt.m.panes[paneProblems].hidden {
			t.Errorf("%v: 2 after another key does not toggle the problems pane", size)
		}
	}
}

// TestLabelsSayVPC: an edit's label keeps the acronym: "VPC prod", not
// "vPC prod".
func TestLabelsSayVPC(t *testing.T) {
	for _, size := range fixSizes {
		tt := newTester(t, reference(t), size[0], size[1])
		tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
		tt.keys("c10.7.0.0/16<enter>")
		if !strings.Contains(tt.m.status, "of VPC prod") || strings.Contains(tt.screen(), "vPC") {
			t.Errorf("%v: status %q: want it to name VPC prod, never vPC", size, tt.m.status)
		}
		if l := lastLine(tt.screen()); !strings.Contains(l, "of VPC prod") {
			t.Errorf("%v: the footer %q does not name VPC prod", size, l)
		}
		fixGolden(tt, "labels-say-vpc")
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// TestKeptForRecoveryIsNoCrash: quitting with "keep the changes for
// recovery" (ctrl+c in the quit dialog) marks the journal, so the next
// start says the user quit, not that the designer crashed; an edit after
// the restore and a kill is a crash again.
func TestKeptForRecoveryIsNoCrash(t *testing.T) {
	for _, size := range fixSizes {
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
			return newTester(t, Options{Path: path, Design: mustLoad(t, path), Base: base, Journal: j, Recovery: rec}, size[0], size[1])
		}
		first := open()
		first.keys("nq<ctrl+c>")
		if !first.quit {
			t.Fatalf("%v: ctrl+c in the quit dialog did not quit", size)
		}
		second := open()
		s := second.screen()
		if !strings.Contains(s, "You quit keeping edits") || strings.Contains(s, "crashed") {
			t.Errorf("%v: after keeping the edits, the recovery dialog says:\n%s", size, s)
		}
		// Its keys are whole at every size: what does not fit goes on a
		// line of its own (it was cut to "q quit, decide…" at 80×24).
		if !strings.Contains(s, "q quit, decide later") {
			t.Errorf("%v: the recovery dialog's keys are cut:\n%s", size, s)
		}
		// The dialog shows the last edit's time in the local zone: the
		// golden holds it in UTC.
		if _, off := fixedNow.Local().Zone(); off == 0 {
			fixGolden(second, "kept-for-recovery")
		} else {
			t.Logf("%v: the local zone is not UTC: the recovery dialog is not compared with its golden", size)
		}
		second.keys("rn") // restored, one more edit, then killed
		third := open()
		if s := third.screen(); !strings.Contains(s, "crashed") {
			t.Errorf("%v: after a kill, the recovery dialog does not say so:\n%s", size, s)
		}
	}
}

// TestPickerAsksForName: starting from a template asks for the design's
// name (the template's own proposed and selected, so typing replaces it;
// esc goes back to the templates); the empty design is not offered under a
// name that looks like a template vpcsmith templates would list.
func TestPickerAsksForName(t *testing.T) {
	// A file that does not exist, named the same on every machine (the
	// picker shows the path; nothing is saved).
	const newDesignPath = "/work/shop.yaml"
	for _, size := range fixSizes {
		tt := newTester(t, Options{Path: newDesignPath}, size[0], size[1])
		tt.keys("<enter>")
		if s := tt.screen(); !strings.Contains(s, "Name the new design") {
			t.Fatalf("%v: enter on a template did not ask for a name:\n%s", size, s)
		}
		checkSize(t, tt.screen(), size[0], size[1])
		// The picker's footer is not shown under the prompt, where q is
		// typed into the name.
		if foot := lastLine(tt.screen()); strings.Contains(foot, "quit") || strings.Contains(foot, "choose") {
			t.Errorf("%v: under the name prompt the footer still offers the picker's keys: %q", size, foot)
		}
		fixGolden(tt, "picker-asks-name")
		tt.keys("<esc>")
		if tt.m.picker == nil || tt.m.modal != nil {
			t.Fatalf("%v: esc did not go back to the picker", size)
		}
		tt.keys("<enter>storefront<enter>")
		if tt.m.picker != nil || tt.m.d.Name != "storefront" {
			t.Errorf("%v: design %q (picker open: %v), want storefront started", size, tt.m.d.Name, tt.m.picker != nil)
		}
	}
	var tt *tester
	for _, size := range fixSizes {
		tt = newTester(t, Options{Path: newDesignPath}, size[0], size[1])
		tt.keys("G")
		if s := tt.screen(); !strings.Contains(s, emptyItem) {
			t.Errorf("%v: the picker does not show %q:\n%s", size, emptyItem, s)
		}
		fixGolden(tt, "picker-empty-design")
		tt.keys("<enter>")
		if p, ok := tt.m.modal.(*designNamePrompt); !ok || p.input.Value() != "shop" {
			t.Fatalf("%v: the empty design proposes %+v, want the file's name shop", size, tt.m.modal)
		}
		fixGolden(tt, "picker-empty-design-name")
		tt.keys("<enter>")
		if tt.m.d.Name != "shop" || len(tt.m.d.VPCs) != 0 {
			t.Errorf("%v: empty design: name %q, %d VPCs", size, tt.m.d.Name, len(tt.m.d.VPCs))
		}
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
	for _, size := range fixSizes {
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
		if s := tt.screen(); strings.Contains(s, "✓ 10.0.1.0") || !strings.Contains(s, "✗ overlaps 10.0.1.0/24") {
			t.Errorf("%v: the overlapping CIDR is not marked ✗:\n%s", size, s)
		}
		fixGolden(tt, "overlap-field-cross")
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
