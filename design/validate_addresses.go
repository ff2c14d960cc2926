package design

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

func init() {
	checks = append(checks, checkCIDRs, checkSubnets, checkVPCOverlap, checkSecondaryCIDRs, checkNoRoom)
}

// cidr reports a CIDR that does not parse or has host bits set; it returns
// the parsed prefix when it is usable. The element's path and description
// are built only when there is something to report: this runs once per
// subnet.
func (v *validator) cidr(s string, pos Position, describe func() (path, what string)) (netip.Prefix, bool) {
	p, err := ParseCIDR(s)
	if err == nil {
		return p, true
	}
	path, what := describe()
	var hb *HostBitsError
	if errors.As(err, &hb) {
		v.add(Error, "cidr-invalid", path, pos, "%s %q has host bits set; use the network address %s", what, s, hb.Network)
	} else {
		v.add(Error, "cidr-invalid", path, pos, "%s: %v", what, err)
	}
	return netip.Prefix{}, false
}

func (v *validator) prefixRange(p netip.Prefix, pos Position, describe func() (path, what string)) bool {
	if p.Bits() >= MinPrefix && p.Bits() <= MaxPrefix {
		return true
	}
	path, what := describe()
	v.add(Error, "prefix-out-of-range", path, pos, "%s %s is a /%d; AWS allows /%d to /%d", what, p, p.Bits(), MinPrefix, MaxPrefix)
	return false
}

// reservedIPv4 are ranges no VPC can hold: AWS refuses them (EC2's
// InvalidVpc.Range) since they are not unicast addresses a host can have.
var reservedIPv4 = []struct {
	p    netip.Prefix
	what string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\" (RFC 1122)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback (RFC 1122)"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local (RFC 3927), where AWS's own metadata and DNS addresses live"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast (RFC 5771)"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved for future use (RFC 1112) and broadcast"},
}

// privateIPv4 are the ranges a VPC is meant to use: RFC 1918's, the shared
// space of RFC 6598 (100.64.0.0/10, AWS's usual secondary range) and the
// benchmarking range of RFC 2544 (AWS accepts 198.19.0.0/16).
var privateIPv4 = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("198.18.0.0/15"),
}

// addressSpace reports a VPC block that AWS refuses (multicast, loopback,
// link-local, …) as an error, and one of publicly routable space (AWS
// accepts it, but the VPC then hides the real hosts of that range and
// gets no internet access for it) as a warning.
func (v *validator) addressSpace(p netip.Prefix, pos Position, describe func() (path, what string)) {
	for _, r := range reservedIPv4 {
		if r.p.Overlaps(p) {
			path, what := describe()
			v.add(Error, "vpc-cidr-reserved", path, pos, "%s %s is in %s, %s: AWS does not accept it for a VPC; use a block of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16", what, p, r.p, r.what)
			return
		}
	}
	for _, r := range privateIPv4 {
		if r.Overlaps(p) {
			return
		}
	}
	path, what := describe()
	v.add(Warning, "vpc-cidr-public", path, pos, "%s %s is publicly routable address space, not private (RFC 1918): the hosts on the internet at those addresses become unreachable from the VPC, and AWS gives the block no direct internet access; use a block of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 unless the range is yours", what, p)
}

func checkCIDRs(v *validator) {
	d := v.d
	for i := range d.Networks {
		n := &d.Networks[i]
		if n.CIDR != "" {
			v.cidr(n.CIDR, n.Pos("cidr"), func() (string, string) { return networkPath(n), "network " + n.Name + " CIDR" })
		}
	}
	for i := range d.VPCs {
		vpc := &d.VPCs[i]
		describe := func() (string, string) { return vpcPath(vpc), "VPC " + vpc.Name + " CIDR" }
		if vpc.CIDR != "" {
			if p, ok := v.cidr(vpc.CIDR, vpc.Pos("cidr"), describe); ok {
				v.prefixRange(p, vpc.Pos("cidr"), describe)
				v.addressSpace(p, vpc.Pos("cidr"), describe)
			}
		}
		describeSecondary := func() (string, string) { return vpcPath(vpc), "VPC " + vpc.Name + " secondary CIDR" }
		for _, s := range vpc.SecondaryCIDRs {
			if p, ok := v.cidr(s, vpc.Pos("secondary_cidrs"), describeSecondary); ok {
				v.prefixRange(p, vpc.Pos("secondary_cidrs"), describeSecondary)
			}
		}
		for ti := range vpc.Tiers {
			t := &vpc.Tiers[ti]
			if t.Prefix != 0 && (t.Prefix < MinPrefix || t.Prefix > MaxPrefix) {
				v.add(Error, "prefix-out-of-range", tierPath(vpc, t), t.Pos("prefix"), "tier %s has prefix /%d; subnets must be /%d to /%d", t.Name, t.Prefix, MinPrefix, MaxPrefix)
			}
			for si := range t.Subnets {
				s := &t.Subnets[si]
				describe := func() (string, string) {
					return tierPath(vpc, t) + ".subnets." + s.AZ, "subnet of tier " + t.Name + " in " + s.AZ
				}
				if s.CIDR == "" && t.IPv6 == TierIPv6Only {
					continue // an IPv6-only subnet: its /64 is checked with the IPv6 rules
				}
				if p, ok := v.cidr(s.CIDR, s.Pos("cidr"), describe); ok {
					v.prefixRange(p, s.Pos("cidr"), describe)
				}
			}
		}
	}
}

