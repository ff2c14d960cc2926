package design

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"
)

// ipv6Base is a clean dual-stack design with every IPv6 and room-to-grow
// key: it must validate with no findings, so that each case shows that its
// one change triggers its code.
const ipv6Base = `version: 1
name: ipv6-base
region: us-east-1
networks:
  - {name: dc, cidr: 192.168.0.0/16, ipv6: "2001:db8:1::/48"}
vpcs:
  - name: prod
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    reserved_azs: 1
    nat: per-az
    tiers:
      - {name: public, kind: public, ipv6: dual-stack, prefix: 24}
      - {name: app, kind: private, ipv6: dual-stack, prefix: 24, reserve: 1}
      - {name: pods, kind: private, ipv6: ipv6-only, dns64: true}
      - {name: data, kind: isolated, prefix: 24}
    security_groups:
      - name: pods
        tier: pods
        ingress:
          - {from: sg:pods, ports: 443}
    workloads:
      - {name: k8s, kind: eks, tier: pods, security_group: pods}
  - name: shared
    cidr: 10.1.0.0/16
    ipv6: "2600:1f18:100::/56"
    azs: 2
    tiers:
      - {name: svc, kind: isolated, ipv6: dual-stack, prefix: 24}
connections:
  - {name: shared-dc, kind: vpn, vpc: shared, network: dc}
  - {name: peer, kind: peering, vpcs: [prod, shared]}
`

