package importer

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportRuleConversion: every kind of permission becomes the rule a
// person would write, and what has no place in a rule is noted.
func TestImportRuleConversion(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("rules", "10.5.0.0/16")
	l.subnet(vpc, "", "us-east-1a", "10.5.0.0/24")
	other := l.vpc("elsewhere", "10.6.0.0/16")
	foreign := l.group(other, "foreign")
	web := l.group(vpc, "web")
	pl, err := l.ec2.CreateManagedPrefixList(l.ctx, &ec2.CreateManagedPrefixListInput{PrefixListName: aws.String("corp"), MaxEntries: aws.Int32(5), AddressFamily: aws.String("IPv4")})
	l.check(err)
	var defaultGroup string
	groups, err := l.ec2.DescribeSecurityGroups(l.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("group-name"), Values: []string{"default"}}}})
	l.check(err)
	if len(groups.SecurityGroups) == 1 {
		defaultGroup = *groups.SecurityGroups[0].GroupId
	}
	tcp := func(from, to int32) types.IpPermission {
		return types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(from), ToPort: aws.Int32(to)}
	}
	world := tcp(80, 80)
	world.IpRanges = []types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("web")}}
	world.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String("::/0")}}
	admin := tcp(8000, 8100)
	admin.IpRanges = []types.IpRange{{CidrIp: aws.String("192.168.0.0/16"), Description: aws.String("admin")}}
	admin.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String("2001:db8::/32")}}
	dns := types.IpPermission{IpProtocol: aws.String("udp"), FromPort: aws.Int32(53), ToPort: aws.Int32(53), IpRanges: []types.IpRange{{CidrIp: aws.String("10.5.0.0/16")}}}
	ping := types.IpPermission{IpProtocol: aws.String("icmp"), FromPort: aws.Int32(8), ToPort: aws.Int32(-1), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}
	self := types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(web)}}}
	viaList := tcp(443, 443)
	viaList.PrefixListIds = []types.PrefixListId{{PrefixListId: pl.PrefixList.PrefixListId}}
	outside := tcp(9000, 9000)
	outside.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(foreign)}}
	perms := []types.IpPermission{world, admin, dns, ping, self, viaList, outside}
	if defaultGroup != "" {
		fromDefault := tcp(7000, 7000)
		fromDefault.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(defaultGroup)}}
		perms = append(perms, fromDefault)
	}
	for _, p := range perms {
		_, err := l.ec2.AuthorizeSecurityGroupIngress(l.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(web), IpPermissions: []types.IpPermission{p}})
		l.checkAuthorize(err)
	}
	l.noEgress(web)
	https := tcp(443, 443)
	https.IpRanges = []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}
	_, err = l.ec2.AuthorizeSecurityGroupEgress(l.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(web), IpPermissions: []types.IpPermission{https}})
	l.checkAuthorize(err)

	res := l.importVPCs(vpc)
	got := res.Design.VPCs[0].SecurityGroups
	want := []design.SecurityGroup{{
		Name: "web",
		Ingress: []design.Rule{
			{From: "internet", Ports: "80", Description: "web"},
			{From: "192.168.0.0/16", Ports: "8000-8100", Description: "admin"},
			{From: "vpc:rules", Ports: "53", Protocol: "udp"},
			{From: "10.0.0.0/8", Ports: "8", Protocol: "icmp"},
			{From: "sg:web", Ports: "all", Protocol: "all"},
		},
		// IPv4 only: `internet` would add ::/0.
		Egress: []design.Rule{{To: "0.0.0.0/0", Ports: "443"}},
	}}
	gotD := &design.Design{Version: 1, VPCs: []design.VPC{{Name: "x", SecurityGroups: got}}}
	wantD := &design.Design{Version: 1, VPCs: []design.VPC{{Name: "x", SecurityGroups: want}}}
	if g, w := string(design.Marshal(gotD)), string(design.Marshal(wantD)); g != w {
		t.Errorf("groups:\n%s\nwant:\n%s\nnotes:\n%s", g, w, notesOf(res))
	}
	assertNote(t, res, false, "IPv6 2001:db8::/32", "8000-8100")
	assertNote(t, res, false, "prefix list "+*pl.PrefixList.PrefixListId)
	assertNote(t, res, true, "security group "+foreign, "outside the import", "9000")
	if defaultGroup != "" {
		assertNote(t, res, false, "naming the default security group")
	}
}
