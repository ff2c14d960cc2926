package importer

import (
	"encoding/binary"
	"net/netip"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// IPv6 comes in as the format's keys (docs/format.md, "IPv6 and room to
// grow"): the VPC's block (`ipv6: amazon` for an Amazon-provided one, else
// its CIDR), each subnet's /64 as its index in the block, the tier's mode
// (dual-stack, or ipv6-only when its subnets have no IPv4 block) and DNS64;
// egress-only gateways and IPv6 routes as routes (placeRoutes keeps them
// only where they differ from what vpcsmith derives). What the format
// cannot hold is noted and left out, never widened.

// amazonPool is the Ipv6Pool EC2 reports for an Amazon-provided block.
const amazonPool = "Amazon"

// importIPv6Block sets the VPC's `ipv6` from its first associated IPv6
// block; a VPC holds one IPv6 block in the format, so others are noted.
func (vb *vpcBuilder) importIPv6Block(v types.Vpc) {
	for _, a := range v.Ipv6CidrBlockAssociationSet {
		if st := a.Ipv6CidrBlockState; st != nil && st.State != types.VpcCidrBlockStateCodeAssociated && st.State != types.VpcCidrBlockStateCodeAssociating {
			continue
		}
		p, err := netip.ParsePrefix(cleanText(aws.ToString(a.Ipv6CidrBlock)))
		if err != nil || !p.Addr().Is6() {
			vb.ipv6Blocks++
			continue
		}
		if vb.v6block.IsValid() {
			vb.ipv6Blocks++ // noted with the VPC's other IPv6 (buildRouting)
			continue
		}
		vb.v6block = p.Masked()
		pool := aws.ToString(a.Ipv6Pool)
		switch {
		case pool == amazonPool && p.Bits() == design.AmazonIPv6Bits:
			vb.out.IPv6 = design.IPv6Amazon
		default:
			vb.out.IPv6 = vb.v6block.String()
		}
	}
}

// subnetIPv6 reads a subnet's /64 and DNS64.
func (vb *vpcBuilder) subnetIPv6(s *subnet, sn types.Subnet) {
	for _, a := range sn.Ipv6CidrBlockAssociationSet {
		if st := a.Ipv6CidrBlockState; st != nil && st.State != types.SubnetCidrBlockStateCodeAssociated && st.State != types.SubnetCidrBlockStateCodeAssociating {
			continue
		}
		p, err := netip.ParsePrefix(cleanText(aws.ToString(a.Ipv6CidrBlock)))
		i, ok := ipv6Index(vb.v6block, p)
		if err != nil || !ok || s.hasV6 {
			vb.ipv6Subnets++ // not a /64 of the VPC's block, or a second one
			continue
		}
		s.v6, s.hasV6 = i, true
	}
	s.dns64 = aws.ToBool(sn.EnableDns64)
	s.assign6 = aws.ToBool(sn.AssignIpv6AddressOnCreation)
}

// ipv6Index is the index of /64 p in block: its bits between the block's
// length and 64.
func ipv6Index(block, p netip.Prefix) (int32, bool) {
	if !block.IsValid() || !p.IsValid() || p.Bits() != design.SubnetIPv6Bits || !block.Contains(p.Addr()) || block.Bits() > design.SubnetIPv6Bits {
		return 0, false
	}
	b, a := block.Masked().Addr().As16(), p.Masked().Addr().As16()
	d := binary.BigEndian.Uint64(a[:8]) - binary.BigEndian.Uint64(b[:8])
	if d >= 1<<31 {
		return 0, false
	}
	return int32(d), true
}

// tierIPv6 gives tier t, made of members in t.Subnets' order, its IPv6
// keys: dual-stack when every member has a /64 and an IPv4 block,
// ipv6-only when none has an IPv4 block, DNS64 when every member resolves
// with it. A tier whose members differ is imported IPv4 only, and noted.
func (vb *vpcBuilder) tierIPv6(t *design.Tier, members []*subnet) {
	with, v4, dns := 0, 0, 0
	for _, s := range members {
		if s.hasV6 {
			with++
		}
		if s.prefix.IsValid() {
			v4++
		}
		if s.dns64 {
			dns++
		}
	}
	if with == 0 || vb.out.IPv6 == "" {
		return
	}
	switch {
	case with == len(members) && v4 == len(members):
		t.IPv6 = design.TierDualStack
	case with == len(members) && v4 == 0:
		t.IPv6 = design.TierIPv6Only
	default:
		vb.note("", false, "tier %s: %d of its %d subnets have a /64 and %d an IPv4 block: the format gives a tier's subnets one mode, so the tier is imported IPv4 only and its IPv6 left out", t.Name, with, len(members), v4)
		return
	}
	assigning := 0
	for i, s := range members {
		t.Subnets[i].IPv6, t.Subnets[i].HasIPv6 = s.v6, true
		if s.assign6 {
			assigning++
		}
	}
	switch {
	case assigning == len(members):
	case assigning == 0 && t.IPv6 == design.TierDualStack:
		off := false
		t.AssignIPv6 = &off
	default:
		for _, s := range members {
			if !s.assign6 {
				vb.note(s.id, false, "the subnet does not assign IPv6 addresses on creation; tier %s's do (the format gives a tier's subnets one setting, and an IPv6-only one assigns)", t.Name)
			}
		}
	}
	switch {
	case dns == len(members) && t.IPv6 == design.TierIPv6Only:
		t.DNS64 = true
	case dns > 0:
		vb.note("", false, "tier %s: DNS64 is on in %d of its %d subnets: the format sets it on IPv6-only tiers only, for all subnets; left out", t.Name, dns, len(members))
	}
}

// ipv6Kind is the tier kind a table without an IPv4 default route gives
// its subnets from its IPv6 default route: public through the internet
// gateway, private through an egress-only gateway (IPv6-only tiers).
func ipv6Kind(class string) (design.TierKind, bool) {
	switch class {
	case tgtIGW:
		return design.TierPublic, true
	case tgtEIGW:
		return design.TierPrivate, true
	}
	return "", false
}
