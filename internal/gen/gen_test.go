package gen

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// Generated designs are valid: no errors, whatever their size, so that
// benchmarks measure the common path and not error reporting.
func TestGeneratedDesignsHaveNoErrors(t *testing.T) {
	for _, s := range []Shape{{VPCs: 3, Tiers: 3, AZs: 2}, {VPCs: 3, Tiers: 20, AZs: 3, Explicit: true}, ForSubnets(1000), {VPCs: 300, Tiers: 4, AZs: 3, Explicit: true}, {VPCs: 300, Tiers: 4, AZs: 3}} {
		d := Design(s)
		fs := design.Validate(d)
		for _, f := range fs {
			if f.Severity == design.Error {
				t.Errorf("%+v: %v", s, f)
				break
			}
		}
		if got := countSubnets(design.Resolve(d)); got != s.Subnets() && s.Tiers <= 16 {
			t.Errorf("%+v: %d subnets, want %d", s, got, s.Subnets())
		}
	}
}

func countSubnets(l *design.Layout) int {
	n := 0
	for _, v := range l.VPCs {
		for _, t := range v.Tiers {
			n += len(t.Subnets)
		}
	}
	return n
}

// A design with its routing written out means what the derived one does,
// and validates clean.
func TestRoutingShapeIsValid(t *testing.T) {
	for _, s := range []Shape{{VPCs: 21, Tiers: 4, AZs: 3, Routing: true}, {VPCs: 300, Tiers: 3, AZs: 2, Routing: true}} {
		d := Design(s)
		plain := s
		plain.Routing = false
		// The same findings as without the routing keys (quotas, at this
		// size): the written routes and ACLs add none.
		if got, want := design.Validate(d), design.Validate(Design(plain)); len(got) != len(want) {
			t.Fatalf("%+v: %d findings, %d without routing; first %v", s, len(got), len(want), got[0])
		}
		if d.VPCs[3].Tiers[1].Routes == nil || d.VPCs[3].NetworkACLs == nil {
			t.Fatalf("%+v: routing keys not written", s)
		}
	}
}

// A dual-stack design validates with the findings of its IPv4 twin, its
// written /64 indexes are those carving gives, and every subnet has one.
func TestDualStackShapeIsValid(t *testing.T) {
	for _, s := range []Shape{{VPCs: 21, Tiers: 4, AZs: 3, DualStack: true}, {VPCs: 300, Tiers: 4, AZs: 3, Explicit: true, DualStack: true},
		{VPCs: 21, Tiers: 4, AZs: 3, Explicit: true, Routing: true, DualStack: true}} {
		d := Design(s)
		plain := s
		plain.DualStack = false
		if got, want := design.Validate(d), design.Validate(Design(plain)); len(got) != len(want) {
			t.Fatalf("%+v: %d findings, %d IPv4 only: %v", s, len(got), len(want), got)
		}
		carved := s
		carved.Explicit = false
		cl, l := design.Resolve(Design(carved)), design.Resolve(d)
		for vi := range l.VPCs {
			for ti := range l.VPCs[vi].Tiers {
				for si, sl := range l.VPCs[vi].Tiers[ti].Subnets {
					c := cl.VPCs[vi].Tiers[ti].Subnets[si]
					if !sl.HasIPv6 || sl.IPv6 != c.IPv6 || sl.Prefix != c.Prefix {
						t.Fatalf("%+v: vpc %d tier %d subnet %d is %v #%d (ipv6 %v), carved %v #%d", s, vi, ti, si, sl.Prefix, sl.IPv6, sl.HasIPv6, c.Prefix, c.IPv6)
					}
				}
			}
		}
	}
}
