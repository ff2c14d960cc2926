package importer

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportInexpressible: a route to a VPN gateway is listed in the header
// comment of the file, which design.Parse keeps; the network ACL is
// imported on the tier that uses it.
func TestImportInexpressible(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("legacy", "10.7.0.0/16")
	app := l.subnet(vpc, "legacy-app-a", "us-east-1a", "10.7.10.0/24")
	data := l.subnet(vpc, "legacy-data-a", "us-east-1a", "10.7.20.0/24")
	vgw, err := l.ec2.CreateVpnGateway(l.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})
	l.check(err)
	vgwID := *vgw.VpnGateway.VpnGatewayId
	_, err = l.ec2.AttachVpnGateway(l.ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(vgwID)})
	l.check(err)
	l.routeTable(vpc, "app", []string{app}, [2]string{"172.16.0.0/12", vgwID})

	acl, err := l.ec2.CreateNetworkAcl(l.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(vpc)})
	l.check(err)
	aclID := *acl.NetworkAcl.NetworkAclId
	_, err = l.ec2.CreateNetworkAclEntry(l.ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(aclID), RuleNumber: aws.Int32(100),
		Protocol: aws.String("6"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(false), CidrBlock: aws.String("10.7.10.0/23"),
		PortRange: &types.PortRange{From: aws.Int32(5432), To: aws.Int32(5432)}})
	l.check(err)
	// Move the data subnet from the default ACL to the new one.
	acls, err := l.ec2.DescribeNetworkAcls(l.ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{data}}}})
	l.check(err)
	for _, a := range acls.NetworkAcls {
		for _, as := range a.Associations {
			if deref(as.SubnetId) == data {
				_, err := l.ec2.ReplaceNetworkAclAssociation(l.ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(aclID)})
				l.check(err)
			}
		}
	}

	res := l.importVPCs(vpc)
	assertNote(t, res, false, "route 172.16.0.0/12 → VPN gateway "+vgwID)
	if v := res.Design.VPCs[0]; len(v.NetworkACLs) != 1 || v.NetworkACLs[0].Name != "data" || len(v.NetworkACLs[0].Ingress) != 1 ||
		v.NetworkACLs[0].Ingress[0] != (design.ACLRule{Rule: 100, Action: design.ACLAllow, Protocol: "tcp", Ports: "5432", CIDR: "10.7.10.0/23"}) {
		t.Errorf("network ACLs: %+v", v.NetworkACLs)
	}
	assertRoutesMatch(t, l, res)
	// Every note appears in the header block, and the written file keeps it
	// through a parse and a save.
	file := res.File()
	header := string(file[:strings.Index(string(file), "\nversion: 1")])
	for _, n := range res.Notes {
		if !strings.Contains(header, n.String()) {
			t.Errorf("note missing from the header: %s\n%s", n, header)
		}
	}
	d, err := design.Parse("legacy.yaml", file)
	if err != nil {
		t.Fatalf("the written file does not parse: %v\n%s", err, file)
	}
	if saved := design.Marshal(d); !strings.HasPrefix(string(saved), header) {
		t.Errorf("saving the parsed file lost the header:\n%s", saved)
	}
	// The tiers are still there: the VPN route only produced a note.
	if n := len(res.Design.VPCs[0].Tiers); n != 2 {
		t.Errorf("%d tiers, want 2", n)
	}
}

// TestImportUntrustedText: tag values and rule descriptions carrying
// escape sequences, C1 controls, bidi overrides and invisible characters
// arrive in the design (and the file) without them. EC2 answers in XML,
// which cannot carry C0 controls such as ESC at all (the SDK refuses such a
// response), so the sequences here use their 8-bit C1 forms; the 7-bit
// forms are covered by TestCleanText.
func TestImportUntrustedText(t *testing.T) {
	l := newLab(t)
	evil := "\u009d0;owned\u009c\u009b31mprod\u009b0m\u202e\u200b\u007f-vpc"
	vpc := l.vpc(evil, "10.8.0.0/16")
	l.subnet(vpc, "web\u009bK\u2066-a", "us-east-1a", "10.8.0.0/24")
	g := l.group(vpc, "api")
	l.allowCIDR(g, "0.0.0.0/0", 443, "ok\u009d52;c;ZXZpbA==\u009c \u202erule")

	res := l.importVPCs(vpc)
	v := res.Design.VPCs[0]
	if v.Name != "prod-vpc" {
		t.Errorf("VPC name = %q, want prod-vpc", v.Name)
	}
	if v.Tiers[0].Name != "web" {
		t.Errorf("tier name = %q, want web", v.Tiers[0].Name)
	}
	if d := v.SecurityGroups[0].Ingress[0].Description; d != "ok rule" {
		t.Errorf("description = %q, want %q", d, "ok rule")
	}
	file := string(res.File())
	for _, bad := range []string{"\u009b", "\u009c", "\u009d", "\u202e", "\u2066", "\u200b", "\u007f", "owned", "ZXZpbA", "31m"} {
		if strings.Contains(file, bad) {
			t.Errorf("the file contains %q:\n%s", bad, file)
		}
	}
}
