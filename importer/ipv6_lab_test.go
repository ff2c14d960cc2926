package importer

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/ec2state"
	"github.com/vpcsmith/vpcsmith/internal/motogaps"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// buildDualStack makes through the EC2 API a dual-stack VPC in 2 AZs: a
// public and a private dual-stack tier (/64s 0-3) and an IPv6-only tier
// (/64s 4 and 5), an internet gateway, a NAT gateway, an egress-only
// gateway, ::/0 to the internet gateway (public) and the egress-only
// gateway (private, IPv6-only), and NAT64 (64:ff9b::/96 to the NAT) from
// the IPv6-only tier.
func buildDualStack(l *lab) string {
	l.t.Helper()
	vpc := l.vpc("dual", "10.0.0.0/16")
	_, err := l.ec2.AssociateVpcCidrBlock(l.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpc), AmazonProvidedIpv6CidrBlock: aws.Bool(true)})
	l.check(err)
	l.check(motogaps.DefaultACLIPv6(l.ctx, l.ec2, vpc)) // as AWS does, moto does not
	out, err := l.ec2.DescribeVpcs(l.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpc}})
	l.check(err)
	block := mustParse(l.t, aws.ToString(out.Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock))
	v6 := func(i int32) string {
		p, ok := (&design.VPCLayout{IPv6: block, IPv6Slots: 256}).SubnetIPv6(i)
		if !ok {
			l.t.Fatalf("no /64 #%d in %s", i, block)
		}
		return p.String()
	}
	assign := func(id string) {
		_, err := l.ec2.ModifySubnetAttribute(l.ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(id), AssignIpv6AddressOnCreation: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
		l.check(err)
	}
	dual := func(name, az, cidr string, i int32) string {
		id := l.subnet(vpc, name, az, cidr)
		_, err := l.ec2.AssociateSubnetCidrBlock(l.ctx, &ec2.AssociateSubnetCidrBlockInput{SubnetId: aws.String(id), Ipv6CidrBlock: aws.String(v6(i))})
		l.check(err)
		assign(id)
		return id
	}
	only := func(name, az string, i int32) string {
		out, err := l.ec2.CreateSubnet(l.ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), AvailabilityZone: aws.String(az), Ipv6CidrBlock: aws.String(v6(i)), Ipv6Native: aws.Bool(true),
			TagSpecifications: nameTag(types.ResourceTypeSubnet, name)})
		l.check(err)
		assign(*out.Subnet.SubnetId)
		return *out.Subnet.SubnetId
	}
	pubA, pubB := dual("public-a", "us-east-1a", "10.0.0.0/24", 0), dual("public-b", "us-east-1b", "10.0.1.0/24", 1)
	appA, appB := dual("app-a", "us-east-1a", "10.0.2.0/24", 2), dual("app-b", "us-east-1b", "10.0.3.0/24", 3)
	v6A, v6B := only("v6only-a", "us-east-1a", 4), only("v6only-b", "us-east-1b", 5)
	igw := l.igw(vpc)
	nat := l.nat(pubA)
	eg, err := l.ec2.CreateEgressOnlyInternetGateway(l.ctx, &ec2.CreateEgressOnlyInternetGatewayInput{VpcId: aws.String(vpc)})
	l.check(err)
	eigw := aws.ToString(eg.EgressOnlyInternetGateway.EgressOnlyInternetGatewayId)
	route6 := func(rt, dest string, in ec2.CreateRouteInput) {
		in.RouteTableId, in.DestinationIpv6CidrBlock = aws.String(rt), aws.String(dest)
		_, err := l.ec2.CreateRoute(l.ctx, &in)
		l.check(err)
	}
	pub := l.routeTable(vpc, "public", []string{pubA, pubB}, [2]string{"0.0.0.0/0", igw})
	route6(pub, "::/0", ec2.CreateRouteInput{GatewayId: aws.String(igw)})
	app := l.routeTable(vpc, "app", []string{appA, appB}, [2]string{"0.0.0.0/0", nat})
	route6(app, "::/0", ec2.CreateRouteInput{EgressOnlyInternetGatewayId: aws.String(eigw)})
	only6 := l.routeTable(vpc, "v6only", []string{v6A, v6B})
	route6(only6, "::/0", ec2.CreateRouteInput{EgressOnlyInternetGatewayId: aws.String(eigw)})
	route6(only6, "64:ff9b::/96", ec2.CreateRouteInput{NatGatewayId: aws.String(nat)})
	return vpc
}

