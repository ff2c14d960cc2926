package diagram

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// marksOf validates d and marks the elements of its findings, as the
// designer does.
func marksOf(d *design.Design, l *design.Layout) Marks {
	ix := edit.NewPathIndex(d, l)
	marks := Marks{}
	for _, f := range design.ValidateLayout(l) {
		if r, ok := ix.Lookup(f.Path); ok {
			marks[r] = max(marks[r], int(f.Severity)+1)
		}
	}
	return marks
}

// TestCacheFollowsMovedVPCs inserts VPCs at the start, in the middle and
// at the end of a design and removes them again (the scopes of AddVPC,
// RemoveVPC, and their undo), telling the cache where each VPC was before:
// each diagram equals one built from scratch, and every VPC the edit left
// alone (same marks) keeps its parts, at its new index.
func TestCacheFollowsMovedVPCs(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 7, Tiers: 3, AZs: 2})
	l := design.Resolve(d)
	var cache Cache
	last := Build(Input{Design: d, Layout: l, Marks: marksOf(d, l), Width: 160, Cache: &cache})
	n := len(d.VPCs)
	type step struct {
		what string
		s    edit.Scope
		edit func(d *design.Design)
	}
	var steps []step
	for _, at := range []int{0, n / 2, n} {
		v := design.VPC{Name: fmt.Sprintf("new%d", at), CIDR: "10.200.0.0/16", AZs: design.AZSpec{Count: 2},
			Tiers: []design.Tier{{Name: "app", Kind: design.TierPrivate, Prefix: 24}}}
		steps = append(steps,
			step{fmt.Sprintf("insert at %d", at), edit.InsertVPC(at), func(d *design.Design) { d.VPCs = slices.Insert(d.VPCs, at, v) }},
			step{fmt.Sprintf("remove %d (undo)", at), edit.RemoveVPCAt(at), func(d *design.Design) { edit.RemoveVPC(d, at) }},
			step{fmt.Sprintf("remove %d", min(at, n-1)), edit.RemoveVPCAt(min(at, n-1)), func(d *design.Design) { edit.RemoveVPC(d, min(at, n-1)) }},
			step{"add after 0", edit.InsertVPC(1), func(d *design.Design) { _, _ = edit.AddVPC(d, 0, fmt.Sprintf("added%d", at)) }},
		)
	}
	for _, st := range steps {
		next := edit.CloneFor(d, st.s)
		st.edit(next)
		d = next
		l = design.Resolve(d)
		marks := marksOf(d, l)
		from := st.s.From(len(d.VPCs))
		in := Input{Design: d, Layout: l, Marks: marks, Width: 160, Cache: &cache, Dirty: st.s.Dirty(len(d.VPCs)), From: from}
		prev := last
		last = Build(in)
		sameDoc(t, st.what, last, Build(Input{Design: d, Layout: l, Marks: marks, Width: 160}), edit.Ref{Kind: edit.Subnet, V: 1, AZ: "us-east-1a"})
		reused := 0
		for i, j := range from {
			if j >= 0 && slices.Equal(last.vpcs[i].marks, prev.vpcs[j].marks) {
				if last.vpcs[i] != prev.vpcs[j] {
					t.Fatalf("%s: VPC %d (%d before) was laid out again", st.what, i, j)
				}
				reused++
			}
		}
		if reused < len(d.VPCs)/2 {
			t.Fatalf("%s: only %d of %d VPCs reused", st.what, reused, len(d.VPCs))
		}
	}
}

