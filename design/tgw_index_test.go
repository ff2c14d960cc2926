package design

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

// TestTGWIndexIsTheScan: a table large enough for the index answers every
// lookup as the scan does (longest prefix; a static route beats a
// propagated one of the same prefix; else the first), on random tables
// with duplicate prefixes of both kinds and of both address families.
func TestTGWIndexIsTheScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 14))
	addr4 := func() netip.Addr {
		return netip.AddrFrom4([4]byte{10, byte(rng.IntN(4)), byte(rng.IntN(4)), byte(rng.IntN(256))})
	}
	for round := range 200 {
		var tab TGWTable
		for i := range tgwIndexMin + rng.IntN(64) {
			a := addr4()
			bits := []int{0, 8, 16, 24, 32}[rng.IntN(5)]
			if rng.IntN(8) == 0 {
				a, bits = netip.MustParseAddr("2600:1f18::"), []int{0, 32, 48}[rng.IntN(3)]
			}
			p, _ := a.Prefix(bits)
			tab.Entries = append(tab.Entries, TGWRouteEntry{Dest: p, Via: TGWMember("vpc:" + string(rune('a'+i%26))), Propagated: rng.IntN(2) == 0, Static: i})
		}
		scan := tab
		tab.index()
		if tab.ix == nil {
			t.Fatal("no index for a table of", len(tab.Entries))
		}
		for range 50 {
			a := addr4()
			if rng.IntN(8) == 0 {
				a = netip.MustParseAddr("2600:1f18::9")
			}
			got, gok := tab.Lookup(a)
			want, wok := scan.Lookup(a)
			if got != want || gok != wok {
				t.Fatalf("round %d, %s: index %+v %v, scan %+v %v", round, a, got, gok, want, wok)
			}
		}
	}
}
