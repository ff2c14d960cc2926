package reach

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// base is a small design that each rule's pair of designs edits: VPC a
// (public, app, data tiers; alb → app → db), VPC b peered with a, VPC c
// peered with b, and an on-premises network on a VPN to a.
const base = `version: 1
region: us-east-1
networks:
  - {name: corp, cidr: 172.16.0.0/12}
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 24 APPROUTES}
      - {name: data, kind: isolated, prefix: 24 DATAACL}
    NACLS
    security_groups:
      - name: alb
        tier: public
        ingress: [{from: internet, ports: 443}]
      - name: app
        tier: app
        ingress: [{from: sg:alb, ports: 8080}, {from: network:corp, ports: 22}]
      - name: db
        tier: data
        ingress: [DBINGRESS]
        egress: []
    workloads:
      - {name: web, kind: alb, tier: public, security_group: alb}
  - name: b
    cidr: 10.1.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24}
  - name: c
    cidr: 10.2.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24}
connections:
  - {name: ab, kind: peering, vpcs: [a, b]}
  - {name: bc, kind: peering, vpcs: [b, c]}
  - {name: corp-vpn, kind: vpn, vpc: a, network: corp}
  EXTRACONN
`

// variant fills base's placeholders; unset ones are left out.
func variant(set map[string]string) string {
	s := base
	defaults := map[string]string{"APPROUTES": "", "DATAACL": "", "NACLS": "", "DBINGRESS": "{from: sg:app, ports: 5432}", "EXTRACONN": ""}
	for k, v := range defaults {
		if got, ok := set[k]; ok {
			v = got
		}
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// TestSemantics is one row per rule of AWS's semantics, each a pair of
// designs (or of questions) where the answer flips.
func TestSemantics(t *testing.T) {
	routing, err := os.ReadFile("../testdata/routing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	privatelink, err := templates.Source("privatelink")
	if err != nil {
		t.Fatal(err)
	}
	threeTier, err := templates.Source("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	noSpokeB := strings.Replace(string(routing), `propagations: ["vpc:spoke-a", "vpc:spoke-b", "network:datacenter"]`, `propagations: ["vpc:spoke-a", "network:datacenter"]`, 1)
	aclWith := func(egress string) map[string]string {
		return map[string]string{"DATAACL": ", network_acl: data", "NACLS": `network_acls:
      - name: data
        ingress: [{rule: 100, action: allow, ports: 5432, cidr: 10.0.0.0/16}]
        egress: [` + egress + `]`}
	}
	rows := []flip{
		{"security groups are stateful: the db's replies need no egress rule",
			question{variant(nil), "a/sg:app", "a/sg:db", tcp(5432)},
			question{variant(map[string]string{"DBINGRESS": ""}), "a/sg:app", "a/sg:db", tcp(5432)}, CodeSG, "replies return", ""},
		{"network ACLs are stateless: the replies need the ephemeral range",
			question{variant(aclWith("{rule: 100, action: allow, ports: 1024-65535, cidr: 10.0.0.0/16}")), "a/sg:app", "a/sg:db", tcp(5432)},
			question{variant(aclWith("{rule: 100, action: allow, ports: 5432, cidr: 10.0.0.0/16}")), "a/sg:app", "a/sg:db", tcp(5432)}, CodeACL, "network ACL data", ""},
		{"routes by longest prefix: a /24 blackhole inside the peering's /16",
			question{variant(map[string]string{"APPROUTES": `, routes: [{to: 10.1.0.0/16, via: "connection:ab"}, {to: 10.1.200.0/24, via: blackhole}]`}), "a/app", "b/app", Query{Protocol: "all"}},
			question{variant(map[string]string{"APPROUTES": `, routes: [{to: 10.1.0.0/16, via: "connection:ab"}, {to: 10.1.0.0/24, via: blackhole}]`}), "a/app", "b/app", Query{Protocol: "all"}}, CodeBlackhole, "10.1.0.0/16 → connection ab", ""},
		{"a blackhole route drops",
			question{variant(nil), "a/app", "b/app", tcp(443)},
			question{variant(map[string]string{"APPROUTES": `, routes: [{to: 10.1.0.0/16, via: blackhole}]`}), "a/app", "b/app", tcp(443)}, CodeBlackhole, "peering connection ab", ""},
		{"peering is not transitive",
			question{variant(map[string]string{"EXTRACONN": "- {name: ac, kind: peering, vpcs: [a, c]}"}), "a/app", "c/app", tcp(443)},
			question{variant(map[string]string{"APPROUTES": `, routes: [{to: 10.0.0.0/8, via: "connection:ab"}]`}), "a/app", "c/app", tcp(443)}, CodeCannotRoute, "peering connection ac", ""},
		{"a peer needs a route back over the same peering",
			question{variant(nil), "b/app", "a/app", tcp(443)},
			question{variant(map[string]string{"APPROUTES": `, routes: []`}), "b/app", "a/app", tcp(443)}, CodeNoRoute, "peering connection ab", ""},
		{"transit gateway segmentation: spokes reach each other only through the inspection VPC",
			question{string(routing), "spoke-a/app", "spoke-b/app", tcp(443)},
			question{noSpokeB, "spoke-a/app", "spoke-b/app", tcp(443)}, CodeTGW, "vpc:spoke-a → table spokes → vpc:inspection → table firewall → vpc:spoke-b", ""},
		{"NAT gateways are outbound only",
			question{string(threeTier), "production/sg:app", "internet", tcp(443)},
			question{string(threeTier), "internet", "production/app", tcp(443)}, CodeNATOutbound, "NAT gateway in us-east-1a", ""},
		{"the internet reaches only public subnets",
			question{string(threeTier), "internet", "production/workload:web", tcp(443)},
			question{string(threeTier), "internet", "production/data", tcp(443)}, CodeNoRoute, "internet gateway of production", ""},
		{"PrivateLink: consumer to provider, on the service's port only",
			question{string(privatelink), "backend/sg:app", "database/workload:db-service", tcp(5432)},
			question{string(privatelink), "backend/app", "database/workload:db-service", tcp(22)}, CodePrivateLink, "PrivateLink database-service", ""},
		{"PrivateLink is one way",
			question{string(privatelink), "backend/app", "database/sg:nlb", tcp(5432)},
			question{string(privatelink), "database/data", "backend/app", tcp(5432)}, CodeNoRoute, "interface endpoint of database-service", ""},
		{"a VPN reaches its network, both ways",
			question{variant(nil), "network:corp", "a/sg:app", tcp(22)},
			question{variant(nil), "network:corp", "b/app", tcp(22)}, CodeNoRoute, "VPN corp-vpn", ""},
	}
	checkFlips(t, rows)
}

func askIn(t *testing.T, src, from, to string, q Query) Result {
	t.Helper()
	return ask(t, engineFor(t, src), from, to, q)
}

// TestPortsWithoutPort: without --port the answer is the ports that pass,
// and a blocked answer names the component that drops the ports the
// destination serves (the ACL on 5432, not the group on every other port).
func TestPortsWithoutPort(t *testing.T) {
	e := engineFor(t, variant(nil))
	if r := ask(t, e, "a/sg:alb", "a/sg:app", Query{}); !r.Reachable || r.Ports.String() != "8080" {
		t.Errorf("alb → app: reachable %v on %s, want 8080:\n%s", r.Reachable, r.Ports, describe(r))
	}
	if r := ask(t, e, "a/app", "b/app", Query{}); !r.Reachable || r.Ports.String() != "all" {
		t.Errorf("tier to tier: ports %s, want all", r.Ports)
	}
	acl := variant(map[string]string{"DATAACL": ", network_acl: data", "NACLS": `network_acls:
      - name: data
        ingress: [{rule: 100, action: deny, ports: 5432, cidr: 0.0.0.0/0}, {rule: 200, action: allow, protocol: all, cidr: 0.0.0.0/0}]
        egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]`})
	r := ask(t, engineFor(t, acl), "a/sg:app", "a/sg:db", Query{})
	if r.Reachable || r.BlockedBy.Code != CodeACL || !strings.Contains(r.BlockedBy.Message, "rule 100") {
		t.Errorf("want the ACL's rule 100 named:\n%s", describe(r))
	}
}

// TestTierSourceEverySubnet: a tier reaches only when each of its subnets
// does; the first that does not is reported.
func TestTierSourceEverySubnet(t *testing.T) {
	src := variant(map[string]string{"APPROUTES": `, routes: [{to: 10.1.0.0/16, via: blackhole, azs: [us-east-1b]}, {to: 10.1.0.0/16, via: "connection:ab"}]`})
	e := engineFor(t, src)
	if r := ask(t, e, "a/app/us-east-1a", "b/app", Query{}); !r.Reachable {
		t.Errorf("the AZ with the route should reach:\n%s", describe(r))
	}
	r := ask(t, e, "a/app", "b/app", Query{})
	if r.Reachable || !strings.Contains(r.BlockedBy.Component, "a/app/us-east-1b") {
		t.Errorf("the tier should be blocked by its us-east-1b subnet:\n%s", describe(r))
	}
}

// TestUnknownElementSuggests names the closest known element.
func TestUnknownElementSuggests(t *testing.T) {
	e := engineFor(t, variant(nil))
	for name, want := range map[string]string{"a/ap": `"a/app"`, "a/sg:albb": `"a/sg:alb"`, "network:crop": `"network:corp"`, "internt": `"internet"`, "aa/sg:alb": `"a/sg:alb"`} {
		_, err := e.Resolve(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve(%q) = %v, want a suggestion of %s", name, err, want)
		}
	}
	if el, err := e.Resolve("10.0.1.9"); err != nil || len(el.points) != 1 || el.points[0].addr.String() != "10.0.1.9" {
		t.Errorf("an address in a subnet: %v %+v", err, el)
	}
}

// TestTemplateChains: every security-group rule of every template that
// names another group or the internet carries traffic end to end.
func TestTemplateChains(t *testing.T) {
	for _, tm := range templates.List() {
		d, err := templates.Load(tm.Name)
		if err != nil {
			t.Fatal(err)
		}
		e := New(design.Resolve(d))
		n := 0
		for _, v := range d.VPCs {
			for _, g := range v.SecurityGroups {
				for _, r := range g.Ingress {
					peer, err := design.ParsePeer(r.From)
					if err != nil {
						t.Fatal(err)
					}
					from := ""
					switch peer.Kind {
					case design.PeerInternet:
						from = "internet"
					case design.PeerSG:
						from = v.Name + "/sg:" + peer.Name
						if peer.VPC != "" {
							from = peer.VPC + "/sg:" + peer.Name
						}
					default:
						continue
					}
					ports, _ := design.ParsePorts(r.Ports)
					to := v.Name + "/sg:" + g.Name
					res := ask(t, e, from, to, Query{Protocol: r.EffectiveProtocol(), Ports: Port(ports.From)})
					if !res.Reachable {
						t.Errorf("%s: %s → %s on %d:\n%s", tm.Name, from, to, ports.From, describe(res))
					}
					n++
				}
			}
		}
		if n < 2 {
			t.Errorf("%s: only %d chain links checked", tm.Name, n)
		}
	}
}

// TestExposureGolden: --exposure of each template lists exactly its
// internet-facing entry points.
func TestExposureGolden(t *testing.T) {
	for _, tm := range templates.List() {
		d, err := templates.Load(tm.Name)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, x := range New(design.Resolve(d)).Exposure(Query{}) {
			fmt.Fprintf(&b, "%s from %s on %s\n", x.Target, x.From, x.Ports)
		}
		testtools.Golden(t, "testdata/exposure/"+tm.Name+".txt", []byte(b.String()))
	}
}
