package reach

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// base6 is a dual-stack VPC with a written IPv6 block, so that its /64s
// are known: public (index 0-1), app (private, dual-stack, 2-3), v6
// (private, IPv6-only, 4-5) and data (IPv4 only). Placeholders: PUBIPV6 (the
// public tier's ipv6 key), APPROUTES, PUBACL, NACLS, ALB6 (the alb6 group's
// ingress).
const base6 = `version: 1
region: us-east-1
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    ipv6: 2600:1f18:1234:5600::/56
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, prefix: 24 PUBIPV6 PUBACL}
      - {name: app, kind: private, prefix: 24, ipv6: dual-stack APPROUTES}
      - {name: v6, kind: private, ipv6: ipv6-only}
      - {name: data, kind: isolated, prefix: 24}
    NACLS
    security_groups:
      - name: alb
        tier: public
        ingress: [{from: internet, ports: 443}]
      - name: alb6
        tier: public
        ingress: [ALB6]
      - name: app
        tier: app
        ingress: [{from: sg:alb, ports: 8080}]
`

func variant6(set map[string]string) string {
	s := base6
	defaults := map[string]string{"PUBIPV6": ", ipv6: dual-stack", "APPROUTES": "", "PUBACL": "", "NACLS": "", "ALB6": `{from: "2600:1f18:aaaa::/48", ports: 443}`}
	for k, v := range defaults {
		if got, ok := set[k]; ok {
			v = got
		}
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// TestSemanticsIPv6 is TestSemantics for IPv6: each rule a pair of designs
// or questions where the answer flips.
func TestSemanticsIPv6(t *testing.T) {
	publicACL := func(egress string) map[string]string {
		return map[string]string{"PUBACL": ", network_acl: pub", "NACLS": `network_acls:
      - name: pub
        ingress: [{rule: 100, action: allow, ports: 443, cidr: 0.0.0.0/0}, {rule: 110, action: allow, ports: 443, cidr: "::/0"}]
        egress: [{rule: 100, action: allow, ports: 1024-65535, cidr: 0.0.0.0/0}` + egress + `]`}
	}
	rows := []flip{
		{"an IPv6 address as the destination: the internet reaches a public /64, not a private one",
			question{variant6(nil), "internet", "2600:1f18:1234:5600::10", tcp(443)},
			question{variant6(nil), "internet", "2600:1f18:1234:5602::10", tcp(443)}, CodeEgressOnly, "internet gateway of a", ""},
		{"the egress-only internet gateway is outbound only",
			question{variant6(nil), "a/app", "2606:4700::1111", tcp(443)},
			question{variant6(nil), "2606:4700::1111", "a/app", tcp(443)}, CodeEgressOnly, "egress-only internet gateway of a", ""},
		{"a private dual-stack tier routing ::/0 to the internet gateway is on the IPv6 internet",
			question{variant6(map[string]string{"APPROUTES": `, routes: [{to: 0.0.0.0/0, via: nat}, {to: "::/0", via: internet-gateway}]`}), "internet", "a/app", tcp(8080)},
			question{variant6(nil), "3fff::9", "a/app", tcp(8080)}, CodeEgressOnly, "internet gateway of a", ""},
		{"an IPv6-only tier has no IPv4 path",
			question{variant6(nil), "a/app", "198.51.100.7", tcp(443)},
			question{variant6(nil), "a/v6", "198.51.100.7", tcp(443)}, CodeFamily, "NAT gateway in us-east-1a", ""},
		{"DNS64: an IPv6-only tier reaches IPv4 hosts through the NAT gateway (NAT64), and only with dns64",
			question{strings.Replace(variant6(nil), "ipv6: ipv6-only}", "ipv6: ipv6-only, dns64: true}", 1), "a/v6", "198.51.100.7", tcp(443)},
			question{variant6(nil), "a/v6", "198.51.100.7", tcp(443)}, CodeFamily, "translates 64:ff9b::c633:6407 (NAT64) to IPv4 198.51.100.7", ""},
		{"NAT64 addresses go only to a NAT gateway",
			question{strings.Replace(variant6(nil), "ipv6: ipv6-only}", "ipv6: ipv6-only, dns64: true}", 1), "a/v6", "198.51.100.7", tcp(443)},
			question{strings.Replace(variant6(nil), "ipv6: ipv6-only}", `ipv6: ipv6-only, dns64: true, routes: [{to: "::/0", via: egress-only-internet-gateway}, {to: "64:ff9b::/96", via: egress-only-internet-gateway}]}`, 1), "a/v6", "198.51.100.7", tcp(443)}, CodeCannotRoute, "64:ff9b::/96 → NAT gateway in us-east-1a", ""},
		{"a security-group rule with an IPv6 CIDR admits its range only",
			question{variant6(nil), "2600:1f18:aaaa::5", "a/sg:alb6", tcp(443)},
			question{variant6(nil), "2600:1f18:bbbb::5", "a/sg:alb6", tcp(443)}, CodeSG, "security group alb6 (ingress)", ""},
		{"a network ACL's IPv6 rules: the replies need the ephemeral range for ::/0 too",
			question{variant6(publicACL(`, {rule: 110, action: allow, ports: 1024-65535, cidr: "::/0"}`)), "3fff::9", "a/public", tcp(443)},
			question{variant6(publicACL("")), "3fff::9", "a/public", tcp(443)}, CodeACL, "network ACL pub", ""},
	}
	checkFlips(t, rows)
}

// TestInternetIsBothFamilies: `internet` is an IPv4 and an IPv6 source; an
// IPv6-only tier reaches the internet over IPv6 alone (the egress-only
// gateway), a dual-stack public group is reached over both.
func TestInternetIsBothFamilies(t *testing.T) {
	e := engineFor(t, variant6(nil))
	r := ask(t, e, "a/v6", "internet", Query{Protocol: "tcp", Ports: Port(443)})
	if !r.Reachable || len(r.Paths) != 2 || !strings.Contains(describe(r), "egress-only internet gateway") || strings.Contains(describe(r), "203.0.113.1") {
		t.Errorf("the IPv6-only tier should reach the internet over IPv6 only, from both subnets:\n%s", describe(r))
	}
	r = ask(t, e, "internet", "a/sg:alb", Query{Protocol: "tcp", Ports: Port(443)})
	if !r.Reachable || len(r.Paths) != 4 || !strings.Contains(describe(r), "3fff::1") || !strings.Contains(describe(r), "203.0.113.1") {
		t.Errorf("the dual-stack alb should be reached over IPv4 and IPv6 in both AZs (4 paths):\n%s", describe(r))
	}
	// The public tier made IPv4-only: the alb is reached over IPv4 alone.
	r = ask(t, engineFor(t, variant6(map[string]string{"PUBIPV6": ""})), "internet", "a/sg:alb", Query{Protocol: "tcp", Ports: Port(443)})
	if !r.Reachable || len(r.Paths) != 2 || strings.Contains(describe(r), "3fff::1") {
		t.Errorf("an IPv4-only alb should be reached over IPv4 only:\n%s", describe(r))
	}
}

// TestExposureCountsIPv6: a group admitting ::/0 alone is exposed when its
// tier has IPv6, and not when the tier is IPv4 only (no interface ::/0
// reaches).
func TestExposureCountsIPv6(t *testing.T) {
	exposedAlb6 := func(src string) string {
		for _, x := range engineFor(t, src).Exposure(Query{}) {
			if x.Target == "a/sg:alb6" {
				return x.From + " " + x.Ports.String() + " " + strings.Join(x.Rules, ";")
			}
		}
		return ""
	}
	world6 := map[string]string{"ALB6": `{from: "::/0", ports: 443}`}
	if got := exposedAlb6(variant6(world6)); !strings.HasPrefix(got, "internet 443") || !strings.Contains(got, "::/0") {
		t.Errorf("alb6 admits ::/0 in a dual-stack public tier: exposure %q, want internet on 443 by its ::/0 rule", got)
	}
	world6["PUBIPV6"] = ""
	if got := exposedAlb6(variant6(world6)); got != "" {
		t.Errorf("alb6's tier is IPv4 only, so ::/0 reaches nothing: exposure %q, want none", got)
	}
}

// TestAmazonBlockLocal: in a VPC with an Amazon-provided block (addresses
// unknown until deployed) two dual-stack tiers reach each other over IPv6
// by the local route, as in every VPC.
func TestAmazonBlockLocal(t *testing.T) {
	src := strings.Replace(variant6(nil), "ipv6: 2600:1f18:1234:5600::/56", "ipv6: amazon", 1)
	r := ask(t, engineFor(t, src), "a/public", "a/app", Query{Protocol: "tcp", Ports: Port(8080)})
	if !r.Reachable || !strings.Contains(describe(r), "2001:db8:8000::/56 → local") {
		t.Errorf("public → app over IPv6 should take the local route of the stand-in block:\n%s", describe(r))
	}
}

// TestRuleFamilyUnreachable: sg-rule-unreachable reports an IPv4 peer of a
// group in an IPv6-only tier (no interface of the tier has an IPv4
// address), and not an IPv6 peer there.
func TestRuleFamilyUnreachable(t *testing.T) {
	withGroup := func(peer string) string {
		return strings.Replace(variant6(nil), "      - name: app\n        tier: app\n",
			"      - name: v6g\n        tier: v6\n        ingress: [{from: \""+peer+"\", ports: 22}]\n      - name: app\n        tier: app\n", 1)
	}
	bad := withCode(validateSrc(t, withGroup("10.0.0.0/16")), "sg-rule-unreachable")
	if len(bad) != 1 || bad[0].Path != "vpcs.a.security_groups.v6g.ingress[0]" || !strings.Contains(bad[0].Message, CodeFamily) {
		t.Errorf("want the IPv4 peer of the IPv6-only tier's group reported with %s, got %v", CodeFamily, bad)
	}
	if good := withCode(validateSrc(t, withGroup("2600:1f18:1234:5600::/56")), "sg-rule-unreachable"); len(good) != 0 {
		t.Errorf("an IPv6 peer of the VPC's own block reaches the tier: %v", good)
	}
}

// TestResolveIPv6Forms: an IPv4-mapped address is its IPv4 address; an
// address with a zone is refused (exit 2 in the CLI), never placed.
func TestResolveIPv6Forms(t *testing.T) {
	e := engineFor(t, variant6(nil))
	if el, err := e.Resolve("::ffff:10.0.0.9"); err != nil || len(el.points) != 1 || el.points[0].addr.String() != "10.0.0.9" || el.points[0].kind != atSubnet {
		t.Errorf("::ffff:10.0.0.9 should be 10.0.0.9 in a's public subnet: %v %+v", err, el.points)
	}
	if _, err := e.Resolve("fe80::1%eth0"); err == nil || !strings.Contains(err.Error(), "zone") {
		t.Errorf("a zoned address: %v, want an error naming the zone", err)
	}
	if el, err := e.Resolve("2600:1f18:1234:5601::9"); err != nil || len(el.points) != 1 || el.points[0].addr.String() != "2600:1f18:1234:5601::9" {
		t.Errorf("an address of the public /64 in us-east-1b: %v %+v", err, el.points)
	}
}

// TestBoundedElements: a CIDR naming more than MaxCIDRSubnets subnets is
// refused, and a question between two large elements keeps MaxPaths paths
// while its verdict covers every pair.
func TestBoundedElements(t *testing.T) {
	e := New(design.Resolve(gen.Design(gen.ForSubnets(3000))))
	if _, err := e.Resolve("10.0.0.0/8"); err == nil || !strings.Contains(err.Error(), "narrower") {
		t.Errorf("10.0.0.0/8 over 3000 subnets: %v, want it refused", err)
	}
	from, err := e.Resolve("vpc00000/tier01")
	if err != nil {
		t.Fatal(err)
	}
	to := from
	for len(to.points) < 40 {
		to.points = append(to.points, from.points...)
	}
	from.points = to.points // 40 × 40 pairs, all within one tier's subnets
	r := e.Reach(from, to, Query{Protocol: "all"})
	if !r.Reachable || len(r.Paths) != MaxPaths {
		t.Errorf("1,600 passing pairs: reachable %v with %d paths, want %d", r.Reachable, len(r.Paths), MaxPaths)
	}
}
