package importer

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestImportThreeTier: public / app / data across two AZs with one NAT,
// the ALB → app → DB chain, gateway endpoints and a flow log.
func TestImportThreeTier(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("shop", "10.0.0.0/16")
	pubA := l.subnet(vpc, "shop-public-us-east-1a", "us-east-1a", "10.0.1.0/24")
	pubB := l.subnet(vpc, "shop-public-us-east-1b", "us-east-1b", "10.0.2.0/24")
	appA := l.subnet(vpc, "shop-app-us-east-1a", "us-east-1a", "10.0.10.0/24")
	appB := l.subnet(vpc, "shop-app-us-east-1b", "us-east-1b", "10.0.11.0/24")
	dataA := l.subnet(vpc, "shop-data-us-east-1a", "us-east-1a", "10.0.20.0/24")
	l.subnet(vpc, "shop-data-us-east-1b", "us-east-1b", "10.0.21.0/24")
	igw := l.igw(vpc)
	l.routeTable(vpc, "shop-public", []string{pubA, pubB}, [2]string{"0.0.0.0/0", igw})
	nat := l.nat(pubA)
	appRT := l.routeTable(vpc, "shop-app", []string{appA, appB}, [2]string{"0.0.0.0/0", nat})
	l.gatewayEndpoint(vpc, "s3", appRT)
	l.gatewayEndpoint(vpc, "dynamodb", appRT)
	l.flowLog(vpc)
	alb := l.group(vpc, "alb")
	l.allowCIDR(alb, "0.0.0.0/0", 443, "HTTPS from anywhere")
	app := l.group(vpc, "app")
	l.allowGroup(app, alb, 8080, "HTTP from the load balancer")
	db := l.group(vpc, "db")
	l.allowGroup(db, app, 5432, "PostgreSQL from the app")
	l.noEgress(db)
	l.eni(pubA, alb)
	l.eni(pubB, alb)
	l.eni(appA, app)
	l.eni(dataA, db)

	res := l.importVPCs(vpc)
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "shop", Region: "us-east-1",
		VPCs: []design.VPC{{
			Name: "shop", CIDR: "10.0.0.0/16",
			AZs: design.AZSpec{Names: []string{"us-east-1a", "us-east-1b"}}, NAT: design.NATSingle, FlowLogs: true,
			Endpoints: []string{"s3", "dynamodb"},
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.1.0/24", "us-east-1b", "10.0.2.0/24")},
				{Name: "app", Kind: design.TierPrivate, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.10.0/24", "us-east-1b", "10.0.11.0/24")},
				// The gateway endpoints are on the app table only.
				{Name: "data", Kind: design.TierIsolated, Prefix: 24, Subnets: subnets("us-east-1a", "10.0.20.0/24", "us-east-1b", "10.0.21.0/24"), GatewayEndpoints: []string{}},
			},
			SecurityGroups: []design.SecurityGroup{
				{Name: "alb", Tier: "public", Ingress: []design.Rule{{From: "0.0.0.0/0", Ports: "443", Description: "HTTPS from anywhere"}}},
				{Name: "app", Tier: "app", Ingress: []design.Rule{{From: "sg:alb", Ports: "8080", Description: "HTTP from the load balancer"}}},
				{Name: "db", Tier: "data", Ingress: []design.Rule{{From: "sg:app", Ports: "5432", Description: "PostgreSQL from the app"}}, Egress: []design.Rule{}},
			},
		}},
	})
	assertRoutesMatch(t, l, res)
	if len(res.Gaps) != 0 || res.Partial() {
		t.Errorf("gaps: %v", res.Gaps)
	}
	t.Logf("notes:\n%s", notesOf(res))
}

// TestImportThreeAZPerAZNAT: public, private and database subnets in three
// AZs with one NAT per AZ. Private and database subnets share the per-AZ
// route tables (so they route alike): their names split them into tiers.
func TestImportThreeAZPerAZNAT(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("prod", "10.1.0.0/16", "100.64.0.0/16")
	igw := l.igw(vpc)
	var pub []string
	for i, az := range []string{"a", "b", "c"} {
		pub = append(pub, l.subnet(vpc, "prod-public-us-east-1"+az, "us-east-1"+az, "10.1."+itoa(i)+".0/24"))
	}
	l.routeTable(vpc, "prod-public", pub, [2]string{"0.0.0.0/0", igw})
	for i, az := range []string{"a", "b", "c"} {
		nat := l.nat(pub[i])
		priv := l.subnet(vpc, "prod-private-us-east-1"+az, "us-east-1"+az, "10.1."+itoa(16*(i+1))+".0/20")
		db := l.subnet(vpc, "prod-database-us-east-1"+az, "us-east-1"+az, "100.64."+itoa(i)+".0/24")
		l.routeTable(vpc, "prod-private-us-east-1"+az, []string{priv, db}, [2]string{"0.0.0.0/0", nat})
	}
	res := l.importVPCs(vpc)
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "prod", Region: "us-east-1",
		VPCs: []design.VPC{{
			Name: "prod", CIDR: "10.1.0.0/16", SecondaryCIDRs: []string{"100.64.0.0/16"},
			AZs: design.AZSpec{Names: azs}, NAT: design.NATPerAZ,
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 24, Subnets: subnets("us-east-1a", "10.1.0.0/24", "us-east-1b", "10.1.1.0/24", "us-east-1c", "10.1.2.0/24")},
				{Name: "private", Kind: design.TierPrivate, Prefix: 20, Subnets: subnets("us-east-1a", "10.1.16.0/20", "us-east-1b", "10.1.32.0/20", "us-east-1c", "10.1.48.0/20")},
				{Name: "database", Kind: design.TierPrivate, Prefix: 24, Subnets: subnets("us-east-1a", "100.64.0.0/24", "us-east-1b", "100.64.1.0/24", "us-east-1c", "100.64.2.0/24")},
			},
		}},
	})
	assertNoErrors(t, res.Design)
	if len(res.Notes) != 0 {
		t.Errorf("unexpected notes:\n%s", notesOf(res))
	}
}

