package cloudformation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// ipv6Lab uses every IPv6 key the export writes: an Amazon-provided block
// with dual-stack public and private tiers under per-AZ NAT, an IPv6-only
// tier with DNS64 (NAT64) and one without; a written (BYOIP) block with a
// tier whose written routes carry IPv6 destinations.
const ipv6Lab = `version: 1
region: us-east-1
vpcs:
  - name: lab
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    nat: per-az
    tiers:
      - {name: web, kind: public, prefix: 24, ipv6: dual-stack}
      - {name: app, kind: private, prefix: 24, ipv6: dual-stack}
      - {name: v6, kind: private, ipv6: ipv6-only, dns64: true}
      - {name: v6b, kind: private, ipv6: ipv6-only}
      - {name: data, kind: isolated, prefix: 24}
    security_groups:
      - name: web
        tier: web
        ingress:
          - {from: "2001:db8::/32", ports: 443}
          - {from: tier:web, ports: 8080}
  - name: byo
    cidr: 10.1.0.0/16
    ipv6: 2600:1f18:1234:5600::/56
    azs: 1
    tiers:
      - {name: web, kind: public, prefix: 24, ipv6: dual-stack}
      - name: app
        kind: private
        prefix: 24
        ipv6: dual-stack
        routes:
          - {to: "::/0", via: egress-only-internet-gateway}
          - {to: "2001:db8::/32", via: internet-gateway}
`

func buildIPv6Lab(t *testing.T) (*Template, map[string]object) {
	t.Helper()
	d, err := design.Parse("v6.yaml", []byte(ipv6Lab))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := resources(t, ts[0])
	return ts[0], res
}

// ipv6RoutesOf lists a route table's routes as "dest target-property target".
func ipv6RoutesOf(res map[string]object, table string) []string {
	var out []string
	for _, r := range res {
		if r.get("Type") != "AWS::EC2::Route" || refTo(props(r).get("RouteTableId")) != table {
			continue
		}
		p := props(r)
		dest, _ := p.get("DestinationCidrBlock").(string)
		if d, ok := p.get("DestinationIpv6CidrBlock").(string); ok {
			dest = "v6 " + d
		}
		for _, k := range []string{"GatewayId", "NatGatewayId", "EgressOnlyInternetGatewayId"} {
			if v := p.get(k); v != nil {
				out = append(out, dest+" "+k+" "+refTo(v))
			}
		}
	}
	return out
}

