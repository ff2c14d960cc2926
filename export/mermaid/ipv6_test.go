package mermaid

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// The VPC's title shows its IPv6 block (a written one as its CIDR) and
// each subnet's cell its /64 index; an IPv6-only subnet's cell shows only
// that, not "no valid CIDR".
func TestIPv6Labels(t *testing.T) {
	d, err := design.Parse("v6.yaml", []byte(`version: 1
region: us-east-1
vpcs:
  - name: byo
    cidr: 10.1.0.0/16
    ipv6: 2600:1f18:1234:5600::/56
    azs: 2
    tiers:
      - {name: web, kind: public, prefix: 24, ipv6: dual-stack}
      - {name: v6, kind: private, ipv6: ipv6-only}
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(design.Resolve(d), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`byo · 10.1.0.0/16 · 2600#58;1f18#58;1234#58;5600#58;#58;/56 · us-east-1"]`,
		`us-east-1a<br/>10.1.0.0/24 · #58;#58;/64 #35;0"]`,
		`us-east-1b<br/>#58;#58;/64 #35;3"]`,
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("missing %s in\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "no valid CIDR") {
		t.Errorf("an IPv6-only subnet drawn as having no valid CIDR:\n%s", res.Text)
	}
}
