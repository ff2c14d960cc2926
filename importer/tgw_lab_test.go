package importer

import (
	"net/netip"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportTGWRouteTables: a hub-and-spoke transit gateway with default
// association and propagation off and two tables of its own (spokes reach
// the hub only, one prefix blackholed), the hub attached through dedicated
// subnets, imports as those route tables, associations, propagations and
// blackhole, the defaults off and the attachment's tier: the design routes
// between the VPCs exactly as the gateway does, instead of letting every
// spoke reach every other as the defaults would.
func TestImportTGWRouteTables(t *testing.T) {
	l := newLab(t)
	hub := l.vpc("hub", "10.10.0.0/16")
	spoke1 := l.vpc("spoke1", "10.11.0.0/16")
	spoke2 := l.vpc("spoke2", "10.12.0.0/16")
	hubApp := l.subnet(hub, "hub-app-a", "us-east-1a", "10.10.0.0/24")
	hubAttach := l.subnet(hub, "hub-attach-a", "us-east-1a", "10.10.255.0/28")
	s1 := l.subnet(spoke1, "spoke1-app-a", "us-east-1a", "10.11.0.0/24")
	s2 := l.subnet(spoke2, "spoke2-app-a", "us-east-1a", "10.12.0.0/24")

	out, err := l.ec2.CreateTransitGateway(l.ctx, &ec2.CreateTransitGatewayInput{TagSpecifications: nameTag(types.ResourceTypeTransitGateway, "core"),
		Options: &types.TransitGatewayRequestOptions{DefaultRouteTableAssociation: types.DefaultRouteTableAssociationValueDisable, DefaultRouteTablePropagation: types.DefaultRouteTablePropagationValueDisable}})
	l.check(err)
	tgw := *out.TransitGateway.TransitGatewayId
	// moto makes a default table even with the defaults off, which AWS
	// does not: delete it, as AWS would never have had it.
	l.deleteDefaultTGWTable(tgw)
	aHub := l.attachID(tgw, hub, hubAttach)
	a1 := l.attachID(tgw, spoke1, s1)
	a2 := l.attachID(tgw, spoke2, s2)
	hubRT := l.tgwTable(tgw, "hub")
	spokesRT := l.tgwTable(tgw, "spokes")
	l.associate(hubRT, aHub)
	l.associate(spokesRT, a1, a2)
	l.propagate(hubRT, a1, a2)
	l.propagate(spokesRT, aHub)
	_, err = l.ec2.CreateTransitGatewayRoute(l.ctx, &ec2.CreateTransitGatewayRouteInput{TransitGatewayRouteTableId: aws.String(spokesRT), DestinationCidrBlock: aws.String("10.99.0.0/16"), Blackhole: aws.Bool(true)})
	l.check(err)
	l.routeTable(hub, "hub", []string{hubApp, hubAttach}, [2]string{"10.11.0.0/16", tgw}, [2]string{"10.12.0.0/16", tgw})
	l.routeTable(spoke1, "spoke1", []string{s1}, [2]string{"10.0.0.0/8", tgw})
	l.routeTable(spoke2, "spoke2", []string{s2}, [2]string{"10.0.0.0/8", tgw})

	res := l.importVPCs(hub, spoke1, spoke2)
	assertRoutesMatch(t, l, res)
	var c *design.Connection
	for i := range res.Design.Connections {
		if res.Design.Connections[i].Kind == design.ConnTransitGateway {
			c = &res.Design.Connections[i]
		}
	}
	if c == nil {
		t.Fatalf("no transit gateway connection: %+v\n%s", res.Design.Connections, notesOf(res))
	}
	if c.DefaultAssociationOn() || c.DefaultPropagationOn() {
		t.Errorf("defaults on: association %v, propagation %v", c.DefaultAssociationOn(), c.DefaultPropagationOn())
	}
	want := []design.TGWRouteTable{
		{Name: "hub", Associations: []string{"vpc:hub"}, Propagations: []string{"vpc:spoke1", "vpc:spoke2"}},
		{Name: "spokes", Associations: []string{"vpc:spoke1", "vpc:spoke2"}, Propagations: []string{"vpc:hub"}, Routes: []design.TGWRoute{{To: "10.99.0.0/16", Via: design.ViaBlackhole}}},
	}
	if got := design.Marshal(&design.Design{Version: 1, Connections: []design.Connection{{Name: "x", Kind: design.ConnTransitGateway, RouteTables: c.RouteTables}}}); string(got) != string(design.Marshal(&design.Design{Version: 1, Connections: []design.Connection{{Name: "x", Kind: design.ConnTransitGateway, RouteTables: want}}})) {
		t.Errorf("route tables:\n%s", got)
	}
	if len(c.Attachments) != 1 || c.Attachments[0] != (design.TGWAttachment{VPC: "hub", Tier: "attach"}) {
		t.Errorf("attachments %+v, want hub through its attach tier", c.Attachments)
	}
	// How the gateway forwards, through the design's own routing model.
	view := design.NewRouting(design.Resolve(res.Design)).TGW(c.Name)
	for _, f := range []struct {
		from, to string
		ok       bool
	}{
		{"vpc:spoke1", "10.10.0.5", true}, {"vpc:hub", "10.12.0.5", true},
		{"vpc:spoke1", "10.12.0.5", false}, {"vpc:spoke2", "10.99.1.1", false},
	} {
		if _, _, ok, why := view.Next(design.TGWMember(f.from), netip.MustParseAddr(f.to)); ok != f.ok {
			t.Errorf("%s → %s: forwarded %v (%s), want %v", f.from, f.to, ok, why, f.ok)
		}
	}
}

func (l *lab) deleteDefaultTGWTable(tgw string) {
	l.t.Helper()
	out, err := l.ec2.DescribeTransitGatewayRouteTables(l.ctx, &ec2.DescribeTransitGatewayRouteTablesInput{Filters: []types.Filter{{Name: aws.String("transit-gateway-id"), Values: []string{tgw}}}})
	l.check(err)
	for _, t := range out.TransitGatewayRouteTables {
		_, err := l.ec2.DeleteTransitGatewayRouteTable(l.ctx, &ec2.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableId: t.TransitGatewayRouteTableId})
		l.check(err)
	}
}

