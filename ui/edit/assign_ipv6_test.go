package edit

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestToggleAssignIPv6: the inspector's "assign ipv6" switch on a
// dual-stack tier writes `assign_ipv6: false` and, switched back, leaves
// the key out (the default); it is refused on a tier without IPv6 or an
// IPv6-only one, and turning the tier IPv6-only or off drops the key,
// which validation would otherwise report.
func TestToggleAssignIPv6(t *testing.T) {
	d := dualStack(t)
	ti := -1
	for i, tr := range d.VPCs[0].Tiers {
		if tr.IPv6 == design.TierDualStack && tr.Kind != design.TierPublic { // ipv6-only below: the NAT keeps its public subnets
			ti = i
			break
		}
	}
	if ti < 0 {
		t.Fatal("the dual-stack template has no dual-stack tier")
	}
	tier := func() *design.Tier { return &d.VPCs[0].Tiers[ti] }
	found := false
	for _, f := range tierIPv6Fields(d, 0, ti) {
		if f.Key == "assign_ipv6" && f.Kind == Toggle && f.Value == onOff(true) {
			found = true
		}
	}
	if !found {
		t.Fatalf("a dual-stack tier's fields have no assign_ipv6 switch that is on: %+v", tierIPv6Fields(d, 0, ti))
	}
	if err := ToggleAssignIPv6(d, 0, ti); err != nil || tier().AssignsIPv6() || tier().AssignIPv6 == nil {
		t.Fatalf("switched off: %v, assigns %v", err, tier().AssignsIPv6())
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	if err := ToggleAssignIPv6(d, 0, ti); err != nil || !tier().AssignsIPv6() || tier().AssignIPv6 != nil {
		t.Fatalf("switched on again: %v, key %v; want the key left out", err, tier().AssignIPv6)
	}
	if err := ToggleAssignIPv6(d, 0, ti); err != nil {
		t.Fatal(err)
	}
	if err := SetTierIPv6(d, 0, ti, "ipv6-only"); err != nil || tier().AssignIPv6 != nil {
		t.Fatalf("ipv6-only: %v, assign_ipv6 %v; want it dropped", err, tier().AssignIPv6)
	}
	if err := ToggleAssignIPv6(d, 0, ti); err == nil {
		t.Error("the switch is taken on an IPv6-only tier")
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}
