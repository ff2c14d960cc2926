package cfndeploy

import (
	"context"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// IPv6 in moto's CloudFormation (moto 5.2): it records VPCCidrBlock without
// associating it, reads only CidrBlock and AvailabilityZone of a subnet
// (an IPv6-only subnet, with no CidrBlock, fails it), has no
// EgressOnlyInternetGateway resource, reads only DestinationCidrBlock of a
// route, and has no GetAtt VPC.Ipv6CidrBlocks. So the template moto gets
// leaves IPv6 out (withoutIPv6), and Apply makes it through the EC2 API
// from the template's own resources, as AWS would: the VPC's block, each
// subnet's /64 (Fn::Cidr evaluated over the block the VPC got),
// IPv6-only subnets, egress-only gateways and IPv6 routes.

// subnetIPv6Keys are the subnet properties moto's CloudFormation ignores.
var subnetIPv6Keys = []string{"Ipv6CidrBlock", "AssignIpv6AddressOnCreation", "Ipv6Native", "EnableDns64"}

// withoutIPv6 returns the template moto's CloudFormation gets: without the
// egress-only gateways, the IPv6 routes and the IPv6-only subnets, nor what
// refers to them (held, which Apply makes), and with the dual-stack
// subnets' IPv6 properties and the groups' computed IPv6 rules removed
// (dualStack, which Apply adds).
func withoutIPv6(t Template) (sent Template, held, dualStack map[string]bool) {
	held, dualStack = map[string]bool{}, map[string]bool{}
	res := t.Resources()
	for id, r := range res {
		p := props(r)
		switch TypeOf(r) {
		case "AWS::EC2::EgressOnlyInternetGateway":
			held[id] = true
		case "AWS::EC2::Route":
			if _, ok := p["DestinationIpv6CidrBlock"]; ok {
				held[id] = true
			}
		case "AWS::EC2::SecurityGroup":
			if _, ok := p["SecurityGroupIngress"]; ok && computedIPv6Rules(p) {
				dualStack[id] = true
			}
		case "AWS::EC2::Subnet":
			if _, ok := p["CidrBlock"]; !ok {
				held[id] = true
			} else if _, ok := p["Ipv6CidrBlock"]; ok {
				dualStack[id] = true
			}
		}
	}
	outs, _ := t["Outputs"].(map[string]any)
	blockOutputs := false
	for _, o := range outs {
		blockOutputs = blockOutputs || getsIPv6Blocks(o)
	}
	if len(held) == 0 && len(dualStack) == 0 && !blockOutputs {
		return t, held, dualStack
	}
	// What names a held resource waits for it too.
	for changed := true; changed; {
		changed = false
		for id, r := range res {
			if held[id] {
				continue
			}
			for ref := range refsOf(props(r), map[string]bool{}) {
				if held[ref] {
					held[id], changed = true, true
					break
				}
			}
		}
	}
	sent = Template{}
	for k, v := range t {
		sent[k] = v
	}
	kept := map[string]any{}
	for id, r := range res {
		if held[id] {
			continue
		}
		if dualStack[id] {
			m := shallow(r.(map[string]any))
			p := shallow(props(r))
			for _, k := range subnetIPv6Keys {
				delete(p, k)
			}
			if TypeOf(r) == "AWS::EC2::SecurityGroup" {
				p["SecurityGroupIngress"] = withoutIPv6Rules(p["SecurityGroupIngress"])
			}
			m["Properties"] = p
			r = m
		}
		kept[id] = r
	}
	sent["Resources"] = kept
	if outs != nil {
		ko := map[string]any{}
		for id, o := range outs {
			// moto has no GetAtt VPC.Ipv6CidrBlocks, and fails the stack
			// on an output naming it; no EC2 state depends on an output.
			ok := !getsIPv6Blocks(o)
			for ref := range refsOf(o, map[string]bool{}) {
				ok = ok && !held[ref]
			}
			if ok {
				ko[id] = o
			}
		}
		sent["Outputs"] = ko
	}
	dropMissingDependsOn(kept)
	return sent, held, dualStack
}

// getsIPv6Blocks reports whether v uses Fn::GetAtt X.Ipv6CidrBlocks.
func getsIPv6Blocks(v any) bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if getsIPv6Blocks(e) {
				return true
			}
		}
	case map[string]any:
		switch g := x["Fn::GetAtt"].(type) {
		case string:
			if strings.HasSuffix(g, ".Ipv6CidrBlocks") {
				return true
			}
		case []any:
			if len(g) == 2 && g[1] == "Ipv6CidrBlocks" {
				return true
			}
		}
		for _, e := range x {
			if getsIPv6Blocks(e) {
				return true
			}
		}
	}
	return false
}

