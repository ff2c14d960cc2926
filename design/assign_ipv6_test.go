package design

import (
	"strings"
	"testing"
)

// TestAssignIPv6: `assign_ipv6: false` on a dual-stack tier keeps its
// subnets from giving new interfaces an IPv6 address (widdix's published
// VPC does so); absent, every tier with IPv6 assigns, as before. The key
// round-trips, and it is an error without IPv6 or on an IPv6-only tier
// (an interface there has no other address).
func TestAssignIPv6(t *testing.T) {
	off := strings.Replace(dualStackBase, "{name: app, kind: private, ipv6: dual-stack, prefix: 24}",
		"{name: app, kind: private, ipv6: dual-stack, assign_ipv6: false, prefix: 24}", 1)
	d := mustParse(t, off)
	for _, tc := range []struct {
		tier string
		want bool
	}{{"public", true}, {"app", false}, {"data", false}, {"pods", true}} {
		for i := range d.VPCs[0].Tiers {
			if tr := &d.VPCs[0].Tiers[i]; tr.Name == tc.tier && tr.AssignsIPv6() != tc.want {
				t.Errorf("tier %s assigns IPv6: %v, want %v", tc.tier, tr.AssignsIPv6(), tc.want)
			}
		}
	}
	once := Marshal(d)
	if !strings.Contains(string(once), "assign_ipv6: false") || strings.Count(string(once), "assign_ipv6") != 1 {
		t.Errorf("saved:\n%s", once)
	}
	if twice := Marshal(mustParse(t, string(once))); string(twice) != string(once) {
		t.Errorf("not stable:\n%s\n---\n%s", once, twice)
	}
	if c := d.Clone(); c.VPCs[0].Tiers[1].AssignIPv6 == d.VPCs[0].Tiers[1].AssignIPv6 {
		t.Error("Clone shares assign_ipv6")
	}
	if fs := findingsWith(Validate(d), "ipv6-subnet-invalid"); len(fs) > 0 {
		t.Errorf("a dual-stack tier without assignment is reported: %v", fs)
	}
	for name, src := range map[string]string{
		"no IPv6":   strings.Replace(dualStackBase, "{name: data, kind: isolated, prefix: 24}", "{name: data, kind: isolated, assign_ipv6: false, prefix: 24}", 1),
		"IPv6-only": strings.Replace(dualStackBase, "dns64: true}", "dns64: true, assign_ipv6: false}", 1),
	} {
		if fs := findingsWith(Validate(mustParse(t, src)), "ipv6-subnet-invalid"); len(fs) != 1 || !strings.Contains(fs[0].Message, "assign_ipv6") {
			t.Errorf("%s: findings %v, want one on assign_ipv6", name, fs)
		}
	}
}
