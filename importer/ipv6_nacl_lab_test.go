package importer

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/ec2state"
)

// TestDualStackNACLRoundTrip: a network ACL's IPv6 entries come in as
// rules with an IPv6 `cidr` (they were left out with a note, so the
// exported ACL denied the IPv6 the account allowed), and the ACL deploys
// again entry for entry: the app subnets of the dual-stack VPC get an ACL
// allowing 443 from the VPC's IPv4 and from ::/0, denying a documentation
// /32, and all out both ways; the EC2 state after import and export is the
// state before.
func TestDualStackNACLRoundTrip(t *testing.T) {
	src := newMotoEnv(t)
	l := &lab{t: t, ctx: src.ctx, ec2: src.ec2}
	vpc := buildDualStack(l)
	acl, err := l.ec2.CreateNetworkAcl(l.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(vpc), TagSpecifications: nameTag(types.ResourceTypeNetworkAcl, "app")})
	l.check(err)
	aclID := aws.ToString(acl.NetworkAcl.NetworkAclId)
	entry := func(n int32, egress bool, action types.RuleAction, proto, cidr string, port int32) {
		in := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(aclID), RuleNumber: aws.Int32(n), Egress: aws.Bool(egress),
			RuleAction: action, Protocol: aws.String(proto)}
		if strings.Contains(cidr, ":") {
			in.Ipv6CidrBlock = aws.String(cidr)
		} else {
			in.CidrBlock = aws.String(cidr)
		}
		if port != 0 {
			in.PortRange = &types.PortRange{From: aws.Int32(port), To: aws.Int32(port)}
		}
		_, err := l.ec2.CreateNetworkAclEntry(l.ctx, in)
		l.check(err)
	}
	entry(100, false, types.RuleActionAllow, "6", "10.0.0.0/16", 443)
	entry(101, false, types.RuleActionAllow, "6", "::/0", 443)
	entry(90, false, types.RuleActionDeny, "-1", "2001:db8::/32", 0)
	entry(100, true, types.RuleActionAllow, "-1", "0.0.0.0/0", 0)
	entry(101, true, types.RuleActionAllow, "-1", "::/0", 0)
	subnets, err := l.ec2.DescribeSubnets(l.ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: aws.String("tag:Name"), Values: []string{"app-a", "app-b"}}}})
	l.check(err)
	if len(subnets.Subnets) != 2 {
		t.Fatalf("%d app subnets", len(subnets.Subnets))
	}
	for _, sn := range subnets.Subnets {
		acls, err := l.ec2.DescribeNetworkAcls(l.ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{aws.ToString(sn.SubnetId)}}}})
		l.check(err)
		for _, a := range acls.NetworkAcls {
			for _, as := range a.Associations {
				if aws.ToString(as.SubnetId) == aws.ToString(sn.SubnetId) {
					_, err := l.ec2.ReplaceNetworkAclAssociation(l.ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(aclID)})
					l.check(err)
				}
			}
		}
	}
	before := src.state(vpc)
	if len(before.Grep("nacl in 101 allow proto 6 ::/0")) != 2 {
		t.Fatalf("the built state lacks the IPv6 entries:\n%s", before)
	}

	res := l.importVPCs(vpc)
	for _, n := range res.Notes {
		if strings.Contains(n.Message, "network ACL") {
			t.Errorf("an ACL rule left as a note: %s", n.Message)
		}
	}
	v := &res.Design.VPCs[0]
	if len(v.NetworkACLs) != 1 {
		t.Fatalf("network ACLs %+v, want the app one", v.NetworkACLs)
	}
	a := v.NetworkACLs[0]
	want := []design.ACLRule{
		{Rule: 90, Action: design.ACLDeny, Protocol: "all", CIDR: "2001:db8::/32"},
		{Rule: 100, Action: design.ACLAllow, Protocol: "tcp", Ports: "443", CIDR: "10.0.0.0/16"},
		{Rule: 101, Action: design.ACLAllow, Protocol: "tcp", Ports: "443", CIDR: "::/0"},
	}
	if len(a.Ingress) != len(want) {
		t.Fatalf("ingress %+v, want %+v", a.Ingress, want)
	}
	for i := range want {
		if a.Ingress[i] != want[i] {
			t.Errorf("ingress rule %d: %+v, want %+v", i, a.Ingress[i], want[i])
		}
	}
	for _, f := range design.Validate(res.Design) {
		if f.Severity == design.Error {
			t.Errorf("validation: %s %s: %s", f.Code, f.Path, f.Message)
		}
	}
	ts, err := cloudformation.Build(design.Resolve(res.Design))
	if err != nil {
		t.Fatalf("export: %v\n%s", err, design.Marshal(res.Design))
	}
	body, err := ts[0].YAML()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := cfndeploy.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	dst := newMotoEnv(t)
	dst.deploy("dual-stack-nacl", parsed, nil)
	if d := ec2state.Diff(before, dst.state()); len(d) > 0 {
		t.Errorf("the round trip changed the network (- built, + after import and export):\n%s\n--- design:\n%s", strings.Join(d, "\n"), design.Marshal(res.Design))
	}
}