func (l *lab) attachID(tgw, vpc string, subnets ...string) string {
	l.t.Helper()
	out, err := l.ec2.CreateTransitGatewayVpcAttachment(l.ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(tgw), VpcId: aws.String(vpc), SubnetIds: subnets})
	l.check(err)
	return *out.TransitGatewayVpcAttachment.TransitGatewayAttachmentId
}

func (l *lab) tgwTable(tgw, name string) string {
	l.t.Helper()
	out, err := l.ec2.CreateTransitGatewayRouteTable(l.ctx, &ec2.CreateTransitGatewayRouteTableInput{TransitGatewayId: aws.String(tgw), TagSpecifications: nameTag(types.ResourceTypeTransitGatewayRouteTable, name)})
	l.check(err)
	return *out.TransitGatewayRouteTable.TransitGatewayRouteTableId
}

func (l *lab) associate(table string, attachments ...string) {
	l.t.Helper()
	for _, a := range attachments {
		_, err := l.ec2.AssociateTransitGatewayRouteTable(l.ctx, &ec2.AssociateTransitGatewayRouteTableInput{TransitGatewayRouteTableId: aws.String(table), TransitGatewayAttachmentId: aws.String(a)})
		l.check(err)
	}
}

func (l *lab) propagate(table string, attachments ...string) {
	l.t.Helper()
	for _, a := range attachments {
		_, err := l.ec2.EnableTransitGatewayRouteTablePropagation(l.ctx, &ec2.EnableTransitGatewayRouteTablePropagationInput{TransitGatewayRouteTableId: aws.String(table), TransitGatewayAttachmentId: aws.String(a)})
		l.check(err)
	}
}

// awsDefaultPropagation does what AWS does and moto does not on a gateway
// with default propagation on: every attachment propagates to the default
// propagation table.
func (l *lab) awsDefaultPropagation(tgw string) {
	l.t.Helper()
	gws, err := l.ec2.DescribeTransitGateways(l.ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{tgw}})
	l.check(err)
	table := aws.ToString(gws.TransitGateways[0].Options.PropagationDefaultRouteTableId)
	as, err := l.ec2.DescribeTransitGatewayAttachments(l.ctx, &ec2.DescribeTransitGatewayAttachmentsInput{Filters: []types.Filter{{Name: aws.String("transit-gateway-id"), Values: []string{tgw}}}})
	l.check(err)
	for _, a := range as.TransitGatewayAttachments {
		l.propagate(table, aws.ToString(a.TransitGatewayAttachmentId))
	}
}
