package design_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// TestReresolveEqualsResolve makes random edits to generated designs (and
// the reference example), each on a clone as the editor makes them, marks
// the VPCs each edit touched, and checks that the incremental layout equals
// a layout resolved from scratch: CIDRs, subnets, free space, and every
// pointer leading into the new design. Each step starts from the previous
// step's incremental layout, so that a mistake would accumulate.
func TestReresolveEqualsResolve(t *testing.T) {
	ref, err := design.Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The dual-stack template reserves space in every tier.
	reserved, err := design.Load("../templates/designs/dual-stack.yaml")
	if err != nil {
		t.Fatal(err)
	}
	designs := map[string]*design.Design{
		"reference":           ref,
		"dual-stack template": reserved,
		"carved 20x4x3":       gen.Design(gen.Shape{VPCs: 20, Tiers: 4, AZs: 3}),
		"explicit 20x4x3":     gen.Design(gen.Shape{VPCs: 20, Tiers: 4, AZs: 3, Explicit: true}),
		"explicit 300x2x2":    gen.Design(gen.Shape{VPCs: 300, Tiers: 2, AZs: 2, Explicit: true}),
		"carved 12x6x6 /21":   gen.Design(gen.Shape{VPCs: 12, Tiers: 6, AZs: 6}),
		"dual-stack 20x4x3":   gen.Design(gen.Shape{VPCs: 20, Tiers: 4, AZs: 3, DualStack: true}),
	}
	for name, d := range designs {
		for _, share := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/share=%v", name, share), func(t *testing.T) {
				testReresolve(t, d, share, uint64(len(name)))
			})
		}
	}
}

// testReresolve edits d step by step. With share, each state is a copy
// that shares the insides of the VPCs the edit leaves alone (as the
// editor's copies do); without, a full Clone.
func testReresolve(t *testing.T, d *design.Design, share bool, seed uint64) {
	rng := rand.New(rand.NewPCG(1, seed))
	cur := d
	l := design.Resolve(cur)
	steps := 150
	if len(d.VPCs) > 100 {
		steps = 25
	}
	for step := range steps {
		next := cur.Clone()
		if share {
			next = shallowClone(cur)
		}
		dirty, from, what := randomEdit(rng, next, share)
		got := design.ReresolveMoved(l, next, dirty, from)
		if from == nil {
			// Reresolve is ReresolveMoved without moves.
			checkLayout(t, fmt.Sprintf("step %d (%s), Reresolve", step, what), design.Reresolve(l, next, dirty), design.Resolve(next), next)
		}
		checkLayout(t, fmt.Sprintf("step %d (%s)", step, what), got, design.Resolve(next), next)
		checkReused(t, fmt.Sprintf("step %d (%s)", step, what), got, l, dirty, from)
		// prev is left as it was.
		checkLayout(t, fmt.Sprintf("step %d (%s), previous layout", step, what), l, design.Resolve(cur), cur)
		cur, l = next, got
	}
}

// checkReused checks that got reused prev's layout of every VPC the edit
// left alone, at the VPC's new index: the saving is the point of
// ReresolveMoved, and a wrong mapping would otherwise go unseen (the
// safeguard resolves a VPC afresh when its name differs, with the same
// result).
func checkReused(t *testing.T, what string, got, prev *design.Layout, dirty []bool, from []int) {
	t.Helper()
	for i := range dirty {
		j := i
		if from != nil {
			j = from[i]
		}
		if dirty[i] || j < 0 {
			continue
		}
		g, p := got.VPCs[i].Tiers, prev.VPCs[j].Tiers
		if len(g) > 0 && len(g[0].Subnets) > 0 && (len(p) == 0 || len(p[0].Subnets) == 0 || &g[0].Subnets[0] != &p[0].Subnets[0]) {
			t.Fatalf("%s: VPC %d (before the edit %d) was resolved again", what, i, j)
		}
	}
}

// shallowClone copies d's VPC list and networks but shares every VPC's
// insides; randomEdit copies a VPC before it changes it.
func shallowClone(d *design.Design) *design.Design {
	c := *d
	c.VPCs = append([]design.VPC(nil), d.VPCs...)
	c.Networks = append([]design.Network(nil), d.Networks...)
	return &c
}

// TestReresolveSafeguard: a VPC removed without marking the others dirty
// shifts every later VPC; their names no longer match prev's, so they are
// resolved afresh anyway.
func TestReresolveSafeguard(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 6, Tiers: 3, AZs: 2})
	l := design.Resolve(d)
	next := d.Clone()
	next.VPCs = append(next.VPCs[:1], next.VPCs[2:]...)
	checkLayout(t, "remove VPC 1", design.Reresolve(l, next, make([]bool, len(next.VPCs))), design.Resolve(next), next)
	checkLayout(t, "nil prev", design.Reresolve(nil, next, nil), design.Resolve(next), next)
}

