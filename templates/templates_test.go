package templates

import (
	"errors"
	"net/netip"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// want is the set of templates the issue asks for; a template that
// disappears or is renamed breaks `vpcsmith new --template NAME` for users.
var want = []string{"backend-db", "dual-stack", "ecs-alb", "peering", "privatelink", "saas-production", "three-tier", "transit-gateway"}

func TestList(t *testing.T) {
	list := List()
	var names []string
	for _, tpl := range list {
		names = append(names, tpl.Name)
		if tpl.Description == "" || strings.ContainsAny(tpl.Description, "\n\r") {
			t.Errorf("%s: description %q is not one line of text", tpl.Name, tpl.Description)
		}
		d := mustLoad(t, tpl.Name)
		if tpl.Description != d.Description {
			t.Errorf("%s: List description %q differs from the file's %q", tpl.Name, tpl.Description, d.Description)
		}
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("List() names = %v, want %v (sorted)", names, want)
	}
	if !slices.Contains(names, Default) {
		t.Errorf("the default template %q is not in the list", Default)
	}
	if again := List(); !reflect.DeepEqual(again, list) {
		t.Errorf("List() is not deterministic: %v then %v", list, again)
	}
}

func TestUnknownName(t *testing.T) {
	for _, tc := range []struct{ name, suggestion string }{
		{"thre-tier", "three-tier"},
		{"Three-Tier", "three-tier"},
		{"transit", "transit-gateway"},
		{"saas", "saas-production"},
		{"kubernetes-mesh", ""},
		{"", ""},
		{"../designs/three-tier", "three-tier"},
		{"designs/three-tier.yaml", "three-tier"},
		{"/", ""},
	} {
		_, err := Source(tc.name)
		var ue *UnknownError
		if !errors.As(err, &ue) {
			t.Errorf("Source(%q): error %v, want *UnknownError", tc.name, err)
			continue
		}
		if ue.Suggestion != tc.suggestion {
			t.Errorf("Source(%q): suggestion %q, want %q", tc.name, ue.Suggestion, tc.suggestion)
		}
		msg := err.Error()
		for _, n := range want {
			if !strings.Contains(msg, n) {
				t.Errorf("Source(%q): message %q does not list %s", tc.name, msg, n)
			}
		}
		if tc.suggestion != "" && !strings.Contains(msg, `did you mean "`+tc.suggestion+`"`) {
			t.Errorf("Source(%q): message %q does not suggest %s", tc.name, msg, tc.suggestion)
		}
		if _, err := Load(tc.name); !errors.As(err, &ue) {
			t.Errorf("Load(%q): error %v, want *UnknownError", tc.name, err)
		}
	}
}

// TestValid checks what every template promises: it loads, validates with
// no errors, is documented, lives in us-east-1 and keeps its security
// groups safe.
func TestValid(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			src, err := Source(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(src), "# "+name+":") || !strings.Contains(string(src), "seed") {
				t.Errorf("the file should open with a comment naming the template and the seed it follows")
			}
			d := mustLoad(t, name)
			if fs := design.Validate(d); design.HasErrors(fs) {
				t.Errorf("validation errors:\n%s", findings(fs))
			}
			checkInvariants(t, d)
		})
	}
}

func checkInvariants(t *testing.T, d *design.Design) {
	t.Helper()
	l := design.Resolve(d)
	var vpcCIDRs []netip.Prefix
	var vpcNames []string
	for i := range d.VPCs {
		v := &d.VPCs[i]
		vl := &l.VPCs[i]
		if r := d.VPCRegion(v); r != "us-east-1" {
			t.Errorf("VPC %s: region %q; templates stay in us-east-1 so deploy tests run on moto", v.Name, r)
		}
		for j, c := range vpcCIDRs {
			if c.Overlaps(vl.Primary) {
				t.Errorf("VPC %s (%s) overlaps VPC %s (%s)", v.Name, vl.Primary, vpcNames[j], c)
			}
		}
		vpcCIDRs, vpcNames = append(vpcCIDRs, vl.Primary), append(vpcNames, v.Name)
		if v.Traffic == nil {
			t.Errorf("VPC %s has no traffic assumptions: its cost estimate would be hours only", v.Name)
		}
		if len(vl.AZs) < 2 {
			t.Errorf("VPC %s covers %d AZ; load balancers and RDS need two", v.Name, len(vl.AZs))
		}
		for k, tl := range vl.Tiers {
			tier := &v.Tiers[k]
			if tier.Prefix == 0 && tier.IPv6 != design.TierIPv6Only { // IPv6-only tiers carve /64s without one
				t.Errorf("tier %s/%s has no prefix: it could not grow into a new AZ", v.Name, tier.Name)
			}
			if len(tl.Subnets) != len(vl.AZs) || len(tl.NoRoom) > 0 {
				t.Errorf("tier %s/%s has %d subnets for %d AZs (no room in %v)", v.Name, tier.Name, len(tl.Subnets), len(vl.AZs), tl.NoRoom)
			}
			for _, s := range tl.Subnets {
				if s.Carved() {
					t.Errorf("tier %s/%s: subnet in %s is carved, not written: the file is not canonical", v.Name, tier.Name, s.AZ)
				}
			}
		}
		for _, w := range v.Workloads {
			if v.FindTier(w.Tier) == nil || v.FindSecurityGroup(w.SecurityGroup) == nil {
				t.Errorf("workload %s/%s names a missing tier %q or group %q", v.Name, w.Name, w.Tier, w.SecurityGroup)
			}
			if (w.Kind == "rds" || w.Kind == "elasticache") && !isNoEgress(v.FindSecurityGroup(w.SecurityGroup)) {
				t.Errorf("data store %s/%s: its group %s should have egress: []", v.Name, w.Name, w.SecurityGroup)
			}
		}
		for _, g := range v.SecurityGroups {
			tier := v.FindTier(g.Tier)
			if tier == nil {
				t.Errorf("group %s/%s names a missing tier %q", v.Name, g.Name, g.Tier)
				continue
			}
			for _, r := range g.Ingress {
				p, err := design.ParsePeer(r.From)
				if err != nil {
					t.Errorf("group %s/%s: %v", v.Name, g.Name, err)
					continue
				}
				if p.Kind == design.PeerSG && p.VPC == "" && v.FindSecurityGroup(p.Name) == nil {
					t.Errorf("group %s/%s: rule from %s names a missing group", v.Name, g.Name, r.From)
				}
				if !p.IsWorld() {
					continue
				}
				if tier.Kind == design.TierIsolated {
					t.Errorf("group %s/%s sits in isolated tier %s and is open to the internet", v.Name, g.Name, tier.Name)
				}
				ports, err := design.ParsePorts(r.Ports)
				if err != nil {
					t.Errorf("group %s/%s: %v", v.Name, g.Name, err)
					continue
				}
				for _, admin := range []int{22, 3389, 3306, 5432, 1433, 1521, 6379, 11211, 27017} {
					if ports.Contains(admin) {
						t.Errorf("group %s/%s opens port %d to the internet", v.Name, g.Name, admin)
					}
				}
			}
		}
	}
}

func isNoEgress(g *design.SecurityGroup) bool {
	return g != nil && g.Egress != nil && len(g.Egress) == 0
}

func mustLoad(t *testing.T, name string) *design.Design {
	t.Helper()
	d, err := Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %v", name, err)
	}
	return d
}

func findings(fs []design.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}