func mustParse(t testing.TB, s string) netip.Prefix {
	t.Helper()
	p, err := design.ParseIPv6CIDR(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDualStackRoundTrip is issue 13's proof: a dual-stack VPC built
// through the EC2 API imports with its IPv6 as keys, validates without
// errors, exports, lints clean, deploys into a fresh moto, and the
// redeployed network's normalised EC2 state (each subnet's /64 index, its
// ::/0 and NAT64 targets) equals the original's.
func TestDualStackRoundTrip(t *testing.T) {
	src := newMotoEnv(t)
	l := &lab{t: t, ctx: src.ctx, ec2: src.ec2}
	vpc := buildDualStack(l)
	before := src.state(vpc)
	res := l.importVPCs(vpc)
	d := res.Design
	v := &d.VPCs[0]
	if v.IPv6 != design.IPv6Amazon {
		t.Errorf("ipv6 = %q, want amazon", v.IPv6)
	}
	want := map[string]string{ // tier → mode and /64 indexes
		"public": "dual-stack dns64=false [us-east-1a#0 us-east-1b#1]",
		"app":    "dual-stack dns64=false [us-east-1a#2 us-east-1b#3]",
		"v6only": "ipv6-only dns64=false [us-east-1a#4 us-east-1b#5]",
	}
	lay := design.Resolve(d)
	for _, tl := range lay.VPCs[0].Tiers {
		if got := ipv6Set(tl); got != want[tl.Tier.Name] {
			t.Errorf("tier %s: %s, want %s", tl.Tier.Name, got, want[tl.Tier.Name])
		}
		delete(want, tl.Tier.Name)
		switch tl.Tier.Name {
		case "public", "app":
			// ::/0 to the internet gateway and the egress-only gateway is what
			// vpcsmith derives: no written routes.
			if tl.Tier.Routes != nil {
				t.Errorf("tier %s: written routes %+v, want the derived ones", tl.Tier.Name, tl.Tier.Routes)
			}
		case "v6only":
			// moto keeps no DNS64 (a moto gap), so NAT64 is not derived here:
			// the tier writes its routes.
			got := ""
			for _, r := range tl.Tier.Routes {
				got += r.To + " via " + r.Via + "; "
			}
			if got != "::/0 via egress-only-internet-gateway; 64:ff9b::/96 via nat:us-east-1a; " && got != "::/0 via egress-only-internet-gateway; 64:ff9b::/96 via nat; " {
				t.Errorf("tier v6only routes: %s", got)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("tiers not imported: %v\n%s", want, design.Marshal(d))
	}
	for _, n := range res.Notes {
		if strings.Contains(n.Message, "IPv6") || strings.Contains(n.Message, "::") {
			t.Errorf("IPv6 left as a note: %s", n.Message)
		}
	}
	for _, f := range design.Validate(d) {
		if f.Severity == design.Error {
			t.Errorf("validation: %s %s: %s", f.Code, f.Path, f.Message)
		}
	}
	ts, err := cloudformation.Build(lay)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, design.Marshal(d))
	}
	body, err := ts[0].YAML()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dual.yaml")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range testtools.CfnLint(t, path) {
		t.Errorf("cfn-lint: %s %s: %s", f.Level, f.Rule.Id, f.Message)
	}
	parsed, err := cfndeploy.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	dst := newMotoEnv(t)
	dst.deploy("dual-stack", parsed, nil)
	after := dst.state()
	if d := ec2state.Diff(before, after); len(d) > 0 {
		t.Errorf("the round trip changed the network (- built, + after import and export):\n%s\n--- design:\n%s", strings.Join(d, "\n"), design.Marshal(res.Design))
	}
	if len(before.Grep("ipv6 #")) != 6 || len(before.Grep("-> egress-only")) == 0 || len(before.Grep("64:ff9b::/96 -> nat")) == 0 {
		t.Errorf("the state does not show the IPv6 it compares:\n%s", before)
	}
}
