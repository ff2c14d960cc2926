package cost

import (
	"os"
	"testing"
)

func referenceYAML(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("../design/testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAdviceEqualsEstimatingTheWholeChangedDesign checks the shortcut the
// adviser takes (estimating only the VPCs and connections a change touches)
// against estimating the whole changed design.
func TestAdviceEqualsEstimatingTheWholeChangedDesign(t *testing.T) {
	d := parseDesign(t, referenceYAML(t))
	b := estimate(t, d)
	kinds := map[AdviceKind]bool{}
	for _, a := range b.Advice {
		kinds[a.Kind] = true
		changed := estimate(t, a.apply(d))
		if diff := changed.MonthlyTotal - b.MonthlyTotal; diff != a.MonthlyDifference {
			t.Errorf("%s %s%s: advice says %s, estimating the changed design gives %s", a.Kind, a.VPC, a.Connection, a.MonthlyDifference, diff)
		}
		var sum Money
		for _, c := range a.Changes {
			sum += c.Monthly
		}
		if sum != a.MonthlyDifference {
			t.Errorf("%s: changes add up to %s, not %s", a.Kind, sum, a.MonthlyDifference)
		}
	}
	// The reference design exercises every kind but the gateway endpoint
	// advice (prod has gateway endpoints); that one is tested on its own.
	for _, k := range []AdviceKind{AdviceSingleNAT, AdviceNATPerAZ, AdviceEndpointBreakEven, AdviceTransitGateway, AdvicePeering} {
		if !kinds[k] {
			t.Errorf("no %s advice for the reference design", k)
		}
	}
}

func TestTransitGatewayInsteadOfPeeringAttachesToTheExistingHub(t *testing.T) {
	b := estimate(t, parseDesign(t, referenceYAML(t)))
	a := findAdvice(t, b, AdviceTransitGateway, "prod-shared")
	// prod joins hub: one attachment 730 × $0.05 = $36.50, and its 300 GB
	// transit_gateway_gb × $0.02 = $6.00; the peering was free: +$42.50.
	if a.MonthlyDifference != 4250 {
		t.Errorf("difference = %s, want $42.50", a.MonthlyDifference)
	}
	if len(a.Changes) != 2 || a.Changes[0].Category != TransitGatewayAttachmentHours || a.Changes[1].Monthly != 600 {
		t.Errorf("changes = %+v", a.Changes)
	}
}
