package importer

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// The differences TestPublishedRoundTrip found, each reproduced in a small
// moto network next to its fix.

// TestImportUntypedGatewayEndpoint: an endpoint whose type is not reported
// (moto's answer for a template without VpcEndpointType, such as the Quick
// Start VPC's S3 endpoint) is a gateway endpoint, as CreateVpcEndpoint's
// default makes it: it stays on the private tables it is on and off the
// public one.
func TestImportUntypedGatewayEndpoint(t *testing.T) {
	l := newLab(t)
	v := l.vpc("shop", "10.5.0.0/16")
	pub := l.subnet(v, "shop-public-a", "us-east-1a", "10.5.0.0/24")
	priv := l.subnet(v, "shop-private-a", "us-east-1a", "10.5.10.0/24")
	igw := l.igw(v)
	l.routeTable(v, "public", []string{pub}, [2]string{"0.0.0.0/0", igw})
	privRT := l.routeTable(v, "private", []string{priv}, [2]string{"0.0.0.0/0", l.nat(pub)})
	_, err := l.ec2.CreateVpcEndpoint(l.ctx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(v), ServiceName: aws.String("com.amazonaws." + testRegion + ".s3"), RouteTableIds: []string{privRT}})
	l.check(err)

	res := l.importVPCs(v)
	// Per subnet: s3 on the private table, none on the public one.
	assertRoutesMatch(t, l, res)
	if d := res.Design.VPCs[0]; !slices.Equal(d.Endpoints, []string{"s3"}) {
		t.Errorf("endpoints %v, want [s3]\n%s", d.Endpoints, notesOf(res))
	}
}

