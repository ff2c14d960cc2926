package design

import "net/netip"

// The IPv6 routes vpcsmith derives, and the prefixes they use.
var (
	// DefaultRoute6 is IPv6's default route.
	DefaultRoute6 = netip.MustParsePrefix("::/0")
	// NAT64Prefix is the well-known prefix (RFC 6052) that DNS64 answers
	// with for IPv4-only names, and that a NAT gateway translates to IPv4.
	NAT64Prefix = netip.MustParsePrefix("64:ff9b::/96")
)

// usesNAT64 reports whether a derived table of tier t routes the NAT64
// prefix to a NAT gateway: an IPv6-only tier whose workloads reach IPv4
// services through DNS64.
func usesNAT64(t *Tier) bool { return t.IPv6 == TierIPv6Only && t.DNS64 && t.Kind != TierIsolated }

// derivedIPv6 returns the IPv6 routes a derived table of tier t in az gets
// in VPC vi: ::/0 to the internet gateway from a public tier, to the
// egress-only internet gateway from a private one (outbound only, as NAT
// is for IPv4), and NAT64's prefix to the NAT gateway from an IPv6-only
// tier with DNS64.
func (r *Routing) derivedIPv6(out []RouteEntry, vi int, t *Tier, az string) []RouteEntry {
	if !t.HasIPv6() || !r.l.VPCs[vi].VPC.HasIPv6() {
		return out
	}
	switch t.Kind {
	case TierPublic:
		out = append(out, RouteEntry{Dest: DefaultRoute6, Target: TargetInternetGateway, Explicit: -1})
	case TierPrivate:
		out = append(out, RouteEntry{Dest: DefaultRoute6, Target: TargetEgressOnly, Explicit: -1})
	}
	if usesNAT64(t) {
		if nat := r.natFor(vi, az); nat != "" {
			out = append(out, RouteEntry{Dest: NAT64Prefix, Target: TargetNAT, NATAZ: nat, Explicit: -1})
		}
	}
	return out
}

// UsesNAT reports whether a private tier's subnets send traffic to a NAT
// gateway: for IPv4, or for NAT64 (an IPv6-only tier with DNS64). An
// IPv6-only tier without DNS64 reaches the internet through the
// egress-only gateway alone.
func (t *Tier) UsesNAT() bool { return t.Kind == TierPrivate && (t.HasIPv4() || usesNAT64(t)) }

// ipv6Table returns the IPv6 routes of tier ti's table in az, for IPv6
// questions: the whole table when the tier writes its routes, else only
// the derived IPv6 routes. A derived table's other routes (the VPC's local
// IPv4 blocks, connections to other VPCs' and networks' IPv4 blocks) never
// match an IPv6 address, and on a transit gateway hub of 800 VPCs building
// them for every subnet is most of the work of validating.
//
// buf is reused for the entries (validation asks for every subnet).
func (r *Routing) ipv6Table(buf []RouteEntry, vi, ti int, az string) RouteTable {
	t := r.l.VPCs[vi].Tiers[ti].Tier
	if t.Routes != nil {
		return r.Table(vi, ti, az)
	}
	rt := RouteTable{Entries: r.derivedIPv6(buf[:0], vi, t, az)}
	if b := r.l.VPCs[vi].IPv6; b.IsValid() {
		rt.Entries = append(rt.Entries, RouteEntry{Dest: b, Target: TargetLocal, Explicit: -1})
	}
	return rt
}
