package design

import (
	"net/netip"
	"slices"
	"strings"
)

// DefaultTGWRouteTable names a transit gateway's default route table, which
// exists when default association or propagation is on. A written route
// table may not take this name.
const DefaultTGWRouteTable = "default"

// TGWMember names an attachment of a transit gateway: "vpc:NAME" or
// "network:NAME".
type TGWMember string

// VPCMember and NetworkMember name a VPC's and a network's attachments.
func VPCMember(name string) TGWMember     { return TGWMember("vpc:" + name) }
func NetworkMember(name string) TGWMember { return TGWMember("network:" + name) }

// TGWRouteEntry is one route of a transit gateway route table.
type TGWRouteEntry struct {
	Dest       netip.Prefix
	Via        TGWMember // "" for a blackhole
	Blackhole  bool
	Propagated bool
	Static     int // index in the table's Routes; -1 when propagated
}

// TGWTable is a transit gateway route table as it routes: its static and
// propagated routes.
type TGWTable struct {
	Name    string
	Entries []TGWRouteEntry
	ix      *tgwIndex // a large table's (tgw_index.go); nil: Lookup scans
}

// Lookup returns the route traffic to addr takes: the longest prefix; a
// static route beats a propagated one of the same prefix, as in AWS.
func (t *TGWTable) Lookup(addr netip.Addr) (TGWRouteEntry, bool) {
	if t.ix != nil {
		return t.ix.lookup(t, addr)
	}
	best, found := TGWRouteEntry{}, false
	for _, e := range t.Entries {
		if !e.Dest.Contains(addr) {
			continue
		}
		if !found || e.Dest.Bits() > best.Dest.Bits() || (e.Dest.Bits() == best.Dest.Bits() && best.Propagated && !e.Propagated) {
			best, found = e, true
		}
	}
	return best, found
}

// TGWView is how one transit gateway routes: which table each attachment is
// associated with, and the tables' routes.
type TGWView struct {
	Conn    *Connection
	Members []TGWMember
	Tables  []TGWTable
	// assoc maps a member to the index in Tables of its associated table;
	// a member with no table is missing (its traffic is dropped).
	assoc map[TGWMember]int
}

// Members returns the attachments of a transit-gateway connection: its VPCs,
// then its networks.
func tgwMembers(c *Connection) []TGWMember {
	out := make([]TGWMember, 0, len(c.VPCs)+len(c.Networks))
	for _, v := range c.VPCs {
		out = append(out, VPCMember(v))
	}
	for _, n := range c.Networks {
		out = append(out, NetworkMember(n))
	}
	return out
}

// TGW returns how the transit gateway named conn routes, or nil when conn
// is not a transit-gateway connection.
func (r *Routing) TGW(conn string) *TGWView {
	c := r.Connection(conn)
	if c == nil || c.Kind != ConnTransitGateway {
		return nil
	}
	view := &TGWView{Conn: c, Members: tgwMembers(c), assoc: map[TGWMember]int{}}
	for i := range c.RouteTables {
		rt := &c.RouteTables[i]
		t := TGWTable{Name: rt.Name}
		for si, s := range rt.Routes {
			e := TGWRouteEntry{Static: si}
			if s.Via == ViaBlackhole {
				e.Blackhole = true
			} else {
				e.Via = TGWMember(s.Via)
			}
			for _, p := range r.Destinations(s.To) {
				e.Dest = p
				t.Entries = append(t.Entries, e)
			}
		}
		for _, m := range rt.Propagations {
			t.Entries = append(t.Entries, r.propagated(TGWMember(m))...)
		}
		for _, m := range rt.Associations {
			if _, taken := view.assoc[TGWMember(m)]; !taken {
				view.assoc[TGWMember(m)] = len(view.Tables)
			}
		}
		view.Tables = append(view.Tables, t)
	}
	if dt, ok := c.DefaultRouteTable(); ok {
		t := TGWTable{Name: dt.Name}
		for _, m := range dt.Propagations {
			t.Entries = append(t.Entries, r.propagated(TGWMember(m))...)
		}
		for _, m := range dt.Associations {
			view.assoc[TGWMember(m)] = len(view.Tables)
		}
		view.Tables = append(view.Tables, t)
	}
	for i := range view.Tables {
		view.Tables[i].index()
	}
	return view
}

// propagated returns the routes an attachment propagates: its VPC's blocks
// or its network's range.
func (r *Routing) propagated(m TGWMember) []TGWRouteEntry {
	var out []TGWRouteEntry
	for _, p := range r.Destinations(string(m)) {
		out = append(out, TGWRouteEntry{Dest: p, Via: m, Propagated: true, Static: -1})
	}
	return out
}

// TableOf returns the route table associated with member, or nil.
func (v *TGWView) TableOf(m TGWMember) *TGWTable {
	if i, ok := v.assoc[m]; ok {
		return &v.Tables[i]
	}
	return nil
}

// Associated lists the members associated with table ti, in member order.
func (v *TGWView) Associated(ti int) []TGWMember {
	var out []TGWMember
	for _, m := range v.Members {
		if i, ok := v.assoc[m]; ok && i == ti {
			out = append(out, m)
		}
	}
	return out
}

// Next returns the attachment traffic from member to addr leaves the
// gateway by: ok is false when it is dropped (no table, no route, or a
// blackhole), with why saying which.
func (v *TGWView) Next(from TGWMember, addr netip.Addr) (to TGWMember, table string, ok bool, why string) {
	t := v.TableOf(from)
	if t == nil {
		return "", "", false, "no route table is associated with the attachment of " + string(from)
	}
	e, found := t.Lookup(addr)
	switch {
	case !found:
		return "", t.Name, false, "route table " + t.Name + " has no route to " + addr.String()
	case e.Blackhole:
		return "", t.Name, false, "route table " + t.Name + " blackholes " + e.Dest.String()
	}
	return e.Via, t.Name, true, ""
}

// MemberName returns the VPC or network name of m and whether it is a VPC.
func (m TGWMember) MemberName() (name string, isVPC bool) {
	if s, ok := strings.CutPrefix(string(m), "vpc:"); ok {
		return s, true
	}
	return strings.TrimPrefix(string(m), "network:"), false
}

// maxTGWHops bounds the path through middleboxes a symmetry check follows.
const maxTGWHops = 4

// Path returns the attachments that traffic from one attachment to an
// address of another passes through before it leaves at to: each middlebox
// (an inspection VPC) is taken to send it back into the gateway, as its
// firewall does. ok is false when the gateway drops it.
func (view *TGWView) Path(from TGWMember, dst netip.Addr, to TGWMember) (via []TGWMember, ok bool) {
	cur := from
	for range maxTGWHops {
		next, _, reached, _ := view.Next(cur, dst)
		if !reached {
			return via, false
		}
		if next == to {
			return via, true
		}
		if slices.Contains(via, next) || next == from {
			return via, false // a loop
		}
		via = append(via, next)
		cur = next
	}
	return via, false
}
