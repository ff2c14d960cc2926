package diagram

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestIPv6OnlyTierTitleSaysSize: an IPv6-only tier's row title names its
// subnets' size, /64, as an IPv4 tier's names its prefix (it said only
// the kind).
func TestIPv6OnlyTierTitleSaysSize(t *testing.T) {
	d, err := design.Parse("t.yaml", []byte(`version: 1
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, ipv6: dual-stack, prefix: 24}
      - {name: pods, kind: private, ipv6: ipv6-only, dns64: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	s := all(build(t, d, 200))
	if !strings.Contains(s, "public /24") || !strings.Contains(s, "private /64") {
		t.Errorf("tier titles lack public /24 and private /64:\n%s", s)
	}
}
