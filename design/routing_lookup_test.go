package design_test

import (
	"net/netip"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// Lookup answers a hub member's route from the transit gateway's index
// (derivedLookup); on a generated design with a hub of many members, with
// VPN-free peerings and a network on the gateway, it agrees with the full
// table for an address of every VPC, of the network and of the internet.
func TestLookupAgreesWithTableOnAHub(t *testing.T) {
	shape := gen.ForSubnets(2_000)
	d := gen.Design(shape)
	l := design.Resolve(d)
	r := design.NewRouting(l)
	probes := []netip.Addr{netip.MustParseAddr("172.16.0.9"), netip.MustParseAddr("8.8.8.8")}
	for _, vl := range l.VPCs {
		for _, c := range vl.CIDRs {
			probes = append(probes, c.Addr().Next())
		}
	}
	hubs := 0
	for vi, vl := range l.VPCs {
		if vi%10 == 0 {
			hubs++
		}
		for ti, tl := range vl.Tiers {
			az := tl.AZs[0]
			table := r.Table(vi, ti, az)
			for _, a := range probes {
				want, wok := table.Lookup(a)
				got, gok := r.Lookup(vi, ti, az, a)
				if want != got || wok != gok {
					t.Fatalf("%s/%s/%s → %s: Lookup %+v %v, Table %+v %v", vl.VPC.Name, tl.Tier.Name, az, a, got, gok, want, wok)
				}
			}
		}
	}
	if hubs < 5 {
		t.Fatalf("only %d hub members: the design does not exercise the index", hubs)
	}
}
