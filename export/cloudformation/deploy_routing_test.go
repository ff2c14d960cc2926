package cloudformation

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cfnapi "github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestDeployRoutingToMoto deploys the routing design's template into moto
// and checks what its CloudFormation records but does not apply (network
// ACLs, transit gateway attachments, route tables, associations,
// propagations and static routes) once made through the EC2 API from the
// template's own resources, as AWS would: the ACL's entries and subnets as
// EC2 reports them, and, for every spoke's attachment, that traffic to
// every other member's CIDR leaves the gateway where the design's model
// says (design.TGWView.Next): to the inspection VPC, never spoke to spoke.
// TestDeployToMoto checks the VPC route tables of the same template.
func TestDeployRoutingToMoto(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	cfg := testtools.MotoConfig(endpoint)
	env := &motoEnv{endpoint: endpoint, cfn: cfnapi.NewFromConfig(cfg), ec2: ec2.NewFromConfig(cfg)}
	d, err := design.Load("testdata/routing-export.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l := design.Resolve(d)
	ts, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	tpl := ts[0]
	const stack = "vpcsmith-routing-apply"
	env.deploy(t, stack, tpl)
	physical := env.physicalIDs(t, stack)
	env.applySkipped(t, tpl, physical)

	// The network ACL: its entries and subnets, as EC2 has them.
	acls, err := env.ec2.DescribeNetworkAcls(ctx(t), &ec2.DescribeNetworkAclsInput{NetworkAclIds: []string{physical["InspectionAttachmentsNetworkAcl"]}})
	if err != nil || len(acls.NetworkAcls) != 1 {
		t.Fatalf("DescribeNetworkAcls: %v (%d)", err, len(acls.NetworkAcls))
	}
	acl := acls.NetworkAcls[0]
	var entries []string
	for _, e := range acl.Entries {
		if n := aws.ToInt32(e.RuleNumber); n < 32767 { // not the implicit deny
			s := strconv.Itoa(int(n)) + " " + aws.ToString(e.Protocol) + " " + string(e.RuleAction) + " " + strconv.FormatBool(aws.ToBool(e.Egress)) + " " + aws.ToString(e.CidrBlock)
			if e.PortRange != nil {
				s += " " + strconv.Itoa(int(aws.ToInt32(e.PortRange.From))) + "-" + strconv.Itoa(int(aws.ToInt32(e.PortRange.To)))
			}
			entries = append(entries, s)
		}
	}
	slices.Sort(entries)
	want := []string{"100 -1 allow false 10.0.0.0/8", "100 6 allow true 0.0.0.0/0 443-443", "110 6 allow true 10.0.0.0/8 1024-65535", "200 -1 deny false 0.0.0.0/0"}
	if !slices.Equal(entries, want) {
		t.Errorf("ACL entries %v, want %v", entries, want)
	}
	var subnets []string
	for _, a := range acl.Associations {
		subnets = append(subnets, aws.ToString(a.SubnetId))
	}
	slices.Sort(subnets)
	wantSubnets := []string{physical["InspectionTgwSubnetA"], physical["InspectionTgwSubnetB"]}
	slices.Sort(wantSubnets)
	if !slices.Equal(subnets, wantSubnets) {
		t.Errorf("ACL on subnets %v, want tier tgw's %v", subnets, wantSubnets)
	}

	// The transit gateway: each VPC member's traffic to each other
	// member leaves where the model says.
	view := design.NewRouting(l).TGW("hub")
	attachOf := map[design.TGWMember]string{}
	memberOf := map[string]design.TGWMember{}
	for _, vpc := range []string{"inspection", "spoke-a", "spoke-b"} {
		id := physical["Hub"+camel(vpc)+"Attachment"]
		attachOf[design.VPCMember(vpc)] = id
		memberOf[id] = design.VPCMember(vpc)
	}
	tableOf := map[string]string{} // attachment → its associated table
	res, order := resources(t, tpl)
	for _, id := range order {
		if res[id].get("Type") != "AWS::EC2::TransitGatewayRouteTable" {
			continue
		}
		out, err := env.ec2.GetTransitGatewayRouteTableAssociations(ctx(t), &ec2.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableId: aws.String(physical[id])})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.Associations {
			if prev, dup := tableOf[aws.ToString(a.TransitGatewayAttachmentId)]; dup {
				t.Errorf("attachment %s is associated with %s and %s", aws.ToString(a.TransitGatewayAttachmentId), prev, physical[id])
			}
			tableOf[aws.ToString(a.TransitGatewayAttachmentId)] = physical[id]
		}
	}
	staticVia := map[string]string{} // table and destination → attachment
	for _, r := range ofType(t, tpl, "AWS::EC2::TransitGatewayRoute") {
		p := props(r)
		if a := refTo(p.get("TransitGatewayAttachmentId")); a != "" && r.get("Condition") == nil {
			staticVia[physical[refTo(p.get("TransitGatewayRouteTableId"))]+" "+p.get("DestinationCidrBlock").(string)] = physical[a]
		}
	}
	for from, att := range attachOf {
		table := tableOf[att]
		if table == "" {
			t.Errorf("%s: its attachment is associated with no route table", from)
			continue
		}
		routes := env.tgwRoutes(t, table)
		for i, r := range routes {
			if r.static && r.attachment == "" && r.active {
				// moto answers a static route's attachment in a shape the
				// SDK cannot read (a mapping for a list): take it from the
				// route the test made from the template.
				routes[i].attachment = staticVia[table+" "+r.dest.String()]
			}
		}
		for to := range attachOf {
			if to == from {
				continue
			}
			name, _ := to.MemberName()
			addr := l.VPCs[slices.IndexFunc(l.VPCs, func(v design.VPCLayout) bool { return v.VPC.Name == name })].Primary.Addr()
			wantTo, _, wantOK, why := view.Next(from, addr)
			got, ok := lookupTGW(routes, addr)
			switch {
			case ok != wantOK:
				t.Errorf("%s to %s (%s): deployed routes it %v (%v), the design %v (%s)", from, to, addr, ok, routes, wantOK, why)
			case ok && memberOf[got] != wantTo:
				t.Errorf("%s to %s (%s): deployed next hop %s, the design's %s", from, to, addr, memberOf[got], wantTo)
			}
		}
	}
}

