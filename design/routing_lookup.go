package design

import (
	"net/netip"
	"slices"
)

// derivedLookup calls consider with the derived connection routes of VPC vi
// that can contain addr, in connectionRoutes' order, as far as Lookup needs
// them: every route of a peering or VPN, and of each transit gateway only
// the first of its longest routes containing addr. Lookup keeps the first
// of the longest routes, so the answer is the one connectionRoutes' full
// list gives (TestLookupAgreesWithTable).
func (r *Routing) derivedLookup(vi int, addr netip.Addr, consider func(RouteEntry)) {
	d := r.l.Design
	me := d.VPCs[vi].Name
	to := func(conn string, ps []netip.Prefix) {
		for _, p := range ps {
			consider(RouteEntry{Dest: p, Target: TargetConnection, Conn: conn, Explicit: -1})
		}
	}
	for _, ci := range r.connectionsOf(me) {
		c := &d.Connections[ci]
		switch c.Kind {
		case ConnPeering:
			if len(c.VPCs) == 2 && (c.VPCs[0] == me) != (c.VPCs[1] == me) {
				peer := c.VPCs[0]
				if peer == me {
					peer = c.VPCs[1]
				}
				to(c.Name, r.Destinations("vpc:"+peer))
			}
		case ConnTransitGateway:
			if slices.Contains(c.VPCs, me) {
				if p, ok := r.hub(ci).longest(addr, me); ok {
					consider(RouteEntry{Dest: p, Target: TargetConnection, Conn: c.Name, Explicit: -1})
				}
			}
		case ConnVPN:
			if c.VPC == me {
				to(c.Name, r.Destinations("network:"+c.Network))
			}
		}
	}
}

// hubIndex holds the destinations a transit gateway gives its members'
// derived tables (every member's blocks, then its networks), by prefix, so
// that a member's route to an address is found in a map look-up per prefix
// length rather than a scan of every member.
type hubIndex struct {
	byPrefix map[netip.Prefix][]hubDest
	lengths  []int // the prefix lengths present, longest first
}

// hubDest is one destination and whose block it is: a VPC's (its name)
// or a network's.
type hubDest struct {
	dest    netip.Prefix
	owner   string
	network bool
}

func (r *Routing) hub(ci int) *hubIndex {
	if h, ok := r.hubs[ci]; ok {
		return h
	}
	c := &r.l.Design.Connections[ci]
	h := &hubIndex{byPrefix: map[netip.Prefix][]hubDest{}}
	add := func(owner string, network bool, ps []netip.Prefix) {
		for _, p := range ps {
			if !p.IsValid() {
				continue
			}
			h.byPrefix[p.Masked()] = append(h.byPrefix[p.Masked()], hubDest{dest: p, owner: owner, network: network})
			if !slices.Contains(h.lengths, p.Bits()) {
				h.lengths = append(h.lengths, p.Bits())
			}
		}
	}
	for _, v := range c.VPCs {
		add(v, false, r.Destinations("vpc:"+v))
	}
	for _, n := range c.Networks {
		add(n, true, r.Destinations("network:"+n))
	}
	slices.SortFunc(h.lengths, func(a, b int) int { return b - a })
	if r.hubs == nil {
		r.hubs = map[int]*hubIndex{}
	}
	r.hubs[ci] = h
	return h
}

// longest returns the longest destination containing addr that is not a
// block of VPC me (a member has no route over the gateway to itself).
func (h *hubIndex) longest(addr netip.Addr, me string) (netip.Prefix, bool) {
	for _, bits := range h.lengths {
		if bits > addr.BitLen() {
			continue
		}
		p, err := addr.Prefix(bits)
		if err != nil {
			continue
		}
		for _, d := range h.byPrefix[p] {
			if d.network || d.owner != me {
				return d.dest, true
			}
		}
	}
	return netip.Prefix{}, false
}
