package importer

import (
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportRoutingKeys: a peering whose routes are only in the private
// tables, a gateway endpoint on the public table only, a REJECT flow log and
// a non-default network ACL import as the routing keys that say exactly
// that, and nothing more: the private tiers, whose tables are what vpcsmith
// derives, get no `routes`.
func TestImportRoutingKeys(t *testing.T) {
	l := newLab(t)
	shop := l.vpc("shop", "10.1.0.0/16")
	corp := l.vpc("corp", "10.2.0.0/16")
	pubA := l.subnet(shop, "shop-public-a", "us-east-1a", "10.1.0.0/24")
	pubB := l.subnet(shop, "shop-public-b", "us-east-1b", "10.1.1.0/24")
	privA := l.subnet(shop, "shop-private-a", "us-east-1a", "10.1.10.0/24")
	privB := l.subnet(shop, "shop-private-b", "us-east-1b", "10.1.11.0/24")
	appA := l.subnet(corp, "corp-app-a", "us-east-1a", "10.2.10.0/24")
	appB := l.subnet(corp, "corp-app-b", "us-east-1b", "10.2.11.0/24")
	igw := l.igw(shop)
	pub := l.routeTable(shop, "public", []string{pubA, pubB}, [2]string{"0.0.0.0/0", igw})
	natA, natB := l.nat(pubA), l.nat(pubB)
	pcx := l.peer(shop, corp, "shop-corp")
	l.routeTable(shop, "private-a", []string{privA}, [2]string{"0.0.0.0/0", natA}, [2]string{"10.2.0.0/16", pcx})
	l.routeTable(shop, "private-b", []string{privB}, [2]string{"0.0.0.0/0", natB}, [2]string{"10.2.0.0/16", pcx})
	l.routeTable(corp, "app", []string{appA, appB}, [2]string{"10.1.0.0/16", pcx})
	l.gatewayEndpoint(shop, "s3", pub)
	_, err := l.ec2.CreateFlowLogs(l.ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{shop}, ResourceType: types.FlowLogsResourceTypeVpc,
		TrafficType: types.TrafficTypeReject, LogDestinationType: types.LogDestinationTypeCloudWatchLogs, LogGroupName: aws.String("/vpc/rejects"),
		DeliverLogsPermissionArn: aws.String("arn:aws:iam::123456789012:role/flow-logs")})
	l.check(err)
	l.nacl(corp, "corp-app", []string{appA, appB},
		types.NetworkAclEntry{RuleNumber: aws.Int32(100), Protocol: aws.String("6"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(false), CidrBlock: aws.String("10.1.0.0/16"), PortRange: &types.PortRange{From: aws.Int32(443), To: aws.Int32(443)}},
		types.NetworkAclEntry{RuleNumber: aws.Int32(200), Protocol: aws.String("-1"), RuleAction: types.RuleActionDeny, Egress: aws.Bool(false), CidrBlock: aws.String("0.0.0.0/0")},
		types.NetworkAclEntry{RuleNumber: aws.Int32(100), Protocol: aws.String("-1"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(true), CidrBlock: aws.String("10.1.0.0/16")})

	res := l.importVPCs(shop, corp)
	assertRoutesMatch(t, l, res)
	s, c := res.Design.VPCs[0], res.Design.VPCs[1]
	if s.FlowLog == nil || s.FlowLog.Traffic != design.FlowLogReject || s.FlowLog.Destination != "" || !s.FlowLogs {
		t.Errorf("flow log of shop: %v %+v, want reject (to CloudWatch Logs, the default)", s.FlowLogs, s.FlowLog)
	}
	public, private := s.Tiers[0], s.Tiers[1]
	if want := []design.Route{{To: "0.0.0.0/0", Via: design.ViaInternetGateway}}; !routesEqual(public.Routes, want) {
		t.Errorf("public routes %+v, want %+v (no peering route, which its table lacks)", public.Routes, want)
	}
	if private.Routes != nil || c.Tiers[0].Routes != nil {
		t.Errorf("private and corp app tiers route as derived, yet have routes %+v and %+v", private.Routes, c.Tiers[0].Routes)
	}
	if !slices.Equal(public.GatewayEndpoints, []string{"s3"}) || private.GatewayEndpoints == nil || len(private.GatewayEndpoints) != 0 {
		t.Errorf("gateway endpoints: public %v, private %v; want [s3] and []", public.GatewayEndpoints, private.GatewayEndpoints)
	}
	if len(c.NetworkACLs) != 1 || c.Tiers[0].NetworkACL != c.NetworkACLs[0].Name || len(c.NetworkACLs[0].Ingress) != 2 || len(c.NetworkACLs[0].Egress) != 1 {
		t.Errorf("corp network ACLs %+v, app tier's %q", c.NetworkACLs, c.Tiers[0].NetworkACL)
	} else if r := c.NetworkACLs[0].Ingress[1]; r.Rule != 200 || r.Action != design.ACLDeny || r.Protocol != "all" || r.CIDR != "0.0.0.0/0" {
		t.Errorf("deny rule %+v", r)
	}
}

// TestImportRouteInOneAZ: a peering route in only one AZ's table keeps the
// tier whole and is written once, with azs.
func TestImportRouteInOneAZ(t *testing.T) {
	l := newLab(t)
	app := l.vpc("app", "10.3.0.0/16")
	other := l.vpc("other", "10.4.0.0/16")
	var ids []string
	for i, az := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		ids = append(ids, l.subnet(app, "app-1"+az[len(az)-1:], az, fmt.Sprintf("10.3.%d.0/24", i)))
	}
	l.subnet(other, "other", "us-east-1a", "10.4.0.0/24")
	pcx := l.peer(app, other, "app-other")
	l.routeTable(app, "app-a", ids[:1], [2]string{"10.4.0.0/16", pcx})
	l.routeTable(app, "app-b", ids[1:2])
	l.routeTable(app, "app-c", ids[2:])

	res := l.importVPCs(app, other)
	assertRoutesMatch(t, l, res)
	tiers := res.Design.VPCs[0].Tiers
	if len(tiers) != 1 {
		t.Fatalf("%d tiers, want 1: %+v", len(tiers), tiers)
	}
	want := []design.Route{{To: "vpc:other", Via: "connection:app-other", AZs: []string{"us-east-1a"}}}
	if !routesEqual(tiers[0].Routes, want) {
		t.Errorf("routes %+v, want %+v", tiers[0].Routes, want)
	}
}

// TestImportQuickStartNames: the AWS Quick Start's naming over four AZs
// ("Public subnet 1" … "4", "Private subnet 1A" … "4A" and "1B" … "4B",
// the A and B subnets of an AZ sharing its NAT table) imports as three
// tiers of four AZs each, with no az-coverage finding.
func TestImportQuickStartNames(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("quickstart", "10.0.0.0/16")
	igw := l.igw(vpc)
	var public []string
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}
	for i, az := range azs {
		public = append(public, l.subnet(vpc, fmt.Sprintf("Public subnet %d", i+1), az, fmt.Sprintf("10.0.%d.0/24", 128+i)))
	}
	l.routeTable(vpc, "Public subnets", public, [2]string{"0.0.0.0/0", igw})
	for i, az := range azs {
		a := l.subnet(vpc, fmt.Sprintf("Private subnet %dA", i+1), az, fmt.Sprintf("10.0.%d.0/19", 32*i/8*8))
		b := l.subnet(vpc, fmt.Sprintf("Private subnet %dB", i+1), az, fmt.Sprintf("10.0.%d.0/24", 192+i))
		l.routeTable(vpc, fmt.Sprintf("Private subnet %d", i+1), []string{a, b}, [2]string{"0.0.0.0/0", l.nat(public[i])})
	}
	res := l.importVPCs(vpc)
	assertRoutesMatch(t, l, res)
	v := res.Design.VPCs[0]
	var names []string
	for _, tr := range v.Tiers {
		names = append(names, tr.Name)
		if len(tr.Subnets) != 4 || tr.AZs != nil {
			t.Errorf("tier %s: %d subnets, azs %v; want 4 in every AZ", tr.Name, len(tr.Subnets), tr.AZs)
		}
	}
	if !slices.Equal(names, []string{"public", "private-a", "private-b"}) || v.NAT != design.NATPerAZ {
		t.Errorf("tiers %v, nat %s; want public private-a private-b, per-az\n%s", names, v.NAT, notesOf(res))
	}
	for _, f := range design.Validate(res.Design) {
		if f.Code == "az-coverage" {
			t.Errorf("false finding: %s", f)
		}
	}
}

