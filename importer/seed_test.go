package importer

import (
	"os"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportSeed003: the lesson's CloudFormation, deployed into moto,
// imports as public / app / data tiers with the ALB → app → database chain,
// the data subnets' network ACL and the gateway endpoints on the private
// table only; the endpoint's group is noted.
func TestImportSeed003(t *testing.T) {
	l := newLab(t)
	body, err := os.ReadFile("testdata/seed003.yaml")
	l.check(err)
	vpcs := l.deployStack("seed003", body, nil)
	if len(vpcs) != 1 {
		t.Fatalf("stack VPCs: %v", vpcs)
	}
	res := l.importVPCs(vpcs...)
	azs := []string{"us-east-1a", "us-east-1b"}
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "production-vpc", Region: "us-east-1",
		VPCs: []design.VPC{{
			Name: "production-vpc", CIDR: "10.0.0.0/16",
			AZs: design.AZSpec{Names: azs}, NAT: design.NATSingle, FlowLogs: true,
			Endpoints: []string{"s3", "dynamodb", "sqs"},
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.1.0/24", "us-east-1b", "10.0.2.0/24")},
				{Name: "app", Kind: design.TierPrivate, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.10.0/24", "us-east-1b", "10.0.11.0/24")},
				// The gateway endpoints are on the private table only, and the
				// data subnets have their own network ACL.
				{Name: "data", Kind: design.TierIsolated, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.20.0/24", "us-east-1b", "10.0.21.0/24"),
					GatewayEndpoints: []string{}, NetworkACL: "data"},
			},
			NetworkACLs: []design.NetworkACL{{Name: "data",
				Ingress: []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "tcp", Ports: "5432", CIDR: "10.0.10.0/23"}},
				Egress:  []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "tcp", Ports: "1024-65535", CIDR: "10.0.10.0/23"}},
			}},
			SecurityGroups: []design.SecurityGroup{
				{Name: "alb", Ingress: []design.Rule{{From: "0.0.0.0/0", Ports: "443"}}}, // IPv4 only
				{Name: "app", Ingress: []design.Rule{{From: "sg:alb", Ports: "8080"}}},
				{Name: "database", Ingress: []design.Rule{{From: "sg:app", Ports: "5432"}}},
			},
		}},
	})
	assertRoutesMatch(t, l, res)
	// The endpoint's group is the format's to make: noted, with its rule.
	assertNote(t, res, false, "security group endpoint guards only interface endpoints (sqs)", "its ingress: sg:app tcp 443")
	if len(res.Notes) != 1 {
		t.Errorf("notes:\n%s", notesOf(res))
	}
}