// placedSubnet is a resolved subnet with what is needed to name it.
type placedSubnet struct {
	span span
	vpc  *VPC
	tier *Tier
	sl   SubnetLayout
}

func (p placedSubnet) path() string { return tierPath(p.vpc, p.tier) + ".subnets." + p.sl.AZ }
func (p placedSubnet) pos() Position {
	if p.sl.Explicit >= 0 {
		return p.tier.Subnets[p.sl.Explicit].Pos("cidr")
	}
	return p.tier.Pos("prefix")
}
func (p placedSubnet) String() string {
	return fmt.Sprintf("%s (tier %s, %s)", p.sl.Prefix, p.tier.Name, p.sl.AZ)
}

// checkSubnets finds subnets outside their VPC and overlapping subnets. It
// sorts each VPC's subnets once and sweeps, so it stays O(n log n) in the
// number of subnets rather than comparing every pair.
func checkSubnets(v *validator) {
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		var subnets []placedSubnet
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			for _, sl := range tl.Subnets {
				if sl.Prefix.IsValid() {
					subnets = append(subnets, placedSubnet{spanOf(sl.Prefix), vl.VPC, tl.Tier, sl})
				}
			}
		}
		pools := make([]span, len(vl.CIDRs))
		for i, c := range vl.CIDRs {
			pools[i] = spanOf(c)
		}
		for _, s := range subnets {
			if len(pools) == 0 {
				break // the VPC CIDR itself is reported
			}
			inside := false
			for _, p := range pools {
				if p.contains(s.span) {
					inside = true
					break
				}
			}
			if !inside {
				v.add(Error, "subnet-outside-vpc", s.path(), s.pos(), "subnet %s is not inside VPC %s's CIDRs (%s)", s, vl.VPC.Name, joinPrefixes(vl.CIDRs))
			}
		}
		sort.Slice(subnets, func(i, j int) bool { return subnets[i].span.lo < subnets[j].span.lo })
		var widest placedSubnet
		for i, s := range subnets {
			if i > 0 && s.span.lo <= widest.span.hi {
				v.add(Error, "subnet-overlap", s.path(), s.pos(), "subnet %s overlaps %s%s", s, widest, freeHint(vl, s.sl.Prefix.Bits()))
			}
			if i == 0 || s.span.hi > widest.span.hi {
				widest = s
			}
		}
	}
}

// freeHint suggests a free block of the size of an overlapping subnet:
// "; 10.0.9.0/24 is free", or that the VPC has none.
func freeHint(vl *VPCLayout, bits int) string {
	if p, ok := vl.FreeBlock(bits); ok {
		return "; " + p.String() + " is free"
	}
	return fmt.Sprintf("; VPC %s has no free /%d", vl.VPC.Name, bits)
}

func joinPrefixes(ps []netip.Prefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}

// addressOwner is a VPC or a network holding one CIDR.
type addressOwner struct {
	span span
	key  string // vpc:NAME or network:NAME
	cidr netip.Prefix
	path string
	pos  Position
}

// checkVPCOverlap finds overlapping address space between VPCs and
// networks. Overlap between parties that a connection joins breaks routing,
// so it is an error; other overlaps are a warning, since connecting them
// later will be impossible.
func checkVPCOverlap(v *validator) {
	d := v.d
	var owners []addressOwner
	for i := range v.l.Networks {
		if p := v.l.Networks[i]; p.IsValid() {
			n := &d.Networks[i]
			owners = append(owners, addressOwner{spanOf(p), networkKey(n.Name), p, networkPath(n), n.Pos("cidr")})
		}
	}
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		for _, p := range vl.CIDRs {
			owners = append(owners, addressOwner{spanOf(p), vpcKey(vl.VPC.Name), p, vpcPath(vl.VPC), vl.VPC.Pos("cidr")})
		}
	}
	sort.SliceStable(owners, func(i, j int) bool { return owners[i].span.lo < owners[j].span.lo })
	conn := v.conn
	// Unconnected overlaps are gathered per owner and reported once each, so
	// an organisation that reuses 10.0.0.0/16 in fifty isolated VPCs gets
	// fifty warnings, not 1,225.
	unconnected := map[int][]string{}
	var active []int
	for i, o := range owners {
		kept := active[:0]
		for _, a := range active {
			if owners[a].span.hi >= o.span.lo {
				kept = append(kept, a)
			}
		}
		active = kept
		for _, a := range active {
			other := owners[a]
			if other.key == o.key {
				continue // a VPC's own blocks: checked with the secondary CIDR rules
			}
			if strings.HasPrefix(o.key, "network:") && strings.HasPrefix(other.key, "network:") && !conn.connected(o.key, other.key) {
				continue // two networks outside AWS that no transit gateway joins
			}
			if conn.connected(o.key, other.key) {
				v.add(Error, "vpc-overlap", o.path, o.pos, "%s %s overlaps %s %s, and a connection joins them: routes between them cannot work", describeKey(o.key), o.cidr, describeKey(other.key), other.cidr)
				continue
			}
			unconnected[i] = append(unconnected[i], fmt.Sprintf("%s %s", describeKey(other.key), other.cidr))
		}
		active = append(active, i)
	}
	for i, o := range owners {
		others := unconnected[i]
		if len(others) == 0 || !strings.HasPrefix(o.key, "vpc:") {
			if len(others) == 0 {
				continue
			}
		}
		shown := others
		more := ""
		if len(shown) > 5 {
			shown, more = shown[:5], fmt.Sprintf(" and %d more", len(others)-5)
		}
		v.add(Warning, "vpc-overlap", o.path, o.pos, "%s %s overlaps %s%s; they cannot be connected later without renumbering", describeKey(o.key), o.cidr, strings.Join(shown, ", "), more)
	}
}

