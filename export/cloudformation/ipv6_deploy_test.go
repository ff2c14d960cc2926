package cloudformation

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/motogaps"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// motoIPv6Options let the SDK read moto's answers about IPv6-only subnets
// (motogaps.IPv6Answers).
var motoIPv6Options = []func(*middleware.Stack) error{motogaps.IPv6Answers}

// hasIPv6 reports whether a template has an IPv6 block, which moto's
// CloudFormation does not make (cfndeploy makes it after the stack).
func hasIPv6(tpl *Template) bool {
	for _, f := range tpl.body.get("Resources").(object) {
		if r := f.value.(object); r.get("Type") == "AWS::EC2::VPCCidrBlock" && props(r).get("CidrBlock") == nil {
			return true
		}
	}
	return false
}

// deployIPv6 deploys a template with IPv6 through cfndeploy, which makes
// what moto's CloudFormation leaves out of IPv6 through the EC2 API.
func (e *motoEnv) deployIPv6(t *testing.T, stack string, tpl *Template) {
	t.Helper()
	parsed, err := cfndeploy.Parse(render(t, withoutMotoGaps(tpl), "yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := testtools.MotoConfig(e.endpoint)
	cfg.APIOptions = motoIPv6Options
	if _, err := cfndeploy.Deploy(ctx(t), cfg, stack, parsed, nil); err != nil {
		t.Fatal(err)
	}
}

// checkIPv6 compares a deployed VPC's IPv6 with the design's: the VPC has
// one /56; each subnet with IPv6 has the /64 of its index in it (and no
// IPv4 block when IPv6-only) and assigns addresses on creation; each
// subnet's table routes ::/0 to the internet gateway (public) or an
// egress-only gateway (private) and 64:ff9b::/96 to a NAT gateway exactly
// where the design's table does.
func (e *motoEnv) checkIPv6(t *testing.T, l *design.Layout, vi int, tableOf map[string]string) {
	t.Helper()
	vl := &l.VPCs[vi]
	v := vl.VPC
	vpcs, err := e.ec2.DescribeVpcs(ctx(t), &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{v.Name}}}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("VPC %s: %v", v.Name, err)
	}
	var block netip.Prefix
	for _, a := range vpcs.Vpcs[0].Ipv6CidrBlockAssociationSet {
		block = netip.MustParsePrefix(aws.ToString(a.Ipv6CidrBlock))
	}
	if n := len(vpcs.Vpcs[0].Ipv6CidrBlockAssociationSet); n != 1 || block.Bits() != design.AmazonIPv6Bits {
		t.Fatalf("VPC %s: IPv6 blocks %+v, want one /56", v.Name, vpcs.Vpcs[0].Ipv6CidrBlockAssociationSet)
	}
	subs, err := e.ec2.DescribeSubnets(ctx(t), &ec2.DescribeSubnetsInput{Filters: vpcFilter(aws.ToString(vpcs.Vpcs[0].VpcId))})
	if err != nil {
		t.Fatal(err)
	}
	by64 := map[string]ec2types.Subnet{}
	for _, s := range subs.Subnets {
		for _, a := range s.Ipv6CidrBlockAssociationSet {
			by64[aws.ToString(a.Ipv6CidrBlock)] = s
		}
	}
	rts, err := e.ec2.DescribeRouteTables(ctx(t), &ec2.DescribeRouteTablesInput{Filters: vpcFilter(aws.ToString(vpcs.Vpcs[0].VpcId))})
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string][]ec2types.Route{}
	for _, rt := range rts.RouteTables {
		routes[aws.ToString(rt.RouteTableId)] = rt.Routes
	}
	r := design.NewRouting(l)
	n64 := 0
	for ti, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			if !tl.Tier.HasIPv6() {
				continue
			}
			want, _ := (&design.VPCLayout{IPv6: block, IPv6Slots: 256}).SubnetIPv6(s.IPv6)
			got, ok := by64[want.String()]
			if !ok {
				t.Errorf("VPC %s tier %s subnet %s (#%d): no subnet has %s", v.Name, tl.Tier.Name, s.AZ, s.IPv6, want)
				continue
			}
			n64++
			if aws.ToString(got.AvailabilityZone) != s.AZ || (aws.ToString(got.CidrBlock) == "") != !tl.Tier.HasIPv4() || !aws.ToBool(got.AssignIpv6AddressOnCreation) {
				t.Errorf("VPC %s tier %s: %s is in %s, IPv4 %q, assign IPv6 %v", v.Name, tl.Tier.Name, want, aws.ToString(got.AvailabilityZone), aws.ToString(got.CidrBlock), aws.ToBool(got.AssignIpv6AddressOnCreation))
			}
			var gotRoutes, wantRoutes []string
			for _, rt := range routes[tableOf[aws.ToString(got.SubnetId)]] {
				d := aws.ToString(rt.DestinationIpv6CidrBlock)
				if d == "" || rt.GatewayId != nil && aws.ToString(rt.GatewayId) == "local" {
					continue
				}
				gotRoutes = append(gotRoutes, d+" "+targetPrefix(rt))
			}
			for _, en := range r.Table(vi, ti, s.AZ).Entries {
				if en.Dest.Addr().Is6() && en.Target != design.TargetLocal {
					wantRoutes = append(wantRoutes, en.Dest.String()+" "+map[design.TargetKind]string{design.TargetInternetGateway: "igw-", design.TargetEgressOnly: "eigw-", design.TargetNAT: "nat-"}[en.Target])
				}
			}
			slices.Sort(gotRoutes)
			slices.Sort(wantRoutes)
			if !slices.Equal(gotRoutes, wantRoutes) {
				t.Errorf("VPC %s tier %s %s: IPv6 routes %q, want %q", v.Name, tl.Tier.Name, s.AZ, gotRoutes, wantRoutes)
			}
		}
	}
	if n64 == 0 {
		t.Errorf("VPC %s: no subnet with IPv6 checked", v.Name)
	}
}

