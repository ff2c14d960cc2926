package cloudformation

import (
	"net/netip"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// IPv6 in the template (docs/format.md, "IPv6 and room to grow"):
//   - the VPC's block is an AWS::EC2::VPCCidrBlock: AmazonProvidedIpv6CidrBlock
//     for `ipv6: amazon`; for a written block (BYOIP) Ipv6CidrBlock with the
//     Ipv6Pool it comes from, a parameter, since the design does not name
//     the pool (CreateVpc and AssociateVpcCidrBlock take a given IPv6 CIDR
//     only together with its pool; an IPAM pool's Ipv6IpamPoolId would let
//     IPAM choose the block, which is not the design's);
//   - a subnet's /64 is the index-th /64 of the VPC's block: for Amazon's
//     block `!Select [index, !Cidr [!Select [0, !GetAtt VPC.Ipv6CidrBlocks],
//     256, 64]]` (its addresses are known only once deployed), for a written
//     block the /64 itself;
//   - the derived ::/0 and 64:ff9b::/96 routes and written IPv6 routes are
//     AWS::EC2::Route with DestinationIpv6CidrBlock, to the internet
//     gateway, to an AWS::EC2::EgressOnlyInternetGateway or to a NAT gateway.

// ipv6Plan is what plan gives a VPC with IPv6.
type ipv6Plan struct {
	block string // AWS::EC2::VPCCidrBlock of the IPv6 block; "": the VPC has none
	eigw  string // AWS::EC2::EgressOnlyInternetGateway; "": no route uses one
	pool  string // the Ipv6Pool parameter of a written block
}

// planIPv6 names the VPC's IPv6 block, and the egress-only gateway when a
// route table uses one; it runs after the route tables are planned, and
// gives each derived table the IPv6 routes of the tiers that share it
// (ownTables gave a tier whose IPv6 routes differ a table of its own).
func (b *builder) planIPv6(p *vpcPlan) {
	if !p.v.HasIPv6() {
		return
	}
	p.v6.block = b.ids.make(p.v.Name, "Ipv6CidrBlock")
	for ti, tl := range p.vl.Tiers {
		for si, s := range tl.Subnets {
			rt := p.subnetTable[p.subnets[ti][si]]
			if rt == nil || rt.tier != nil || rt.v6set {
				continue
			}
			rt.v6set = true
			if tl.Tier.HasIPv6() {
				rt.v6 = ipv6Routes(b.routing.Table(p.vi, ti, s.AZ))
			}
		}
	}
	for _, rt := range p.routeTables {
		routes := rt.v6
		if rt.tier != nil {
			for _, w := range rt.written {
				routes = append(routes, w.RouteEntry)
			}
		}
		for _, e := range routes {
			if e.Target == design.TargetEgressOnly && p.v6.eigw == "" {
				p.v6.eigw = b.ids.make(p.v.Name, "EgressOnlyInternetGateway")
			}
		}
	}
}

// ipv6Routes returns the IPv6 routes of a derived table that a template
// writes (not the local route, which AWS makes).
func ipv6Routes(t design.RouteTable) []design.RouteEntry {
	var out []design.RouteEntry
	for _, e := range writtenRoutes(t) {
		if e.Dest.Addr().Is6() {
			out = append(out, e)
		}
	}
	return out
}

// ipv6Key says which IPv6 routes a derived table of tier ti has: tiers of
// a kind share a derived table only when their keys are equal, so that a
// table never routes a tier's IPv6 traffic where its design does not (an
// IPv6-only tier without DNS64 gets no NAT64 route from a neighbour). It
// is "" for every tier without IPv6, so IPv4 designs share as before.
func (b *builder) ipv6Key(p *vpcPlan, ti int) string {
	tl := &p.vl.Tiers[ti]
	if !p.v.HasIPv6() || !tl.Tier.HasIPv6() || len(tl.Subnets) == 0 {
		return ""
	}
	var sb strings.Builder
	for _, e := range ipv6Routes(b.routing.Table(p.vi, ti, tl.Subnets[0].AZ)) {
		sb.WriteString(e.Dest.String() + ">" + string(e.Target) + ";")
	}
	return sb.String()
}

// emitIPv6Block adds the VPC's IPv6 block and its egress-only gateway.
func (b *builder) emitIPv6Block(p *vpcPlan) {
	if p.v6.block == "" {
		return
	}
	props := object{{"VpcId", ref(p.id)}}
	if p.vl.IPv6.IsValid() {
		p.v6.pool = b.param(b.ids.make(p.v.Name, "Ipv6Pool"), object{
			{"Type", "String"},
			{"Description", truncateBytes(cleanText("The BYOIP IPv6 address pool (ipv6pool-ec2-...) that holds "+p.vl.IPv6.String()+", the IPv6 block of VPC "+p.v.Name), maxTemplateDescription)},
			{"AllowedPattern", "^ipv6pool-ec2-[0-9a-f]+$"},
		})
		props = append(props, field{"Ipv6CidrBlock", p.vl.IPv6.String()}, field{"Ipv6Pool", ref(p.v6.pool)})
	} else {
		props = append(props, field{"AmazonProvidedIpv6CidrBlock", true})
	}
	b.add(p.v6.block, resource{typ: "AWS::EC2::VPCCidrBlock", props: props})
	if p.v6.eigw != "" {
		b.add(p.v6.eigw, resource{typ: "AWS::EC2::EgressOnlyInternetGateway", props: object{
			{"VpcId", ref(p.id)},
			// The resource takes no Tags (its schema has none).
		}})
	}
}

// subnetIPv6 returns the value of subnet s's Ipv6CidrBlock.
func (b *builder) subnetIPv6(p *vpcPlan, s design.SubnetLayout) any {
	if p.vl.IPv6.IsValid() {
		if c, ok := p.vl.SubnetIPv6(s.IPv6); ok {
			return c.String()
		}
	}
	// Fn::Cidr's count is at most 256, which an Amazon /56 holds exactly;
	// its third argument is the host bits of each block (128-64).
	return intrinsic{"Select", []any{int(s.IPv6), intrinsic{"Cidr", []any{
		intrinsic{"Select", []any{0, getAtt(p.id, "Ipv6CidrBlocks")}}, 1 << (design.SubnetIPv6Bits - design.AmazonIPv6Bits), 128 - design.SubnetIPv6Bits,
	}}}}
}

// ipv6Subnet rewrites a subnet resource of tier t for its IPv6: the /64,
// address assignment on creation, and for an IPv6-only subnet no IPv4
// block (Ipv6Native) and DNS64 as the tier says. The subnet waits for the
// VPC's IPv6 block.
func (b *builder) ipv6Subnet(p *vpcPlan, t *design.Tier, s design.SubnetLayout, r *resource) {
	if p.v6.block == "" || !t.HasIPv6() || !s.HasIPv6 {
		return
	}
	var out object
	for _, f := range r.props {
		switch {
		case f.key == "CidrBlock" && !t.HasIPv4():
			continue
		case f.key == "MapPublicIpOnLaunch" && !t.HasIPv4():
			continue // there is no public IPv4 address to map
		case f.key == "AvailabilityZone":
			out = append(out, field{"Ipv6CidrBlock", b.subnetIPv6(p, s)})
			if t.AssignsIPv6() {
				out = append(out, field{"AssignIpv6AddressOnCreation", true})
			}
			if !t.HasIPv4() {
				out = append(out, field{"Ipv6Native", true})
			}
			if t.DNS64 {
				out = append(out, field{"EnableDns64", true})
			}
		}
		out = append(out, f)
	}
	r.props = out
	r.dependsOn = append(r.dependsOn, p.v6.block)
}

// destKey is a route's destination property for dest.
func destKey(dest netip.Prefix) string {
	if dest.Addr().Is6() {
		return "DestinationIpv6CidrBlock"
	}
	return "DestinationCidrBlock"
}

// emitDerivedIPv6Routes adds the derived tables' IPv6 routes: ::/0 to the
// internet gateway or the egress-only gateway, 64:ff9b::/96 to the NAT
// gateway of the table's AZ.
func (b *builder) emitDerivedIPv6Routes(p *vpcPlan) error {
	for _, rt := range p.routeTables {
		if rt.tier != nil {
			continue
		}
		for _, e := range rt.v6 {
			id := func() string {
				if e.Dest.Bits() == 0 {
					return b.ids.derive(rt.id, "Ipv6DefaultRoute")
				}
				return b.ids.derive(rt.id, "Nat64Route")
			}
			switch e.Target {
			case design.TargetInternetGateway:
				b.route(rt, e.Dest, "GatewayId", ref(p.igw), []string{p.igwAttach}, "", id)
			case design.TargetEgressOnly:
				b.route(rt, e.Dest, "EgressOnlyInternetGatewayId", ref(p.v6.eigw), nil, "", id)
			case design.TargetNAT:
				// The design routes NAT64 only to a NAT gateway it has
				// (natFor), which plan placed in the same AZ.
				if nat := p.nats[e.NATAZ]; nat != "" {
					b.route(rt, e.Dest, "NatGatewayId", ref(nat), nil, "", id)
				}
			}
		}
	}
	return nil
}

// tierPeerIPv6 is the CidrIpv6 of subnet s as a rule's tier peer; nil
// when it has no /64.
func (b *builder) tierPeerIPv6(p *vpcPlan, s design.SubnetLayout) any {
	if p.v6.block == "" || !s.HasIPv6 {
		return nil
	}
	return b.subnetIPv6(p, s)
}
