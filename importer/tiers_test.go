package importer

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestSplitGroup: one routing group becomes tiers of one subnet per AZ,
// split by name where names tell sets apart, else by address order.
func TestSplitGroup(t *testing.T) {
	rt := &routeTable{kind: design.TierPrivate, sig: "private|default>nat"}
	sn := func(az, cidr, name string) *subnet {
		var stem []string
		if name != "" {
			stem = strings.Split(name, "-")
		}
		return &subnet{id: "subnet-" + cidr, az: az, cidr: cidr, prefix: netip.MustParsePrefix(cidr), rt: rt, stem: stem}
	}
	show := func(tiers [][]*subnet) string {
		var out []string
		for _, tier := range tiers {
			var s []string
			for _, m := range tier {
				s = append(s, m.az[len(m.az)-1:]+":"+m.cidr)
			}
			out = append(out, strings.Join(s, ","))
		}
		return strings.Join(out, " | ")
	}
	for _, c := range []struct {
		name    string
		subnets []*subnet
		want    string
		noted   bool
	}{
		{"one tier", []*subnet{sn("us-east-1a", "10.0.0.0/24", "app"), sn("us-east-1b", "10.0.1.0/24", "app")}, "a:10.0.0.0/24,b:10.0.1.0/24", false},
		{"names split sets sharing AZs",
			[]*subnet{sn("us-east-1a", "10.0.0.0/24", "app"), sn("us-east-1a", "10.0.2.0/24", "db"), sn("us-east-1b", "10.0.1.0/24", "app"), sn("us-east-1b", "10.0.3.0/24", "db")},
			"a:10.0.0.0/24,b:10.0.1.0/24 | a:10.0.2.0/24,b:10.0.3.0/24", false},
		{"consistent sets split without sharing AZs",
			[]*subnet{sn("us-east-1a", "10.0.0.0/24", "web"), sn("us-east-1b", "10.0.1.0/24", "web"), sn("us-east-1c", "10.0.2.0/24", "batch"), sn("us-east-1d", "10.0.3.0/24", "batch")},
			"a:10.0.0.0/24,b:10.0.1.0/24 | c:10.0.2.0/24,d:10.0.3.0/24", false},
		{"inconsistent names stay one tier",
			[]*subnet{sn("us-east-1a", "10.0.0.0/24", "pub"), sn("us-east-1b", "10.0.1.0/24", "public"), sn("us-east-1c", "10.0.2.0/24", "pub")},
			"a:10.0.0.0/24,b:10.0.1.0/24,c:10.0.2.0/24", false},
		{"unnamed subnets sharing AZs split by address",
			[]*subnet{sn("us-east-1a", "10.0.0.0/24", ""), sn("us-east-1a", "10.0.4.0/24", ""), sn("us-east-1b", "10.0.1.0/24", ""), sn("us-east-1b", "10.0.5.0/24", "")},
			"a:10.0.0.0/24,b:10.0.1.0/24 | a:10.0.4.0/24,b:10.0.5.0/24", true},
	} {
		vb := &vpcBuilder{b: &builder{res: &Result{}}, name: "v"}
		if got := show(vb.splitGroup(c.subnets)); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
		if noted := len(vb.b.res.Notes) > 0; noted != c.noted {
			t.Errorf("%s: noted %v, want %v", c.name, noted, c.noted)
		}
	}
}
