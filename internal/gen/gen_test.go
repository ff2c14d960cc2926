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
