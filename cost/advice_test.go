package cost

import (
	"os"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
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
	kinds := checkAdviceByWholeEstimate(t, d)
	// The reference design exercises every kind but the gateway endpoint
	// advice (prod has gateway endpoints); that one is tested on its own.
	for _, k := range []AdviceKind{AdviceSingleNAT, AdviceNATPerAZ, AdviceEndpointBreakEven, AdviceTransitGateway, AdvicePeering} {
		if !kinds[k] {
			t.Errorf("no %s advice for the reference design", k)
		}
	}
}

// TestAdviceWithAVPCOnTwoTransitGateways covers the one case where
// connection items depend on each other: a VPC on two transit gateways has
// its transit_gateway_gb charged once, on the first.
func TestAdviceWithAVPCOnTwoTransitGateways(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: eu-west-1
networks: [{name: corp, cidr: 172.16.0.0/12}]
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {transit_gateway_gb: 1000}}
  - {name: b, cidr: 10.1.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {transit_gateway_gb: 300}}
  - {name: c, cidr: 10.2.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {transit_gateway_gb: 50}}
connections:
  - {name: t1, kind: transit-gateway, vpcs: [a, b]}
  - {name: t2, kind: transit-gateway, vpcs: [a, c], networks: [corp]}
  - {name: bc, kind: peering, vpcs: [b, c]}
`)
	kinds := checkAdviceByWholeEstimate(t, d)
	if !kinds[AdvicePeering] || !kinds[AdviceTransitGateway] {
		t.Errorf("advice kinds: %v", kinds)
	}
}

// checkAdviceByWholeEstimate applies each piece of advice to the whole
// design and checks the advice's difference against estimating it.
func checkAdviceByWholeEstimate(t *testing.T, d *design.Design) map[AdviceKind]bool {
	t.Helper()
	b := estimate(t, d)
	kinds := map[AdviceKind]bool{}
	for _, a := range b.Advice {
		kinds[a.Kind] = true
		changed := estimate(t, a.apply(d))
		if diff := changed.MonthlyTotal - b.MonthlyTotal + a.outside; diff != a.MonthlyDifference {
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
	return kinds
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
