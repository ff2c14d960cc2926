package templates

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// subnetKey names a subnet as a person sees it: its place in the grid.
type subnetKey struct{ vpc, tier, az string }

func subnetsOf(l *design.Layout) map[subnetKey]netip.Prefix {
	out := map[subnetKey]netip.Prefix{}
	for _, vl := range l.VPCs {
		for _, tl := range vl.Tiers {
			for _, s := range tl.Subnets {
				out[subnetKey{vl.VPC.Name, tl.Tier.Name, s.AZ}] = s.Prefix
			}
		}
	}
	return out
}

// indexesOf is every subnet's /64 index, for the subnets that have one.
func indexesOf(l *design.Layout) map[subnetKey]int32 {
	out := map[subnetKey]int32{}
	for _, vl := range l.VPCs {
		for _, tl := range vl.Tiers {
			for _, s := range tl.Subnets {
				if s.HasIPv6 {
					out[subnetKey{vl.VPC.Name, tl.Tier.Name, s.AZ}] = s.IPv6
				}
			}
		}
	}
	return out
}

// addAZ gives every VPC one more AZ: the next letter for a list of names,
// one more for a count.
func addAZ(d *design.Design) {
	for i := range d.VPCs {
		v := &d.VPCs[i]
		if v.AZs.Names == nil {
			v.AZs.Count++
			continue
		}
		last := v.AZs.Names[len(v.AZs.Names)-1]
		next := last[:len(last)-1] + string(last[len(last)-1]+1)
		v.AZs.Names = append(slices.Clip(v.AZs.Names), next)
	}
}

// addTier appends a tier that gets its subnets by carving.
func addTier(d *design.Design) {
	for i := range d.VPCs {
		d.VPCs[i].Tiers = append(d.VPCs[i].Tiers, design.Tier{Name: "added", Kind: design.TierIsolated, Prefix: 26})
	}
}

// stripSubnets drops every written subnet, leaving carving from prefixes.
func stripSubnets(d *design.Design) {
	for i := range d.VPCs {
		for j := range d.VPCs[i].Tiers {
			d.VPCs[i].Tiers[j].Subnets = nil
		}
	}
}

// TestStability is the promise: growing a design never moves a
// subnet that exists. For each template, adding an AZ to every VPC and a
// tier keeps every existing subnet's CIDR; and with the written subnets
// stripped, appending a tier does not move what the earlier tiers carve.
func TestStability(t *testing.T) {
	for _, name := range Names() {
		t.Run(name+"/add AZ and tier", func(t *testing.T) {
			checkGrowth(t, name, nil, func(d *design.Design) { addAZ(d); addTier(d) })
		})
		t.Run(name+"/stripped, add tier", func(t *testing.T) {
			checkGrowth(t, name, stripSubnets, addTier)
		})
	}
}

func checkGrowth(t *testing.T, name string, prepare, grow func(*design.Design)) {
	before := mustLoad(t, name)
	after := mustLoad(t, name)
	if prepare != nil {
		prepare(before)
		prepare(after)
	}
	grow(after)
	old := subnetsOf(design.Resolve(before))
	la := design.Resolve(after)
	now := subnetsOf(la)
	for k, p := range old {
		if got, ok := now[k]; !ok || got != p {
			t.Errorf("%s/%s in %s was %s, now %s", k.vpc, k.tier, k.az, p, got)
		}
	}
	// And no /64 index moves (issue 13).
	nowIdx := indexesOf(la)
	for k, i := range indexesOf(design.Resolve(before)) {
		if got, ok := nowIdx[k]; !ok || got != i {
			t.Errorf("%s/%s in %s had /64 index %d, now %d (%v)", k.vpc, k.tier, k.az, i, got, ok)
		}
	}
	added := 0
	for vi, vl := range la.VPCs {
		var all []netip.Prefix
		var names []string
		for _, tl := range vl.Tiers {
			if len(tl.NoRoom) > 0 {
				t.Errorf("%s/%s: no room in %v", vl.VPC.Name, tl.Tier.Name, tl.NoRoom)
			}
			if len(tl.Subnets) != len(vl.AZs) {
				t.Errorf("%s/%s: %d subnets for %d AZs", vl.VPC.Name, tl.Tier.Name, len(tl.Subnets), len(vl.AZs))
			}
			for _, s := range tl.Subnets {
				if tl.Tier.IPv6 == design.TierIPv6Only {
					if !s.HasIPv6 || s.Prefix.IsValid() {
						t.Errorf("%s/%s in %s: an IPv6-only subnet with /64 %d (%v) and IPv4 %s", vl.VPC.Name, tl.Tier.Name, s.AZ, s.IPv6, s.HasIPv6, s.Prefix)
					}
					continue // no IPv4 to check; indexes are checked by validation
				}
				if !s.Prefix.IsValid() || !slices.ContainsFunc(vl.CIDRs, func(c netip.Prefix) bool { return c.Contains(s.Prefix.Addr()) && c.Bits() <= s.Prefix.Bits() }) {
					t.Errorf("%s/%s in %s: %s is outside the VPC", vl.VPC.Name, tl.Tier.Name, s.AZ, s.Prefix)
				}
				label := fmt.Sprintf("%s/%s in %s (%s)", vl.VPC.Name, tl.Tier.Name, s.AZ, s.Prefix)
				for i, o := range all {
					if o.Overlaps(s.Prefix) {
						t.Errorf("%s overlaps %s", label, names[i])
					}
				}
				all, names = append(all, s.Prefix), append(names, label)
				if _, existed := old[subnetKey{vl.VPC.Name, tl.Tier.Name, s.AZ}]; !existed {
					added++
				}
			}
		}
		if vi < len(before.VPCs) && len(vl.AZs) < len(design.ExpandAZs(before.VPCs[vi].AZs, vl.Region)) {
			t.Errorf("VPC %s lost AZs", vl.VPC.Name)
		}
	}
	if added == 0 {
		t.Errorf("growing the design added no subnet: the test proves nothing")
	}
	if fs := design.Validate(after); design.HasErrors(fs) {
		t.Errorf("the grown design does not validate:\n%s", findings(fs))
	}
}
