package panes

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestProblemsOrderAndCursor: the list is worst first (stable), the cursor
// stays on its finding when the list changes, and the same findings with
// other elements (VPCs moved) keep the order and the cursor and jump to
// the new elements.
func TestProblemsOrderAndCursor(t *testing.T) {
	fs := []design.Finding{
		{Severity: design.Info, Code: "a", Path: "vpcs.x"},
		{Severity: design.Error, Code: "b", Path: "vpcs.y"},
		{Severity: design.Warning, Code: "c", Path: "vpcs.z"},
		{Severity: design.Error, Code: "d", Path: "vpcs.w"},
	}
	refs := []edit.Ref{{Kind: edit.VPC, V: 0}, {Kind: edit.VPC, V: 1}, {Kind: edit.VPC, V: 2}, {Kind: edit.VPC, V: 3}}
	p := NewProblems(styles.Plain())
	p.SetSize(60, 20)
	p.SetProblems(fs, refs)
	codes := func() (out []string) {
		for _, it := range p.Items() {
			out = append(out, it.Finding.Code)
		}
		return out
	}
	if got := codes(); !slices.Equal(got, []string{"b", "d", "c", "a"}) {
		t.Fatalf("order %v, want errors, warnings, infos, each in the order given", got)
	}
	p.HandleMsg(press("j"))
	p.HandleMsg(press("j")) // on c
	if it, _ := p.Selected(); it.Finding.Code != "c" || it.Ref != refs[2] {
		t.Fatalf("selected %+v", it)
	}

	// The same findings, their elements moved: order and cursor kept.
	moved := []edit.Ref{{Kind: edit.VPC, V: 1}, {Kind: edit.VPC, V: 2}, {Kind: edit.VPC, V: 3}, {Kind: edit.VPC, V: 4}}
	p.SetProblems(fs, moved)
	if it, _ := p.Selected(); it.Finding.Code != "c" || it.Ref != moved[2] {
		t.Fatalf("after the move, selected %+v", it)
	}
	if a := p.HandleMsg(tea.KeyPressMsg{Code: tea.KeyEnter}); a.Kind != Jump || a.Ref != moved[2] {
		t.Fatalf("enter: %+v", a)
	}

	// Another list with a new warning: the cursor follows c to its new place.
	fs2 := append([]design.Finding{{Severity: design.Warning, Code: "e", Path: "vpcs.v"}}, fs...)
	p.SetProblems(fs2, append([]edit.Ref{{Kind: edit.DesignKind}}, refs...))
	if got := codes(); !slices.Equal(got, []string{"b", "d", "e", "c", "a"}) {
		t.Fatalf("order %v", got)
	}
	if it, _ := p.Selected(); it.Finding.Code != "c" {
		t.Fatalf("after the new list, selected %+v", it)
	}
	if want := "Problems  " + styles.GlyphError + "2 " + styles.GlyphWarning + "2 " + styles.GlyphInfo + "1"; p.Title() != want {
		t.Fatalf("title %q, want %q", p.Title(), want)
	}
	p.SetProblems(nil, nil)
	if _, ok := p.Selected(); ok || len(p.Items()) != 0 {
		t.Fatal("an empty list has a selection")
	}
}

// TestProblemsNewErrorTakesSelection: an error that was not in the last
// list (the one the edit just caused) takes the selection from the old
// warning, so the detail explains it (issue 15); the first list and lists
// without a new error leave the cursor where it is.
func TestProblemsNewErrorTakesSelection(t *testing.T) {
	fs := []design.Finding{
		{Severity: design.Error, Code: "old-error", Path: "vpcs.a"},
		{Severity: design.Warning, Code: "old-warning", Path: "vpcs.b", Message: "an old warning"},
	}
	refs := []edit.Ref{{Kind: edit.VPC, V: 0}, {Kind: edit.VPC, V: 1}}
	p := NewProblems(styles.Plain())
	p.SetSize(60, 20)
	p.SetProblems(fs, refs)
	if it, _ := p.Selected(); it.Finding.Code != "old-error" {
		t.Fatalf("first list: selected %q, want the top", it.Finding.Code)
	}
	p.HandleMsg(press("j"))
	fs2 := []design.Finding{fs[0], {Severity: design.Error, Code: "subnet-overlap", Path: "vpcs.c", Message: "the new overlap"}, fs[1]}
	p.SetProblems(fs2, []edit.Ref{refs[0], {Kind: edit.VPC, V: 2}, refs[1]})
	if it, _ := p.Selected(); it.Finding.Code != "subnet-overlap" {
		t.Fatalf("after a new error, selected %q, want subnet-overlap", it.Finding.Code)
	}
	if view := strings.Join(p.View(true), "\n"); !strings.Contains(view, "the new overlap [subnet-overlap]") {
		t.Errorf("the detail does not show the new error:\n%s", view)
	}
	// The same findings again (a message reworded): no news, no jump.
	p.HandleMsg(press("G"))
	fs3 := slices.Clone(fs2)
	fs3[1].Message = "the new overlap, reworded"
	p.SetProblems(fs3, []edit.Ref{refs[0], {Kind: edit.VPC, V: 2}, refs[1]})
	if it, _ := p.Selected(); it.Finding.Code != "old-warning" {
		t.Fatalf("no new error: selected %q, want old-warning kept", it.Finding.Code)
	}
}

// TestProblemsDetailScrolls: a detail longer than its room is cut with a
// hint on the rule above it, and J/K scroll it to the last line; a short
// list leaves its spare lines to the detail.
func TestProblemsDetailScrolls(t *testing.T) {
	long := strings.Repeat("word ", 200) + "END"
	fs := make([]design.Finding, 30)
	refs := make([]edit.Ref, 30)
	for i := range fs {
		fs[i] = design.Finding{Severity: design.Warning, Code: "c" + string(rune('a'+i%26)), Path: "vpcs.x" + string(rune('a'+i)), Message: long}
	}
	p := NewProblems(styles.Plain())
	p.SetSize(60, 24)
	p.SetProblems(fs, refs)
	view := strings.Join(p.View(true), "\n")
	if !strings.Contains(view, "J/K scroll") || strings.Contains(view, "END") {
		t.Fatalf("a cut detail without the hint, or not cut:\n%s", view)
	}
	for range 100 {
		p.HandleMsg(press("J"))
	}
	view = strings.Join(p.View(true), "\n")
	if !strings.Contains(view, "END") || !strings.Contains(view, "J/K scroll") {
		t.Fatalf("J did not scroll the detail to its end:\n%s", view)
	}
	p.HandleMsg(press("j")) // another finding: its detail from the top
	if view = strings.Join(p.View(true), "\n"); strings.Contains(view, "END") {
		t.Fatalf("the next finding's detail does not start at its top:\n%s", view)
	}

	// One finding: the detail takes the room the list does not need.
	p.SetProblems(fs[:1], refs[:1])
	view = strings.Join(p.View(true), "\n")
	if !strings.Contains(view, "END") || strings.Contains(view, "scroll") {
		t.Fatalf("a one-finding list cuts its detail:\n%s", view)
	}
}
