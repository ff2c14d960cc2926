package ui

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// TestAddRemoveVPCIncremental adds and removes VPCs at the start, in the
// middle and at the end of a design, through the keys, each followed by
// undo and redo, with validation in Update and in the background. Adding
// and removing a VPC move the VPCs after it (scopes edit.InsertVPC and
// RemoveVPCAt, undone in reverse): after each step, what the designer
// derived incrementally equals a computation from scratch (checkDerived),
// and once validated the screen equals that of a designer started afresh
// on the same design with the same view state.
func TestAddRemoveVPCIncremental(t *testing.T) {
	starts := map[string]func() Options{
		"reference": func() Options { return reference(t) },
		"generated": func() Options {
			return Options{Path: "gen.yaml", Design: gen.Design(gen.Shape{VPCs: 9, Tiers: 3, AZs: 2})}
		},
		// Paths name VPCs by name, and a name that repeats names the first
		// VPC with it: removing or inserting one moves findings between
		// the two.
		"repeated names": func() Options {
			d := gen.Design(gen.Shape{VPCs: 9, Tiers: 3, AZs: 2})
			d.VPCs[4].Name = d.VPCs[0].Name
			d.VPCs[8].Name = d.VPCs[4].Name
			d.VPCs[6].Name = d.VPCs[5].Name
			return Options{Path: "gen.yaml", Design: d}
		},
	}
	for name, start := range starts {
		for _, mode := range validationModes {
			t.Run(name+"/"+mode, func(t *testing.T) {
				tt := newTesterValidating(t, start(), mode)
				n := len(tt.m.d.VPCs)
				added := 0
				for _, vi := range []int{0, n / 2, n - 1} {
					// Remove VPC vi; undo puts it back at vi (at 0 too, which
					// adding cannot reach), redo removes it again, undo again.
					tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: vi})
					name := tt.m.d.VPCs[vi].Name
					named := vpcsNamed(tt, name)
					tt.keys("dy")
					checkMoved(t, tt, fmt.Sprintf("remove VPC %d", vi), len(tt.m.d.VPCs) == n-1 && vpcsNamed(tt, name) == named-1)
					tt.keys("u")
					checkMoved(t, tt, fmt.Sprintf("undo remove VPC %d", vi), len(tt.m.d.VPCs) == n && tt.m.d.VPCs[vi].Name == name)
					tt.keys("<ctrl+r>")
					checkMoved(t, tt, fmt.Sprintf("redo remove VPC %d", vi), len(tt.m.d.VPCs) == n-1 && vpcsNamed(tt, name) == named-1)
					tt.keys("u")
					checkMoved(t, tt, fmt.Sprintf("undo remove VPC %d again", vi), len(tt.m.d.VPCs) == n)

					// Add a VPC after vi (at the end after the last), undo, redo.
					tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: vi})
					added++
					name = fmt.Sprintf("added%d", added)
					tt.keys("av<ctrl+u>" + name + "<enter><esc>")
					checkMoved(t, tt, fmt.Sprintf("add after VPC %d", vi), len(tt.m.d.VPCs) == n+1 && tt.m.d.VPCs[vi+1].Name == name && tt.m.sel == edit.Ref{Kind: edit.VPC, V: vi + 1})
					tt.keys("u")
					checkMoved(t, tt, fmt.Sprintf("undo add after VPC %d", vi), len(tt.m.d.VPCs) == n && vpcsNamed(tt, name) == 0)
					tt.keys("<ctrl+r>")
					checkMoved(t, tt, fmt.Sprintf("redo add after VPC %d", vi), len(tt.m.d.VPCs) == n+1 && tt.m.d.VPCs[vi+1].Name == name)
					// An edit inside a VPC after it, then the new VPC removed:
					// the rest follows.
					tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: min(vi+2, n)})
					tt.keys("n")
					checkMoved(t, tt, "NAT after the added VPC", true)
					tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: vi + 1})
					tt.keys("dy")
					checkMoved(t, tt, fmt.Sprintf("remove the VPC added after %d", vi), len(tt.m.d.VPCs) == n && vpcsNamed(tt, name) == 0)
				}
				// Quicker than validation: remove, undo, redo, undo, each
				// before the last one's findings arrive.
				for _, vi := range []int{0, n / 2, n - 1} {
					tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: vi})
					for _, k := range []string{"dy", "u", "<ctrl+r>", "u"} {
						tt.keys(k)
						checkDerived(t, fmt.Sprintf("%s at VPC %d, not validated", k, vi), tt.m)
					}
					checkMoved(t, tt, fmt.Sprintf("remove, undo, redo, undo VPC %d", vi), len(tt.m.d.VPCs) == n)
				}
				// Adding with no VPC selected appends.
				tt.m.selectRef(edit.Ref{Kind: edit.DesignKind})
				tt.keys("av<ctrl+u>last<enter><esc>")
				checkMoved(t, tt, "add at the end", tt.m.d.VPCs[len(tt.m.d.VPCs)-1].Name == "last")
				for i := range 8 {
					tt.keys("u")
					checkMoved(t, tt, fmt.Sprintf("undo %d", i), true)
				}
				for i := range 8 {
					tt.keys("<ctrl+r>")
					checkMoved(t, tt, fmt.Sprintf("redo %d", i), true)
				}
			})
		}
	}
}

func vpcsNamed(tt *tester, name string) int {
	n := 0
	for i := range tt.m.d.VPCs {
		if tt.m.d.VPCs[i].Name == name {
			n++
		}
	}
	return n
}

// checkMoved checks the designer after a step (ok: the step did what it
// should): what it derived, before and after the validations in flight
// come back, and then its screen against a fresh designer's.
func checkMoved(t *testing.T, tt *tester, what string, ok bool) {
	t.Helper()
	if !ok {
		t.Fatalf("%s: the design is not as expected (%d VPCs, status %q)", what, len(tt.m.d.VPCs), tt.m.status)
	}
	checkDerived(t, what, tt.m)
	for len(tt.held) > 0 {
		tt.release()
	}
	checkDerived(t, what+", validated", tt.m)
	if got, want := tt.screen(), freshScreen(t, tt.m); got != want {
		t.Fatalf("%s: the screen differs from a fresh designer's:\n%s", what, testtools.Diff(want, got))
	}
}

// freshScreen is the screen of a designer started on m's design, in m's
// view state (selection, scroll, panes, status, history).
func freshScreen(t *testing.T, m *Model) string {
	t.Helper()
	opts := m.opts
	opts.Design, opts.Recovery = m.d, nil
	f := newTester(t, opts, m.width, m.height)
	fm := f.m
	fm.syncValidate = m.syncValidate
	fm.hist = m.hist
	if m.Dirty() {
		fm.savedGen = 0
	}
	fm.focus, fm.bottomPane = m.focus, m.bottomPane
	for i := range fm.panes {
		fm.panes[i].hidden = m.panes[i].hidden
	}
	fm.resized()
	fm.selectRef(m.sel)
	fm.scrollX, fm.scrollY, fm.goalX = m.scrollX, m.scrollY, m.goalX
	fm.status, fm.statusErr = m.status, m.statusErr
	// The problems pane keeps its cursor on the finding it was on.
	if sel, ok := m.problems.Selected(); ok {
		for i, it := range fm.problems.Items() {
			if it == sel {
				for range i {
					fm.problems.HandleMsg(keyPress("down"))
				}
				break
			}
		}
	}
	return f.screen()
}