// TestImportAsymmetric: public subnets in three AZs, private ones in two
// behind a single NAT. The layout is kept as it is: the private tier lists
// its two AZs, nothing is added.
func TestImportAsymmetric(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("edge", "10.2.0.0/16")
	igw := l.igw(vpc)
	pa := l.subnet(vpc, "edge-public-a", "us-east-1a", "10.2.0.0/24")
	pb := l.subnet(vpc, "edge-public-b", "us-east-1b", "10.2.1.0/24")
	pc := l.subnet(vpc, "edge-public-c", "us-east-1c", "10.2.2.0/24")
	l.routeTable(vpc, "public", []string{pa, pb, pc}, [2]string{"0.0.0.0/0", igw})
	nat := l.nat(pa)
	qa := l.subnet(vpc, "edge-workers-a", "us-east-1a", "10.2.64.0/18")
	qb := l.subnet(vpc, "edge-workers-b", "us-east-1b", "10.2.128.0/18")
	l.routeTable(vpc, "private", []string{qa, qb}, [2]string{"0.0.0.0/0", nat})

	res := l.importVPCs(vpc)
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "edge", Region: "us-east-1",
		VPCs: []design.VPC{{
			Name: "edge", CIDR: "10.2.0.0/16",
			AZs: design.AZSpec{Names: []string{"us-east-1a", "us-east-1b", "us-east-1c"}}, NAT: design.NATSingle,
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 24, Subnets: subnets("us-east-1a", "10.2.0.0/24", "us-east-1b", "10.2.1.0/24", "us-east-1c", "10.2.2.0/24")},
				{Name: "workers", Kind: design.TierPrivate, Prefix: 18, AZs: []string{"us-east-1a", "us-east-1b"}, Subnets: subnets("us-east-1a", "10.2.64.0/18", "us-east-1b", "10.2.128.0/18")},
			},
		}},
	})
	// The validator reports the partial tier; the import does not "fix" it.
	found := false
	for _, f := range design.Validate(res.Design) {
		if f.Path == "vpcs.edge.tiers.workers" && f.Code == "az-coverage" {
			found = true
		}
	}
	if !found {
		t.Errorf("no az-coverage finding on the partial tier: %v", design.Validate(res.Design))
	}
}

// TestImportPeered: two peered VPCs whose groups refer to each other across
// the peering, with routes through it.
func TestImportPeered(t *testing.T) {
	l := newLab(t)
	app := l.vpc("app", "10.10.0.0/16")
	data := l.vpc("data", "10.20.0.0/16")
	a1 := l.subnet(app, "app-private-a", "us-east-1a", "10.10.0.0/24")
	a2 := l.subnet(app, "app-private-b", "us-east-1b", "10.10.1.0/24")
	d1 := l.subnet(data, "data-db-a", "us-east-1a", "10.20.0.0/24")
	d2 := l.subnet(data, "data-db-b", "us-east-1b", "10.20.1.0/24")
	pcx := l.peer(app, data, "app-to-data")
	l.routeTable(app, "app", []string{a1, a2}, [2]string{"10.20.0.0/16", pcx})
	l.routeTable(data, "data", []string{d1, d2}, [2]string{"10.10.0.0/16", pcx})
	api := l.group(app, "api")
	db := l.group(data, "postgres")
	l.allowGroup(db, api, 5432, "from the API across the peering")
	l.allowCIDR(db, "10.10.0.0/16", 22, "SSH from the app VPC")

	res := l.importVPCs(app, data)
	azs := design.AZSpec{Names: []string{"us-east-1a", "us-east-1b"}}
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "imported", Region: "us-east-1",
		VPCs: []design.VPC{
			{Name: "app", CIDR: "10.10.0.0/16", AZs: azs, NAT: design.NATNone,
				Tiers:          []design.Tier{{Name: "private", Kind: design.TierIsolated, Prefix: 24, Subnets: subnets("us-east-1a", "10.10.0.0/24", "us-east-1b", "10.10.1.0/24")}},
				SecurityGroups: []design.SecurityGroup{{Name: "api"}},
			},
			{Name: "data", CIDR: "10.20.0.0/16", AZs: azs, NAT: design.NATNone,
				Tiers: []design.Tier{{Name: "db", Kind: design.TierIsolated, Prefix: 24, Subnets: subnets("us-east-1a", "10.20.0.0/24", "us-east-1b", "10.20.1.0/24")}},
				SecurityGroups: []design.SecurityGroup{{Name: "postgres", Ingress: []design.Rule{
					{From: "vpc:app", Ports: "22", Description: "SSH from the app VPC"},
					{From: "sg:app/api", Ports: "5432", Description: "from the API across the peering"},
				}}},
			},
		},
		Connections: []design.Connection{{Name: "app-to-data", Kind: design.ConnPeering, VPCs: []string{"app", "data"}}},
	})
	assertNoErrors(t, res.Design)
	if len(res.Notes) != 0 {
		t.Errorf("unexpected notes:\n%s", notesOf(res))
	}
	// Imported alone, the data VPC's peering and its rule lead outside.
	alone := l.importVPCs(data)
	if len(alone.Design.Connections) != 0 {
		t.Errorf("connections with one VPC imported: %+v", alone.Design.Connections)
	}
	assertNote(t, alone, true, "peering with "+app)
	assertNote(t, alone, true, "security group "+api, "outside the import")
}

