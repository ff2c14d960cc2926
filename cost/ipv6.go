package cost

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Public IPv4 and IPv6. Since February 2024 AWS charges for every public
// IPv4 address by the hour; IPv6 is free, and IPv6 traffic leaves private
// subnets through an egress-only internet gateway, which charges no data
// processing (NAT does). The estimate counts public IPv4 addresses as
// before (NAT gateways, internet-facing load balancers), with two IPv6
// rules: an internet-facing ALB in a public tier with IPv6 is taken to be
// `dualstack-without-public-ipv4` (no public IPv4 at all), and a private
// tier that is IPv6-only without DNS64 needs no NAT gateway.

// The kinds of IPv6 advice, for VPCs that have an IPv6 block.
const (
	// AdviceDualStackPublic: make the public tiers of internet-facing ALBs
	// dual-stack, so the ALBs need no public IPv4 addresses.
	AdviceDualStackPublic AdviceKind = "dual-stack-public"
	// AdviceIPv6OnlyPrivate: make the private tiers IPv6-only, so their
	// internet traffic leaves through the egress-only gateway and the NAT
	// gateways (their hours, addresses and data processing) go.
	AdviceIPv6OnlyPrivate AdviceKind = "ipv6-only-private"
)

// noPublicIPv4 reports whether an internet-facing load balancer w in public
// tier t has no public IPv4 addresses: an ALB in a tier with IPv6.
func noPublicIPv4(t *design.Tier, w *design.Workload) bool {
	return w.Kind == "alb" && t.HasIPv6()
}

// PublicIPv4Count is the count of a VPC's public IPv4 addresses.
type PublicIPv4Count struct {
	VPC string `json:"vpc"`
	// NAT is one Elastic IP per NAT gateway; LoadBalancers one per AZ of
	// each internet-facing ALB or NLB that has IPv4.
	NAT           int `json:"nat"`
	LoadBalancers int `json:"load_balancers"`
	// Workloads is the public_ipv4 each workload states (the estimate
	// prices these), and, for an ec2, ecs, eks or other workload in a
	// public tier with IPv4 that states none, at least one per AZ: such a
	// tier auto-assigns public IPv4 to what it launches, but the design
	// does not say how many instances it runs, so the estimate leaves
	// that floor out.
	Workloads int `json:"workloads"`
}

// Total is every address counted.
func (p PublicIPv4Count) Total() int { return p.NAT + p.LoadBalancers + p.Workloads }

// publicWorkloadKinds launch instances or tasks that get public IPv4 in a
// public subnet.
var publicWorkloadKinds = []design.WorkloadKind{"ec2", "ecs", "eks", "other"}

// CountPublicIPv4 counts the public IPv4 addresses of every VPC of d, in
// design order.
func CountPublicIPv4(d *design.Design, p *Prices) []PublicIPv4Count {
	out := make([]PublicIPv4Count, len(d.VPCs))
	for i := range d.VPCs {
		v := &d.VPCs[i]
		f := factsOf(d, p, v, nil)
		out[i] = PublicIPv4Count{VPC: v.Name, NAT: f.nats, LoadBalancers: f.lbAddresses, Workloads: publicWorkloadAddresses(v, f.azs)}
	}
	return out
}

func publicWorkloadAddresses(v *design.VPC, azs []string) int {
	n := 0
	for wi := range v.Workloads {
		w := &v.Workloads[wi]
		if w.PublicIPv4 > 0 {
			n += w.PublicIPv4
			continue
		}
		if !slices.Contains(publicWorkloadKinds, w.Kind) {
			continue
		}
		if t := v.FindTier(w.Tier); t != nil && t.Kind == design.TierPublic && t.HasIPv4() {
			n += len(tierAZs(t, azs))
		}
	}
	return n
}

// ipv6Advice prices going further with IPv6 in a VPC that has a block.
func (a *adviser) ipv6Advice(i int, f *vpcFacts, v *design.VPC) {
	if albs := ipv4PublicALBTiers(v); len(albs) > 0 && f.lbAddresses > 0 {
		edit := func(w *design.VPC) { w.Tiers = withTierIPv6(w.Tiers, albs, design.TierDualStack) }
		a.propose(Advice{Kind: AdviceDualStackPublic, VPC: v.Name, Message: fmt.Sprintf(
			"Make public tier%s %s of %s dual-stack: its internet-facing ALBs (%s) can then run as dualstack-without-public-ipv4 and need none of their public IPv4 addresses (%s/hour each); clients reach them over IPv6, and IPv4 clients through CloudFront or Global Accelerator",
			pluralS(len(albs)), strings.Join(albs, ", "), v.Name, strings.Join(workloadNames(v, []design.WorkloadKind{"alb"}, true), ", "), f.rp.PublicIPv4Hour.Rate),
			Risk: "IPv4-only clients can no longer reach the ALBs directly",
			Edit: "vpcs." + v.Name + ".tiers." + strings.Join(albs, ", ") + ".ipv6: dual-stack"}, onlyVPC(i, edit))
	}
	if f.nats > 0 {
		private := natPrivateTiers(v)
		edit := func(w *design.VPC) { w.Tiers = withTierIPv6(w.Tiers, private, design.TierIPv6Only) }
		a.propose(Advice{Kind: AdviceIPv6OnlyPrivate, VPC: v.Name, Message: fmt.Sprintf(
			"Make private tier%s %s of %s IPv6-only: their internet traffic then leaves through the egress-only internet gateway, which charges no data processing (NAT charges %s/GB), and NAT goes (%s, with %s and public IPv4 addresses)",
			pluralS(len(private)), strings.Join(private, ", "), v.Name, f.rp.NATGatewayGB.Rate, plural(f.nats, "NAT gateway", "NAT gateways"), pronoun(f.nats)),
			Risk: "only for workloads that reach IPv6 destinations alone: with DNS64 and NAT64 for IPv4 services the NAT gateways stay",
			Edit: "vpcs." + v.Name + ".tiers." + strings.Join(private, ", ") + ".ipv6: ipv6-only (no dns64)"}, onlyVPC(i, edit))
	}
}

// ipv4PublicALBTiers names the public tiers without IPv6 that hold an
// internet-facing ALB.
func ipv4PublicALBTiers(v *design.VPC) []string {
	var out []string
	for wi := range v.Workloads {
		w := &v.Workloads[wi]
		if w.Kind != "alb" {
			continue
		}
		if t := internetFacing(v, w); t != nil && !t.HasIPv6() && !slices.Contains(out, t.Name) {
			out = append(out, t.Name)
		}
	}
	return out
}

// natPrivateTiers names the private tiers that send traffic to NAT.
func natPrivateTiers(v *design.VPC) []string {
	var out []string
	for ti := range v.Tiers {
		if v.Tiers[ti].UsesNAT() {
			out = append(out, v.Tiers[ti].Name)
		}
	}
	return out
}

// withTierIPv6 returns a copy of tiers with the named ones set to mode
// (and DNS64 off: the advice is for IPv6 destinations alone).
func withTierIPv6(tiers []design.Tier, names []string, mode design.TierIPv6) []design.Tier {
	out := append([]design.Tier(nil), tiers...)
	for i := range out {
		if slices.Contains(names, out[i].Name) {
			out[i].IPv6, out[i].DNS64 = mode, false
		}
	}
	return out
}

func pronoun(n int) string {
	if n == 1 {
		return "its hours"
	}
	return "their hours"
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
