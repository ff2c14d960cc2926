// Package ec2state reads the network of some VPCs through EC2's Describe
// calls and writes it as sorted lines in which every ID is replaced by
// what it points at, so that two deployments of the same network (in two
// accounts, or before and after an import and export) compare equal and
// differ readably: a subnet by its CIDR, a NAT gateway by its subnet's
// CIDR, a peering by the peer VPC's CIDR, a transit gateway by the VPCs
// attached to it, a security group by its rules.
package ec2state

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/internal/motogaps"
)

// State is a normalised network: one fact per line, sorted.
type State struct {
	Lines []string
}

// String is the lines, one per line.
func (s *State) String() string { return strings.Join(s.Lines, "\n") + "\n" }

// Grep returns the lines containing every fragment.
func (s *State) Grep(fragments ...string) []string {
	var out []string
	for _, l := range s.Lines {
		ok := true
		for _, f := range fragments {
			ok = ok && strings.Contains(l, f)
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// Diff lists what differs between a and b: "- line" for facts only in a,
// "+ line" for facts only in b, in line order (a fact that is there twice
// in one and once in the other shows once). Empty when they are equal.
func Diff(a, b *State) []string {
	count := map[string]int{}
	for _, l := range a.Lines {
		count[l]--
	}
	for _, l := range b.Lines {
		count[l]++
	}
	keys := make([]string, 0, len(count))
	for l, n := range count {
		if n != 0 {
			keys = append(keys, l)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, l := range keys {
		sign := "+ "
		if count[l] < 0 {
			sign = "- "
		}
		out = append(out, sign+l)
	}
	return out
}

// Read reads the VPCs with the given IDs (every VPC when none is given)
// and what they use: subnets, route tables, network ACLs, security groups,
// NAT gateways, endpoints, peerings, transit gateways and their route
// tables, flow logs.
func Read(ctx context.Context, c *ec2.Client, vpcIDs ...string) (*State, error) {
	r := &reader{ctx: ctx, c: c, lines: map[string]int{}}
	if err := r.read(vpcIDs); err != nil {
		return nil, err
	}
	s := &State{}
	for l, n := range r.lines {
		for range n {
			s.Lines = append(s.Lines, l)
		}
	}
	sort.Strings(s.Lines)
	return s, nil
}

type reader struct {
	ctx   context.Context
	c     *ec2.Client
	lines map[string]int

	vpcCIDR    map[string]string // vpc ID → primary CIDR
	subnetCIDR map[string]string // subnet ID → CIDR
	natSubnet  map[string]string // NAT ID → subnet CIDR
	peerOf     map[string][2]string
	tgwName    map[string]string // TGW ID → "tgw(vpc cidrs)"
	attachName map[string]string // attachment ID → "vpc <cidr>"
	groupName  map[string]string // group ID → its rules without references
	endpoint   map[string]string // endpoint ID → service

	motoRoutes map[string]map[string]string // moto's TGW table → destination → attachment, read once
}

// motoRouteAttachment asks moto's own state where a TGW route goes (see
// internal/motogaps); "" when the client has no endpoint of its own (it
// talks to AWS, whose answers the SDK reads) or moto knows none.
func (r *reader) motoRouteAttachment(table, dest string) (string, error) {
	ep := aws.ToString(r.c.Options().BaseEndpoint)
	if ep == "" {
		return "", nil
	}
	if r.motoRoutes == nil {
		m, err := motogaps.TGWRouteAttachments(r.ctx, ep)
		if err != nil {
			return "", err
		}
		r.motoRoutes = m
	}
	return r.motoRoutes[table][dest], nil
}

func (r *reader) add(format string, args ...any) { r.lines[fmt.Sprintf(format, args...)]++ }

func filter(name string, values ...string) []types.Filter {
	return []types.Filter{{Name: aws.String(name), Values: values}}
}

func (r *reader) read(ids []string) error {
	vpcs, err := r.c.DescribeVpcs(r.ctx, &ec2.DescribeVpcsInput{VpcIds: ids})
	if err != nil {
		return err
	}
	r.vpcCIDR = map[string]string{}
	all, err := r.c.DescribeVpcs(r.ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return err
	}
	for _, v := range all.Vpcs {
		r.vpcCIDR[aws.ToString(v.VpcId)] = aws.ToString(v.CidrBlock)
	}
	if len(ids) == 0 {
		for _, v := range vpcs.Vpcs {
			if !aws.ToBool(v.IsDefault) {
				ids = append(ids, aws.ToString(v.VpcId))
			}
		}
	}
	for _, v := range vpcs.Vpcs {
		if !slices.Contains(ids, aws.ToString(v.VpcId)) {
			continue
		}
		for _, a := range v.CidrBlockAssociationSet {
			if c := aws.ToString(a.CidrBlock); c != aws.ToString(v.CidrBlock) && a.CidrBlockState != nil && a.CidrBlockState.State == types.VpcCidrBlockStateCodeAssociated {
				r.add("vpc %s: secondary cidr %s", aws.ToString(v.CidrBlock), c)
			}
		}
		if len(v.Ipv6CidrBlockAssociationSet) > 0 {
			r.add("vpc %s: ipv6 cidr", aws.ToString(v.CidrBlock))
		}
	}
	if err := r.names(ids); err != nil {
		return err
	}
	for _, id := range ids {
		if err := r.readVPC(id); err != nil {
			return fmt.Errorf("vpc %s: %w", id, err)
		}
	}
	return r.readTGWs(ids)
}

// names reads what other lines name things by.
func (r *reader) names(ids []string) error {
	r.subnetCIDR, r.natSubnet, r.peerOf = map[string]string{}, map[string]string{}, map[string][2]string{}
	r.tgwName, r.attachName, r.groupName, r.endpoint = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	subs, err := r.c.DescribeSubnets(r.ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		return err
	}
	for _, s := range subs.Subnets {
		r.subnetCIDR[aws.ToString(s.SubnetId)] = aws.ToString(s.CidrBlock)
	}
	nats, err := r.c.DescribeNatGateways(r.ctx, &ec2.DescribeNatGatewaysInput{})
	if err != nil {
		return err
	}
	for _, n := range nats.NatGateways {
		r.natSubnet[aws.ToString(n.NatGatewayId)] = r.subnetCIDR[aws.ToString(n.SubnetId)]
	}
	pcx, err := r.c.DescribeVpcPeeringConnections(r.ctx, &ec2.DescribeVpcPeeringConnectionsInput{})
	if err != nil {
		return err
	}
	for _, p := range pcx.VpcPeeringConnections {
		if p.Status != nil && p.Status.Code != types.VpcPeeringConnectionStateReasonCodeActive {
			continue
		}
		r.peerOf[aws.ToString(p.VpcPeeringConnectionId)] = [2]string{aws.ToString(p.RequesterVpcInfo.CidrBlock), aws.ToString(p.AccepterVpcInfo.CidrBlock)}
	}
	att, err := r.c.DescribeTransitGatewayVpcAttachments(r.ctx, &ec2.DescribeTransitGatewayVpcAttachmentsInput{})
	if err != nil {
		return err
	}
	members := map[string][]string{}
	for _, a := range att.TransitGatewayVpcAttachments {
		if a.State == types.TransitGatewayAttachmentStateDeleted {
			continue
		}
		cidr := r.vpcCIDR[aws.ToString(a.VpcId)]
		r.attachName[aws.ToString(a.TransitGatewayAttachmentId)] = "vpc " + cidr
		tgw := aws.ToString(a.TransitGatewayId)
		members[tgw] = append(members[tgw], cidr)
	}
	for tgw, m := range members {
		slices.Sort(m)
		r.tgwName[tgw] = "tgw(" + strings.Join(m, ",") + ")"
	}
	eps, err := r.c.DescribeVpcEndpoints(r.ctx, &ec2.DescribeVpcEndpointsInput{})
	if err != nil {
		return err
	}
	for _, e := range eps.VpcEndpoints {
		r.endpoint[aws.ToString(e.VpcEndpointId)] = shortService(aws.ToString(e.ServiceName))
	}
	groups, err := r.c.DescribeSecurityGroups(r.ctx, &ec2.DescribeSecurityGroupsInput{})
	if err != nil {
		return err
	}
	for _, g := range groups.SecurityGroups {
		// A referenced group is named by its own rules, its references
		// left out: two deployments' groups have other IDs and names may
		// differ, while what a group admits is what matters.
		r.groupName[aws.ToString(g.GroupId)] = "sg{" + strings.Join(r.rules(g, false), "; ") + "}"
	}
	return nil
}

// shortService drops the region part of an endpoint's service name.
func shortService(s string) string {
	if rest, ok := strings.CutPrefix(s, "com.amazonaws."); ok {
		if _, svc, ok := strings.Cut(rest, "."); ok {
			return svc
		}
	}
	return s
}

func (r *reader) readVPC(id string) error {
	v := "vpc " + r.vpcCIDR[id]
	subs, err := r.c.DescribeSubnets(r.ctx, &ec2.DescribeSubnetsInput{Filters: filter("vpc-id", id)})
	if err != nil {
		return err
	}
	tables, err := r.c.DescribeRouteTables(r.ctx, &ec2.DescribeRouteTablesInput{Filters: filter("vpc-id", id)})
	if err != nil {
		return err
	}
	acls, err := r.c.DescribeNetworkAcls(r.ctx, &ec2.DescribeNetworkAclsInput{Filters: filter("vpc-id", id)})
	if err != nil {
		return err
	}
	eps, err := r.c.DescribeVpcEndpoints(r.ctx, &ec2.DescribeVpcEndpointsInput{Filters: filter("vpc-id", id)})
	if err != nil {
		return err
	}
	tableOf, aclOf := map[string]*types.RouteTable{}, map[string]*types.NetworkAcl{}
	var main *types.RouteTable
	for i := range tables.RouteTables {
		t := &tables.RouteTables[i]
		for _, a := range t.Associations {
			if aws.ToBool(a.Main) {
				main = t
			}
			if s := aws.ToString(a.SubnetId); s != "" {
				tableOf[s] = t
			}
		}
	}
	var defaultACL *types.NetworkAcl
	for i := range acls.NetworkAcls {
		a := &acls.NetworkAcls[i]
		if aws.ToBool(a.IsDefault) {
			defaultACL = a
		}
		for _, as := range a.Associations {
			aclOf[aws.ToString(as.SubnetId)] = a
		}
	}
	block, err := r.ipv6Block(id, v)
	if err != nil {
		return err
	}
	for _, s := range subs.Subnets {
		sn := v + " subnet " + subnetName(s, block)
		r.add("%s: az %s", sn, aws.ToString(s.AvailabilityZone))
		r.subnetIPv6(sn, s, block)
		if aws.ToBool(s.MapPublicIpOnLaunch) {
			r.add("%s: public ip on launch", sn)
		}
		t, explicit := tableOf[aws.ToString(s.SubnetId)]
		if !explicit {
			t = main
		}
		if t == nil {
			r.add("%s: no route table", sn)
		} else {
			if !explicit {
				r.add("%s: main route table", sn)
			}
			for _, rt := range t.Routes {
				if l := r.route(rt); l != "" {
					r.add("%s: route %s", sn, ipv6Local(l, block))
				}
			}
			for _, e := range eps.VpcEndpoints {
				if slices.Contains(e.RouteTableIds, aws.ToString(t.RouteTableId)) {
					r.add("%s: gateway endpoint %s", sn, shortService(aws.ToString(e.ServiceName)))
				}
			}
		}
		for _, e := range eps.VpcEndpoints {
			if slices.Contains(e.SubnetIds, aws.ToString(s.SubnetId)) {
				r.add("%s: %s endpoint %s", sn, endpointKind(e), shortService(aws.ToString(e.ServiceName)))
			}
		}
		acl := aclOf[aws.ToString(s.SubnetId)]
		if acl == nil {
			acl = defaultACL
		}
		if acl != nil {
			if aws.ToBool(acl.IsDefault) {
				r.add("%s: default network acl", sn)
			}
			for _, e := range acl.Entries {
				// Rule 32767 is AWS's fixed deny-all ("*") of every
				// ACL; moto leaves it out of the ACLs it creates.
				if aws.ToInt32(e.RuleNumber) == 32767 {
					continue
				}
				r.add("%s: nacl %s", sn, naclEntry(e))
			}
		}
	}
	for _, e := range eps.VpcEndpoints {
		kind := endpointKind(e)
		r.add("%s: %s endpoint %s", v, kind, shortService(aws.ToString(e.ServiceName)))
	}
	return r.readGroupsAndLogs(id, v)
}

// endpointKind is "gateway", "interface", …; moto leaves the type empty
// when a template omits it, which AWS takes as Gateway.
func endpointKind(e types.VpcEndpoint) string {
	if e.VpcEndpointType == "" {
		return "gateway"
	}
	return strings.ToLower(string(e.VpcEndpointType))
}

// route writes one route as destination → what its target is; routes to
// gateway endpoints are written as the subnet's endpoints instead (their
// prefix-list IDs differ between deployments).
func (r *reader) route(rt types.Route) string {
	dest := aws.ToString(rt.DestinationCidrBlock)
	if dest == "" {
		dest = aws.ToString(rt.DestinationIpv6CidrBlock)
	}
	if dest == "" {
		return ""
	}
	var target string
	gw := aws.ToString(rt.GatewayId)
	switch {
	case gw == "local":
		target = "local"
	case strings.HasPrefix(gw, "igw-"):
		target = "internet gateway"
	case strings.HasPrefix(gw, "vgw-"):
		target = "vpn gateway"
	case strings.HasPrefix(gw, "vpce-"):
		target = "endpoint " + r.endpoint[gw]
	case rt.NatGatewayId != nil:
		target = "nat in " + r.natSubnet[aws.ToString(rt.NatGatewayId)]
	case rt.VpcPeeringConnectionId != nil:
		target = "peering " + r.peerName(aws.ToString(rt.VpcPeeringConnectionId))
	case rt.TransitGatewayId != nil:
		target = r.tgw(aws.ToString(rt.TransitGatewayId))
	case rt.EgressOnlyInternetGatewayId != nil:
		target = "egress-only internet gateway"
	case rt.NetworkInterfaceId != nil:
		target = "network interface"
	case rt.InstanceId != nil:
		target = "instance"
	default:
		target = "unknown " + gw
	}
	if rt.State == types.RouteStateBlackhole {
		target += " (blackhole)"
	}
	return dest + " -> " + target
}

func (r *reader) peerName(pcx string) string {
	p, ok := r.peerOf[pcx]
	if !ok {
		return "(not active)"
	}
	return p[0] + "<->" + p[1]
}

func (r *reader) tgw(id string) string {
	if n, ok := r.tgwName[id]; ok {
		return n
	}
	return "tgw(no attachments)"
}

func naclEntry(e types.NetworkAclEntry) string {
	dir := "in"
	if aws.ToBool(e.Egress) {
		dir = "out"
	}
	cidr := aws.ToString(e.CidrBlock)
	if cidr == "" {
		cidr = aws.ToString(e.Ipv6CidrBlock)
	}
	s := fmt.Sprintf("%s %d %s proto %s %s", dir, aws.ToInt32(e.RuleNumber), e.RuleAction, aws.ToString(e.Protocol), cidr)
	// A port range counts for TCP and UDP only: AWS ignores one given with
	// another protocol (the VPC-with-NAT template gives -1 entries
	// 0-65535), as it ignores a security group rule's ports for -1.
	if p := aws.ToString(e.Protocol); e.PortRange != nil && (p == "6" || p == "17") {
		s += fmt.Sprintf(" ports %d-%d", aws.ToInt32(e.PortRange.From), aws.ToInt32(e.PortRange.To))
	}
	if e.IcmpTypeCode != nil {
		s += fmt.Sprintf(" icmp %d/%d", aws.ToInt32(e.IcmpTypeCode.Type), aws.ToInt32(e.IcmpTypeCode.Code))
	}
	return s
}

func (r *reader) readGroupsAndLogs(id, v string) error {
	groups, err := r.c.DescribeSecurityGroups(r.ctx, &ec2.DescribeSecurityGroupsInput{Filters: filter("vpc-id", id)})
	if err != nil {
		return err
	}
	for _, g := range groups.SecurityGroups {
		kind := "security group"
		if aws.ToString(g.GroupName) == "default" {
			kind = "default security group"
		}
		r.add("%s: %s {%s}", v, kind, strings.Join(r.rules(g, true), "; "))
	}
	logs, err := r.c.DescribeFlowLogs(r.ctx, &ec2.DescribeFlowLogsInput{})
	if err != nil {
		return err
	}
	for _, l := range logs.FlowLogs {
		res := aws.ToString(l.ResourceId)
		var on string
		switch {
		case res == id:
			on = "vpc"
		case r.subnetCIDR[res] != "":
			on = "subnet " + r.subnetCIDR[res]
		default:
			continue
		}
		if on != "vpc" && !r.inVPC(res, id) {
			continue
		}
		r.add("%s: flow log on %s traffic %s to %s", v, on, l.TrafficType, l.LogDestinationType)
	}
	return nil
}

func (r *reader) inVPC(subnet, vpc string) bool {
	c, err := netip.ParsePrefix(r.subnetCIDR[subnet])
	v, err2 := netip.ParsePrefix(r.vpcCIDR[vpc])
	return err == nil && err2 == nil && v.Overlaps(c)
}

// rules writes a group's rules, sorted; with refs, a rule naming another
// group names it by that group's own rules.
func (r *reader) rules(g types.SecurityGroup, refs bool) []string {
	var out []string
	for _, dir := range []struct {
		name  string
		perms []types.IpPermission
	}{{"in", g.IpPermissions}, {"out", g.IpPermissionsEgress}} {
		for _, p := range dir.perms {
			proto := aws.ToString(p.IpProtocol)
			ports := ""
			if p.FromPort != nil && proto != "-1" {
				ports = fmt.Sprintf(" %d-%d", aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort))
			}
			head := dir.name + " " + proto + ports + " "
			for _, x := range p.IpRanges {
				out = append(out, head+aws.ToString(x.CidrIp))
			}
			for _, x := range p.Ipv6Ranges {
				out = append(out, head+aws.ToString(x.CidrIpv6))
			}
			for range p.PrefixListIds {
				out = append(out, head+"prefix list")
			}
			for _, x := range p.UserIdGroupPairs {
				switch ref := aws.ToString(x.GroupId); {
				case ref == aws.ToString(g.GroupId):
					out = append(out, head+"itself")
				case refs:
					out = append(out, head+r.groupName[ref])
				default:
					out = append(out, head+"a group")
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func (r *reader) readTGWs(vpcIDs []string) error {
	tgws, err := r.c.DescribeTransitGateways(r.ctx, &ec2.DescribeTransitGatewaysInput{})
	if err != nil {
		return err
	}
	att, err := r.c.DescribeTransitGatewayVpcAttachments(r.ctx, &ec2.DescribeTransitGatewayVpcAttachmentsInput{})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for _, a := range att.TransitGatewayVpcAttachments {
		if slices.Contains(vpcIDs, aws.ToString(a.VpcId)) {
			used[aws.ToString(a.TransitGatewayId)] = true
			var subnets []string
			for _, s := range a.SubnetIds {
				subnets = append(subnets, r.subnetCIDR[s])
			}
			slices.Sort(subnets)
			r.add("%s: attachment %s in subnets %s", r.tgw(aws.ToString(a.TransitGatewayId)), r.attachName[aws.ToString(a.TransitGatewayAttachmentId)], strings.Join(subnets, ","))
		}
	}
	for _, t := range tgws.TransitGateways {
		id := aws.ToString(t.TransitGatewayId)
		if !used[id] {
			continue
		}
		name := r.tgw(id)
		defAssoc, defProp, noDefault := "", "", false
		if o := t.Options; o != nil {
			r.add("%s: default association %s, default propagation %s", name, o.DefaultRouteTableAssociation, o.DefaultRouteTablePropagation)
			defAssoc, defProp = aws.ToString(o.AssociationDefaultRouteTableId), aws.ToString(o.PropagationDefaultRouteTableId)
			noDefault = o.DefaultRouteTableAssociation == types.DefaultRouteTableAssociationValueDisable &&
				o.DefaultRouteTablePropagation == types.DefaultRouteTablePropagationValueDisable
		}
		rts, err := r.c.DescribeTransitGatewayRouteTables(r.ctx, &ec2.DescribeTransitGatewayRouteTablesInput{Filters: filter("transit-gateway-id", id)})
		if err != nil {
			return err
		}
		for _, rt := range rts.TransitGatewayRouteTables {
			if noDefault && aws.ToBool(rt.DefaultAssociationRouteTable) {
				// AWS makes no default table when the options disable
				// both defaults; moto makes one and associates every
				// attachment with it.
				continue
			}
			if err := r.readTGWTable(name, rt, defAssoc, defProp); err != nil {
				return err
			}
		}
	}
	return nil
}

// readTGWTable names a transit gateway route table by the attachments
// associated with it, and writes its propagations and routes.
func (r *reader) readTGWTable(tgw string, rt types.TransitGatewayRouteTable, defAssoc, defProp string) error {
	id := aws.ToString(rt.TransitGatewayRouteTableId)
	as, err := r.c.GetTransitGatewayRouteTableAssociations(r.ctx, &ec2.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableId: aws.String(id)})
	if err != nil {
		return err
	}
	var assoc []string
	for _, a := range as.Associations {
		assoc = append(assoc, r.attachName[aws.ToString(a.TransitGatewayAttachmentId)])
	}
	slices.Sort(assoc)
	name := tgw + " table(" + strings.Join(assoc, ",") + ")"
	if id == defAssoc || id == defProp {
		r.add("%s: default route table", name)
	}
	ps, err := r.c.GetTransitGatewayRouteTablePropagations(r.ctx, &ec2.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableId: aws.String(id)})
	if err != nil {
		return err
	}
	for _, p := range ps.TransitGatewayRouteTablePropagations {
		r.add("%s: propagation from %s", name, r.attachName[aws.ToString(p.TransitGatewayAttachmentId)])
	}
	routes, err := r.c.SearchTransitGatewayRoutes(r.ctx, &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: aws.String(id),
		Filters: filter("state", "active", "blackhole")})
	if err != nil {
		return err
	}
	for _, rt := range routes.Routes {
		var to []string
		for _, a := range rt.TransitGatewayAttachments {
			to = append(to, r.attachName[aws.ToString(a.TransitGatewayAttachmentId)])
		}
		if len(to) == 0 && rt.State == types.TransitGatewayRouteStateActive {
			// Moto's answer carries no attachment: ask its own state.
			a, err := r.motoRouteAttachment(id, aws.ToString(rt.DestinationCidrBlock))
			if err != nil {
				return err
			}
			if a != "" {
				to = append(to, r.attachName[a])
			}
		}
		slices.Sort(to)
		target := strings.Join(to, ",")
		if target == "" {
			target = "(attachment not reported)"
		}
		if rt.State == types.TransitGatewayRouteStateBlackhole {
			target = "blackhole"
		}
		r.add("%s: route %s -> %s (%s)", name, aws.ToString(rt.DestinationCidrBlock), target, rt.Type)
	}
	return nil
}
