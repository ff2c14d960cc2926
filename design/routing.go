package design

import (
	"net/netip"
	"slices"
	"strings"
)

// TargetKind is where a route sends traffic.
type TargetKind string

// The kinds of route target.
const (
	TargetLocal           TargetKind = "local"
	TargetInternetGateway TargetKind = "internet-gateway"
	TargetNAT             TargetKind = "nat"
	TargetConnection      TargetKind = "connection" // a peering, transit gateway or VPN
	TargetEndpoint        TargetKind = "endpoint"   // a gateway endpoint's prefix list
	TargetBlackhole       TargetKind = "blackhole"
	// TargetEgressOnly is an egress-only internet gateway: IPv6 out to the
	// internet, nothing in, as NAT is for IPv4.
	TargetEgressOnly TargetKind = "egress-only-internet-gateway"
)

// RouteEntry is one route of a subnet's effective route table.
type RouteEntry struct {
	// Dest is the destination; the zero Prefix for a gateway endpoint,
	// whose destination is its service's prefix list (Service).
	Dest    netip.Prefix
	Service string
	Target  TargetKind
	// NATAZ is the AZ of the NAT gateway a TargetNAT route uses.
	NATAZ string
	// Conn is the connection a TargetConnection route uses.
	Conn string
	// Explicit is the index in Tier.Routes of the written route this entry
	// comes from; -1 when it is derived (or local, or a gateway endpoint).
	Explicit int
}

// RouteTable is a subnet's effective route table: the local routes, then
// the routes written or derived for its tier, then its gateway endpoints.
type RouteTable struct {
	Entries []RouteEntry
}

// Lookup returns the route that traffic to addr takes: the longest prefix
// that contains it, as a VPC router picks. Gateway-endpoint routes match no
// address (their prefix lists are AWS's, not the design's).
func (rt RouteTable) Lookup(addr netip.Addr) (RouteEntry, bool) {
	best, found := RouteEntry{}, false
	for _, e := range rt.Entries {
		if e.Dest.IsValid() && e.Dest.Contains(addr) && (!found || e.Dest.Bits() > best.Dest.Bits()) {
			best, found = e, true
		}
	}
	return best, found
}

// Endpoint reports whether the table routes the gateway endpoint service.
func (rt RouteTable) Endpoint(service string) bool {
	return slices.ContainsFunc(rt.Entries, func(e RouteEntry) bool { return e.Target == TargetEndpoint && e.Service == service })
}

// Routing answers route questions about a Layout: the effective route
// table of every subnet, and transit gateways' route tables. It computes
// each VPC's connection routes once, on first use.
type Routing struct {
	l         *Layout
	vpcIndex  map[string]int // made on first use (index)
	connIndex map[string]int
	derived   map[int][]RouteEntry // a VPC's derived connection routes
	connsOf   map[string][]int     // VPC name → its routed connections (connectionsOf)
	hubs      map[int]*hubIndex    // a transit gateway's member blocks, by connection (derivedLookup)
	nats      map[int][]string     // a VPC's NAT AZs
	// scans counts the name lookups answered by a scan (see scanLookups).
	scans int
}

// scanLookups is how many name lookups a Routing answers by scanning the
// design before it builds its indexes. The designer makes a Routing for
// one subnet's table on every keystroke; at 100k subnets indexing every
// VPC and connection for that took 5 ms, where a few scans take
// microseconds. Bulk callers (validation, reach, export) pass the
// threshold at once and get the indexes.
const scanLookups = 8

// scanning reports whether this lookup should scan rather than index.
func (r *Routing) scanning() bool {
	if r.scans >= scanLookups {
		return false
	}
	r.scans++
	return true
}

// NewRouting prepares route answers for l. It is cheap: what it needs is
// computed on first use, so the designer can make one per selection.
func NewRouting(l *Layout) *Routing {
	return &Routing{l: l, derived: map[int][]RouteEntry{}, nats: map[int][]string{}}
}

// index builds the name indexes on first use.
func (r *Routing) index() {
	if r.vpcIndex != nil {
		return
	}
	d := r.l.Design
	r.vpcIndex, r.connIndex = make(map[string]int, len(d.VPCs)), make(map[string]int, len(d.Connections))
	for i := range d.VPCs {
		if _, dup := r.vpcIndex[d.VPCs[i].Name]; !dup {
			r.vpcIndex[d.VPCs[i].Name] = i
		}
	}
	for i := range d.Connections {
		if _, dup := r.connIndex[d.Connections[i].Name]; !dup {
			r.connIndex[d.Connections[i].Name] = i
		}
	}
}

