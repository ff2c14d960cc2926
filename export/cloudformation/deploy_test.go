package cloudformation

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cfnapi "github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestDeployToMoto deploys every single-region case's YAML template into
// moto's CloudFormation and then reads the network back through the EC2 API,
// checking it against the design (not against the template): VPC CIDRs,
// subnets with their CIDRs and AZs, each subnet's default route (internet
// gateway for public, NAT for private, none for isolated), the number of NAT
// gateways, and security groups with their rules and group references.
// moto skips some resource types (SecurityGroupEgress, transit gateway
// attachments, VPC endpoint services); cfn-lint and the golden files cover
// those.
func TestDeployToMoto(t *testing.T) {
	endpoint := testtools.MotoServer(t) // its own: the cases reset it, which no other test may see
	cfg := testtools.MotoConfig(endpoint)
	env := &motoEnv{endpoint: endpoint, cfn: cfnapi.NewFromConfig(cfg), ec2: ec2.NewFromConfig(cfg)}
	for _, c := range exportCases(t) {
		t.Run(c.name, func(t *testing.T) {
			d, err := c.load()
			if err != nil {
				t.Fatal(err)
			}
			moveToUSEast1(d)
			l := design.Resolve(d)
			ts, err := Build(l)
			if err != nil {
				t.Fatal(err)
			}
			if len(ts) != 1 {
				t.Fatalf("want one template, got %d", len(ts))
			}
			testtools.ResetMoto(t, endpoint)
			stack := "vpcsmith-" + strings.ToLower(camel(c.name))
			env.deploy(t, stack, ts[0])
			tables := env.subnetTables(t, stack, ts[0])
			for i := range l.VPCs {
				env.checkVPC(t, l, &l.VPCs[i], tables)
				if l.VPCs[i].VPC.HasIPv6() {
					env.checkIPv6(t, l, i, tables)
				}
			}
		})
	}
}

// moveToUSEast1 moves a design into us-east-1, the one region whose AZs
// moto's !GetAZs answers with; the network is the same in any region.
func moveToUSEast1(d *design.Design) {
	const to = "us-east-1"
	for i := range d.VPCs {
		v := &d.VPCs[i]
		from := d.VPCRegion(v)
		v.Region = ""
		rename := func(az string) string {
			if rest, ok := strings.CutPrefix(az, from); ok {
				return to + rest
			}
			return az
		}
		for j := range v.AZs.Names {
			v.AZs.Names[j] = rename(v.AZs.Names[j])
		}
		for j := range v.Tiers {
			t := &v.Tiers[j]
			for k := range t.AZs {
				t.AZs[k] = rename(t.AZs[k])
			}
			for k := range t.Subnets {
				t.Subnets[k].AZ = rename(t.Subnets[k].AZ)
			}
		}
	}
	d.Region = to
}