// nacl creates a network ACL with entries and moves subnets onto it.
func (l *lab) nacl(vpc, name string, subnets []string, entries ...types.NetworkAclEntry) string {
	l.t.Helper()
	out, err := l.ec2.CreateNetworkAcl(l.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(vpc), TagSpecifications: nameTag(types.ResourceTypeNetworkAcl, name)})
	l.check(err)
	id := *out.NetworkAcl.NetworkAclId
	for _, e := range entries {
		_, err := l.ec2.CreateNetworkAclEntry(l.ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: e.RuleNumber, Protocol: e.Protocol,
			RuleAction: e.RuleAction, Egress: e.Egress, CidrBlock: e.CidrBlock, PortRange: e.PortRange})
		l.check(err)
	}
	acls, err := l.ec2.DescribeNetworkAcls(l.ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: subnets}}})
	l.check(err)
	for _, a := range acls.NetworkAcls {
		for _, as := range a.Associations {
			if slices.Contains(subnets, aws.ToString(as.SubnetId)) {
				_, err := l.ec2.ReplaceNetworkAclAssociation(l.ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(id)})
				l.check(err)
			}
		}
	}
	return id
}

func routesEqual(a, b []design.Route) bool {
	return slices.EqualFunc(a, b, func(x, y design.Route) bool {
		return x.To == y.To && x.Via == y.Via && slices.Equal(x.AZs, y.AZs)
	})
}
