package panes

import (
	"slices"
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

	// Another list: the cursor follows c to its new place.
	fs2 := append([]design.Finding{{Severity: design.Error, Code: "e", Path: "vpcs.v"}}, fs...)
	p.SetProblems(fs2, append([]edit.Ref{{Kind: edit.DesignKind}}, refs...))
	if got := codes(); !slices.Equal(got, []string{"e", "b", "d", "c", "a"}) {
		t.Fatalf("order %v", got)
	}
	if it, _ := p.Selected(); it.Finding.Code != "c" {
		t.Fatalf("after the new list, selected %+v", it)
	}
	if want := "Problems  " + styles.GlyphError + "3 " + styles.GlyphWarning + "1 " + styles.GlyphInfo + "1"; p.Title() != want {
		t.Fatalf("title %q, want %q", p.Title(), want)
	}
	p.SetProblems(nil, nil)
	if _, ok := p.Selected(); ok || len(p.Items()) != 0 {
		t.Fatal("an empty list has a selection")
	}
}