// TestCacheRandomMoves mixes VPCs inserted and removed anywhere with
// edits inside VPCs and checks every diagram against a fresh one.
func TestCacheRandomMoves(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 12, Tiers: 3, AZs: 2})
	rng := rand.New(rand.NewPCG(8, 8))
	var cache Cache
	var gone []design.VPC // removed, to put back as undo does
	for step := range 200 {
		var s edit.Scope
		n := len(d.VPCs)
		switch k := rng.IntN(5); {
		case k == 0 && n > 1:
			vi := []int{0, n - 1, rng.IntN(n)}[rng.IntN(3)]
			s = edit.RemoveVPCAt(vi)
			gone = append(gone, d.VPCs[vi])
		case k == 1 && len(gone) > 0:
			s = edit.InsertVPC([]int{0, n, rng.IntN(n + 1)}[rng.IntN(3)])
		case k == 2:
			s = edit.InsertVPC(edit.InsertIndex(n, rng.IntN(n+1)-1))
		default:
			s = edit.InVPC(rng.IntN(n))
		}
		next := edit.CloneFor(d, s)
		switch at, delta := s.Place(); {
		case delta < 0:
			edit.RemoveVPC(next, at)
		case delta > 0 && len(gone) > 0 && rng.IntN(2) == 0:
			next.VPCs = slices.Insert(next.VPCs, at, gone[len(gone)-1])
			gone = gone[:len(gone)-1]
		case delta > 0:
			if _, err := edit.AddVPC(next, at-1, fmt.Sprintf("v%d", step)); err != nil {
				t.Fatal(err)
			}
			if at == 0 { // AddVPC appends after -1: put it first, as undo of removing VPC 0 would
				next.VPCs = append(next.VPCs[len(next.VPCs)-1:], next.VPCs[:len(next.VPCs)-1]...)
			}
		default:
			vi := s.VPCs()[0]
			switch rng.IntN(3) {
			case 0:
				edit.CycleNAT(next, vi)
			case 1:
				_, _ = edit.AddTier(next, vi, 0, fmt.Sprintf("t%d", step))
			default:
				_ = edit.SetSubnetCIDR(next, vi, 0, "us-east-1a", next.VPCs[(vi+1)%len(next.VPCs)].CIDR)
			}
		}
		d = next
		l := design.Resolve(d)
		marks := marksOf(d, l)
		cached := Build(Input{Design: d, Layout: l, Marks: marks, Width: 160, Cache: &cache, Dirty: s.Dirty(len(d.VPCs)), From: s.From(len(d.VPCs))})
		fresh := Build(Input{Design: d, Layout: l, Marks: marks, Width: 160})
		sameDoc(t, fmt.Sprintf("step %d (%v)", step, s), cached, fresh, edit.Ref{Kind: edit.Tier, V: rng.IntN(len(d.VPCs)), T: 1})
	}
}

// TestSelectionDrawsInItsVPC: the parts name their elements without the
// VPC's index (see local.go); selecting an element highlights it in its
// own VPC and nowhere else, after VPCs moved too.
func TestSelectionDrawsInItsVPC(t *testing.T) {
	d := fixture.Reference(t)
	l := design.Resolve(d)
	var cache Cache
	Build(Input{Design: d, Layout: l, Width: 200, Cache: &cache})
	s := edit.InsertVPC(0)
	d = edit.CloneFor(d, s)
	d.VPCs = slices.Insert(d.VPCs, 0, design.VPC{Name: "first", CIDR: "10.9.0.0/16", AZs: design.AZSpec{Count: 2},
		Tiers: []design.Tier{{Name: "app", Kind: design.TierPrivate, Prefix: 24}}})
	l = design.Resolve(d)
	doc := Build(Input{Design: d, Layout: l, Width: 200, Cache: &cache, Dirty: s.Dirty(len(d.VPCs)), From: s.From(len(d.VPCs))})
	st := styles.New(true, true)
	w, h := doc.Size()
	plain := doc.Render(st, edit.Ref{}, 0, 0, w, h)
	for _, it := range doc.Items() {
		lo, hi := it.Y, it.Y+it.H
		if it.Ref.InVPC() {
			// A group may appear more than once in its VPC's strip.
			lo, hi = doc.vpcY[it.Ref.V], doc.tailY
			if it.Ref.V+1 < len(doc.vpcY) {
				hi = doc.vpcY[it.Ref.V+1]
			}
			if it.Y < lo || it.Y+it.H > hi {
				t.Fatalf("%+v is drawn at lines %d-%d, outside its VPC's %d-%d", it.Ref, it.Y, it.Y+it.H, lo, hi)
			}
		}
		lit := doc.Render(st, it.Ref, 0, 0, w, h)
		changed := 0
		for y := range lit {
			if lit[y] != plain[y] {
				changed++
				if (y < lo || y >= hi) && !(it.Ref.Kind == edit.Conn && inTopology(doc, y)) {
					t.Fatalf("selecting %+v changed line %d, outside %d-%d:\n%s", it.Ref, y, lo, hi, strings.Join(lit, "\n"))
				}
			}
		}
		if changed == 0 {
			t.Fatalf("selecting %+v changed nothing", it.Ref)
		}
	}
}

// inTopology reports whether line y is the topology drawing's, where a
// selected connection is highlighted too.
func inTopology(doc *Doc, y int) bool {
	for _, p := range doc.tail.blocks {
		if _, ok := p.b.(*topoBlock); ok && y >= doc.tailY+p.y && y < doc.tailY+p.y+p.b.height() {
			return true
		}
	}
	return false
}
