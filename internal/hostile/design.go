package hostile

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Design returns the hostile design of testdata/hostile/design.yaml as Go
// values: p in every text nothing refers to (the design's name and
// description, rule descriptions, workload and connection names), r in
// every name other fields refer to and in those references. It is valid:
// no validation errors, so every command exports and prices it.
func Design(p, r string) *design.Design {
	q := sgSafe(r)
	off := false
	return &design.Design{
		Version:     design.FormatVersion,
		Name:        p,
		Description: p,
		Region:      "us-east-1",
		Networks:    []design.Network{{Name: r, CIDR: "172.16.0.0/12"}},
		VPCs: []design.VPC{
			{
				Name: r, CIDR: "10.0.0.0/16", AZs: design.AZSpec{Count: 2},
				NAT: design.NATPerAZ, FlowLogs: true, Endpoints: []string{"s3", "sqs"},
				Tiers: []design.Tier{
					{Name: r, Kind: design.TierPublic, Prefix: 24},
					{Name: "app " + r, Kind: design.TierPrivate, Prefix: 22},
					{Name: "data " + r, Kind: design.TierIsolated, Prefix: 24,
						Routes:     []design.Route{{To: "vpc:b " + r, Via: "connection:" + p}},
						NetworkACL: r},
				},
				SecurityGroups: []design.SecurityGroup{
					{Name: q, Tier: r, Ingress: []design.Rule{{From: "internet", Ports: "443", Description: p}}},
					{Name: "app " + r, Tier: "app " + r, Ingress: []design.Rule{
						{From: "sg:" + q, Ports: "8080", Description: p},
						{From: "network:" + r, Ports: "22", Description: p},
					}},
					{Name: "db " + r, Tier: "data " + r,
						Ingress: []design.Rule{{From: "tier:app " + r, Ports: "5432", Description: p}},
						Egress:  []design.Rule{}},
				},
				NetworkACLs: []design.NetworkACL{{Name: r,
					Ingress: []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "all", CIDR: "0.0.0.0/0"}},
					Egress:  []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "all", CIDR: "0.0.0.0/0"}}}},
				Workloads: []design.Workload{
					{Name: p, Kind: "alb", Tier: r, SecurityGroup: q},
					{Name: "nlb " + p, Kind: "nlb", Tier: "app " + r, SecurityGroup: "app " + r},
					{Name: "db " + p, Kind: "rds", Tier: "data " + r, SecurityGroup: "db " + r},
				},
				Traffic: &design.Traffic{InternetEgressGB: 500, S3GB: 2000, CrossAZGB: 100},
			},
			{
				Name: "b " + r, CIDR: "10.1.0.0/16", AZs: design.AZSpec{Count: 2}, NAT: design.NATSingle,
				Tiers: []design.Tier{
					{Name: r, Kind: design.TierPublic, Prefix: 24},
					{Name: "app " + r, Kind: design.TierPrivate, Prefix: 24},
				},
				SecurityGroups: []design.SecurityGroup{
					{Name: r, Tier: "app " + r, Ingress: []design.Rule{{From: "vpc:" + r, Ports: "443", Description: p}}},
				},
				Workloads: []design.Workload{{Name: p, Kind: "ec2", Tier: "app " + r, SecurityGroup: r}},
			},
		},
		Connections: []design.Connection{
			{Name: p, Kind: design.ConnPeering, VPCs: []string{r, "b " + r}},
			{Name: "vpn " + p, Kind: design.ConnVPN, VPC: r, Network: r},
			{Name: "pl " + p, Kind: design.ConnPrivateLink, Provider: r, Consumer: "b " + r, Port: 443},
			{Name: "tgw " + p, Kind: design.ConnTransitGateway, VPCs: []string{"b " + r}, Networks: []string{r},
				DefaultAssociation: &off, DefaultPropagation: &off,
				RouteTables: []design.TGWRouteTable{{Name: r,
					Associations: []string{"vpc:b " + r, "network:" + r},
					Propagations: []string{"vpc:b " + r, "network:" + r}}}},
		},
	}
}

// sgSafe is r for the security group named in a rule as sg:NAME, where "/"
// would split the reference into a VPC and a group.
func sgSafe(r string) string { return strings.ReplaceAll(r, "/", "\u2215") }

// TemplatePath is the hostile design file with its markers.
func TemplatePath() string { return filepath.Join(Dir(), "design.yaml") }

// YAML returns testdata/hostile/design.yaml with p and r filled in as YAML
// double-quoted escapes: the design Design(p, r) builds, as a file. ok is
// false when p or r is not UTF-8, which no design file can hold.
func YAML(p, r string) (data []byte, ok bool, err error) {
	tpl, err := os.ReadFile(TemplatePath())
	if err != nil {
		return nil, false, err
	}
	if !validUTF8(p) || !validUTF8(r) {
		return nil, false, nil
	}
	out := strings.NewReplacer(
		"{{P}}", escape(p),
		"{{R}}", escape(r),
		"{{Q}}", escape(sgSafe(r)),
	).Replace(string(tpl))
	return []byte(out), true, nil
}
