package design

import (
	"net/netip"
	"os"
	"testing"
)

func loadTestdata(t *testing.T, name string) *Layout {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return Resolve(d)
}

func findTierAt(t *testing.T, l *Layout, vpc, tier string) (int, int) {
	t.Helper()
	for vi := range l.VPCs {
		if l.VPCs[vi].VPC.Name != vpc {
			continue
		}
		for ti := range l.VPCs[vi].Tiers {
			if l.VPCs[vi].Tiers[ti].Tier.Name == tier {
				return vi, ti
			}
		}
	}
	t.Fatalf("no tier %s/%s", vpc, tier)
	return -1, -1
}

func TestRoutingTables(t *testing.T) {
	l := loadTestdata(t, "routing.yaml")
	r := NewRouting(l)
	cases := []struct {
		vpc, tier, az, to string
		target            TargetKind
		detail            string // NAT AZ or connection
		missing           bool
	}{
		// Derived: a public tier goes to the internet gateway and, with no
		// written routes, to every member of its transit gateway.
		{"inspection", "public", "us-east-1a", "8.8.8.8", TargetInternetGateway, "", false},
		{"inspection", "public", "us-east-1b", "10.1.0.5", TargetConnection, "hub", false},
		// Written: the firewall tier's own NAT per AZ, and 10/8 to the hub.
		{"inspection", "firewall", "us-east-1b", "1.1.1.1", TargetNAT, "us-east-1b", false},
		{"inspection", "firewall", "us-east-1a", "10.2.0.9", TargetConnection, "hub", false},
		// The VPC's own range stays local over the written 10/8.
		{"inspection", "firewall", "us-east-1a", "10.0.3.1", TargetLocal, "", false},
		// A route present in one AZ only.
		{"inspection", "tgw", "us-east-1a", "1.1.1.1", TargetNAT, "us-east-1a", false},
		{"inspection", "tgw", "us-east-1b", "1.1.1.1", TargetNAT, "us-east-1b", false},
		{"inspection", "tgw", "us-east-1a", "10.99.1.1", TargetBlackhole, "", false},
		// A written table has no derived connection routes: the tgw tier
		// reaches spoke-a only through its default route's NAT (longest
		// prefix is 0/0 here).
		{"inspection", "tgw", "us-east-1a", "10.1.0.1", TargetNAT, "us-east-1a", false},
		{"spoke-a", "app", "us-east-1a", "8.8.8.8", TargetConnection, "hub", false},
	}
	for _, c := range cases {
		vi, ti := findTierAt(t, l, c.vpc, c.tier)
		e, ok := r.Table(vi, ti, c.az).Lookup(netip.MustParseAddr(c.to))
		if ok == c.missing {
			t.Errorf("%s/%s/%s → %s: found %v", c.vpc, c.tier, c.az, c.to, ok)
			continue
		}
		detail := e.NATAZ + e.Conn
		if e.Target != c.target || detail != c.detail {
			t.Errorf("%s/%s/%s → %s: got %s %q, want %s %q", c.vpc, c.tier, c.az, c.to, e.Target, detail, c.target, c.detail)
		}
	}
	// Gateway endpoints: written empty on the public tier, derived (s3) on
	// the other tiers.
	vi, pub := findTierAt(t, l, "inspection", "public")
	_, fw := findTierAt(t, l, "inspection", "firewall")
	if r.Table(vi, pub, "us-east-1a").Endpoint("s3") || !r.Table(vi, fw, "us-east-1a").Endpoint("s3") {
		t.Errorf("s3 endpoint placement: public %v, firewall %v", r.Table(vi, pub, "us-east-1a").Endpoint("s3"), r.Table(vi, fw, "us-east-1a").Endpoint("s3"))
	}
}

func TestTGWSegmentation(t *testing.T) {
	l := loadTestdata(t, "routing.yaml")
	v := NewRouting(l).TGW("hub")
	if v == nil {
		t.Fatal("no view of hub")
	}
	cases := []struct {
		from TGWMember
		to   string
		next TGWMember
		ok   bool
	}{
		{VPCMember("spoke-a"), "10.2.0.1", VPCMember("inspection"), true}, // spoke to spoke goes to inspection (0/0)
		{VPCMember("spoke-a"), "10.3.0.1", "", false},                     // blackhole
		{VPCMember("inspection"), "10.2.0.1", VPCMember("spoke-b"), true}, // propagated into the firewall table
		{VPCMember("inspection"), "8.8.8.8", "", false},                   // nothing propagates 0/0
		{NetworkMember("datacenter"), "10.1.0.1", VPCMember("inspection"), true},
		{VPCMember("nobody"), "10.1.0.1", "", false},
	}
	for _, c := range cases {
		next, _, ok, why := v.Next(c.from, netip.MustParseAddr(c.to))
		if ok != c.ok || next != c.next {
			t.Errorf("%s → %s: got %q %v (%s), want %q %v", c.from, c.to, next, ok, why, c.next, c.ok)
		}
	}
	// Default association and propagation off: no default table.
	for _, tb := range v.Tables {
		if tb.Name == DefaultTGWRouteTable {
			t.Errorf("a default table exists with both defaults off")
		}
	}
}

func TestTGWDefaults(t *testing.T) {
	d := &Design{Version: 1, Region: "us-east-1",
		VPCs:        []VPC{{Name: "a", CIDR: "10.1.0.0/16", AZs: AZSpec{Count: 1}}, {Name: "b", CIDR: "10.2.0.0/16", AZs: AZSpec{Count: 1}}},
		Connections: []Connection{{Name: "t", Kind: ConnTransitGateway, VPCs: []string{"a", "b"}}}}
	v := NewRouting(Resolve(d)).TGW("t")
	next, table, ok, _ := v.Next(VPCMember("a"), netip.MustParseAddr("10.2.3.4"))
	if !ok || next != VPCMember("b") || table != DefaultTGWRouteTable {
		t.Errorf("default table: got %q via %q %v", next, table, ok)
	}
}

// Lookup answers as the built table does, for every subnet and a spread
// of addresses (the VPCs' own, other VPCs', networks', the internet's).
func TestLookupAgreesWithTable(t *testing.T) {
	for _, name := range []string{"routing.yaml", "reference.yaml"} {
		l := loadTestdata(t, name)
		r := NewRouting(l)
		var probes []netip.Addr
		for _, vl := range l.VPCs {
			for _, c := range vl.CIDRs {
				probes = append(probes, c.Addr(), c.Addr().Next().Next().Next().Next())
			}
		}
		for _, p := range l.Networks {
			if p.IsValid() {
				probes = append(probes, p.Addr())
			}
		}
		probes = append(probes, netip.MustParseAddr("8.8.8.8"), netip.MustParseAddr("10.99.1.1"), netip.MustParseAddr("10.3.0.1"))
		for vi, vl := range l.VPCs {
			for ti, tl := range vl.Tiers {
				for _, az := range tl.AZs {
					table := r.Table(vi, ti, az)
					for _, a := range probes {
						want, wok := table.Lookup(a)
						got, gok := r.Lookup(vi, ti, az, a)
						if want != got || wok != gok {
							t.Errorf("%s %s/%s/%s → %s: Lookup %+v %v, Table %+v %v", name, vl.VPC.Name, tl.Tier.Name, az, a, got, gok, want, wok)
						}
					}
				}
			}
		}
	}
}