func describeKey(key string) string {
	kind, name, _ := strings.Cut(key, ":")
	if kind == "vpc" {
		return "VPC " + name
	}
	return "network " + name
}

var (
	rfc1918      = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16")}
	benchmarkNet = netip.MustParsePrefix("198.19.0.0/16")
	ten15        = netip.MustParsePrefix("10.0.0.0/15")
	ten16        = netip.MustParsePrefix("10.0.0.0/16")
	sharedSpace  = netip.MustParsePrefix("100.64.0.0/10")
	p172_31      = netip.MustParsePrefix("172.31.0.0/16")
)

// checkSecondaryCIDRs applies AWS's association restrictions for secondary
// CIDR blocks, which depend on the range of the primary block.
func checkSecondaryCIDRs(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		if !vl.Primary.IsValid() || len(vl.CIDRs) < 2 {
			continue
		}
		primary := vl.Primary
		for j, sec := range vl.CIDRs[1:] {
			reason := secondaryRestriction(primary, sec)
			for _, earlier := range vl.CIDRs[:j+1] {
				if reason == "" && earlier.Overlaps(sec) {
					reason = fmt.Sprintf("it overlaps the VPC's block %s", earlier)
				}
			}
			if reason != "" {
				v.add(Error, "secondary-cidr-restricted", vpcPath(vpc), vpc.Pos("secondary_cidrs"), "VPC %s cannot associate secondary CIDR %s: %s", vpc.Name, sec, reason)
			}
		}
	}
}

func secondaryRestriction(primary, sec netip.Prefix) string {
	if sharedSpace.Contains(sec.Addr()) && sec.Bits() >= sharedSpace.Bits() {
		return ""
	}
	within := func(outer netip.Prefix, p netip.Prefix) bool {
		return outer.Bits() <= p.Bits() && outer.Contains(p.Addr())
	}
	switch {
	case within(rfc1918[0], primary):
		for _, r := range []netip.Prefix{rfc1918[1], rfc1918[2], benchmarkNet} {
			if r.Overlaps(sec) {
				return fmt.Sprintf("with a primary block in 10.0.0.0/8, blocks from %s are restricted", r)
			}
		}
		if within(ten15, primary) && ten16.Overlaps(sec) {
			return "with a primary block in 10.0.0.0/15, blocks from 10.0.0.0/16 are restricted"
		}
	case within(rfc1918[1], primary):
		if p172_31.Overlaps(sec) {
			return "with a primary block in 172.16.0.0/12, 172.31.0.0/16 is restricted"
		}
		for _, r := range []netip.Prefix{rfc1918[0], rfc1918[2]} {
			if r.Overlaps(sec) {
				return fmt.Sprintf("with a primary block in 172.16.0.0/12, other RFC 1918 ranges (%s) are restricted", r)
			}
		}
	case within(rfc1918[2], primary):
		for _, r := range []netip.Prefix{rfc1918[0], rfc1918[1], benchmarkNet} {
			if r.Overlaps(sec) {
				return fmt.Sprintf("with a primary block in 192.168.0.0/16, blocks from %s are restricted", r)
			}
		}
	}
	return ""
}

// checkNoRoom reports tiers whose carved subnets did not fit, with how much
// space is left and the largest free block.
func checkNoRoom(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			if len(tl.NoRoom) == 0 || len(vl.CIDRs) == 0 {
				continue
			}
			largest := "none"
			best := 33
			for _, f := range vl.Free {
				if f.Bits() < best {
					best, largest = f.Bits(), f.String()
				}
			}
			v.add(Error, "no-room", tierPath(vl.VPC, tl.Tier), tl.Tier.Pos("prefix"),
				"tier %s needs a /%d in %s but VPC %s has no free aligned /%d; %d addresses are free (largest free block %s): use a longer prefix, remove a subnet or add a secondary CIDR",
				tl.Tier.Name, tl.Tier.Prefix, strings.Join(tl.NoRoom, ", "), vl.VPC.Name, tl.Tier.Prefix, vl.FreeAddresses, largest)
		}
	}
}