// randomEdit changes next in place the way an editor would and returns the
// dirty VPCs (nil: all of them), where each VPC was before the edit (nil:
// where it is) and what it did.
func randomEdit(rng *rand.Rand, d *design.Design, share bool) ([]bool, []int, string) {
	n := len(d.VPCs)
	dirty := make([]bool, n)
	// Now and then a VPC marked dirty that did not change: harmless.
	if n > 0 && rng.IntN(4) == 0 {
		dirty[rng.IntN(n)] = true
	}
	if n == 0 {
		return nil, nil, "nothing"
	}
	if rng.IntN(8) == 0 {
		return moveEdit(rng, d, dirty)
	}
	dirty, what := contentEdit(rng, d, share, dirty)
	return dirty, nil, what
}

// moveEdit inserts a VPC (a copy of another, renamed) or removes one, at
// the start, the end or anywhere, as AddVPC and RemoveVPC do: the VPCs
// after it move one place, unchanged. dirty (parallel to the VPCs before
// the edit) moves with them.
func moveEdit(rng *rand.Rand, d *design.Design, dirty []bool) ([]bool, []int, string) {
	n := len(d.VPCs)
	at := []int{0, n - 1, rng.IntN(n)}[rng.IntN(3)]
	if rng.IntN(2) == 0 || n == 1 {
		at = []int{0, n, rng.IntN(n + 1)}[rng.IntN(3)]
		k := rng.IntN(n)
		c := (&design.Design{VPCs: d.VPCs[k : k+1]}).Clone().VPCs[0]
		c.Name = fmt.Sprintf("ins%d-%s", rng.IntN(1e6), c.Name)
		d.VPCs = slices.Insert(d.VPCs, at, c)
		from := make([]int, n+1)
		for i := range from {
			switch {
			case i < at:
				from[i] = i
			case i == at:
				from[i] = -1
			default:
				from[i] = i - 1
			}
		}
		return slices.Insert(dirty, at, rng.IntN(2) == 0), from, fmt.Sprintf("insert VPC at %d of %d", at, n)
	}
	d.VPCs = slices.Delete(d.VPCs, at, at+1)
	from := make([]int, n-1)
	for i := range from {
		from[i] = i
		if i >= at {
			from[i] = i + 1
		}
	}
	return slices.Delete(dirty, at, at+1), from, fmt.Sprintf("remove VPC %d of %d", at, n)
}

// contentEdit changes one VPC, or what is outside VPCs, and returns the
// dirty VPCs and what it did.
func contentEdit(rng *rand.Rand, d *design.Design, share bool, dirty []bool) ([]bool, string) {
	n := len(d.VPCs)
	vi := rng.IntN(n)
	v := &d.VPCs[vi]
	if share {
		// The VPC about to change gets insides of its own.
		*v = (&design.Design{VPCs: d.VPCs[vi : vi+1]}).Clone().VPCs[0]
	}
	mark := func(what string) ([]bool, string) {
		dirty[vi] = true
		return dirty, fmt.Sprintf("%s of VPC %d", what, vi)
	}
	randomBlock := func(bits int) string {
		return fmt.Sprintf("10.%d.%d.0/%d", rng.IntN(4), rng.IntN(8)*32, bits)
	}
	switch rng.IntN(16) {
	case 0:
		v.NAT = design.NATModes[rng.IntN(len(design.NATModes))]
		return mark("NAT")
	case 1:
		v.CIDR = randomBlock(16 + rng.IntN(8))
		return mark("CIDR")
	case 2:
		v.CIDR = "not a cidr"
		return mark("bad CIDR")
	case 3:
		if len(v.Tiers) > 0 {
			v.Tiers[rng.IntN(len(v.Tiers))].Prefix = []int{0, 20, 22, 24, 26, 28, 40}[rng.IntN(7)]
		}
		return mark("tier prefix")
	case 4:
		v.AZs = design.AZSpec{Count: 1 + rng.IntN(4)}
		return mark("AZ count")
	case 5:
		v.AZs = design.AZSpec{Names: []string{"us-east-1a", "us-east-1c"}}
		return mark("AZ names")
	case 6:
		v.Tiers = append(v.Tiers, design.Tier{Name: fmt.Sprintf("new%d", rng.IntN(1000)), Kind: design.TierPrivate, Prefix: 24 + rng.IntN(4)})
		return mark("add tier")
	case 7:
		if len(v.Tiers) > 1 {
			i := rng.IntN(len(v.Tiers))
			v.Tiers = append(v.Tiers[:i], v.Tiers[i+1:]...)
		}
		return mark("remove tier")
	case 8:
		if len(v.Tiers) > 0 {
			t := &v.Tiers[rng.IntN(len(v.Tiers))]
			cidr := randomBlock(24 + rng.IntN(3))
			if rng.IntN(5) == 0 {
				cidr = "10.0.0.1/24" // host bits: an invalid written subnet
			}
			t.Subnets = append(t.Subnets, design.Subnet{AZ: "us-east-1b", CIDR: cidr})
		}
		return mark("write subnet")
	case 9:
		if len(v.Tiers) > 0 {
			v.Tiers[rng.IntN(len(v.Tiers))].Subnets = nil
		}
		return mark("clear subnets")
	case 10:
		v.SecondaryCIDRs = append(v.SecondaryCIDRs, fmt.Sprintf("100.%d.0.0/16", 64+rng.IntN(8)))
		return mark("secondary CIDR")
	case 11:
		v.Region = []string{"", "eu-west-1", "us-east-1"}[rng.IntN(3)]
		return mark("region")
	case 12:
		if len(v.Tiers) > 0 {
			v.Tiers[rng.IntN(len(v.Tiers))].AZs = []string{"us-east-1a"}
		}
		return mark("tier AZs")
	case 13:
		if len(v.Tiers) > 1 {
			v.Tiers[0], v.Tiers[1] = v.Tiers[1], v.Tiers[0]
		}
		return mark("swap tiers")
	case 14:
		// Outside every VPC: a network, the design's name. No VPC is dirty.
		if len(d.Networks) > 0 {
			d.Networks[0].CIDR = fmt.Sprintf("172.%d.0.0/12", 16+rng.IntN(2)*16)
		}
		d.Name += "!"
		return dirty, "network and name"
	default:
		switch rng.IntN(3) {
		case 0: // the design's region: every VPC without its own
			d.Region = []string{"us-east-1", "eu-west-1"}[rng.IntN(2)]
			return nil, "design region"
		case 1: // a VPC appended: past the end of dirty
			c := (&design.Design{VPCs: d.VPCs[vi : vi+1]}).Clone().VPCs[0]
			c.Name = fmt.Sprintf("copy%d-%s", rng.IntN(1e6), c.Name)
			d.VPCs = append(d.VPCs, c)
			return dirty, "append VPC"
		default: // a VPC removed: all dirty
			if n > 1 {
				d.VPCs = append(d.VPCs[:vi], d.VPCs[vi+1:]...)
			}
			return nil, "remove VPC"
		}
	}
}

