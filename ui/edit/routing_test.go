package edit

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

func loadRoutingDesign(t *testing.T) *design.Design {
	t.Helper()
	data, err := os.ReadFile("../../design/testdata/routing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := design.Parse("routing.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// tables returns every subnet's effective routes, as text.
func tables(d *design.Design) map[string]string {
	l := design.Resolve(d)
	r := design.NewRouting(l)
	out := map[string]string{}
	for vi, vl := range l.VPCs {
		for ti, tl := range vl.Tiers {
			for _, az := range tl.AZs {
				var lines []string
				for _, e := range r.Table(vi, ti, az).Entries {
					lines = append(lines, e.Dest.String()+e.Service+">"+FormatTarget(e, az))
				}
				slices.Sort(lines) // a table's order means nothing: longest prefix wins
				out[vl.VPC.Name+"/"+tl.Tier.Name+"/"+az] = strings.Join(lines, " ")
			}
		}
	}
	return out
}

// Writing a derived tier's routes out changes no subnet's table, in any
// VPC; switching back to derived drops the key.
func TestMaterializeRoutesKeepsEveryTable(t *testing.T) {
	for _, d := range []*design.Design{loadRoutingDesign(t), mustLoadReference(t)} {
		before := tables(d)
		for vi := range d.VPCs {
			for ti := range d.VPCs[vi].Tiers {
				c := d.Clone()
				c.VPCs[vi].Tiers[ti].Routes = nil
				derived := tables(c)
				if err := SetRoutesMode(c, vi, ti, RoutesWritten); err != nil {
					t.Fatal(err)
				}
				if c.VPCs[vi].Tiers[ti].Routes == nil {
					t.Fatalf("%s/%s: no routes written", d.VPCs[vi].Name, d.VPCs[vi].Tiers[ti].Name)
				}
				after := tables(c)
				for k, want := range derived {
					if after[k] != want {
						t.Errorf("%s: written routes changed the table:\n got %s\nwant %s", k, after[k], want)
					}
				}
				if err := SetRoutesMode(c, vi, ti, RoutesDerived); err != nil || c.VPCs[vi].Tiers[ti].Routes != nil {
					t.Errorf("back to derived: %v, %v", err, c.VPCs[vi].Tiers[ti].Routes)
				}
			}
		}
		if got := tables(d); len(got) != len(before) {
			t.Errorf("the original design changed")
		}
	}
}

// Adding a route to a derived tier keeps its derived routes; a route in
// one AZ changes that AZ's table only.
func TestAddRouteToDerivedTier(t *testing.T) {
	d := loadRoutingDesign(t)
	vi, ti := 0, 0 // inspection/public: derived
	before := tables(d)
	if err := AddRoute(d, vi, ti, "10.50.0.0/16 via blackhole in us-east-1a"); err != nil {
		t.Fatal(err)
	}
	after := tables(d)
	a, b := "inspection/public/us-east-1a", "inspection/public/us-east-1b"
	if after[b] != before[b] {
		t.Errorf("%s changed:\n%s\n%s", b, before[b], after[b])
	}
	kept := true
	for _, e := range strings.Fields(before[a]) {
		kept = kept && strings.Contains(after[a], e)
	}
	if !kept || !strings.Contains(after[a], "10.50.0.0/16>blackhole") {
		t.Errorf("%s: want the derived routes and the new one, got %s", a, after[a])
	}
	if _, err := ParseRoute("10.0.0.0/8 via igw"); err == nil {
		t.Error("an unknown target should be refused")
	}
	for _, s := range []string{"0.0.0.0/0 via nat", "vpc:shared via connection:peer in us-east-1a,us-east-1b", "10.9.0.0/16 via blackhole"} {
		r, err := ParseRoute(s)
		if err != nil || FormatRoute(r) != s {
			t.Errorf("%q: %v, round trip %q", s, err, FormatRoute(r))
		}
	}
}

// A tier gets a network ACL of its own that allows everything, then its
// rules are edited in the inspector; the subnet's sheet shows the ACL and
// the effective routes.
func TestTierNetworkACLFields(t *testing.T) {
	d := loadRoutingDesign(t)
	vi, ti := 1, 0 // spoke-a/app
	if err := SetTierNACL(d, vi, ti, NACLNew); err != nil {
		t.Fatal(err)
	}
	a := d.VPCs[vi].FindNetworkACL(d.VPCs[vi].Tiers[ti].NetworkACL)
	if a == nil || a.Name != "app" || len(a.Ingress) != 1 || a.Ingress[0].Protocol != "all" {
		t.Fatalf("new ACL: %+v", a)
	}
	if err := AddACLRule(d, vi, ti, true, "90 deny tcp 22 0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	if err := SetACLRule(d, vi, ti, false, 0, "100 allow tcp 1024-65535 10.0.0.0/8"); err != nil {
		t.Fatal(err)
	}
	a = d.VPCs[vi].FindNetworkACL("app")
	if FormatACLRule(a.Ingress[1]) != "90 deny tcp 22 0.0.0.0/0" || FormatACLRule(a.Egress[0]) != "100 allow tcp 1024-65535 10.0.0.0/8" {
		t.Errorf("rules: %+v", a)
	}
	sheet := SheetFor(d, design.Resolve(d), Ref{Kind: Tier, V: vi, T: ti})
	var keys []string
	for _, f := range sheet.Fields {
		keys = append(keys, f.Key)
	}
	for _, want := range []string{"routes", "route:0", "route+", "network_acl", "acl-in:0", "acl-in:1", "acl-in+", "acl-out:0", "acl-out+"} {
		if !slices.Contains(keys, want) {
			t.Errorf("tier sheet lacks %s: %v", want, keys)
		}
	}
	sub := SheetFor(d, design.Resolve(d), Ref{Kind: Subnet, V: vi, T: ti, AZ: "us-east-1b"})
	var info []string
	for _, i := range sub.Info {
		info = append(info, i.Label+": "+i.Value)
	}
	joined := strings.Join(info, "\n")
	for _, want := range []string{"routes us-east-1b: 0.0.0.0/0 → hub", "network acl: app: 2 in, 1 out"} {
		if !strings.Contains(joined, want) {
			t.Errorf("subnet sheet lacks %q:\n%s", want, joined)
		}
	}
	if err := SetTierNACL(d, vi, ti, NACLDefault); err != nil || d.VPCs[vi].Tiers[ti].NetworkACL != "" {
		t.Errorf("back to the default ACL: %v", err)
	}
}

func mustLoadReference(t *testing.T) *design.Design {
	t.Helper()
	d, err := design.Load("../../examples/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
