package cloudformation

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// Until the export writes IPv6, it says so, and what it writes stays
// valid: an IPv6 CIDR peer is a CidrIpv6 rule (a CidrIp of an IPv6 range
// would not deploy), and a tier peer names only its subnets' IPv4 blocks.
func TestIPv6IsNotedAndRulesStayValid(t *testing.T) {
	d, err := design.Parse("v6.yaml", []byte(`version: 1
region: us-east-1
vpcs:
  - name: app
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    tiers:
      - {name: web, kind: isolated, prefix: 24, ipv6: dual-stack}
    security_groups:
      - name: web
        tier: web
        ingress:
          - {from: "2001:db8::/32", ports: 443}
          - {from: tier:web, ports: 8080}
`))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(ts[0].Notes, "\n"), "VPC app: its IPv6") {
		t.Errorf("the IPv6 the template leaves out is not noted: %q", ts[0].Notes)
	}
	out, err := ts[0].YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "CidrIpv6: 2001:db8::/32") || strings.Contains(string(out), "CidrIp: 2001:db8::/32") || strings.Contains(string(out), "invalid Prefix") {
		t.Errorf("IPv6 peer written wrong:\n%s", out)
	}
}