// TestImportTransitGateway: three VPCs attached to one transit gateway,
// each routing the others' ranges to it.
func TestImportTransitGateway(t *testing.T) {
	l := newLab(t)
	tgw := l.transitGateway("hub")
	var vpcs []string
	for i, name := range []string{"shared", "dev", "prod"} {
		v := l.vpc(name, "10.3"+itoa(i)+".0.0/16")
		s1 := l.subnet(v, name+"-workloads-a", "us-east-1a", "10.3"+itoa(i)+".0.0/24")
		s2 := l.subnet(v, name+"-workloads-b", "us-east-1b", "10.3"+itoa(i)+".1.0/24")
		l.attach(tgw, v, s1, s2)
		l.routeTable(v, name, []string{s1, s2}, [2]string{"10.0.0.0/8", tgw})
		vpcs = append(vpcs, v)
	}
	l.awsDefaultPropagation(tgw)
	res := l.importVPCs(vpcs...)
	azs := design.AZSpec{Names: []string{"us-east-1a", "us-east-1b"}}
	var want []design.VPC
	for i, name := range []string{"shared", "dev", "prod"} {
		want = append(want, design.VPC{Name: name, CIDR: "10.3" + itoa(i) + ".0.0/16", AZs: azs, NAT: design.NATNone,
			// One route to all of 10/8, not one per other VPC as derived.
			Tiers: []design.Tier{{Name: "workloads", Kind: design.TierIsolated, Prefix: 24,
				Subnets: subnets("us-east-1a", "10.3"+itoa(i)+".0.0/24", "us-east-1b", "10.3"+itoa(i)+".1.0/24"),
				Routes:  []design.Route{{To: "10.0.0.0/8", Via: "connection:hub"}}}}})
	}
	assertDesign(t, res, &design.Design{
		Version: 1, Name: "imported", Region: "us-east-1", VPCs: want,
		Connections: []design.Connection{{Name: "hub", Kind: design.ConnTransitGateway, VPCs: []string{"shared", "dev", "prod"}}},
	})
	assertRoutesMatch(t, l, res)
	if len(res.Notes) != 0 {
		t.Errorf("unexpected notes:\n%s", notesOf(res))
	}
	// Two of the three: the connection keeps them, the third is outside.
	two := l.importVPCs(vpcs[0], vpcs[2])
	if c := two.Design.Connections; len(c) != 1 || len(c[0].VPCs) != 2 {
		t.Errorf("connections: %+v", c)
	}
	assertNote(t, two, true, "also attached to "+vpcs[1])
}

// TestImportEndpoints: an S3 gateway endpoint and interface endpoints; one
// interface endpoint sits in a single AZ, which the format cannot say.
func TestImportEndpoints(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("svc", "10.4.0.0/16")
	a := l.subnet(vpc, "svc-app-a", "us-east-1a", "10.4.0.0/24")
	b := l.subnet(vpc, "svc-app-b", "us-east-1b", "10.4.1.0/24")
	rt := l.routeTable(vpc, "app", []string{a, b})
	l.gatewayEndpoint(vpc, "s3", rt)
	l.interfaceEndpoint(vpc, "ecr.api", a, b)
	l.interfaceEndpoint(vpc, "ecr.dkr", a, b)
	l.interfaceEndpoint(vpc, "logs", a)
	res := l.importVPCs(vpc)
	if got := res.Design.VPCs[0].Endpoints; !equalStrings(got, []string{"s3", "ecr.api", "ecr.dkr", "logs"}) {
		t.Errorf("endpoints = %q", got)
	}
	assertNote(t, res, false, "interface endpoint logs has no subnet in us-east-1b")
	assertNoErrors(t, res.Design)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
