package design

import (
	"net/netip"
	"slices"
)

// tgwIndexMin is the table size from which Lookup uses an index: a hub's
// table holds a propagated route per member, and a scan of a thousand
// routes per lookup made "who can reach X" grow with the square of the hub
// (every member's question scans every member's route).
const tgwIndexMin = 32

// tgwIndex finds a table's longest matching route by prefix length: the
// lengths its routes use, longest first, and the route each masked prefix
// routes by (the first, or the first static one: Lookup's tie rule).
type tgwIndex struct {
	bits     []int
	byPrefix map[netip.Prefix]int
}

// index builds t's index when the table is large enough to need one.
func (t *TGWTable) index() {
	if len(t.Entries) < tgwIndexMin {
		return
	}
	ix := &tgwIndex{byPrefix: make(map[netip.Prefix]int, len(t.Entries))}
	for i, e := range t.Entries {
		if !e.Dest.IsValid() {
			continue
		}
		k := e.Dest.Masked()
		if j, ok := ix.byPrefix[k]; !ok || (t.Entries[j].Propagated && !e.Propagated) {
			ix.byPrefix[k] = i
		}
		if !slices.Contains(ix.bits, k.Bits()) {
			ix.bits = append(ix.bits, k.Bits())
		}
	}
	slices.SortFunc(ix.bits, func(a, b int) int { return b - a })
	t.ix = ix
}

// lookup is Lookup by the index: the longest prefix length with a route
// for addr's prefix of that length.
func (ix *tgwIndex) lookup(t *TGWTable, addr netip.Addr) (TGWRouteEntry, bool) {
	for _, b := range ix.bits {
		p, err := addr.Prefix(b)
		if err != nil {
			continue // a length of the other address family
		}
		if i, ok := ix.byPrefix[p]; ok {
			return t.Entries[i], true
		}
	}
	return TGWRouteEntry{}, false
}
