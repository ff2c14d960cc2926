package importer

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
)

func hasIPv6VPC(d *design.Design) bool {
	for i := range d.VPCs {
		if d.VPCs[i].HasIPv6() {
			return true
		}
	}
	return false
}

// deployIPv6Stack deploys a template with IPv6 through cfndeploy, which
// makes through the EC2 API what moto's CloudFormation leaves out of IPv6,
// and returns the stack's VPC IDs.
func (l *lab) deployIPv6Stack(name string, body []byte, params map[string]string) []string {
	l.t.Helper()
	tpl, err := cfndeploy.Parse(body)
	l.check(err)
	st, err := cfndeploy.Deploy(l.ctx, testConfig(l.url), name, tpl, params)
	l.check(err)
	var ids []string
	for _, id := range st.OfType("AWS::EC2::VPC") {
		ids = append(ids, st.ID(id))
	}
	return ids
}

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
