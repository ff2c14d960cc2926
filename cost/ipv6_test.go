package cost

import (
	"strings"
	"testing"
)

const dualStackCostDesign = `
version: 1
region: us-east-1
vpcs:
  - name: web
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 3
    nat: per-az
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, ipv6: dual-stack, prefix: 20}
    workloads:
      - {name: lb, kind: alb, tier: public}
      - {name: bastion, kind: ec2, tier: public}
    traffic: {internet_egress_gb: 1000}
  - name: legacy
    cidr: 10.1.0.0/16
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 24}
    workloads:
      - {name: lb, kind: alb, tier: public}
`

func TestCountPublicIPv4(t *testing.T) {
	got := CountPublicIPv4(parseDesign(t, dualStackCostDesign), builtinPrices(t))
	// web: 3 NAT gateways (per-az), the ALB in 3 AZs, the bastion in 3 AZs;
	// legacy: 1 NAT gateway, the ALB in 2 AZs.
	want := []PublicIPv4Count{{VPC: "web", NAT: 3, LoadBalancers: 3, Workloads: 3}, {VPC: "legacy", NAT: 1, LoadBalancers: 2}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] || got[0].Total() != 9 {
		t.Errorf("CountPublicIPv4 = %+v, want %+v", got, want)
	}
	// A dual-stack public tier's ALB runs without public IPv4; a bastion
	// in an IPv6-only public tier gets no public IPv4 either.
	d := parseDesign(t, strings.Replace(strings.Replace(dualStackCostDesign,
		"{name: public, kind: public, prefix: 24}", "{name: public, kind: public, ipv6: dual-stack, prefix: 24}", 1),
		"{name: bastion, kind: ec2, tier: public}", "{name: bastion, kind: ec2, tier: edge}", 1))
	d.VPCs[0].Tiers = append(d.VPCs[0].Tiers, d.VPCs[0].Tiers[0])
	d.VPCs[0].Tiers[2].Name, d.VPCs[0].Tiers[2].IPv6 = "edge", "ipv6-only"
	if got := CountPublicIPv4(d, builtinPrices(t))[0]; got != (PublicIPv4Count{VPC: "web", NAT: 3}) {
		t.Errorf("dual-stack: %+v, want only the 3 NAT addresses", got)
	}
}

// The IPv6 advice, hand-computed with us-east-1's prices (NAT $0.045/hour
// and $0.045/GB, public IPv4 $0.005/hour, 730 hours a month).
func TestIPv6Advice(t *testing.T) {
	d := parseDesign(t, dualStackCostDesign)
	b := estimate(t, d)
	kinds := checkAdviceByWholeEstimate(t, d)
	if !kinds[AdviceDualStackPublic] || !kinds[AdviceIPv6OnlyPrivate] {
		t.Fatalf("advice kinds %v lack the IPv6 ones", kinds)
	}
	// The ALB's 3 addresses: 3 × 730 × $0.005 = $10.95.
	pub := findAdvice(t, b, AdviceDualStackPublic, "web")
	if pub.MonthlyDifference != -1095 || len(pub.Changes) != 1 || pub.Changes[0].Category != PublicIPv4 {
		t.Errorf("dual-stack-public: %s %+v, want -$10.95 of public IPv4", pub.MonthlyDifference, pub.Changes)
	}
	// No NAT: 3 × 730 × $0.045 = $98.55 of hours, 3 × 730 × $0.005 = $10.95
	// of addresses, 1,000 GB × $0.045 = $45.00 of processing: $154.50.
	priv := findAdvice(t, b, AdviceIPv6OnlyPrivate, "web")
	want := map[Category]Money{NATGatewayHours: -9855, PublicIPv4: -1095, NATGatewayData: -4500}
	if priv.MonthlyDifference != -15450 || len(priv.Changes) != len(want) {
		t.Errorf("ipv6-only-private: %s %+v, want -$154.50", priv.MonthlyDifference, priv.Changes)
	}
	for _, c := range priv.Changes {
		if want[c.Category] != c.Monthly {
			t.Errorf("ipv6-only-private changes %s by %s, want %s", c.Category, c.Monthly, want[c.Category])
		}
	}
	if !strings.Contains(priv.Message, "egress-only internet gateway, which charges no data processing (NAT charges $0.045/GB)") {
		t.Errorf("message: %s", priv.Message)
	}
	// A VPC without an IPv6 block gets no IPv6 advice: IPv4 designs keep
	// their estimate and advice exactly.
	for _, a := range b.Advice {
		if a.VPC == "legacy" && (a.Kind == AdviceDualStackPublic || a.Kind == AdviceIPv6OnlyPrivate) {
			t.Errorf("legacy (no IPv6 block) got %s", a.Kind)
		}
	}
}
