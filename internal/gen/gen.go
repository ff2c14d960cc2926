// Package gen generates large, valid designs for benchmarks and scale tests:
// V VPCs × T tiers × A AZs, with security-group chains, connections and
// on-premises networks. The designs are deterministic for the same shape.
package gen

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// Shape is the size of a generated design.
type Shape struct {
	VPCs  int // up to 10,240 (see plan)
	Tiers int // tiers per VPC, at least 1; the first is public, the last isolated; capped to what fits
	AZs   int // 1 to 6
	// Explicit writes every subnet into the file (as a saved design has
	// them); otherwise tiers give only a prefix and are carved.
	Explicit bool
	// Routing writes every tier's route table out (`routes`, the same
	// routes vpcsmith would derive, with the transit gateway's summarised
	// as 10.0.0.0/8) and puts every tier behind a network ACL that carries
	// the security-group chain: the routing keys at full size.
	Routing bool
	// DualStack gives every VPC an Amazon-provided IPv6 block and every
	// tier dual-stack subnets (with their /64 indexes written when
	// Explicit), and the load balancer's group takes ::/0 on 443 too.
	DualStack bool
}

// Subnets is the number of subnets a design of this shape has.
func (s Shape) Subnets() int { return s.VPCs * s.Tiers * s.AZs }

// ForSubnets returns a shape of about n subnets with 3 AZs and 4 tiers per
// VPC, the common production layout.
func ForSubnets(n int) Shape {
	const tiers, azs = 4, 3
	return Shape{VPCs: max(1, n/(tiers*azs)), Tiers: tiers, AZs: azs, Explicit: true}
}

// Design builds the design. Every VPC is in us-east-1 with its own block
// (see plan); VPCs are peered in pairs and every tenth VPC joins a transit
// gateway with the on-premises network.
func Design(s Shape) *design.Design {
	s.Tiers = max(s.Tiers, 1)
	s.AZs = min(max(s.AZs, 1), 6)
	d := &design.Design{Version: 1, Name: fmt.Sprintf("gen-%dx%dx%d", s.VPCs, s.Tiers, s.AZs), Region: "us-east-1",
		Networks: []design.Network{{Name: "corp", CIDR: "172.16.0.0/12"}}}
	d.VPCs = make([]design.VPC, s.VPCs)
	var hub []string
	for i := range s.VPCs {
		d.VPCs[i] = vpc(i, s)
		if i%10 == 0 {
			hub = append(hub, d.VPCs[i].Name)
		}
		if i%2 == 1 {
			d.Connections = append(d.Connections, design.Connection{Name: fmt.Sprintf("peer-%d", i),
				Kind: design.ConnPeering, VPCs: []string{d.VPCs[i-1].Name, d.VPCs[i].Name}})
		}
	}
	if s.Routing {
		for i := range d.VPCs {
			writeRouting(&d.VPCs[i], i, s)
		}
	}
	d.Connections = append(d.Connections, design.Connection{Name: "hub", Kind: design.ConnTransitGateway, VPCs: hub, Networks: []string{"corp"}})
	return d
}

// plan is the address plan of a shape: the VPC block size and the subnet
// size. Up to 256 VPCs each get a /16 of 10.0.0.0/8 with /22 subnets; more
// VPCs get a /21 each (8,192 in 10.0.0.0/8, then 2,048 in 100.64.0.0/10)
// with /26 subnets, so that even 100,000 subnets never overlap.
type plan struct{ vpcBits, subnetBits int }

func planFor(s Shape) plan {
	if s.VPCs <= 256 {
		return plan{16, 22}
	}
	return plan{21, 26}
}

// capacity is how many subnets fit in one VPC block.
func (p plan) capacity() int { return 1 << (p.subnetBits - p.vpcBits) }

func (p plan) vpcBase(i int) uint32 {
	size := uint32(1) << (32 - p.vpcBits)
	in10 := 1 << (p.vpcBits - 8)
	if i < in10 {
		return 10<<24 + uint32(i)*size
	}
	return 100<<24 | 64<<16 + uint32(i-in10)*size
}

func ip(a uint32) string { return fmt.Sprintf("%d.%d.%d.%d", a>>24, a>>16&255, a>>8&255, a&255) }

