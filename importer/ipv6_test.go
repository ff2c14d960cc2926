package importer

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// ipv6Set is a tier's IPv6 as the format writes it: mode, DNS64 and each
// subnet's AZ and /64 index.
func ipv6Set(tl design.TierLayout) string {
	var parts []string
	for _, s := range tl.Subnets {
		if s.HasIPv6 {
			parts = append(parts, fmt.Sprintf("%s#%d", s.AZ, s.IPv6))
		}
	}
	return fmt.Sprintf("%s dns64=%v [%s]", tl.Tier.IPv6, tl.Tier.DNS64, strings.Join(parts, " "))
}

func TestIPv6Index(t *testing.T) {
	block := netip.MustParsePrefix("2600:1f18:abcd:ef00::/56")
	for _, c := range []struct {
		p    string
		want int32
		ok   bool
	}{
		{"2600:1f18:abcd:ef05::/64", 5, true},
		{"2600:1f18:abcd:efff::/64", 255, true},
		{"2600:1f18:abcd:f000::/64", 0, false}, // outside the block
		{"2600:1f18:abcd:ef00::/60", 0, false}, // not a /64
	} {
		got, ok := ipv6Index(block, netip.MustParsePrefix(c.p))
		if got != c.want || ok != c.ok {
			t.Errorf("ipv6Index(%s) = %d, %v; want %d, %v", c.p, got, ok, c.want, c.ok)
		}
	}
}

func noAssign(s *subnet) *subnet { s.assign6 = false; return s }

// tierIPv6 gives a tier its mode, DNS64 and assignment from its subnets, and notes
// what the format cannot hold rather than widen it (moto keeps no DNS64,
// so the lab cannot show this part).
func TestTierIPv6(t *testing.T) {
	v4 := netip.MustParsePrefix("10.0.0.0/24")
	sub := func(ipv4, v6, dns64 bool, i int32) *subnet {
		s := &subnet{id: fmt.Sprintf("subnet-%d", i), az: fmt.Sprintf("us-east-1%c", 'a'+i%2), v6: i, hasV6: v6, dns64: dns64, assign6: true}
		if ipv4 {
			s.prefix = v4
		}
		return s
	}
	for _, c := range []struct {
		name    string
		members []*subnet
		want    string
		note    string
	}{
		{"dual-stack", []*subnet{sub(true, true, false, 0), sub(true, true, false, 1)}, "dual-stack dns64=false [#0 #1]", ""},
		{"ipv6-only with DNS64", []*subnet{sub(false, true, true, 4), sub(false, true, true, 5)}, "ipv6-only dns64=true [#4 #5]", ""},
		{"DNS64 in one subnet", []*subnet{sub(false, true, true, 4), sub(false, true, false, 5)}, "ipv6-only dns64=false [#4 #5]", "DNS64 is on in 1 of its 2"},
		{"DNS64 on dual-stack", []*subnet{sub(true, true, true, 0)}, "dual-stack dns64=false [#0]", "DNS64 is on in 1 of its 1"},
		{"mixed", []*subnet{sub(true, true, false, 0), sub(true, false, false, 1)}, " dns64=false []", "imported IPv4 only"},
		{"dual-stack, no assignment", []*subnet{noAssign(sub(true, true, false, 0)), noAssign(sub(true, true, false, 1))}, "dual-stack dns64=false assign=false [#0 #1]", ""},
		{"assignment in one subnet", []*subnet{noAssign(sub(true, true, false, 0)), sub(true, true, false, 1)}, "dual-stack dns64=false [#0 #1]", "tier t's do"},
		{"ipv6-only, no assignment", []*subnet{noAssign(sub(false, true, false, 4)), noAssign(sub(false, true, false, 5))}, "ipv6-only dns64=false [#4 #5]", "does not assign IPv6"},
	} {
		t.Run(c.name, func(t *testing.T) {
			vb := &vpcBuilder{b: &builder{res: &Result{}}, out: &design.VPC{IPv6: design.IPv6Amazon}}
			tier := design.Tier{Name: "t", Kind: design.TierPrivate}
			for _, s := range c.members {
				tier.Subnets = append(tier.Subnets, design.Subnet{AZ: s.az})
			}
			vb.tierIPv6(&tier, c.members)
			var idx []string
			for _, s := range tier.Subnets {
				if s.HasIPv6 {
					idx = append(idx, fmt.Sprintf("#%d", s.IPv6))
				}
			}
			assign := ""
			if tier.AssignIPv6 != nil {
				assign = fmt.Sprintf(" assign=%v", *tier.AssignIPv6)
			}
			if got := fmt.Sprintf("%s dns64=%v%s [%s]", tier.IPv6, tier.DNS64, assign, strings.Join(idx, " ")); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
			var notes []string
			for _, n := range vb.b.res.Notes {
				notes = append(notes, n.Message)
			}
			if all := strings.Join(notes, "\n"); (c.note == "") != (all == "") || !strings.Contains(all, c.note) {
				t.Errorf("notes %q, want one with %q", notes, c.note)
			}
		})
	}
}
