package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// benchModel is a designer on a generated design of n subnets at 200×60,
// with colours, the cursor in the middle of the design. Up to 5,000 subnets
// the UI's own fixture is used; beyond, internal/gen's organisation-sized
// design (built in memory: as YAML it is over the loader's size limit).
func benchModel(b *testing.B, n int) *Model {
	d := gen.Design(gen.ForSubnets(n))
	if n <= 5000 {
		d = fixture.Big(b, n)
	}
	m := New(Options{Path: "/bench/big.yaml", Design: d})
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
	for _, n := range []int{200, 5000, 100_000} {
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

// BenchmarkEdit is one editing keystroke (cycle the NAT mode): clone,
// validate, lay out again, and draw.
func BenchmarkEdit(b *testing.B) {
	for _, n := range []int{200, 5000, 100_000} {
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				m.Update(keyPress("n"))
				_ = m.View()
			}
		})
	}
}