// Connection returns the connection named name, or nil.
func (r *Routing) Connection(name string) *Connection {
	if r.connIndex == nil && r.scanning() {
		for i := range r.l.Design.Connections {
			if r.l.Design.Connections[i].Name == name {
				return &r.l.Design.Connections[i]
			}
		}
		return nil
	}
	r.index()
	if i, ok := r.connIndex[name]; ok {
		return &r.l.Design.Connections[i]
	}
	return nil
}

// VPCLayout returns the layout of the VPC named name, or nil.
func (r *Routing) VPCLayout(name string) *VPCLayout {
	if r.vpcIndex == nil && r.scanning() {
		for i := range r.l.Design.VPCs {
			if r.l.Design.VPCs[i].Name == name {
				return &r.l.VPCs[i]
			}
		}
		return nil
	}
	r.index()
	if i, ok := r.vpcIndex[name]; ok {
		return &r.l.VPCs[i]
	}
	return nil
}

// NATAZs returns the AZs of VPC vi that have a NAT gateway.
func (r *Routing) NATAZs(vi int) []string {
	if azs, ok := r.nats[vi]; ok {
		return azs
	}
	azs := NATPlacement(&r.l.VPCs[vi])
	r.nats[vi] = azs
	return azs
}

// natFor returns the NAT gateway AZ a derived private route in az uses: its
// own AZ's under per-az, else the first NAT's; "" when the VPC has none.
func (r *Routing) natFor(vi int, az string) string {
	azs := r.NATAZs(vi)
	if len(azs) == 0 {
		return ""
	}
	if slices.Contains(azs, az) {
		return az
	}
	return azs[0]
}

// Table returns the effective route table of tier ti's subnet in az, in
// VPC vi.
func (r *Routing) Table(vi, ti int, az string) RouteTable {
	vl := &r.l.VPCs[vi]
	t := vl.Tiers[ti].Tier
	rt := RouteTable{Entries: make([]RouteEntry, 0, len(vl.CIDRs)+len(t.Routes)+2)}
	var seen map[netip.Prefix]bool
	r.eachRoute(vi, ti, az, func(e RouteEntry) {
		// The first route to a destination wins, as the exporter writes.
		// Tables hold tens of routes, where a scan beats a map; a hub
		// member's derived table holds one route per member, and there
		// the scan would make every table quadratic.
		if e.Dest.IsValid() {
			if seen == nil && len(rt.Entries) >= 32 {
				seen = make(map[netip.Prefix]bool, 2*len(rt.Entries))
				for _, o := range rt.Entries {
					seen[o.Dest] = true
				}
			}
			if seen != nil {
				if seen[e.Dest] {
					return
				}
				seen[e.Dest] = true
			} else if slices.ContainsFunc(rt.Entries, func(o RouteEntry) bool { return o.Dest == e.Dest }) {
				return
			}
		}
		rt.Entries = append(rt.Entries, e)
	})
	return rt
}

// Lookup returns the route traffic from tier ti's subnet in az to addr
// takes: what Table(vi, ti, az).Lookup(addr) answers, without building the
// table (a hub member's derived table holds a route per member, and a
// question about the whole design asks thousands of them). Of routes to
// the same prefix the first counts, as in Table.
func (r *Routing) Lookup(vi, ti int, az string, addr netip.Addr) (RouteEntry, bool) {
	best, found := RouteEntry{}, false
	consider := func(e RouteEntry) {
		if e.Dest.IsValid() && e.Dest.Contains(addr) && (!found || e.Dest.Bits() > best.Dest.Bits()) {
			best, found = e, true
		}
	}
	// The derived connection routes are asked for addr alone
	// (derivedLookup): a hub member's would be a route per member, and
	// building them for every member is quadratic in the hub's size.
	r.walkRoutes(vi, ti, az, consider, func() { r.derivedLookup(vi, addr, consider) })
	return best, found
}

