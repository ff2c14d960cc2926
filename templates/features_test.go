package templates

import (
	"slices"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestSeedFeatures checks that each template still renders what its seed
// describes; a template edited into something else fails here.
func TestSeedFeatures(t *testing.T) {
	for name, check := range map[string]func(t *testing.T, d *design.Design){
		"backend-db": func(t *testing.T, d *design.Design) {
			v := onlyVPC(t, d)
			wantTierKinds(t, v, design.TierPublic, design.TierIsolated)
			backend := workload(t, v, "ecs")
			if tierKind(v, backend.Tier) != design.TierPublic {
				t.Errorf("the seed's backend sits in a public subnet; it is in tier %s", backend.Tier)
			}
			wantAllows(t, v, "internet", backend.SecurityGroup, 443)
			db := workload(t, v, "rds")
			wantAllows(t, v, "sg:"+backend.SecurityGroup, db.SecurityGroup, 5432)
		},
		"peering": func(t *testing.T, d *design.Design) {
			c := connection(t, d, design.ConnPeering)
			if !slices.Equal(c.VPCs, []string{"backend", "database"}) {
				t.Errorf("peering joins %v, want [backend database]", c.VPCs)
			}
			backend, database := vpc(t, d, "backend"), vpc(t, d, "database")
			db := workload(t, database, "rds")
			wantAllows(t, database, "sg:backend/"+workload(t, backend, "ecs").SecurityGroup, db.SecurityGroup, 5432)
		},
		"transit-gateway": func(t *testing.T, d *design.Design) {
			c := connection(t, d, design.ConnTransitGateway)
			if !slices.Equal(c.VPCs, []string{"backend", "database"}) {
				t.Errorf("transit gateway attaches %v, want [backend database]", c.VPCs)
			}
			database := vpc(t, d, "database")
			wantAllows(t, database, "vpc:backend", workload(t, database, "rds").SecurityGroup, 5432)
			for _, v := range d.VPCs {
				if v.Traffic == nil || v.Traffic.TransitGatewayGB <= 0 {
					t.Errorf("VPC %s assumes no traffic into the transit gateway: the estimate would miss its data charge", v.Name)
				}
			}
		},
		"privatelink": func(t *testing.T, d *design.Design) {
			c := connection(t, d, design.ConnPrivateLink)
			if c.Provider != "database" || c.Consumer != "backend" || c.Port != 5432 {
				t.Errorf("privatelink %s → %s on %d, want database → backend on 5432", c.Provider, c.Consumer, c.Port)
			}
			database := vpc(t, d, "database")
			nlb := workload(t, database, "nlb")
			wantAllows(t, database, "10.0.0.0/16", nlb.SecurityGroup, 5432)
			wantAllows(t, database, "sg:"+nlb.SecurityGroup, workload(t, database, "rds").SecurityGroup, 5432)
			if vpc(t, d, "backend").CIDR != "10.0.0.0/16" {
				t.Errorf("the NLB's rule names the backend VPC's CIDR; keep them in step")
			}
			for _, conn := range d.Connections {
				if conn.Kind != design.ConnPrivateLink {
					t.Errorf("connection %s (%s): PrivateLink needs no route between the VPCs", conn.Name, conn.Kind)
				}
			}
		},
		"three-tier": func(t *testing.T, d *design.Design) {
			v := onlyVPC(t, d)
			wantTierKinds(t, v, design.TierPublic, design.TierPrivate, design.TierIsolated)
			wantAZs(t, d, v, 2)
			alb, app, db := workload(t, v, "alb"), workload(t, v, "ecs"), workload(t, v, "rds")
			wantAllows(t, v, "internet", alb.SecurityGroup, 443)
			wantAllows(t, v, "sg:"+alb.SecurityGroup, app.SecurityGroup, 8080)
			wantAllows(t, v, "sg:"+app.SecurityGroup, db.SecurityGroup, 5432)
			wantEndpoints(t, v, "s3", "dynamodb")
			if v.NAT == design.NATNone {
				t.Errorf("the app tier needs NAT")
			}
			// Seed 003 writes its subnets out; the template keeps them.
			l := design.Resolve(d)
			for tier, cidrs := range map[string][]string{
				"public": {"10.0.1.0/24", "10.0.2.0/24"},
				"app":    {"10.0.10.0/24", "10.0.11.0/24"},
				"data":   {"10.0.20.0/24", "10.0.21.0/24"},
			} {
				var got []string
				for _, s := range tierLayout(t, l, v, tier).Subnets {
					got = append(got, s.Prefix.String())
				}
				if !slices.Equal(got, cidrs) {
					t.Errorf("tier %s subnets %v, want the seed's %v", tier, got, cidrs)
				}
			}
		},
		"ecs-alb": func(t *testing.T, d *design.Design) {
			v := onlyVPC(t, d)
			wantTierKinds(t, v, design.TierPublic, design.TierPrivate, design.TierIsolated)
			var public, internal *design.Workload
			for i, w := range v.Workloads {
				if w.Kind == "alb" && tierKind(v, w.Tier) == design.TierPublic {
					public = &v.Workloads[i]
				}
				if w.Kind == "alb" && tierKind(v, w.Tier) == design.TierPrivate {
					internal = &v.Workloads[i]
				}
			}
			if public == nil || internal == nil {
				t.Fatalf("want an internet-facing ALB in a public tier and an internal ALB in a private tier")
			}
			wantAllows(t, v, "internet", public.SecurityGroup, 80)
			if allows(v, "internet", internal.SecurityGroup, 80) {
				t.Errorf("the internal ALB must not take traffic from the internet")
			}
			var ecs []design.Workload
			for _, w := range v.Workloads {
				if w.Kind == "ecs" {
					ecs = append(ecs, w)
				}
			}
			if len(ecs) != 2 {
				t.Fatalf("want frontend and backend ECS services, got %d", len(ecs))
			}
			frontend, backend := ecs[0], ecs[1]
			wantAllows(t, v, "sg:"+public.SecurityGroup, frontend.SecurityGroup, 80)
			wantAllows(t, v, "sg:"+frontend.SecurityGroup, internal.SecurityGroup, 80)
			wantAllows(t, v, "sg:"+internal.SecurityGroup, backend.SecurityGroup, 8080)
			db := workload(t, v, "rds")
			wantAllows(t, v, "sg:"+backend.SecurityGroup, db.SecurityGroup, 3306)
			if allows(v, "sg:"+frontend.SecurityGroup, db.SecurityGroup, 3306) {
				t.Errorf("MySQL must accept the backend tasks only")
			}
			if v.NAT == design.NATNone {
				t.Errorf("ECS tasks pull images through NAT")
			}
			wantEndpoints(t, v, "ecr.api", "ecr.dkr", "logs", "secretsmanager")
		},
		"saas-production": func(t *testing.T, d *design.Design) {
			v := onlyVPC(t, d)
			wantTierKinds(t, v, design.TierPublic, design.TierPrivate, design.TierIsolated)
			wantAZs(t, d, v, 3)
			if v.NAT != design.NATPerAZ {
				t.Errorf("nat %s, want per-az", v.NAT)
			}
			if !v.FlowLogs {
				t.Errorf("flow logs are off")
			}
			interfaces := 0
			for _, e := range v.Endpoints {
				if !design.IsGatewayEndpoint(e) {
					interfaces++
				}
			}
			if interfaces < 2 {
				t.Errorf("%d interface endpoints, want at least 2", interfaces)
			}
			alb, app := workload(t, v, "alb"), workload(t, v, "eks")
			wantAllows(t, v, "internet", alb.SecurityGroup, 443)
			wantAllows(t, v, "sg:"+alb.SecurityGroup, app.SecurityGroup, 8080)
			wantAllows(t, v, "sg:"+app.SecurityGroup, workload(t, v, "rds").SecurityGroup, 5432)
			wantAllows(t, v, "sg:"+app.SecurityGroup, workload(t, v, "elasticache").SecurityGroup, 6379)
			// Strict: every group spells out its egress.
			for _, g := range v.SecurityGroups {
				if g.Egress == nil {
					t.Errorf("group %s allows all egress", g.Name)
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) { check(t, mustLoad(t, name)) })
	}
}

func onlyVPC(t *testing.T, d *design.Design) *design.VPC {
	t.Helper()
	if len(d.VPCs) != 1 {
		t.Fatalf("%d VPCs, want 1", len(d.VPCs))
	}
	return &d.VPCs[0]
}

func vpc(t *testing.T, d *design.Design, name string) *design.VPC {
	t.Helper()
	v := d.FindVPC(name)
	if v == nil {
		t.Fatalf("no VPC %s", name)
	}
	return v
}

func connection(t *testing.T, d *design.Design, kind design.ConnectionKind) *design.Connection {
	t.Helper()
	for i := range d.Connections {
		if d.Connections[i].Kind == kind {
			return &d.Connections[i]
		}
	}
	t.Fatalf("no %s connection", kind)
	return nil
}

// workload returns the VPC's first workload of kind.
func workload(t *testing.T, v *design.VPC, kind design.WorkloadKind) design.Workload {
	t.Helper()
	for _, w := range v.Workloads {
		if w.Kind == kind {
			return w
		}
	}
	t.Fatalf("VPC %s has no %s workload", v.Name, kind)
	return design.Workload{}
}

func tierKind(v *design.VPC, tier string) design.TierKind {
	if t := v.FindTier(tier); t != nil {
		return t.Kind
	}
	return ""
}

func wantTierKinds(t *testing.T, v *design.VPC, kinds ...design.TierKind) {
	t.Helper()
	var got []design.TierKind
	for _, tier := range v.Tiers {
		got = append(got, tier.Kind)
	}
	if !slices.Equal(got, kinds) {
		t.Errorf("tier kinds %v, want %v", got, kinds)
	}
}

func wantAZs(t *testing.T, d *design.Design, v *design.VPC, n int) {
	t.Helper()
	if got := design.ExpandAZs(v.AZs, d.VPCRegion(v)); len(got) != n {
		t.Errorf("AZs %v, want %d", got, n)
	}
}

func wantEndpoints(t *testing.T, v *design.VPC, services ...string) {
	t.Helper()
	for _, s := range services {
		if !slices.Contains(v.Endpoints, s) {
			t.Errorf("no %s endpoint in %v", s, v.Endpoints)
		}
	}
}

func tierLayout(t *testing.T, l *design.Layout, v *design.VPC, name string) *design.TierLayout {
	t.Helper()
	for i := range l.VPCs {
		if l.VPCs[i].VPC.Name != v.Name {
			continue
		}
		for j := range l.VPCs[i].Tiers {
			if l.VPCs[i].Tiers[j].Tier.Name == name {
				return &l.VPCs[i].Tiers[j]
			}
		}
	}
	t.Fatalf("no tier %s in VPC %s", name, v.Name)
	return nil
}

func wantAllows(t *testing.T, v *design.VPC, from, group string, port int) {
	t.Helper()
	if !allows(v, from, group, port) {
		t.Errorf("group %s does not allow TCP %d from %s", group, port, from)
	}
}

// allows reports whether group in v has an ingress rule from exactly the
// peer from that covers TCP port.
func allows(v *design.VPC, from, group string, port int) bool {
	g := v.FindSecurityGroup(group)
	if g == nil {
		return false
	}
	for _, r := range g.Ingress {
		ports, err := design.ParsePorts(r.Ports)
		if err == nil && r.From == from && ports.Contains(port) && r.EffectiveProtocol() == "tcp" {
			return true
		}
	}
	return false
}