func vpc(i int, s Shape) design.VPC {
	p := planFor(s)
	base := p.vpcBase(i)
	v := design.VPC{Name: fmt.Sprintf("vpc%05d", i), CIDR: fmt.Sprintf("%s/%d", ip(base), p.vpcBits),
		AZs: design.AZSpec{Count: s.AZs}, NAT: design.NATPerAZ, Endpoints: []string{"s3", "sqs"},
		Traffic: &design.Traffic{InternetEgressGB: 100, S3GB: 500, EndpointGB: 50, CrossAZGB: 20}}
	if s.AZs == 1 {
		v.NAT = design.NATSingle
	}
	azs := design.ExpandAZs(v.AZs, "us-east-1")
	tiers := min(s.Tiers, p.capacity()/s.AZs)
	subnetSize := uint32(1) << (32 - p.subnetBits)
	for t := range tiers {
		kind := design.TierPrivate
		switch {
		case t == 0:
			kind = design.TierPublic
		case t == tiers-1 && tiers > 2:
			kind = design.TierIsolated
		}
		tier := design.Tier{Name: fmt.Sprintf("tier%02d", t), Kind: kind, Prefix: p.subnetBits}
		if s.DualStack {
			tier.IPv6 = design.TierDualStack
		}
		if s.Explicit {
			for z, az := range azs {
				k := uint32(t*s.AZs + z)
				sub := design.Subnet{AZ: az, CIDR: fmt.Sprintf("%s/%d", ip(base+k*subnetSize), p.subnetBits)}
				// The /64s in carving order, as a save writes them.
				sub.IPv6, sub.HasIPv6 = int32(k), s.DualStack
				tier.Subnets = append(tier.Subnets, sub)
			}
		}
		v.Tiers = append(v.Tiers, tier)
	}
	// The chain internet → lb → app → db through the first, the second and
	// the last tier.
	last := v.Tiers[len(v.Tiers)-1].Name
	app := v.Tiers[min(1, len(v.Tiers)-1)].Name
	v.SecurityGroups = []design.SecurityGroup{
		{Name: "lb", Tier: v.Tiers[0].Name, Ingress: []design.Rule{{From: "internet", Ports: "443"}}},
		{Name: "app", Tier: app, Ingress: []design.Rule{{From: "sg:lb", Ports: "8080"}, {From: "network:corp", Ports: "22"}}},
		{Name: "db", Tier: last, Ingress: []design.Rule{{From: "sg:app", Ports: "5432"}}, Egress: []design.Rule{}},
	}
	v.Workloads = []design.Workload{{Name: "web", Kind: "alb", Tier: v.Tiers[0].Name, SecurityGroup: "lb"}}
	if s.DualStack {
		v.IPv6 = design.IPv6Amazon
		v.SecurityGroups[0].Ingress = append(v.SecurityGroups[0].Ingress, design.Rule{From: "::/0", Ports: "443"})
	}
	return v
}

// writeRouting writes VPC i's routes and network ACL out.
func writeRouting(v *design.VPC, i int, s Shape) {
	peer := i + 1
	if i%2 == 1 {
		peer = i - 1
	}
	var conns []design.Route
	if peer < s.VPCs {
		conns = append(conns, design.Route{To: fmt.Sprintf("vpc:vpc%05d", peer), Via: fmt.Sprintf("connection:peer-%d", max(i, peer))})
	}
	if i%10 == 0 {
		conns = append(conns, design.Route{To: "10.0.0.0/8", Via: "connection:hub"}, design.Route{To: "network:corp", Via: "connection:hub"})
	}
	for t := range v.Tiers {
		tier := &v.Tiers[t]
		routes := []design.Route{}
		switch tier.Kind {
		case design.TierPublic:
			routes = append(routes, design.Route{To: "0.0.0.0/0", Via: design.ViaInternetGateway})
			if s.DualStack {
				routes = append(routes, design.Route{To: "::/0", Via: design.ViaInternetGateway})
			}
		case design.TierPrivate:
			routes = append(routes, design.Route{To: "0.0.0.0/0", Via: design.ViaNAT})
			if s.DualStack {
				routes = append(routes, design.Route{To: "::/0", Via: design.ViaEgressOnly})
			}
		}
		tier.Routes = append(routes, conns...)
		tier.NetworkACL = "tiers"
	}
	v.NetworkACLs = []design.NetworkACL{{Name: "tiers",
		Ingress: []design.ACLRule{
			{Rule: 100, Action: design.ACLAllow, Ports: "443", CIDR: "0.0.0.0/0"},
			{Rule: 110, Action: design.ACLAllow, Ports: "8080", CIDR: v.CIDR},
			{Rule: 120, Action: design.ACLAllow, Ports: "5432", CIDR: v.CIDR},
			{Rule: 130, Action: design.ACLAllow, Ports: "22", CIDR: "172.16.0.0/12"},
			{Rule: 140, Action: design.ACLAllow, Ports: "1024-65535", CIDR: "0.0.0.0/0"},
		},
		Egress: []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "all", CIDR: "0.0.0.0/0"}},
	}}
	if s.DualStack {
		// ACL rules are per address family: the IPv6 twins of the
		// internet-facing ones.
		a := &v.NetworkACLs[0]
		a.Ingress = append(a.Ingress, design.ACLRule{Rule: 101, Action: design.ACLAllow, Ports: "443", CIDR: "::/0"},
			design.ACLRule{Rule: 141, Action: design.ACLAllow, Ports: "1024-65535", CIDR: "::/0"})
		a.Egress = append(a.Egress, design.ACLRule{Rule: 101, Action: design.ACLAllow, Protocol: "all", CIDR: "::/0"})
	}
}