// eachRoute calls add with every route of tier ti's table in az, in table
// order (duplicates included: the first of them is the one that counts):
// the local routes, the written routes or the derived ones, then the
// gateway endpoints.
func (r *Routing) eachRoute(vi, ti int, az string, add func(RouteEntry)) {
	r.walkRoutes(vi, ti, az, add, func() {
		for _, e := range r.connectionRoutes(vi) {
			add(e)
		}
	})
}

// walkRoutes is eachRoute with the derived connection routes left to
// derived, which Lookup answers without listing them.
func (r *Routing) walkRoutes(vi, ti int, az string, add func(RouteEntry), derived func()) {
	vl := &r.l.VPCs[vi]
	t := vl.Tiers[ti].Tier
	for _, c := range vl.CIDRs {
		add(RouteEntry{Dest: c, Target: TargetLocal, Explicit: -1})
	}
	if vl.IPv6.IsValid() {
		// An Amazon-provided block's local route is AWS's to know.
		add(RouteEntry{Dest: vl.IPv6, Target: TargetLocal, Explicit: -1})
	}
	if t.Routes != nil {
		for i, w := range t.Routes {
			if w.AZs != nil && !slices.Contains(w.AZs, az) {
				continue
			}
			target, ok := r.parseVia(w.Via, az)
			if !ok {
				continue
			}
			target.Explicit = i
			for _, p := range r.Destinations(w.To) {
				e := target
				e.Dest = p
				add(e)
			}
		}
	} else {
		switch t.Kind {
		case TierPublic:
			if t.HasIPv4() {
				add(RouteEntry{Dest: defaultRoute4, Target: TargetInternetGateway, Explicit: -1})
			}
		case TierPrivate:
			if nat := r.natFor(vi, az); nat != "" && t.HasIPv4() {
				add(RouteEntry{Dest: defaultRoute4, Target: TargetNAT, NATAZ: nat, Explicit: -1})
			}
		}
		var six [2]RouteEntry
		for _, e := range r.derivedIPv6(six[:0], vi, t, az) {
			add(e)
		}
		derived()
	}
	for _, svc := range r.gatewayEndpointsOn(vi, ti) {
		add(RouteEntry{Service: svc, Target: TargetEndpoint, Explicit: -1})
	}
}

var defaultRoute4 = netip.MustParsePrefix("0.0.0.0/0")

// AZIndependent reports whether tier ti of VPC vi has the same effective
// table in every AZ, so that one table answers for all of its subnets.
func (r *Routing) AZIndependent(vi, ti int) bool {
	t := r.l.VPCs[vi].Tiers[ti].Tier
	if t.Routes == nil {
		return t.Kind != TierPrivate && !usesNAT64(t) || len(r.NATAZs(vi)) <= 1
	}
	for _, w := range t.Routes {
		if w.AZs != nil || w.Via == ViaNAT {
			return false
		}
	}
	return true
}

// Destinations returns the prefixes a route's `to` means: a CIDR, every
// block of a VPC, or a network's range; nil when it names nothing known.
func (r *Routing) Destinations(to string) []netip.Prefix {
	switch {
	case strings.HasPrefix(to, "vpc:"):
		if vl := r.VPCLayout(strings.TrimPrefix(to, "vpc:")); vl != nil {
			return vl.CIDRs
		}
		return nil
	case strings.HasPrefix(to, "network:"):
		name := strings.TrimPrefix(to, "network:")
		for i := range r.l.Design.Networks {
			if r.l.Design.Networks[i].Name == name && r.l.Networks[i].IsValid() {
				return []netip.Prefix{r.l.Networks[i]}
			}
		}
		return nil
	}
	if p, err := ParseCIDR(to); err == nil {
		return []netip.Prefix{p}
	}
	if p, err := ParseIPv6CIDR(to); err == nil {
		return []netip.Prefix{p}
	}
	return nil
}

// parseVia reads a written route's target for a subnet in az.
func (r *Routing) parseVia(via, az string) (RouteEntry, bool) {
	switch {
	case via == ViaInternetGateway:
		return RouteEntry{Target: TargetInternetGateway}, true
	case via == ViaNAT:
		return RouteEntry{Target: TargetNAT, NATAZ: az}, true
	case via == ViaBlackhole:
		return RouteEntry{Target: TargetBlackhole}, true
	case via == ViaEgressOnly:
		return RouteEntry{Target: TargetEgressOnly}, true
	case strings.HasPrefix(via, viaNATPrefix):
		return RouteEntry{Target: TargetNAT, NATAZ: strings.TrimPrefix(via, viaNATPrefix)}, true
	case strings.HasPrefix(via, viaConnPrefix):
		return RouteEntry{Target: TargetConnection, Conn: strings.TrimPrefix(via, viaConnPrefix)}, true
	}
	return RouteEntry{}, false
}

