package diff

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// benchPair is two 10k-subnet designs (internal/gen, explicit subnets)
// that differ in a subnet's CIDR, a NAT mode and a rule in every tenth VPC.
func benchPair(b *testing.B) (*design.Design, *design.Design) {
	old := gen.Design(gen.ForSubnets(10_000))
	new := old.Clone()
	for i := 0; i < len(new.VPCs); i += 10 {
		v := &new.VPCs[i]
		v.NAT = design.NATSingle
		if len(v.SecurityGroups) > 0 {
			g := &v.SecurityGroups[0]
			g.Ingress = append(g.Ingress, design.Rule{From: "10.255.0.0/16", Ports: "9999"})
		}
	}
	if cs := Changes(old, new); len(cs) == 0 {
		b.Fatal("the edits make no change")
	}
	return old, new
}

// BenchmarkChanges10k: the semantic diff alone of two 10k-subnet designs.
func BenchmarkChanges10k(b *testing.B) {
	old, new := benchPair(b)
	b.ReportAllocs()
	for b.Loop() {
		Changes(old, new)
	}
}

// BenchmarkCompare10k: what `vpcsmith diff` computes after loading: the
// changes, both cost estimates and both validations.
func BenchmarkCompare10k(b *testing.B) {
	old, new := benchPair(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(old, new, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChanges10kEveryVPC: the worst case for skipping unchanged VPCs,
// a change in every one of them (the NAT mode of all 833, so that every
// private tier's default route differs too).
func BenchmarkChanges10kEveryVPC(b *testing.B) {
	old := gen.Design(gen.ForSubnets(10_000))
	new := old.Clone()
	for i := range new.VPCs {
		new.VPCs[i].NAT = design.NATSingle
	}
	b.ReportAllocs()
	for b.Loop() {
		Changes(old, new)
	}
}

// BenchmarkChanges10kFull: the same pair compared element by element in
// every VPC (what Changes did before skipping unchanged VPCs and pairing
// routes), the baseline of BenchmarkChanges10k's figures in one run.
func BenchmarkChanges10kFull(b *testing.B) {
	old, new := benchPair(b)
	b.ReportAllocs()
	for b.Loop() {
		changes(old, new, false)
	}
}