// TestImportAllowAllCustomNACL: a custom network ACL that allows everything
// (widdix's rule 99 in and out) comes back as a network ACL of its own with
// its rule numbers, not as the default ACL's rule 100; subnets on the
// default ACL stay without `network_acl`.
func TestImportAllowAllCustomNACL(t *testing.T) {
	l := newLab(t)
	v := l.vpc("widdix", "10.6.0.0/16")
	pub := l.subnet(v, "widdix-public-a", "us-east-1a", "10.6.0.0/24")
	l.subnet(v, "widdix-private-a", "us-east-1a", "10.6.10.0/24")
	l.nacl(v, "public", []string{pub},
		types.NetworkAclEntry{RuleNumber: aws.Int32(99), Protocol: aws.String("-1"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(false), CidrBlock: aws.String("0.0.0.0/0")},
		types.NetworkAclEntry{RuleNumber: aws.Int32(99), Protocol: aws.String("-1"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(true), CidrBlock: aws.String("0.0.0.0/0")})

	res := l.importVPCs(v)
	assertNoErrors(t, res.Design)
	d := res.Design.VPCs[0]
	allow99 := []design.ACLRule{{Rule: 99, Action: design.ACLAllow, Protocol: "all", CIDR: "0.0.0.0/0"}}
	if len(d.NetworkACLs) != 1 || !slices.Equal(d.NetworkACLs[0].Ingress, allow99) || !slices.Equal(d.NetworkACLs[0].Egress, allow99) {
		t.Fatalf("network ACLs %+v, want one allowing all with rule 99 both ways\n%s", d.NetworkACLs, notesOf(res))
	}
	for _, tier := range d.Tiers {
		want := ""
		if tier.Name == "public" {
			want = d.NetworkACLs[0].Name
		}
		if tier.NetworkACL != want {
			t.Errorf("tier %s: network_acl %q, want %q", tier.Name, tier.NetworkACL, want)
		}
	}
}

// TestImportIPv4OnlyWorld: a rule to 0.0.0.0/0 without ::/0 (the
// Network Firewall sample's spoke groups) stays the CIDR 0.0.0.0/0;
// `internet` would export as 0.0.0.0/0 and ::/0, wider than AWS. With
// ::/0 beside it, the rule is `internet`.
func TestImportIPv4OnlyWorld(t *testing.T) {
	l := newLab(t)
	v := l.vpc("spoke", "10.7.0.0/16")
	l.subnet(v, "spoke-a", "us-east-1a", "10.7.0.0/24")
	g := l.group(v, "web")
	l.noEgress(g)
	_, err := l.ec2.AuthorizeSecurityGroupEgress(l.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(g), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(0), ToPort: aws.Int32(65535), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
	l.checkAuthorize(err)
	_, err = l.ec2.AuthorizeSecurityGroupIngress(l.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(g), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}},
		Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0")}}}}})
	l.checkAuthorize(err)
	l.allowCIDR(g, "0.0.0.0/0", 80, "")

	res := l.importVPCs(v)
	assertNoErrors(t, res.Design)
	sg := res.Design.VPCs[0].SecurityGroups
	if len(sg) != 1 {
		t.Fatalf("security groups %+v", sg)
	}
	got := ruleSummary(sg[0].Ingress) + " | " + ruleSummary(sg[0].Egress)
	if want := "0.0.0.0/0 tcp 80; internet tcp 443 | 0.0.0.0/0 tcp all"; got != want {
		t.Errorf("rules %q, want %q", got, want)
	}
}

// TestImportTGWStaticRouteTarget: a static route to an attachment comes back
// to that attachment's VPC, not as a blackhole (moto's answer leaves the
// attachment out; the lab's client, motoAPI, fills it in from moto's state
// as AWS would answer it), and moto's default table, which it makes even with the defaults
// off and on which it keeps every attachment, does not take the
// associations of the tables the attachments are associated with.
func TestImportTGWStaticRouteTarget(t *testing.T) {
	l := newLab(t)
	spoke := l.vpc("spoke", "10.21.0.0/16")
	egress := l.vpc("egress", "10.22.0.0/16")
	s := l.subnet(spoke, "spoke-app-a", "us-east-1a", "10.21.0.0/24")
	e := l.subnet(egress, "egress-app-a", "us-east-1a", "10.22.0.0/24")
	out, err := l.ec2.CreateTransitGateway(l.ctx, &ec2.CreateTransitGatewayInput{TagSpecifications: nameTag(types.ResourceTypeTransitGateway, "core"),
		Options: &types.TransitGatewayRequestOptions{DefaultRouteTableAssociation: types.DefaultRouteTableAssociationValueDisable, DefaultRouteTablePropagation: types.DefaultRouteTablePropagationValueDisable}})
	l.check(err)
	tgw := *out.TransitGateway.TransitGatewayId
	aSpoke, aEgress := l.attachID(tgw, spoke, s), l.attachID(tgw, egress, e)
	spokes, out2 := l.tgwTable(tgw, "spokes"), l.tgwTable(tgw, "egress")
	l.associate(spokes, aSpoke)
	l.associate(out2, aEgress)
	l.propagate(out2, aSpoke)
	_, err = l.ec2.CreateTransitGatewayRoute(l.ctx, &ec2.CreateTransitGatewayRouteInput{TransitGatewayRouteTableId: aws.String(spokes), DestinationCidrBlock: aws.String("0.0.0.0/0"), TransitGatewayAttachmentId: aws.String(aEgress)})
	l.check(err)
	l.routeTable(spoke, "spoke", []string{s}, [2]string{"0.0.0.0/0", tgw})
	l.routeTable(egress, "egress", []string{e}, [2]string{"10.21.0.0/16", tgw})

	res := l.importVPCs(spoke, egress)
	var c *design.Connection
	for i := range res.Design.Connections {
		if res.Design.Connections[i].Kind == design.ConnTransitGateway {
			c = &res.Design.Connections[i]
		}
	}
	if c == nil {
		t.Fatalf("no transit gateway connection\n%s", notesOf(res))
	}
	want := []design.TGWRouteTable{
		{Name: "egress", Associations: []string{"vpc:egress"}, Propagations: []string{"vpc:spoke"}},
		{Name: "spokes", Associations: []string{"vpc:spoke"}, Propagations: []string{}, Routes: []design.TGWRoute{{To: "0.0.0.0/0", Via: "vpc:egress"}}},
	}
	marshal := func(rts []design.TGWRouteTable) string {
		return string(design.Marshal(&design.Design{Version: 1, Connections: []design.Connection{{Name: "x", Kind: design.ConnTransitGateway, RouteTables: rts}}}))
	}
	if got, w := marshal(c.RouteTables), marshal(want); got != w {
		t.Errorf("route tables:\n%s\nwant:\n%s\nnotes:\n%s", got, w, notesOf(res))
	}
}