// refsOf collects the logical ids a value names with Ref or Fn::GetAtt.
func refsOf(v any, into map[string]bool) map[string]bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			refsOf(e, into)
		}
	case map[string]any:
		for k, e := range x {
			switch k {
			case "Ref":
				into[fmt.Sprint(e)] = true
			case "Fn::GetAtt":
				if l := toList(e); len(l) > 0 {
					into[fmt.Sprint(l[0])] = true
				}
			default:
				refsOf(e, into)
			}
		}
	}
	return into
}

// applyIPv6 makes one IPv6 resource that withoutIPv6 kept from moto.
func (s *Stack) applyIPv6(ctx context.Context, logical, typ string, p map[string]any) error {
	str := func(k string) string { return s.str(p[k]) }
	switch {
	case typ == "AWS::EC2::Subnet" && s.held[logical]:
		out, err := s.ec2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(str("VpcId")), AvailabilityZone: optional(str("AvailabilityZone")),
			Ipv6CidrBlock: aws.String(str("Ipv6CidrBlock")), Ipv6Native: aws.Bool(str("Ipv6Native") == "true"), TagSpecifications: s.tags(p, types.ResourceTypeSubnet)})
		if err != nil {
			return err
		}
		s.Physical[logical] = aws.ToString(out.Subnet.SubnetId)
		return s.subnetAttributes(ctx, logical, p)
	case typ == "AWS::EC2::Subnet" && s.dualStack[logical]:
		if _, err := s.ec2.AssociateSubnetCidrBlock(ctx, &ec2.AssociateSubnetCidrBlockInput{SubnetId: aws.String(s.Physical[logical]), Ipv6CidrBlock: aws.String(str("Ipv6CidrBlock"))}); err != nil {
			return err
		}
		return s.subnetAttributes(ctx, logical, p)
	case typ == "AWS::EC2::EgressOnlyInternetGateway" && s.held[logical]:
		out, err := s.ec2.CreateEgressOnlyInternetGateway(ctx, &ec2.CreateEgressOnlyInternetGatewayInput{VpcId: aws.String(str("VpcId"))})
		if err != nil {
			return err
		}
		s.Physical[logical] = aws.ToString(out.EgressOnlyInternetGateway.EgressOnlyInternetGatewayId)
	case typ == "AWS::EC2::Route" && s.held[logical]:
		in := &ec2.CreateRouteInput{RouteTableId: aws.String(str("RouteTableId")), DestinationIpv6CidrBlock: aws.String(str("DestinationIpv6CidrBlock")),
			GatewayId: optional(str("GatewayId")), NatGatewayId: optional(str("NatGatewayId")), EgressOnlyInternetGatewayId: optional(str("EgressOnlyInternetGatewayId")),
			TransitGatewayId: optional(str("TransitGatewayId")), VpcPeeringConnectionId: optional(str("VpcPeeringConnectionId"))}
		_, err := s.ec2.CreateRoute(ctx, in)
		return err
	}
	return nil
}

// heldTypes are the types Apply can make when withoutIPv6 holds them.
var heldTypes = []string{"AWS::EC2::Subnet", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::Route",
	"AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::SubnetNetworkAclAssociation"}

// checkHeld refuses a template whose held resources Apply cannot make.
func checkHeld(t Template, held map[string]bool) error {
	for _, id := range sortedKeys(held) {
		if typ := TypeOf(t.Resources()[id]); !slices.Contains(heldTypes, typ) {
			return fmt.Errorf("%s (%s) names an IPv6 resource that moto's CloudFormation cannot make, and Apply does not make a %s", id, typ, typ)
		}
	}
	return nil
}