var ipv6Cases = []codeCase{
	{"ipv6-block-invalid", Error, "AWS takes /44 to /60 in steps of /4", func(d *Design) { d.FindVPC("shared").IPv6 = "2600:1f18::/40" },
		func(d *Design) { d.FindVPC("shared").IPv6 = "2600:1f18:100::/48" }},
	{"ipv6-block-invalid", Error, "is not an IPv6 CIDR", func(d *Design) { d.FindVPC("shared").IPv6 = "10.9.0.0/16" }, nil},
	{"ipv6-block-invalid", Error, "has host bits set", func(d *Design) { d.Networks[0].IPv6 = "2001:db8:1::1/48" }, nil},
	{"ipv6-subnet-invalid", Error, "but VPC prod has no IPv6 block", func(d *Design) { d.FindVPC("prod").IPv6 = "" }, nil},
	{"ipv6-subnet-invalid", Error, "DNS64 answers IPv6 clients", func(d *Design) { tierByName(d, "prod", "data").DNS64 = true },
		func(d *Design) { tierByName(d, "prod", "app").DNS64 = true }},
	{"ipv6-subnet-invalid", Error, "block holds indexes 0 to 255", func(d *Design) {
		tierByName(d, "prod", "app").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.9.0/24", IPv6: 256, HasIPv6: true}}
	}, func(d *Design) {
		tierByName(d, "prod", "app").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.9.0/24", IPv6: 255, HasIPv6: true}}
	}},
	{"ipv6-subnet-invalid", Error, "but the tier is IPv6-only", func(d *Design) {
		tierByName(d, "prod", "pods").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.9.0/24", IPv6: 9, HasIPv6: true}}
	}, func(d *Design) {
		tierByName(d, "prod", "pods").Subnets = []Subnet{{AZ: "us-east-1a", IPv6: 9, HasIPv6: true}}
	}},
	{"ipv6-subnet-invalid", Error, "gets no /64 in us-east-1a, us-east-1b: VPC shared's IPv6 block has no free one (16 in all)", func(d *Design) {
		v := d.FindVPC("shared")
		v.IPv6 = "2600:1f18:100::/60"
		for i := range 8 {
			v.Tiers = append(v.Tiers, Tier{Name: fmt.Sprintf("more%d", i), Kind: TierIsolated, IPv6: TierDualStack, Prefix: 24})
		}
	}, func(d *Design) {
		v := d.FindVPC("shared")
		v.IPv6 = "2600:1f18:100::/60"
		for i := range 7 {
			v.Tiers = append(v.Tiers, Tier{Name: fmt.Sprintf("more%d", i), Kind: TierIsolated, IPv6: TierDualStack, Prefix: 24})
		}
	}},
	{"ipv6-subnet-invalid", Warning, "is IPv6-only, so its prefix /24 carves nothing", func(d *Design) { tierByName(d, "prod", "pods").Prefix = 24 }, nil},
	{"ipv6-subnet-overlap", Error, "which subnet of tier public in us-east-1a already uses", func(d *Design) {
		tierByName(d, "prod", "public").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.8.0/24", IPv6: 5, HasIPv6: true}}
		tierByName(d, "prod", "app").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.9.0/24", IPv6: 5, HasIPv6: true}}
	}, func(d *Design) {
		tierByName(d, "prod", "public").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.8.0/24", IPv6: 5, HasIPv6: true}}
		tierByName(d, "prod", "app").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.9.0/24", IPv6: 6, HasIPv6: true}}
	}},
	{"ipv6-overlap", Error, "IPv6 block 2001:db8:1::/48 overlaps VPC shared's 2001:db8:1::/56, and a connection joins them", func(d *Design) { d.FindVPC("shared").IPv6 = "2001:db8:1::/56" },
		func(d *Design) { d.FindVPC("shared").IPv6 = "2001:db8:1::/56"; d.Connections = d.Connections[1:] }},
	{"ipv6-public-private", Error, "private tier app routes ::/0 to the internet gateway in us-east-1a, so its subnets are public for IPv6", func(d *Design) {
		tierByName(d, "prod", "app").Routes = []Route{{To: "0.0.0.0/0", Via: ViaNAT}, {To: "::/0", Via: ViaInternetGateway}}
	}, func(d *Design) {
		tierByName(d, "prod", "app").Routes = []Route{{To: "0.0.0.0/0", Via: ViaNAT}, {To: "::/0", Via: ViaEgressOnly}}
	}},
	{"ipv6-no-egress-only", Warning, "private tier app has IPv6 but no route to the IPv6 internet", func(d *Design) {
		tierByName(d, "prod", "app").Routes = []Route{{To: "0.0.0.0/0", Via: ViaNAT}}
	}, func(d *Design) {
		tierByName(d, "prod", "app").Routes = []Route{{To: "0.0.0.0/0", Via: ViaNAT}, {To: "2000::/3", Via: ViaEgressOnly}}
	}},
	{"ipv6-only-no-nat64", Warning, "it has neither DNS64 nor a NAT64 route", func(d *Design) { tierByName(d, "prod", "pods").DNS64 = false },
		// Workloads that reach only IPv6 addresses need no NAT64.
		func(d *Design) {
			tierByName(d, "prod", "pods").DNS64 = false
			d.FindVPC("prod").FindSecurityGroup("pods").Egress = []Rule{{To: "::/0", Ports: "443"}}
		}},
	{"ipv6-only-no-nat64", Warning, "it has no route for 64:ff9b::/96 to a NAT gateway", func(d *Design) {
		tierByName(d, "prod", "pods").Routes = []Route{{To: "::/0", Via: ViaEgressOnly}}
	}, func(d *Design) {
		tierByName(d, "prod", "pods").Routes = []Route{{To: "::/0", Via: ViaEgressOnly}, {To: "64:ff9b::/96", Via: ViaNAT}}
	}},
	{"reserve-no-room", Warning, "tier app reserves 301 more subnets (reserve 300, reserved_azs 1) but 50 do not fit in VPC prod", func(d *Design) { tierByName(d, "prod", "app").Reserve = 300 },
		func(d *Design) { tierByName(d, "prod", "app").Reserve = 200 }},
	{"reserved-space-taken", Warning, "subnet 10.0.2.0/24 of tier data in us-east-1a takes tier public's reserved space 10.0.2.0/24", func(d *Design) {
		pinPublic(d)
		tierByName(d, "prod", "data").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.2.0/24"}}
	}, func(d *Design) {
		pinPublic(d)
		tierByName(d, "prod", "data").Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.200.0/24"}}
	}},
	{"cidr-invalid", Error, "space reserved by tier public \"10.0.2.1/24\" has host bits set", func(d *Design) {
		pinPublic(d)
		tierByName(d, "prod", "public").Reserved[0].CIDR = "10.0.2.1/24"
	}, func(d *Design) { pinPublic(d) }},
	// The world-open checks count ::/0 as the whole internet.
	{"sg-world-open", Error, "including high-risk ports 22", func(d *Design) {
		g := d.FindVPC("prod").FindSecurityGroup("pods")
		g.Ingress = append(g.Ingress, Rule{From: "::/0", Ports: "22"})
	}, func(d *Design) {
		g := d.FindVPC("prod").FindSecurityGroup("pods")
		g.Ingress = append(g.Ingress, Rule{From: "2001:db8:1::/48", Ports: "22"})
	}},
}

func TestIPv6ValidationCodes(t *testing.T) {
	if fs := Validate(mustParse(t, ipv6Base)); len(fs) > 0 {
		t.Fatalf("the IPv6 base design must validate clean: %v", fs)
	}
	// Saved (every /64 and reserved block written down), it stays clean.
	if fs := Validate(saved(t, mustParse(t, ipv6Base))); len(fs) > 0 {
		t.Fatalf("the saved IPv6 base design must validate clean: %v", fs)
	}
	checkCodeCases(t, ipv6Cases, func() *Design { return mustParse(t, ipv6Base) }, Validate)
}