type motoEnv struct {
	endpoint string
	cfn      *cfnapi.Client
	ec2      *ec2.Client
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// deploy creates the stack and waits for CREATE_COMPLETE, passing a value
// for every parameter without a default.
func (e *motoEnv) deploy(t *testing.T, stack string, tpl *Template) {
	t.Helper()
	if hasIPv6(tpl) {
		e.deployIPv6(t, stack, tpl)
		return
	}
	body := string(render(t, withoutMotoGaps(tpl), "yaml"))
	var params []cfntypes.Parameter
	for _, p := range tpl.Parameters {
		if p.HasDefault {
			continue
		}
		switch {
		case strings.HasSuffix(p.Name, "CustomerGatewayIp"):
			params = append(params, cfntypes.Parameter{ParameterKey: aws.String(p.Name), ParameterValue: aws.String("203.0.113.10")})
		default:
			t.Fatalf("no test value for parameter %s", p.Name)
		}
	}
	_, err := e.cfn.CreateStack(ctx(t), &cfnapi.CreateStackInput{
		StackName:    aws.String(stack),
		TemplateBody: aws.String(body),
		Parameters:   params,
		Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
	})
	if err != nil {
		t.Fatalf("CreateStack: %v", err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		out, err := e.cfn.DescribeStacks(ctx(t), &cfnapi.DescribeStacksInput{StackName: aws.String(stack)})
		if err != nil {
			t.Fatalf("DescribeStacks: %v", err)
		}
		s := out.Stacks[0]
		switch {
		case s.StackStatus == cfntypes.StackStatusCreateComplete:
			return
		case !strings.HasSuffix(string(s.StackStatus), "_IN_PROGRESS"), time.Now().After(deadline):
			ev, _ := e.cfn.DescribeStackEvents(ctx(t), &cfnapi.DescribeStackEventsInput{StackName: aws.String(stack)})
			var why []string
			if ev != nil {
				for _, x := range ev.StackEvents {
					if x.ResourceStatusReason != nil {
						why = append(why, fmt.Sprintf("%s %s: %s", aws.ToString(x.LogicalResourceId), x.ResourceStatus, aws.ToString(x.ResourceStatusReason)))
					}
				}
			}
			t.Fatalf("stack %s: %s (%s)\n%s", stack, s.StackStatus, aws.ToString(s.StackStatusReason), strings.Join(why, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// withoutMotoGaps returns a copy of the template without the resources that
// moto cannot create although AWS does: moto makes every load balancer of a
// template an application load balancer (it ignores Type), so it refuses
// the network load balancer's TCP listener. cfn-lint and the golden files
// cover the listener.
func withoutMotoGaps(tpl *Template) *Template {
	cp := *tpl
	cp.body = nil
	for _, f := range tpl.body {
		if f.key == "Resources" {
			var res object
			for _, r := range f.value.(object) {
				if r.value.(object).get("Type") != "AWS::ElasticLoadBalancingV2::Listener" {
					res = append(res, r)
				}
			}
			f = field{f.key, res}
		}
		cp.body = append(cp.body, f)
	}
	return &cp
}

// subnetTables maps each deployed subnet's id to its route table's id.
// moto records a template's subnet associations apart from its route
// tables (DescribeRouteTables does not show them), so the pairs come from
// the template's SubnetRouteTableAssociation resources, and their ids from
// the stack.
func (e *motoEnv) subnetTables(t *testing.T, stack string, tpl *Template) map[string]string {
	t.Helper()
	physical := map[string]string{}
	p := cfnapi.NewListStackResourcesPaginator(e.cfn, &cfnapi.ListStackResourcesInput{StackName: aws.String(stack)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx(t))
		if err != nil {
			t.Fatalf("ListStackResources: %v", err)
		}
		for _, r := range page.StackResourceSummaries {
			physical[aws.ToString(r.LogicalResourceId)] = aws.ToString(r.PhysicalResourceId)
		}
	}
	out := map[string]string{}
	for _, r := range tpl.body.get("Resources").(object) {
		res := r.value.(object)
		if res.get("Type") != "AWS::EC2::SubnetRouteTableAssociation" {
			continue
		}
		props := res.get("Properties").(object)
		subnet := props.get("SubnetId").(intrinsic).arg.(string)
		table := props.get("RouteTableId").(intrinsic).arg.(string)
		out[physical[subnet]] = physical[table]
	}
	return out
}

func nameTag(tags []ec2types.Tag) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == "Name" {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

func vpcFilter(id string) []ec2types.Filter {
	return []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{id}}}
}

// checkVPC compares one VPC as EC2 reports it with the design's layout.
func (e *motoEnv) checkVPC(t *testing.T, l *design.Layout, vl *design.VPCLayout, tableOf map[string]string) {
	t.Helper()
	v := vl.VPC
	vpcs, err := e.ec2.DescribeVpcs(ctx(t), &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{v.Name}}}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("VPC %s: want one VPC tagged with its name, got %d (%v)", v.Name, len(vpcs.Vpcs), err)
	}
	vpc := vpcs.Vpcs[0]
	vpcID := aws.ToString(vpc.VpcId)
	// moto skips AWS::EC2::VPCCidrBlock, so only the primary block shows.
	if aws.ToString(vpc.CidrBlock) != vl.Primary.String() {
		t.Errorf("VPC %s: primary CIDR %s, want %s", v.Name, aws.ToString(vpc.CidrBlock), vl.Primary)
	}

	// Subnets: exactly the layout's, in the layout's AZs.
	subs, err := e.ec2.DescribeSubnets(ctx(t), &ec2.DescribeSubnetsInput{Filters: vpcFilter(vpcID)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ec2types.Subnet{}
	for _, s := range subs.Subnets {
		got[aws.ToString(s.CidrBlock)] = s
	}
	type want struct {
		tier *design.Tier
		ti   int
		az   string
	}
	wantSubs := map[string]want{}
	for ti, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			wantSubs[s.Prefix.String()] = want{tl.Tier, ti, s.AZ}
		}
	}
	if len(got) != len(wantSubs) {
		t.Errorf("VPC %s: %d subnets, want %d", v.Name, len(got), len(wantSubs))
	}
	for cidr, w := range wantSubs {
		s, ok := got[cidr]
		if !ok {
			t.Errorf("VPC %s: subnet %s of tier %s missing", v.Name, cidr, w.tier.Name)
			continue
		}
		if az := aws.ToString(s.AvailabilityZone); az != w.az {
			t.Errorf("VPC %s: subnet %s is in %s, want %s", v.Name, cidr, az, w.az)
		}
	}

	// NAT gateways: one per AZ with a public subnet (per-az), one (single),
	// none; each private subnet's default route goes to the NAT in its AZ
	// when there is one there.
	nats, err := e.ec2.DescribeNatGateways(ctx(t), &ec2.DescribeNatGatewaysInput{Filter: vpcFilter(vpcID)})
	if err != nil {
		t.Fatal(err)
	}
	natAZ := map[string]string{} // NAT id → AZ of its subnet
	subAZ := map[string]string{}
	for _, s := range subs.Subnets {
		subAZ[aws.ToString(s.SubnetId)] = aws.ToString(s.AvailabilityZone)
	}
	for _, n := range nats.NatGateways {
		natAZ[aws.ToString(n.NatGatewayId)] = subAZ[aws.ToString(n.SubnetId)]
	}
	publicAZs := map[string]bool{}
	hasPrivate := false
	for _, w := range wantSubs {
		switch w.tier.Kind {
		case design.TierPublic:
			publicAZs[w.az] = true
		case design.TierPrivate:
			hasPrivate = true
		}
	}
	wantNATs := 0
	switch {
	case len(publicAZs) == 0:
	case v.NAT == design.NATPerAZ:
		wantNATs = len(publicAZs)
	case v.NAT == design.NATSingle:
		wantNATs = 1
	}
	if len(nats.NatGateways) != wantNATs {
		t.Errorf("VPC %s (nat: %s): %d NAT gateways, want %d", v.Name, v.NAT, len(nats.NatGateways), wantNATs)
	}

	// Route tables: the default route of each subnet's table.
	rts, err := e.ec2.DescribeRouteTables(ctx(t), &ec2.DescribeRouteTablesInput{Filters: vpcFilter(vpcID)})
	if err != nil {
		t.Fatal(err)
	}
	tableByID := map[string]ec2types.RouteTable{}
	for _, rt := range rts.RouteTables {
		tableByID[aws.ToString(rt.RouteTableId)] = rt
	}
	ownTables := map[string]bool{} // the tables of tiers with routes
	for cidr, w := range wantSubs {
		rt, ok := tableByID[tableOf[aws.ToString(got[cidr].SubnetId)]]
		if !ok {
			t.Errorf("VPC %s: subnet %s: no route table of the VPC is associated with it", v.Name, cidr)
			continue
		}
		if w.tier.Routes != nil {
			ownTables[aws.ToString(rt.RouteTableId)] = true
			checkWrittenRoutes(t, l, vl, w.ti, w.az, cidr, rt, natAZ)
			continue
		}
		var def *ec2types.Route
		for i, r := range rt.Routes {
			if aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" {
				def = &rt.Routes[i]
			}
		}
		switch {
		case w.tier.Kind == design.TierPublic:
			if def == nil || !strings.HasPrefix(aws.ToString(def.GatewayId), "igw-") {
				t.Errorf("VPC %s: public subnet %s: default route %+v, want one to an internet gateway", v.Name, cidr, def)
			}
		case w.tier.Kind == design.TierPrivate && wantNATs > 0:
			if def == nil || !strings.HasPrefix(aws.ToString(def.NatGatewayId), "nat-") {
				t.Errorf("VPC %s: private subnet %s: default route %+v, want one to a NAT gateway", v.Name, cidr, def)
				continue
			}
			if v.NAT == design.NATPerAZ && publicAZs[w.az] && natAZ[aws.ToString(def.NatGatewayId)] != w.az {
				t.Errorf("VPC %s: private subnet %s in %s routes to the NAT in %s", v.Name, cidr, w.az, natAZ[aws.ToString(def.NatGatewayId)])
			}
		default:
			if def != nil {
				t.Errorf("VPC %s: %s subnet %s has a default route %+v, want none", v.Name, w.tier.Kind, cidr, def)
			}
		}
	}
	if hasPrivate && wantNATs == 0 && v.NAT != design.NATNone {
		t.Errorf("VPC %s: private tiers and nat %s, but no NAT", v.Name, v.NAT)
	}

	var derived []ec2types.RouteTable
	for _, rt := range rts.RouteTables {
		if !ownTables[aws.ToString(rt.RouteTableId)] {
			derived = append(derived, rt)
		}
	}
	e.checkConnectionRoutes(t, l, vl, derived)
	e.checkSecurityGroups(t, l, vl, vpcID)
}

// checkConnectionRoutes wants, in every route table of the VPC the
// template made, a route to each CIDR the VPC's peerings and transit
// gateways reach: pcx- targets for peerings, tgw- for transit gateways.
func (e *motoEnv) checkConnectionRoutes(t *testing.T, l *design.Layout, vl *design.VPCLayout, tables []ec2types.RouteTable) {
	t.Helper()
	v := vl.VPC
	cidrsOf := func(name string) []string {
		for _, o := range l.VPCs {
			if o.VPC.Name == name {
				return prefixStrings(o.CIDRs)
			}
		}
		t.Fatalf("no VPC %s", name)
		return nil
	}
	want := map[string]string{} // destination → target prefix
	for _, c := range l.Design.Connections {
		switch {
		case c.Kind == design.ConnPeering && slices.Contains(c.VPCs, v.Name):
			for _, other := range c.VPCs {
				if other != v.Name {
					for _, d := range cidrsOf(other) {
						want[d] = "pcx-"
					}
				}
			}
		case c.Kind == design.ConnTransitGateway && slices.Contains(c.VPCs, v.Name):
			for _, other := range c.VPCs {
				if other != v.Name {
					for _, d := range cidrsOf(other) {
						if _, taken := want[d]; !taken {
							want[d] = "tgw-"
						}
					}
				}
			}
			for i, n := range l.Design.Networks {
				if slices.Contains(c.Networks, n.Name) {
					want[l.Networks[i].String()] = "tgw-"
				}
			}
		}
	}
	for _, rt := range tables {
		if isMain(rt) {
			continue // the VPC's own main table, which the template leaves alone
		}
		for dest, target := range want {
			found := false
			for _, r := range rt.Routes {
				if aws.ToString(r.DestinationCidrBlock) == dest {
					id := aws.ToString(r.VpcPeeringConnectionId) + aws.ToString(r.TransitGatewayId)
					found = strings.HasPrefix(id, target)
				}
			}
			if !found {
				t.Errorf("VPC %s: route table %s has no route to %s through a %s target", v.Name, aws.ToString(rt.RouteTableId), dest, target)
			}
		}
	}
}

func isMain(rt ec2types.RouteTable) bool {
	for _, a := range rt.Associations {
		if aws.ToBool(a.Main) {
			return true
		}
	}
	return false
}

// checkSecurityGroups finds each design group by its Name tag and checks
// its ingress rules: group references by the referenced group's id, address
// rules by CIDR. moto ignores a template's egress rules (inline and
// SecurityGroupEgress), so TestSecurityGroupEgress covers egress.
func (e *motoEnv) checkSecurityGroups(t *testing.T, l *design.Layout, vl *design.VPCLayout, vpcID string) {
	t.Helper()
	v := vl.VPC
	all, err := e.ec2.DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]ec2types.SecurityGroup{}
	for _, g := range all.SecurityGroups {
		byName[nameTag(g.Tags)] = g
	}
	for _, g := range v.SecurityGroups {
		sg, ok := byName[v.Name+"-"+g.Name]
		if !ok || aws.ToString(sg.VpcId) != vpcID {
			t.Errorf("VPC %s: security group %s missing", v.Name, g.Name)
			continue
		}
		for k, r := range g.Ingress {
			peer, err := design.ParsePeer(r.Peer())
			if err != nil {
				t.Fatal(err)
			}
			ports, _ := design.ParsePorts(r.Ports)
			var want []string // group ids or CIDRs the rule must admit
			switch peer.Kind {
			case design.PeerSG:
				owner := v.Name
				if peer.VPC != "" {
					owner = peer.VPC
				}
				ref, ok := byName[owner+"-"+peer.Name]
				if !ok {
					t.Errorf("VPC %s: group %s rule %d: referenced group %s/%s missing", v.Name, g.Name, k+1, owner, peer.Name)
					continue
				}
				want = []string{aws.ToString(ref.GroupId)}
			case design.PeerInternet:
				want = []string{"0.0.0.0/0"}
			case design.PeerCIDR:
				want = []string{peer.CIDR.String()}
			case design.PeerTier:
				for _, tl := range vl.Tiers {
					if tl.Tier.Name == peer.Name {
						for _, s := range tl.Subnets {
							want = append(want, s.Prefix.String())
						}
					}
				}
			case design.PeerVPC:
				for _, o := range l.VPCs {
					if o.VPC.Name == peer.VPC {
						want = append(want, prefixStrings(o.CIDRs)...)
					}
				}
			case design.PeerNetwork:
				for i, n := range l.Design.Networks {
					if n.Name == peer.Name {
						want = append(want, l.Networks[i].String())
					}
				}
			}
			for _, w := range want {
				if !admits(sg.IpPermissions, r.EffectiveProtocol(), ports, w) {
					t.Errorf("VPC %s: group %s rule %d (%s %s): no ingress permission for %s in %+v", v.Name, g.Name, k+1, r.Peer(), r.Ports, w, sg.IpPermissions)
				}
			}
		}
	}
}

// admits reports whether permissions hold one for the protocol and ports
// from (or to) peer, a group id or a CIDR.
func admits(perms []ec2types.IpPermission, proto string, ports design.PortRange, peer string) bool {
	for _, p := range perms {
		ip := aws.ToString(p.IpProtocol)
		switch {
		case proto == "all" && ip != "-1":
			continue
		case proto != "all" && ip != proto:
			continue
		case proto == "tcp" || proto == "udp":
			if aws.ToInt32(p.FromPort) != int32(ports.From) || aws.ToInt32(p.ToPort) != int32(ports.To) {
				continue
			}
		}
		for _, g := range p.UserIdGroupPairs {
			if aws.ToString(g.GroupId) == peer {
				return true
			}
		}
		for _, r := range p.IpRanges {
			if aws.ToString(r.CidrIp) == peer {
				return true
			}
		}
	}
	return false
}

func prefixStrings(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// checkWrittenRoutes wants the deployed table of a subnet of a tier with
// `routes` to hold exactly the routes of its effective table (without the
// local routes, gateway endpoints and the blackholes the template leaves
// out), each to a target of the right kind: the NAT gateway in the right
// AZ, an internet gateway, or the connection's kind of gateway.
func checkWrittenRoutes(t *testing.T, l *design.Layout, vl *design.VPCLayout, ti int, az, cidr string, rt ec2types.RouteTable, natAZ map[string]string) {
	t.Helper()
	vi := slices.IndexFunc(l.VPCs, func(o design.VPCLayout) bool { return o.VPC == vl.VPC })
	r := design.NewRouting(l)
	want := map[string]design.RouteEntry{}
	for _, e := range r.Table(vi, ti, az).Entries {
		switch e.Target {
		case design.TargetLocal, design.TargetEndpoint, design.TargetBlackhole:
			continue
		}
		want[e.Dest.String()] = e
	}
	got := map[string]ec2types.Route{}
	for _, x := range rt.Routes {
		if d := aws.ToString(x.DestinationCidrBlock); d != "" && aws.ToString(x.GatewayId) != "local" {
			got[d] = x
		}
	}
	for d := range got {
		if _, ok := want[d]; !ok {
			t.Errorf("VPC %s: subnet %s (tier %s) routes %s, which the design does not", vl.VPC.Name, cidr, vl.Tiers[ti].Tier.Name, d)
		}
	}
	for d, e := range want {
		x, ok := got[d]
		if !ok {
			t.Errorf("VPC %s: subnet %s (tier %s) has no route to %s (%s)", vl.VPC.Name, cidr, vl.Tiers[ti].Tier.Name, d, e.Target)
			continue
		}
		var ok2 bool
		switch e.Target {
		case design.TargetInternetGateway:
			ok2 = strings.HasPrefix(aws.ToString(x.GatewayId), "igw-")
		case design.TargetNAT:
			ok2 = natAZ[aws.ToString(x.NatGatewayId)] == e.NATAZ
		case design.TargetConnection:
			switch r.Connection(e.Conn).Kind {
			case design.ConnPeering:
				ok2 = strings.HasPrefix(aws.ToString(x.VpcPeeringConnectionId), "pcx-")
			case design.ConnTransitGateway:
				ok2 = strings.HasPrefix(aws.ToString(x.TransitGatewayId), "tgw-")
			case design.ConnVPN:
				ok2 = strings.HasPrefix(aws.ToString(x.GatewayId), "vgw-")
			}
		}
		if !ok2 {
			t.Errorf("VPC %s: subnet %s (tier %s): route to %s is %+v, want %s %s%s", vl.VPC.Name, cidr, vl.Tiers[ti].Tier.Name, d, x, e.Target, e.NATAZ, e.Conn)
		}
	}
}