// subnetAttributes sets what a subnet's properties say about its IPv6
// addresses. EnableDns64 is not set: moto has no such attribute (a moto
// gap, docs/import.md).
func (s *Stack) subnetAttributes(ctx context.Context, logical string, p map[string]any) error {
	if s.str(p["AssignIpv6AddressOnCreation"]) != "true" {
		return nil
	}
	_, err := s.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(s.Physical[logical]), AssignIpv6AddressOnCreation: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	return err
}

// vpcIPv6Blocks is GetAtt VPC.Ipv6CidrBlocks: the VPC's associated IPv6
// blocks.
func (s *Stack) vpcIPv6Blocks(vpc string) []any {
	out, err := s.ec2.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{VpcIds: []string{s.Physical[vpc]}})
	if err != nil || len(out.Vpcs) == 0 {
		return nil
	}
	var blocks []any
	for _, a := range out.Vpcs[0].Ipv6CidrBlockAssociationSet {
		if a.Ipv6CidrBlockState == nil || a.Ipv6CidrBlockState.State == types.VpcCidrBlockStateCodeAssociated {
			blocks = append(blocks, aws.ToString(a.Ipv6CidrBlock))
		}
	}
	return blocks
}

// cidr is Fn::Cidr [block, count, bits]: the first count blocks of bits
// host bits each, in address order.
func cidr(args []any) ([]any, error) {
	if len(args) != 3 {
		return nil, fmt.Errorf("Fn::Cidr wants 3 arguments: %v", args)
	}
	block, err := netip.ParsePrefix(scalar(args[0]))
	count, err2 := strconv.Atoi(scalar(args[1]))
	bits, err3 := strconv.Atoi(scalar(args[2]))
	if err != nil || err2 != nil || err3 != nil {
		return nil, fmt.Errorf("Fn::Cidr %v", args)
	}
	size := block.Addr().BitLen() - bits
	if size < block.Bits() || count < 1 || count > 256 || bits < 0 {
		return nil, fmt.Errorf("Fn::Cidr %v: no such blocks", args)
	}
	base := new(big.Int).SetBytes(block.Masked().Addr().AsSlice())
	var out []any
	for i := range count {
		n := new(big.Int).Add(base, new(big.Int).Lsh(big.NewInt(int64(i)), uint(bits)))
		b := n.FillBytes(make([]byte, block.Addr().BitLen()/8))
		a, _ := netip.AddrFromSlice(b)
		out = append(out, netip.PrefixFrom(a, size).String())
	}
	return out, nil
}

// azs is Fn::GetAZs: the region's available AZs by name (what Apply needs
// for the IPv6-only subnets it makes).
func (s *Stack) azs() []any {
	out, err := s.ec2.DescribeAvailabilityZones(context.Background(), &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		return nil
	}
	var names []string
	for _, z := range out.AvailabilityZones {
		names = append(names, aws.ToString(z.ZoneName))
	}
	slices.Sort(names)
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	return list
}

// computedIPv6Rules reports whether a group's inline ingress has a rule
// whose CidrIpv6 is computed (a tier's /64 over GetAtt Ipv6CidrBlocks),
// which moto's CloudFormation cannot evaluate.
func computedIPv6Rules(p map[string]any) bool {
	for _, r := range toList(p["SecurityGroupIngress"]) {
		if m, _ := r.(map[string]any); m != nil {
			if _, isMap := m["CidrIpv6"].(map[string]any); isMap {
				return true
			}
		}
	}
	return false
}

// withoutIPv6Rules is an inline rule list without its IPv6 rules, which
// moto's CloudFormation ignores and Apply adds (SecurityGroup).
func withoutIPv6Rules(v any) []any {
	out := []any{}
	for _, r := range toList(v) {
		if m, _ := r.(map[string]any); m != nil && m["CidrIpv6"] != nil {
			continue
		}
		out = append(out, r)
	}
	return out
}
