package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestIPv6AndACLChanges: the IPv6 keys (the VPC's ipv6 and reserved_azs, a
// tier's ipv6, dns64 and reserve, a subnet's /64 index) and network-ACL
// rules, each change and where AWS replaces. want lists the changes that
// must be there (with "(replaces)" exactly when it replaces); unwanted,
// paths that must not change.
func TestIPv6AndACLChanges(t *testing.T) {
	const vp = "vpcs/production"
	ipv6Only := func(d *design.Design) {
		tr := &d.VPCs[0].Tiers[1]
		tr.IPv6 = design.TierIPv6Only
		for i := range tr.Subnets {
			tr.Subnets[i].CIDR = ""
		}
		tr.Reserved = nil
	}
	acl := func(d *design.Design) {
		d.VPCs[0].NetworkACLs = []design.NetworkACL{{Name: "edge", Ingress: []design.ACLRule{
			{Rule: 100, Action: design.ACLAllow, CIDR: "0.0.0.0/0", Ports: "443"},
			{Rule: 200, Action: design.ACLAllow, CIDR: "10.0.0.0/8"}}}}
		d.VPCs[0].Tiers[0].NetworkACL = "edge"
	}
	cases := []struct {
		name       string
		base, edit func(d *design.Design)
		want       []string
		unwanted   []string
	}{
		{"a dual-stack subnet's /64 changes in place", nil, func(d *design.Design) { d.VPCs[0].Tiers[0].Subnets[0].IPv6 = 9 },
			[]string{"changed " + vp + "/tiers/public/subnets/us-east-1a"}, nil},
		{"an IPv6-only subnet's /64 replaces it", ipv6Only, func(d *design.Design) { d.VPCs[0].Tiers[1].Subnets[1].IPv6 = 9 },
			[]string{"changed " + vp + "/tiers/app/subnets/us-east-1b (replaces)"}, nil},
		{"a tier turned IPv6-only replaces its subnets", nil, ipv6Only,
			[]string{"changed " + vp + "/tiers/app (replaces)"}, nil},
		{"an IPv6-only tier back to dual-stack replaces its subnets", ipv6Only, func(d *design.Design) { d.VPCs[0].Tiers[1].IPv6 = design.TierDualStack },
			[]string{"changed " + vp + "/tiers/app (replaces)"}, nil},
		{"a tier made dual-stack: its subnets get /64s in place", nil, func(d *design.Design) { d.VPCs[0].Tiers[2].IPv6 = design.TierDualStack },
			[]string{"changed " + vp + "/tiers/data", "changed " + vp + "/tiers/data/subnets/us-east-1a", "changed " + vp + "/tiers/data/subnets/us-east-1b"}, nil},
		{"the VPC's IPv6 block removed is no VPC replacement", nil, func(d *design.Design) { d.VPCs[0].IPv6 = "" },
			[]string{"changed " + vp, "removed " + vp + "/tiers/public/routes/::%2F0", "removed " + vp + "/tiers/app/routes/::%2F0"}, nil},
		{"reserved_azs", nil, func(d *design.Design) { d.VPCs[0].ReservedAZs = 2 }, []string{"changed " + vp}, nil},
		{"a tier's reserve", nil, func(d *design.Design) { d.VPCs[0].Tiers[2].Reserve = 3 },
			[]string{"changed " + vp + "/tiers/data"}, []string{vp}},
		{"dns64", ipv6Only, func(d *design.Design) { d.VPCs[0].Tiers[1].DNS64 = true },
			[]string{"changed " + vp + "/tiers/app", "added " + vp + "/tiers/app/routes/64:ff9b::%2F96"}, nil},
		{"a network-ACL rule's action", acl, func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[1].Action = design.ACLDeny },
			[]string{"changed " + vp + "/network_acls/edge/ingress/200"}, []string{vp + "/network_acls/edge"}},
		{"a network-ACL rule added", acl, func(d *design.Design) {
			a := &d.VPCs[0].NetworkACLs[0]
			a.Egress = append(a.Egress, design.ACLRule{Rule: 100, Action: design.ACLAllow, CIDR: "0.0.0.0/0"})
		}, []string{"added " + vp + "/network_acls/edge/egress/100"}, nil},
		{"a network ACL's rules reordered is no change", acl, func(d *design.Design) { slices.Reverse(d.VPCs[0].NetworkACLs[0].Ingress) }, nil, nil},
		{"a tier's ACL removed", acl, func(d *design.Design) { d.VPCs[0].Tiers[0].NetworkACL = "" },
			[]string{"changed " + vp + "/tiers/public"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, "dual-stack")
			if tc.base != nil {
				tc.base(old)
			}
			new := old.Clone()
			tc.edit(new)
			got := summary(Changes(old, new))
			if tc.want == nil && len(got) != 0 {
				t.Errorf("changes %v, want none", got)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, g := range got {
				for _, u := range tc.unwanted {
					if strings.HasSuffix(g, " "+u) || strings.Contains(g, " "+u+" ") {
						t.Errorf("%q changed: %v", u, got)
					}
				}
			}
		})
	}
}