// checkLayout compares got with want (both layouts of d) field by field,
// and checks that every pointer leads into d.
func checkLayout(t *testing.T, what string, got, want *design.Layout, d *design.Design) {
	t.Helper()
	if got.Design != d || want.Design != d {
		t.Fatalf("%s: the layout is not of the design", what)
	}
	if !reflect.DeepEqual(got.Networks, want.Networks) {
		t.Fatalf("%s: networks %v, want %v", what, got.Networks, want.Networks)
	}
	if len(got.VPCs) != len(d.VPCs) || len(want.VPCs) != len(d.VPCs) {
		t.Fatalf("%s: %d VPC layouts, want %d", what, len(got.VPCs), len(d.VPCs))
	}
	for i := range d.VPCs {
		g, w, v := got.VPCs[i], want.VPCs[i], &d.VPCs[i]
		if g.VPC != v {
			t.Fatalf("%s: VPC %d's layout points at another VPC", what, i)
		}
		if len(v.AZs.Names) > 0 && &g.AZs[0] != &v.AZs.Names[0] {
			t.Fatalf("%s: VPC %d's AZs are not the design's", what, i)
		}
		if len(g.Tiers) != len(v.Tiers) {
			t.Fatalf("%s: VPC %d has %d tier layouts, want %d", what, i, len(g.Tiers), len(v.Tiers))
		}
		for j := range g.Tiers {
			if g.Tiers[j].Tier != &v.Tiers[j] {
				t.Fatalf("%s: VPC %d tier %d's layout points at another tier", what, i, j)
			}
			if ta := v.Tiers[j].AZs; len(ta) > 0 && &g.Tiers[j].AZs[0] != &ta[0] {
				t.Fatalf("%s: VPC %d tier %d's AZs are not the design's", what, i, j)
			}
		}
		// Everything else by value, pointers set aside (checked above).
		g.VPC, w.VPC = nil, nil
		g.Tiers, w.Tiers = unpoint(g.Tiers), unpoint(w.Tiers)
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: VPC %d (%s):\n got %+v\nwant %+v", what, i, v.Name, g, w)
		}
	}
}

func unpoint(ts []design.TierLayout) []design.TierLayout {
	out := make([]design.TierLayout, len(ts))
	for i, tl := range ts {
		tl.Tier = nil
		out[i] = tl
	}
	return out
}

// BenchmarkReresolve100k is the layout of one edit at 100,000 subnets: one
// VPC resolved, the other 8,332 reused. BenchmarkResolve100k is the same
// from scratch.
func BenchmarkReresolve100k(b *testing.B) {
	d := gen.Design(gen.ForSubnets(100_000))
	l := design.Resolve(d)
	dirty := make([]bool, len(d.VPCs))
	dirty[len(d.VPCs)/2] = true
	b.ReportAllocs()
	for b.Loop() {
		design.Reresolve(l, d, dirty)
	}
}

func BenchmarkResolve100k(b *testing.B) {
	d := gen.Design(gen.ForSubnets(100_000))
	b.ReportAllocs()
	for b.Loop() {
		design.Resolve(d)
	}
}
