package importer

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportTrueFindings: the security lint of an imported network says
// what is true of it. A group behind a load balancer's interfaces fronts
// one (an alb workload, so no cfn-nag W2); an allow-all egress rule
// written with a description is kept as written (no cfn-nag F1000 for a
// rule the source had); a group's vpcsmith:tier tag, as the export writes
// it, gives its tier.
func TestImportTrueFindings(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("web", "10.5.0.0/16")
	pubA := l.subnet(vpc, "web-public-a", "us-east-1a", "10.5.0.0/24")
	pubB := l.subnet(vpc, "web-public-b", "us-east-1b", "10.5.1.0/24")
	appA := l.subnet(vpc, "web-app-a", "us-east-1a", "10.5.10.0/24")
	l.routeTable(vpc, "public", []string{pubA, pubB}, [2]string{"0.0.0.0/0", l.igw(vpc)})
	l.routeTable(vpc, "app", []string{appA})
	alb := l.group(vpc, "alb")
	l.allowCIDR(alb, "0.0.0.0/0", 443, "HTTPS from anywhere")
	_, err := l.ec2.CreateNetworkInterface(l.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: aws.String(pubA), Groups: []string{alb}, Description: aws.String("ELB app/shop-web/50dc6c495c0c9188")})
	l.check(err)
	_, err = l.ec2.CreateNetworkInterface(l.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: aws.String(pubB), Groups: []string{alb}, Description: aws.String("ELB app/shop-web/50dc6c495c0c9188")})
	l.check(err)
	app := l.group(vpc, "app")
	l.allowGroup(app, alb, 8080, "")
	// The template's explicit rule, with its author's description.
	l.noEgress(app)
	_, err = l.ec2.AuthorizeSecurityGroupEgress(l.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(app), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("updates and APIs")}}}}})
	l.check(err)
	_, err = l.ec2.CreateTags(l.ctx, &ec2.CreateTagsInput{Resources: []string{app}, Tags: []types.Tag{{Key: aws.String("vpcsmith:tier"), Value: aws.String("app")}}})
	l.check(err)

	res := l.importVPCs(vpc)
	assertRoutesMatch(t, l, res)
	v := res.Design.VPCs[0]
	if len(v.Workloads) != 1 || v.Workloads[0] != (design.Workload{Name: "shop-web", Kind: "alb", Tier: "public", SecurityGroup: "alb"}) {
		t.Errorf("workloads %+v, want the load balancer shop-web on group alb", v.Workloads)
	}
	for _, g := range v.SecurityGroups {
		if g.Name == "app" && (g.Tier != "app" || len(g.Egress) != 1 || g.Egress[0].To != "0.0.0.0/0" || g.Egress[0].Description != "updates and APIs") {
			t.Errorf("group app: tier %q, egress %+v; want tier app and its described allow-all rule (to 0.0.0.0/0: IPv4 only)", g.Tier, g.Egress)
		}
	}
	for _, f := range design.ValidateSecurity(res.Design) {
		if f.Code == "cfn-nag-w2" {
			t.Errorf("false alarm: %s", f)
		}
	}
}

// TestVPCBaseName: a VPC is named as a person would: not after its CIDR
// or a generic logical ID when the stack's name says better.
func TestVPCBaseName(t *testing.T) {
	tags := func(kv ...string) types.Vpc {
		v := types.Vpc{VpcId: aws.String("vpc-0123")}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Tags = append(v.Tags, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		return v
	}
	for _, c := range []struct {
		v    types.Vpc
		want string
	}{
		{tags("Name", "prod"), "prod"},
		{tags("Name", "10.0.0.0/16", tagStackName, "shop-network"), "shop-network"},
		{tags(tagLogicalID, "VPC", tagStackName, "shop-network"), "shop-network"},
		{tags(tagLogicalID, "ShopVPC", tagStackName, "stack"), "shopvpc"},
		{tags(), "vpc-0123"},
	} {
		if got := vpcBaseName(c.v); got != c.want {
			t.Errorf("vpcBaseName(%v) = %q, want %q", c.v.Tags, got, c.want)
		}
	}
}
