package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

var benchSizes = []int{200, 5000, 100_000}

// benchModel is a designer on a generated design of n subnets at 200×60,
// with colours, the cursor in the middle of the design, its findings
// shown. Up to 5,000 subnets the UI's own fixture is used; beyond,
// internal/gen's organisation-sized design (built in memory: as YAML it is
// over the loader's size limit), which has about 7,500 findings.
func benchModel(b *testing.B, n int) *Model {
	d := gen.Design(gen.ForSubnets(n))
	if n <= 5000 {
		d = fixture.Big(b, n)
	}
	m := New(Options{Path: "/bench/big.yaml", Design: d})
	if cmd := m.validateCmd(); cmd != nil {
		m.Update(cmd()) // the first validation, as Init starts it
	}
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	m.setStyles(styles.New(true, true))
	for range len(m.d.VPCs) / 2 {
		m.Update(keyPress("]"))
	}
	m.Update(keyPress("j"))
	m.Update(keyPress("l"))
	return m
}

// BenchmarkKeystroke is one cursor move: Update and the View that follows.
// The target is one frame at 60 Hz (16 ms) at 5,000 and 100,000 subnets.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			keys := []tea.KeyPressMsg{keyPress("j"), keyPress("k")}
			i := 0
			for b.Loop() {
				m.Update(keys[i%2])
				_ = m.View()
				i++
			}
		})
	}
}

// BenchmarkEdit is one editing keystroke (cycle the NAT mode of a VPC):
// Update and View. Update copies what the edit changes for undo, lays out
// again the VPC it changed, patches the diagram, and, from 2,000 subnets,
// leaves validation to a command (not run here: see BenchmarkValidate),
// keeping the last findings on screen; the target is one frame (16 ms).
func BenchmarkEdit(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				m.Update(keyPress("n"))
				_ = m.View()
			}
		})
	}
}

// BenchmarkEditValidated is an edit and then the arrival of its
// validation's result (the UI's time only: the validation itself, in a
// command, is left out): the findings, marks and problems pane updated,
// the VPCs whose marks changed drawn again.
func BenchmarkEditValidated(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				m.Update(keyPress("n"))
				b.StopTimer()
				msg := validatedMsg{gen: m.gen, v: validate(m.d, m.layout)}
				m.validBusy = false
				b.StartTimer()
				m.Update(msg)
				_ = m.View()
			}
		})
	}
}

// BenchmarkUndo is an undo or a redo of such an edit, alternately.
func BenchmarkUndo(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			m.Update(keyPress("n"))
			keys := []tea.KeyPressMsg{keyPress("u"), keyPress("ctrl+r")}
			i := 0
			for b.Loop() {
				m.Update(keys[i%2])
				_ = m.View()
				i++
			}
		})
	}
}

// BenchmarkRenameVPC renames a VPC (and back): the references in other
// VPCs follow, so the edit's scope is the VPCs whose rules name it.
func BenchmarkRenameVPC(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			vi := m.sel.V
			names := []string{"renamed", m.d.VPCs[vi].Name}
			i := 0
			for b.Loop() {
				name := names[i%2]
				m.apply("rename", edit.RenameVPCScope(m.d, vi), func(d *design.Design) error { return edit.RenameVPC(d, vi, name) }, nil)
				_ = m.View()
				i++
			}
		})
	}
}

// BenchmarkEditEverything adds a VPC and removes it, alternately, as the
// designer's add menu and remove confirmation do: the VPCs after it change
// places, which once made an edit of everything (the whole design copied,
// laid out and drawn again). Their scopes (edit.InsertVPC, RemoveVPCAt)
// now let the layout, the findings' marks and the diagram's parts follow
// the VPCs that moved.
func BenchmarkEditEverything(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			vi := m.sel.V
			i := 0
			for b.Loop() {
				if i%2 == 0 {
					scope, fn, sel := addVPC(vi)(m.d, "extra")
					m.apply("add VPC extra", scope, fn, sel)
				} else {
					m.confirmRemove() // the new VPC is selected
					m.modal.(*confirmModal).yes(m)
					m.modal = nil
				}
				_ = m.View()
				i++
			}
		})
	}
}

// BenchmarkValidate is the validation an edit leaves to a command at
// 100,000 subnets (and, for comparison, what an edit at 200 subnets does
// in Update): validate the design, find each finding's element.
func BenchmarkValidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			d, l := m.d, m.layout
			b.ReportAllocs()
			for b.Loop() {
				validate(d, l)
			}
		})
	}
}

// BenchmarkKeystrokeTopology is a keystroke with the cursor inside the
// topology drawing, at 100,000 subnets: j and k move it between a hub's
// lines, each a new element for the inspector, and the window over the
// topology is redrawn. The target is one frame (16 ms).
func BenchmarkKeystrokeTopology(b *testing.B) {
	m := benchModel(b, 100_000)
	m.Update(keyPress("G"))
	m.Update(keyPress("j")) // into the drawing
	if !m.inTopo() {
		b.Fatalf("the cursor is not in the drawing (%d connections)", len(m.d.Connections))
	}
	m.Update(keyPress("j"))
	if !strings.Contains(ansi.Strip(m.Render()), "Topology") {
		b.Fatal("the topology is not on screen")
	}
	keys := []tea.KeyPressMsg{keyPress("k"), keyPress("j")}
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
	if !m.inTopo() {
		b.Fatal("the cursor left the drawing")
	}
}