func targetPrefix(rt ec2types.Route) string {
	for _, id := range []*string{rt.GatewayId, rt.EgressOnlyInternetGatewayId, rt.NatGatewayId} {
		if id != nil {
			p, _, _ := strings.Cut(aws.ToString(id), "-")
			return p + "-"
		}
	}
	return "?"
}

// TestDeployIPv6Lab deploys the IPv6 lab's Amazon-provided VPC (moto has
// no BYOIP pools, so the written block cannot deploy there) and checks
// its IPv6 against the design: the /64s of dual-stack and IPv6-only
// subnets, ::/0 to the internet and egress-only gateways, NAT64 only on
// the tier with DNS64.
func TestDeployIPv6Lab(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	cfg := testtools.MotoConfig(endpoint)
	cfg.APIOptions = motoIPv6Options
	env := &motoEnv{endpoint: endpoint, ec2: ec2.NewFromConfig(cfg)}
	d, err := design.Parse("v6.yaml", []byte(ipv6Lab))
	if err != nil {
		t.Fatal(err)
	}
	d.VPCs = d.VPCs[:1]
	l := design.Resolve(d)
	ts, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	env.deployIPv6(t, "vpcsmith-ipv6-lab", ts[0])
	env.checkIPv6(t, l, 0, env.tablesFromEC2(t))
}

// tablesFromEC2 maps each subnet to its route table as EC2 reports it
// (cfndeploy associates what moto's CloudFormation records only).
func (e *motoEnv) tablesFromEC2(t *testing.T) map[string]string {
	t.Helper()
	rts, err := e.ec2.DescribeRouteTables(ctx(t), &ec2.DescribeRouteTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, rt := range rts.RouteTables {
		for _, a := range rt.Associations {
			if s := aws.ToString(a.SubnetId); s != "" {
				out[s] = aws.ToString(rt.RouteTableId)
			}
		}
	}
	return out
}
