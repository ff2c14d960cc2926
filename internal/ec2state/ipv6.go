package ec2state

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// IPv6: an Amazon-provided block differs between deployments, so the
// state names a VPC's block by its size (and pool), each subnet's /64 by
// its index in the block, and the block's local route as "ipv6 block".

// ipv6Block reads VPC id's first IPv6 block and writes its line.
func (r *reader) ipv6Block(id, v string) (netip.Prefix, error) {
	out, err := r.c.DescribeVpcs(r.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if err != nil {
		return netip.Prefix{}, err
	}
	for _, vpc := range out.Vpcs {
		for _, a := range vpc.Ipv6CidrBlockAssociationSet {
			p, err := netip.ParsePrefix(aws.ToString(a.Ipv6CidrBlock))
			if err != nil {
				continue
			}
			r.add("%s: ipv6 /%d", v, p.Bits())
			return p, nil
		}
	}
	return netip.Prefix{}, nil
}

// subnetName is a subnet's IPv4 CIDR, or for an IPv6-only subnet its /64
// index.
func subnetName(s types.Subnet, block netip.Prefix) string {
	if c := aws.ToString(s.CidrBlock); c != "" {
		return c
	}
	for _, a := range s.Ipv6CidrBlockAssociationSet {
		return "ipv6-only " + index(block, aws.ToString(a.Ipv6CidrBlock))
	}
	return "(no block)"
}

// subnetIPv6 writes a subnet's /64 index and address assignment.
func (r *reader) subnetIPv6(sn string, s types.Subnet, block netip.Prefix) {
	for _, a := range s.Ipv6CidrBlockAssociationSet {
		r.add("%s: ipv6 %s", sn, index(block, aws.ToString(a.Ipv6CidrBlock)))
	}
	if aws.ToBool(s.AssignIpv6AddressOnCreation) {
		r.add("%s: assigns ipv6 on launch", sn)
	}
	if aws.ToBool(s.EnableDns64) {
		r.add("%s: dns64", sn)
	}
}

// index is a /64's index in block ("#3"), or the CIDR when it is not one
// of the block's /64s.
func index(block netip.Prefix, cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !block.IsValid() || p.Bits() != 64 || !block.Contains(p.Addr()) {
		return cidr
	}
	b, a := block.Masked().Addr().As16(), p.Addr().As16()
	return fmt.Sprintf("#%d", binary.BigEndian.Uint64(a[:8])-binary.BigEndian.Uint64(b[:8]))
}

// ipv6Local names a route to the VPC's own IPv6 block. The destination is
// compared as a prefix: moto writes some blocks uncanonically
// ("2400:6500:5b1b:0000::/56").
func ipv6Local(line string, block netip.Prefix) string {
	dest, rest, ok := strings.Cut(line, " ")
	if p, err := netip.ParsePrefix(dest); ok && err == nil && block.IsValid() && p.Masked() == block.Masked() {
		return "ipv6 block " + rest
	}
	return line
}