// physicalIDs maps the stack's logical ids to physical ones.
func (e *motoEnv) physicalIDs(t *testing.T, stack string) map[string]string {
	t.Helper()
	out := map[string]string{}
	p := cfnapi.NewListStackResourcesPaginator(e.cfn, &cfnapi.ListStackResourcesInput{StackName: aws.String(stack)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx(t))
		if err != nil {
			t.Fatalf("ListStackResources: %v", err)
		}
		for _, r := range page.StackResourceSummaries {
			out[aws.ToString(r.LogicalResourceId)] = aws.ToString(r.PhysicalResourceId)
		}
	}
	return out
}

// applySkipped makes through the EC2 API, in dependency order, the routing
// resources moto's CloudFormation skips, from the template's own
// properties; a resource with a Condition is left out (the test passes no
// parameter that would make one true).
func (e *motoEnv) applySkipped(t *testing.T, tpl *Template, physical map[string]string) {
	t.Helper()
	res, order := resources(t, tpl)
	str := func(v any) string {
		switch v := v.(type) {
		case string:
			return v
		case intrinsic:
			if id := refTo(v); id != "" {
				return physical[id]
			}
		}
		t.Fatalf("cannot resolve %v", v)
		return ""
	}
	for _, typ := range []string{"AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation",
		"AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayRouteTable", "AWS::EC2::TransitGatewayRouteTableAssociation",
		"AWS::EC2::TransitGatewayRouteTablePropagation", "AWS::EC2::TransitGatewayRoute"} {
		for _, id := range order {
			r := res[id]
			if r.get("Type") != typ || r.get("Condition") != nil {
				continue
			}
			p := props(r)
			var err error
			switch typ {
			case "AWS::EC2::NetworkAcl":
				var out *ec2.CreateNetworkAclOutput
				if out, err = e.ec2.CreateNetworkAcl(ctx(t), &ec2.CreateNetworkAclInput{VpcId: aws.String(str(p.get("VpcId")))}); err == nil {
					physical[id] = aws.ToString(out.NetworkAcl.NetworkAclId)
				}
			case "AWS::EC2::NetworkAclEntry":
				in := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(str(p.get("NetworkAclId"))), RuleNumber: aws.Int32(int32(p.get("RuleNumber").(int))),
					Protocol: aws.String(strconv.Itoa(p.get("Protocol").(int))), RuleAction: ec2types.RuleAction(p.get("RuleAction").(string)),
					Egress: aws.Bool(p.get("Egress").(bool)), CidrBlock: aws.String(p.get("CidrBlock").(string))}
				if pr, ok := p.get("PortRange").(object); ok {
					in.PortRange = &ec2types.PortRange{From: aws.Int32(int32(pr.get("From").(int))), To: aws.Int32(int32(pr.get("To").(int)))}
				}
				if ic, ok := p.get("Icmp").(object); ok {
					in.IcmpTypeCode = &ec2types.IcmpTypeCode{Type: aws.Int32(int32(ic.get("Type").(int))), Code: aws.Int32(int32(ic.get("Code").(int)))}
				}
				_, err = e.ec2.CreateNetworkAclEntry(ctx(t), in)
			case "AWS::EC2::SubnetNetworkAclAssociation":
				subnet := str(p.get("SubnetId"))
				var acls *ec2.DescribeNetworkAclsOutput
				acls, err = e.ec2.DescribeNetworkAcls(ctx(t), &ec2.DescribeNetworkAclsInput{Filters: []ec2types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{subnet}}}})
				for _, a := range acls.NetworkAcls {
					for _, as := range a.Associations {
						if err == nil && aws.ToString(as.SubnetId) == subnet {
							_, err = e.ec2.ReplaceNetworkAclAssociation(ctx(t), &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(str(p.get("NetworkAclId")))})
						}
					}
				}
			case "AWS::EC2::TransitGatewayAttachment":
				var subnets []string
				for _, s := range p.get("SubnetIds").([]any) {
					subnets = append(subnets, str(s))
				}
				var out *ec2.CreateTransitGatewayVpcAttachmentOutput
				if out, err = e.ec2.CreateTransitGatewayVpcAttachment(ctx(t), &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(str(p.get("TransitGatewayId"))),
					VpcId: aws.String(str(p.get("VpcId"))), SubnetIds: subnets}); err == nil {
					physical[id] = aws.ToString(out.TransitGatewayVpcAttachment.TransitGatewayAttachmentId)
				}
			case "AWS::EC2::TransitGatewayRouteTable":
				var out *ec2.CreateTransitGatewayRouteTableOutput
				if out, err = e.ec2.CreateTransitGatewayRouteTable(ctx(t), &ec2.CreateTransitGatewayRouteTableInput{TransitGatewayId: aws.String(str(p.get("TransitGatewayId")))}); err == nil {
					physical[id] = aws.ToString(out.TransitGatewayRouteTable.TransitGatewayRouteTableId)
				}
			case "AWS::EC2::TransitGatewayRouteTableAssociation":
				_, err = e.ec2.AssociateTransitGatewayRouteTable(ctx(t), &ec2.AssociateTransitGatewayRouteTableInput{
					TransitGatewayAttachmentId: aws.String(str(p.get("TransitGatewayAttachmentId"))), TransitGatewayRouteTableId: aws.String(str(p.get("TransitGatewayRouteTableId")))})
			case "AWS::EC2::TransitGatewayRouteTablePropagation":
				_, err = e.ec2.EnableTransitGatewayRouteTablePropagation(ctx(t), &ec2.EnableTransitGatewayRouteTablePropagationInput{
					TransitGatewayAttachmentId: aws.String(str(p.get("TransitGatewayAttachmentId"))), TransitGatewayRouteTableId: aws.String(str(p.get("TransitGatewayRouteTableId")))})
			case "AWS::EC2::TransitGatewayRoute":
				in := &ec2.CreateTransitGatewayRouteInput{DestinationCidrBlock: aws.String(p.get("DestinationCidrBlock").(string)), TransitGatewayRouteTableId: aws.String(str(p.get("TransitGatewayRouteTableId")))}
				if a := p.get("TransitGatewayAttachmentId"); a != nil {
					in.TransitGatewayAttachmentId = aws.String(str(a))
				}
				if p.get("Blackhole") == true {
					in.Blackhole = aws.Bool(true)
				}
				_, err = e.ec2.CreateTransitGatewayRoute(ctx(t), in)
			}
			if err != nil {
				t.Fatalf("%s (%s): %v", id, typ, err)
			}
		}
	}
}