func hasAll(got []string, want ...string) error {
	j := "\n" + strings.Join(got, "\n") + "\n"
	for _, w := range want {
		if !strings.Contains(j, "\n"+w+"\n") {
			return fmt.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	return nil
}

func TestIPv6BlockAndSubnets(t *testing.T) {
	tpl, res := buildIPv6Lab(t)
	for _, n := range tpl.Notes {
		if strings.Contains(n, "IPv6") {
			t.Errorf("IPv6 is exported, but a note says otherwise: %s", n)
		}
	}
	if p := props(res["LabIpv6CidrBlock"]); p.get("AmazonProvidedIpv6CidrBlock") != true || refTo(p.get("VpcId")) != "LabVPC" {
		t.Errorf("Amazon block: %v", p)
	}
	if p := props(res["ByoIpv6CidrBlock"]); p.get("Ipv6CidrBlock") != "2600:1f18:1234:5600::/56" || refTo(p.get("Ipv6Pool")) != "ByoIpv6Pool" || p.get("AmazonProvidedIpv6CidrBlock") != nil {
		t.Errorf("written block: %v", p)
	}
	// The pool is the one parameter without a default (the others, such
	// as the tag parameters of params.go, deploy as they are).
	var needed []string
	for _, p := range tpl.Parameters {
		if !p.HasDefault {
			needed = append(needed, p.Name)
		}
	}
	if len(needed) != 1 || needed[0] != "ByoIpv6Pool" {
		t.Errorf("parameters: %+v", tpl.Parameters)
	}
	// web a/b take /64s 0 and 1, app 2 and 3, v6 4 and 5 (carved in tier order).
	cases := []struct {
		id, v6 string
		index  int
		native bool
		dns64  bool
	}{
		{"LabWebSubnetA", "", 0, false, false},
		{"LabAppSubnetB", "", 3, false, false},
		{"LabV6SubnetA", "", 4, true, true},
		{"LabV6bSubnetB", "", 7, true, false},
		{"ByoAppSubnetA", "2600:1f18:1234:5601::/64", 0, false, false},
	}
	for _, c := range cases {
		r := res[c.id]
		if r == nil {
			t.Fatalf("no %s", c.id)
		}
		p := props(r)
		got := fmt.Sprint(p.get("Ipv6CidrBlock"))
		want := c.v6
		if want == "" {
			want = fmt.Sprint(intrinsic{"Select", []any{c.index, intrinsic{"Cidr", []any{intrinsic{"Select", []any{0, getAtt("LabVPC", "Ipv6CidrBlocks")}}, 256, 64}}}})
		}
		if got != want {
			t.Errorf("%s Ipv6CidrBlock = %s, want %s", c.id, got, want)
		}
		if p.get("AssignIpv6AddressOnCreation") != true {
			t.Errorf("%s does not assign IPv6 addresses on creation", c.id)
		}
		if (p.get("Ipv6Native") == true) != c.native || (p.get("CidrBlock") == nil) != c.native || (p.get("MapPublicIpOnLaunch") == nil) != c.native {
			t.Errorf("%s: Ipv6Native %v CidrBlock %v MapPublicIpOnLaunch %v, want IPv6-only %v", c.id, p.get("Ipv6Native"), p.get("CidrBlock"), p.get("MapPublicIpOnLaunch"), c.native)
		}
		if (p.get("EnableDns64") == true) != c.dns64 {
			t.Errorf("%s EnableDns64 = %v, want %v", c.id, p.get("EnableDns64"), c.dns64)
		}
		if dep := fmt.Sprint(r.get("DependsOn")); !strings.Contains(dep, "Ipv6CidrBlock") {
			t.Errorf("%s does not wait for the VPC's IPv6 block (DependsOn %s)", c.id, dep)
		}
	}
	if p := props(res["LabDataSubnetA"]); p.get("Ipv6CidrBlock") != nil || p.get("AssignIpv6AddressOnCreation") != nil {
		t.Errorf("an IPv4-only tier got IPv6: %v", p)
	}
	// The NAT gateways sit in the dual-stack public subnets.
	if refTo(props(res["LabNatGatewayB"]).get("SubnetId")) != "LabWebSubnetB" {
		t.Errorf("NAT B: %v", props(res["LabNatGatewayB"]))
	}
}

func TestIPv6Routes(t *testing.T) {
	_, res := buildIPv6Lab(t)
	if res["LabEgressOnlyInternetGateway"].get("Type") != "AWS::EC2::EgressOnlyInternetGateway" || res["ByoEgressOnlyInternetGateway"] == nil {
		t.Fatal("no egress-only gateways")
	}
	for table, want := range map[string][]string{
		"LabPublicRouteTable":   {"0.0.0.0/0 GatewayId LabInternetGateway", "v6 ::/0 GatewayId LabInternetGateway"},
		"LabPrivateRouteTableA": {"0.0.0.0/0 NatGatewayId LabNatGatewayA", "v6 ::/0 EgressOnlyInternetGatewayId LabEgressOnlyInternetGateway"},
		// The IPv6-only tier with DNS64 has tables of its own, with NAT64
		// to its AZ's NAT gateway.
		"LabV6RouteTableB": {"v6 ::/0 EgressOnlyInternetGatewayId LabEgressOnlyInternetGateway", "v6 64:ff9b::/96 NatGatewayId LabNatGatewayB"},
		"ByoAppRouteTable": {"v6 ::/0 EgressOnlyInternetGatewayId ByoEgressOnlyInternetGateway", "v6 2001:db8::/32 GatewayId ByoInternetGateway"},
	} {
		got := ipv6RoutesOf(res, table)
		if err := hasAll(got, want...); err != nil {
			t.Errorf("%s: %v", table, err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: routes %q, want %q", table, got, want)
		}
	}
	// The tier without DNS64 shares the private tables, which have no
	// NAT64 route: the export never routes more than the design.
	for _, r := range res {
		if r.get("Type") == "AWS::EC2::SubnetRouteTableAssociation" && refTo(props(r).get("SubnetId")) == "LabV6bSubnetA" {
			if tb := refTo(props(r).get("RouteTableId")); tb != "LabPrivateRouteTableA" {
				t.Errorf("v6b subnet A is on %s", tb)
			}
		}
	}
	if got := ipv6RoutesOf(res, "LabIsolatedRouteTable"); len(got) != 0 {
		t.Errorf("isolated routes: %q", got)
	}
}

// An IPv6 CIDR peer is a CidrIpv6 rule (a CidrIp of an IPv6 range would
// not deploy), and a tier peer names its subnets' IPv4 blocks and /64s.
func TestIPv6RulesStayValid(t *testing.T) {
	tpl, _ := buildIPv6Lab(t)
	out, err := tpl.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "CidrIpv6: 2001:db8::/32") || strings.Contains(string(out), "CidrIp: 2001:db8::/32") || strings.Contains(string(out), "invalid Prefix") {
		t.Errorf("IPv6 peer written wrong:\n%s", out)
	}
	for _, want := range []string{
		"CidrIp: 10.0.1.0/24",
		"CidrIpv6: !Select [1, !Cidr [!Select [0, !GetAtt LabVPC.Ipv6CidrBlocks], 256, 64]]",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the tier:web rule lacks %s:\n%s", want, out)
		}
	}
}