// The derived IPv6 routes: ::/0 to the internet gateway from a public
// tier, to the egress-only gateway from a private one, NAT64's prefix to
// the AZ's NAT gateway from an IPv6-only tier with DNS64; an explicit
// block's local route; Lookup answers IPv6 addresses.
func TestIPv6DerivedRoutes(t *testing.T) {
	d := mustParse(t, ipv6Base)
	l := Resolve(d)
	r := NewRouting(l)
	for _, tc := range []struct {
		vpc, tier, az, addr string
		want                TargetKind
		nat                 string
	}{
		{"prod", "public", "us-east-1a", "2001:4860:4860::8888", TargetInternetGateway, ""},
		{"prod", "app", "us-east-1b", "2001:4860:4860::8888", TargetEgressOnly, ""},
		{"prod", "app", "us-east-1b", "8.8.8.8", TargetNAT, "us-east-1b"},
		{"prod", "pods", "us-east-1b", "64:ff9b::808:808", TargetNAT, "us-east-1b"},
		{"prod", "pods", "us-east-1a", "2001:4860:4860::8888", TargetEgressOnly, ""},
		{"shared", "svc", "us-east-1a", "2600:1f18:100:1::5", TargetLocal, ""},
	} {
		vi := slicesIndexVPC(d, tc.vpc)
		ti := slicesIndexTier(&d.VPCs[vi], tc.tier)
		e, ok := r.Table(vi, ti, tc.az).Lookup(mustAddr(tc.addr))
		if !ok || e.Target != tc.want || e.NATAZ != tc.nat {
			t.Errorf("%s/%s in %s to %s: %+v %v, want %s %s", tc.vpc, tc.tier, tc.az, tc.addr, e, ok, tc.want, tc.nat)
		}
	}
	// No IPv6 internet route from a pods table in a VPC without NAT64's
	// NAT: the pods table (IPv6-only) has no IPv4 default route.
	vi := slicesIndexVPC(d, "prod")
	if _, ok := r.Table(vi, slicesIndexTier(&d.VPCs[vi], "pods"), "us-east-1a").Lookup(mustAddr("8.8.8.8")); ok {
		t.Error("an IPv6-only tier has an IPv4 route to the internet")
	}
	// An IPv4-only tier of a dual-stack VPC gets no IPv6 routes.
	if _, ok := r.Table(vi, slicesIndexTier(&d.VPCs[vi], "data"), "us-east-1a").Lookup(mustAddr("2001:4860:4860::8888")); ok {
		t.Error("an IPv4-only tier routes IPv6")
	}
}

func mustAddr(s string) netip.Addr { return netip.MustParseAddr(s) }

func slicesIndexVPC(d *Design, name string) int {
	return slices.IndexFunc(d.VPCs, func(v VPC) bool { return v.Name == name })
}

func slicesIndexTier(v *VPC, name string) int {
	return slices.IndexFunc(v.Tiers, func(t Tier) bool { return t.Name == name })
}

// pinPublic writes the public tier down as a save does: its subnets and its
// reserved block.
func pinPublic(d *Design) {
	pub := tierByName(d, "prod", "public")
	pub.Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.0.0/24", IPv6: 0, HasIPv6: true}, {AZ: "us-east-1b", CIDR: "10.0.1.0/24", IPv6: 1, HasIPv6: true}}
	pub.Reserved = []Subnet{{CIDR: "10.0.2.0/24", IPv6: 2, HasIPv6: true}}
}

// ipv6Table answers IPv6 lookups as the whole table does.
func TestIPv6TableMatchesTable(t *testing.T) {
	d := mustParse(t, ipv6Base)
	d.FindVPC("shared").FindTier("svc").Kind = TierPrivate // derived ::/0, plus the peering's IPv4 routes
	r := NewRouting(Resolve(d))
	for vi := range d.VPCs {
		for ti := range d.VPCs[vi].Tiers {
			for _, az := range []string{"us-east-1a", "us-east-1b"} {
				for _, a := range []string{"2001:4860:4860::8888", "64:ff9b::808:808", "2600:1f18:100:3::1"} {
					full, ok1 := r.Table(vi, ti, az).Lookup(mustAddr(a))
					six, ok2 := r.ipv6Table(nil, vi, ti, az).Lookup(mustAddr(a))
					if full != six || ok1 != ok2 {
						t.Errorf("%s/%s %s %s: table %+v %v, ipv6Table %+v %v", d.VPCs[vi].Name, d.VPCs[vi].Tiers[ti].Name, az, a, full, ok1, six, ok2)
					}
				}
			}
		}
	}
}

// An IPv6-only private tier without DNS64 needs no NAT: no NAT gateway is
// placed for it, and `nat: none` leaves it an egress (the egress-only
// gateway), unlike an IPv4 private tier.
func TestIPv6OnlyTierNeedsNoNAT(t *testing.T) {
	d := mustParse(t, ipv6Base)
	prod := d.FindVPC("prod")
	prod.Tiers = []Tier{prod.Tiers[0], prod.Tiers[2]} // public and pods
	prod.Tiers[1].DNS64 = false
	prod.FindSecurityGroup("pods").Egress = []Rule{{To: "::/0", Ports: "443"}}
	l := Resolve(d)
	if nats := NATPlacement(&l.VPCs[0]); len(nats) != 0 {
		t.Errorf("NAT gateways placed for an IPv6-only tier: %v", nats)
	}
	prod.NAT = NATNone
	if fs := findingsWith(Validate(d), "private-no-egress"); len(fs) > 0 {
		t.Errorf("an IPv6-only tier reported without egress: %v", fs)
	}
	prod.Tiers[1].IPv6, prod.Tiers[1].Prefix = TierDualStack, 24
	if fs := findingsWith(Validate(d), "private-no-egress"); len(fs) == 0 {
		t.Error("a dual-stack private tier under nat: none is not reported")
	}
}