// tgwRoute is a transit gateway route as EC2 reports it.
type tgwRoute struct {
	dest       netip.Prefix
	attachment string // "" for a blackhole
	static     bool
	active     bool // not a blackhole
}

// tgwRoutes returns a transit gateway route table's routes, static and
// propagated.
func (e *motoEnv) tgwRoutes(t *testing.T, table string) []tgwRoute {
	t.Helper()
	out, err := e.ec2.SearchTransitGatewayRoutes(ctx(t), &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: aws.String(table),
		Filters: []ec2types.Filter{{Name: aws.String("state"), Values: []string{"active", "blackhole"}}}})
	if err != nil {
		t.Fatalf("SearchTransitGatewayRoutes %s: %v", table, err)
	}
	var rs []tgwRoute
	// moto records propagations but makes no routes from them: make the
	// routes AWS would, one to each propagating VPC's CIDR blocks.
	props, err := e.ec2.GetTransitGatewayRouteTablePropagations(ctx(t), &ec2.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableId: aws.String(table)})
	if err != nil {
		t.Fatalf("GetTransitGatewayRouteTablePropagations %s: %v", table, err)
	}
	for _, pr := range props.TransitGatewayRouteTablePropagations {
		vpcs, err := e.ec2.DescribeVpcs(ctx(t), &ec2.DescribeVpcsInput{VpcIds: []string{aws.ToString(pr.ResourceId)}})
		if err != nil {
			t.Fatalf("DescribeVpcs %s: %v", aws.ToString(pr.ResourceId), err)
		}
		for _, v := range vpcs.Vpcs {
			for _, c := range v.CidrBlockAssociationSet {
				rs = append(rs, tgwRoute{dest: netip.MustParsePrefix(aws.ToString(c.CidrBlock)), attachment: aws.ToString(pr.TransitGatewayAttachmentId), active: true})
			}
		}
	}
	for _, r := range out.Routes {
		p, err := netip.ParsePrefix(aws.ToString(r.DestinationCidrBlock))
		if err != nil {
			t.Fatalf("route %v: %v", r, err)
		}
		x := tgwRoute{dest: p, static: strings.EqualFold(string(r.Type), "static"), active: r.State == ec2types.TransitGatewayRouteStateActive}
		if r.State != ec2types.TransitGatewayRouteStateBlackhole {
			for _, a := range r.TransitGatewayAttachments {
				x.attachment = aws.ToString(a.TransitGatewayAttachmentId)
			}
		}
		rs = append(rs, x)
	}
	return rs
}

// lookupTGW is a transit gateway's choice of route: the longest prefix, a
// static route before a propagated one; ok is false when the traffic is
// dropped (no route, or a blackhole).
func lookupTGW(rs []tgwRoute, addr netip.Addr) (string, bool) {
	var best *tgwRoute
	for i, r := range rs {
		if !r.dest.Contains(addr) {
			continue
		}
		if best == nil || r.dest.Bits() > best.dest.Bits() || (r.dest.Bits() == best.dest.Bits() && r.static && !best.static) {
			best = &rs[i]
		}
	}
	if best == nil || best.attachment == "" {
		return "", false
	}
	return best.attachment, true
}