// connectionRoutes returns the routes every derived table of VPC vi gets
// from its connections, in design order: a peering to the peer's blocks, a
// transit gateway to the other members' blocks and networks, a VPN to its
// network.
func (r *Routing) connectionRoutes(vi int) []RouteEntry {
	if es, ok := r.derived[vi]; ok {
		return es
	}
	d := r.l.Design
	me := d.VPCs[vi].Name
	out := []RouteEntry{}
	to := func(conn string, ps []netip.Prefix) {
		for _, p := range ps {
			out = append(out, RouteEntry{Dest: p, Target: TargetConnection, Conn: conn, Explicit: -1})
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
			if !slices.Contains(c.VPCs, me) {
				continue
			}
			for _, other := range c.VPCs {
				if other != me {
					to(c.Name, r.Destinations("vpc:"+other))
				}
			}
			for _, n := range c.Networks {
				to(c.Name, r.Destinations("network:"+n))
			}
		case ConnVPN:
			if c.VPC == me {
				to(c.Name, r.Destinations("network:"+c.Network))
			}
		}
	}
	r.derived[vi] = out
	return out
}

// connectionsOf returns the indexes of the routed connections (peerings,
// transit gateways, VPNs) that name VPC vpc, in design order. The index is
// built once, in one pass, so that each VPC's routes cost what its own
// connections do rather than a scan of them all.
func (r *Routing) connectionsOf(vpc string) []int {
	if r.connsOf == nil && r.scanning() {
		var of []int
		for ci := range r.l.Design.Connections {
			if slices.Contains(routedVPCs(&r.l.Design.Connections[ci]), vpc) {
				of = append(of, ci)
			}
		}
		return of
	}
	if r.connsOf == nil {
		r.connsOf = map[string][]int{}
		for ci := range r.l.Design.Connections {
			names := routedVPCs(&r.l.Design.Connections[ci])
			for i, n := range names {
				if !slices.Contains(names[:i], n) {
					r.connsOf[n] = append(r.connsOf[n], ci)
				}
			}
		}
	}
	return r.connsOf[vpc]
}

// routedVPCs names the VPCs whose route tables a connection adds routes
// to: a peering's and a transit gateway's members, a VPN's VPC.
func routedVPCs(c *Connection) []string {
	switch c.Kind {
	case ConnPeering, ConnTransitGateway:
		return c.VPCs
	case ConnVPN:
		return []string{c.VPC}
	}
	return nil
}

// gatewayEndpointsOn returns the gateway endpoint services on tier ti's
// table: the tier's `gateway_endpoints` when written, else the VPC's
// gateway endpoints on every non-public tier (or on every tier, when the
// VPC has only public ones), as the exporter has always placed them.
func (r *Routing) gatewayEndpointsOn(vi, ti int) []string {
	vl := &r.l.VPCs[vi]
	v := vl.VPC
	t := vl.Tiers[ti].Tier
	var out []string
	for _, svc := range v.Endpoints {
		if !IsGatewayEndpoint(svc) || slices.Contains(out, svc) {
			continue
		}
		if t.GatewayEndpoints != nil {
			if slices.Contains(t.GatewayEndpoints, svc) {
				out = append(out, svc)
			}
			continue
		}
		if t.Kind != TierPublic || !vl.HasNonPublicSubnets() {
			out = append(out, svc)
		}
	}
	return out
}

// HasNonPublicSubnets reports whether the VPC has a subnet in a tier that
// is not public: its derived gateway-endpoint routes then stay off the
// public tiers' tables (gatewayEndpointsOn). The diff compares it to know
// whether those tables can differ.
func (vl *VPCLayout) HasNonPublicSubnets() bool {
	for _, tl := range vl.Tiers {
		if tl.Tier.Kind != TierPublic && len(tl.Subnets) > 0 {
			return true
		}
	}
	return false
}
