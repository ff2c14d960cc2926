package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

func load(t *testing.T, name string) *design.Design {
	t.Helper()
	d, err := templates.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// summary is one line per change: kind, path, replaces.
func summary(cs []Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%s %s", c.Kind, c.Path)
		if c.Replaces {
			out[i] += " (replaces)"
		}
	}
	return out
}

func TestChanges(t *testing.T) {
	const vp = "vpcs/production"
	cases := []struct {
		name string
		edit func(d *design.Design)
		want []string
	}{
		{"subnet CIDR replaces the subnet", func(d *design.Design) { d.VPCs[0].Tiers[1].Subnets[0].CIDR = "10.0.12.0/24" },
			[]string{"changed " + vp + "/tiers/app/subnets/us-east-1a (replaces)"}},
		{"subnet moved to another AZ with its CIDR is one replacement", func(d *design.Design) {
			d.VPCs[0].AZs = design.AZSpec{Names: []string{"us-east-1a", "us-east-1b", "us-east-1c"}}
			d.VPCs[0].Tiers[2].AZs = []string{"us-east-1a", "us-east-1c"}
			d.VPCs[0].Tiers[2].Subnets[1].AZ = "us-east-1c"
		}, []string{
			"changed " + vp, // azs
			"changed " + vp + "/tiers/app", "added " + vp + "/tiers/app/subnets/us-east-1c",
			"changed " + vp + "/tiers/data", "changed " + vp + "/tiers/data/subnets/us-east-1c (replaces)",
			"changed " + vp + "/tiers/public", "added " + vp + "/tiers/public/subnets/us-east-1c",
		}},
		{"VPC primary CIDR replaces the VPC", func(d *design.Design) { d.VPCs[0].CIDR = "10.0.0.0/15" },
			[]string{"changed " + vp + " (replaces)"}},
		{"renamed security group is a replacement", func(d *design.Design) {
			d.VPCs[0].SecurityGroups[2].Name = "database"
		}, []string{"changed " + vp + "/security_groups/database (replaces)"}},
		{"added rule", func(d *design.Design) {
			g := &d.VPCs[0].SecurityGroups[0]
			g.Ingress = append(g.Ingress, design.Rule{From: "internet", Ports: "80"})
		}, []string{"added " + vp + "/security_groups/alb/ingress/internet tcp 80"}},
		{"removed rule", func(d *design.Design) { d.VPCs[0].SecurityGroups[1].Egress = d.VPCs[0].SecurityGroups[1].Egress[:1] },
			[]string{"removed " + vp + "/security_groups/app/egress/internet tcp 443"}},
		{"rule port change is a new rule", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "8443" },
			[]string{"removed " + vp + "/security_groups/alb/ingress/internet tcp 443", "added " + vp + "/security_groups/alb/ingress/internet tcp 8443"}},
		{"rule description changed", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Description = "TLS" },
			[]string{"changed " + vp + "/security_groups/alb/ingress/internet tcp 443"}},
		{"egress back to AWS's default", func(d *design.Design) { d.VPCs[0].SecurityGroups[2].Egress = nil },
			[]string{"changed " + vp + "/security_groups/db"}},
		{"added tier", func(d *design.Design) {
			d.VPCs[0].Tiers = append(d.VPCs[0].Tiers, design.Tier{Name: "cache", Kind: design.TierIsolated, Prefix: 24})
		}, []string{"added " + vp + "/tiers/cache"}},
		{"removed VPC", func(d *design.Design) { d.VPCs = nil }, []string{"removed " + vp}},
		{"tier route written", func(d *design.Design) {
			d.VPCs[0].Tiers[2].Routes = []design.Route{{To: "10.99.0.0/16", Via: design.ViaBlackhole}}
		}, []string{"added " + vp + "/tiers/data/routes/10.99.0.0%2F16"}},
		{"a derived table written out is no change", func(d *design.Design) {
			d.VPCs[0].Tiers[1].Routes = []design.Route{{To: "0.0.0.0/0", Via: "nat:us-east-1a"}}
		}, nil},
		{"NAT per AZ changes the app tier's default route in one AZ", func(d *design.Design) { d.VPCs[0].NAT = design.NATPerAZ },
			[]string{"changed " + vp, "changed " + vp + "/tiers/app/routes/0.0.0.0%2F0"}},
		{"gateway endpoints written", func(d *design.Design) { d.VPCs[0].Tiers[1].GatewayEndpoints = []string{"s3"} },
			[]string{"removed " + vp + "/tiers/app/routes/endpoint:dynamodb"}},
		{"network ACL and its rules", func(d *design.Design) {
			d.VPCs[0].NetworkACLs = []design.NetworkACL{{Name: "data", Ingress: []design.ACLRule{{Rule: 100, Action: design.ACLAllow, CIDR: "10.0.0.0/16"}}}}
			d.VPCs[0].Tiers[2].NetworkACL = "data"
		}, []string{"added " + vp + "/network_acls/data", "changed " + vp + "/tiers/data"}},
		{"flow-log options", func(d *design.Design) {
			d.VPCs[0].FlowLog = &design.FlowLogOptions{Traffic: design.FlowLogReject, Destination: design.FlowLogS3}
		}, []string{"changed " + vp}},
		{"workload moved", func(d *design.Design) { d.VPCs[0].Workloads[1].Tier = "public" },
			[]string{"changed " + vp + "/workloads/api"}},
		{"design description", func(d *design.Design) { d.Description = "other" }, []string{"changed design"}},
		{"added network", func(d *design.Design) {
			d.Networks = append(d.Networks, design.Network{Name: "corp", CIDR: "172.16.0.0/12"})
		},
			[]string{"added networks/corp"}},
		{"name with a slash stays one segment", func(d *design.Design) { d.VPCs[0].Workloads[0].Name = "web/1" },
			[]string{"added " + vp + "/workloads/web%2F1", "removed " + vp + "/workloads/web"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, "three-tier")
			new := old.Clone()
			tc.edit(new)
			got := summary(Changes(old, new))
			want := slices.Clone(tc.want)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("changes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

func TestConnectionChanges(t *testing.T) {
	cases := []struct {
		name string
		edit func(d *design.Design)
		want []string
	}{
		{"TGW default association off", func(d *design.Design) { f := false; d.Connections[0].DefaultAssociation = &f },
			[]string{"changed connections/hub"}},
		{"TGW route table added", func(d *design.Design) {
			d.Connections[0].RouteTables = append(d.Connections[0].RouteTables, design.TGWRouteTable{Name: "spokes",
				Associations: []string{"vpc:" + d.VPCs[1].Name}, Routes: []design.TGWRoute{{To: "0.0.0.0/0", Via: "blackhole"}}})
		}, []string{"added connections/hub/route_tables/spokes"}},
		{"TGW attachment tier", func(d *design.Design) {
			d.Connections[0].Attachments = []design.TGWAttachment{{VPC: d.VPCs[0].Name, Tier: d.VPCs[0].Tiers[0].Name}}
		}, []string{"added connections/hub/attachments/backend"}},
		{"TGW VPC order is no change", func(d *design.Design) { slices.Reverse(d.Connections[0].VPCs) }, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, "transit-gateway")
			if old.Connections[0].Kind != design.ConnTransitGateway || old.VPCs[0].Name != "backend" {
				t.Fatalf("the template changed: connection %s, first VPC %s", old.Connections[0].Kind, old.VPCs[0].Name)
			}
			new := old.Clone()
			tc.edit(new)
			got := summary(Changes(old, new))
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
	old := load(t, "peering")
	new := old.Clone()
	new.Connections[0].VPCs = []string{new.Connections[0].VPCs[0], "elsewhere"}
	// The peering is replaced; its routes to the old peer go (the new
	// peer is not in the design, so nothing routes to it).
	want := []string{"changed connections/backend-database (replaces)", "removed vpcs/backend/tiers/app/routes/10.1.0.0%2F16",
		"removed vpcs/backend/tiers/public/routes/10.1.0.0%2F16", "removed vpcs/database/tiers/data/routes/10.0.0.0%2F16"}
	if got := summary(Changes(old, new)); !slices.Equal(got, want) {
		t.Errorf("a peering to another VPC: %v, want %v", got, want)
	}
}

// TestReorderIsNoChange: lists whose order AWS ignores may be reordered.
func TestReorderIsNoChange(t *testing.T) {
	for _, name := range templates.Names() {
		old := load(t, name)
		new := old.Clone()
		slices.Reverse(new.VPCs)
		slices.Reverse(new.Networks)
		slices.Reverse(new.Connections)
		for i := range new.VPCs {
			v := &new.VPCs[i]
			slices.Reverse(v.Tiers)
			slices.Reverse(v.SecurityGroups)
			slices.Reverse(v.Endpoints)
			slices.Reverse(v.Workloads)
			for j := range v.Tiers {
				slices.Reverse(v.Tiers[j].Subnets)
			}
			for j := range v.SecurityGroups {
				slices.Reverse(v.SecurityGroups[j].Ingress)
				slices.Reverse(v.SecurityGroups[j].Egress)
			}
		}
		if cs := Changes(old, new); len(cs) != 0 {
			t.Errorf("%s reordered: %v", name, summary(cs))
		}
		if cs := Changes(old, old); len(cs) != 0 {
			t.Errorf("%s against itself: %v", name, summary(cs))
		}
	}
}

func TestChangeValues(t *testing.T) {
	old := load(t, "three-tier")
	new := old.Clone()
	new.VPCs[0].Tiers[1].Subnets[0].CIDR = "10.0.12.0/24"
	cs := Changes(old, new)
	if len(cs) != 1 {
		t.Fatalf("%v", summary(cs))
	}
	c := cs[0]
	if c.Old["cidr"] != "10.0.10.0/24" || c.New["cidr"] != "10.0.12.0/24" || len(c.Old) != 1 {
		t.Errorf("old %v new %v, want only the CIDR", c.Old, c.New)
	}
	if !slices.Contains(c.With, "workload api (ecs)") || !slices.Contains(c.With, "the subnet's network interfaces") {
		t.Errorf("with %v: want the subnet's interfaces and the workload in it", c.With)
	}
}

func TestCompareCostAndFindings(t *testing.T) {
	old := load(t, "three-tier")
	new := old.Clone()
	new.VPCs[0].NAT = design.NATPerAZ                                           // one more NAT gateway
	new.VPCs[0].Tiers[2].Subnets[1].CIDR = new.VPCs[0].Tiers[2].Subnets[0].CIDR // an overlap
	r, err := Compare(old, new, Options{OldFile: "a.yaml", NewFile: "b.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cost == nil || r.Cost.Delta <= 0 || r.Cost.Delta != r.Cost.New-r.Cost.Old {
		t.Fatalf("cost %+v: want a positive delta from the second NAT gateway", r.Cost)
	}
	var nat *CategoryDelta
	for i := range r.Cost.Categories {
		if r.Cost.Categories[i].Category == "nat-gateway-hours" {
			nat = &r.Cost.Categories[i]
		}
	}
	if nat == nil || nat.New != 2*nat.Old {
		t.Errorf("NAT hours %+v: want doubled", nat)
	}
	if len(r.Findings.Added) != 1 || r.Findings.Added[0].Code != "subnet-overlap" || r.Findings.Added[0].File != "b.yaml" ||
		len(r.Findings.Resolved) != 1 || r.Findings.Resolved[0].Code != "nat-single" || r.Findings.Resolved[0].File != "a.yaml" {
		t.Errorf("findings %+v: want the overlap added in b.yaml, the single NAT's warning resolved in a.yaml", r.Findings)
	}
	back, err := Compare(new, old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Findings.Resolved) != len(r.Findings.Added) || back.Cost.Delta != -r.Cost.Delta {
		t.Errorf("reversed: %+v, want the same findings resolved and the opposite delta", back)
	}
	same, err := Compare(old, old.Clone(), Options{})
	if err != nil || !same.Empty() || same.Cost.Delta != 0 || len(same.Findings.Added)+len(same.Findings.Resolved) != 0 {
		t.Errorf("identical designs: %+v %v", same, err)
	}
}
