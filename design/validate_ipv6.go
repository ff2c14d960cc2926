package design

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

func init() {
	checks = append(checks, checkIPv6Blocks, checkIPv6Subnets, checkIPv6Overlaps, checkIPv6Routes, checkReservedSpace)
}

// AWS's IPv6 block sizes: a VPC's block from BYOIP or IPAM is /44 to /60
// in steps of /4 (Amazon's is always a /56); subnets are /44 to /64 in
// steps of /4, and vpcsmith carves /64s.
const (
	MinIPv6VPCBits = 44
	MaxIPv6VPCBits = 60
)

// ipv6Probe is an address on the IPv6 internet (2001:4860::8888, a public
// resolver's) that a table's ::/0 route, or a more specific one, carries.
var (
	ipv6Probe  = netip.MustParseAddr("2001:4860:4860::8888")
	nat64Probe = netip.MustParseAddr("64:ff9b::808:808") // 8.8.8.8 through NAT64
)

// checkIPv6Blocks checks each VPC's and network's IPv6 block against AWS's
// rules.
func checkIPv6Blocks(v *validator) {
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		if vpc.IPv6 == "" || vpc.IPv6 == IPv6Amazon {
			continue
		}
		p, err := ParseIPv6CIDR(vpc.IPv6)
		switch {
		case err != nil:
			v.add(Error, "ipv6-block-invalid", vpcPath(vpc), vpc.Pos("ipv6"), "VPC %s: %v; write `ipv6: amazon` for an Amazon-provided /56, or the block BYOIP or IPAM gave you", vpc.Name, err)
		case p.Bits() < MinIPv6VPCBits || p.Bits() > MaxIPv6VPCBits || p.Bits()%4 != 0:
			v.add(Error, "ipv6-block-invalid", vpcPath(vpc), vpc.Pos("ipv6"), "VPC %s's IPv6 block %s is a /%d; AWS takes /%d to /%d in steps of /4 from BYOIP or IPAM (Amazon's blocks are /56)", vpc.Name, p, p.Bits(), MinIPv6VPCBits, MaxIPv6VPCBits)
		}
	}
	for i := range v.d.Networks {
		n := &v.d.Networks[i]
		if n.IPv6 == "" {
			continue
		}
		if _, err := ParseIPv6CIDR(n.IPv6); err != nil {
			v.add(Error, "ipv6-block-invalid", networkPath(n), n.Pos("ipv6"), "network %s: %v", n.Name, err)
		}
	}
}

// checkIPv6Subnets checks each tier's IPv6 keys and each subnet's /64
// index: in the block, used once, and only where the tier and VPC have
// IPv6. Names and paths are made only for a finding: at 100,000 subnets a
// string per subnet is most of the check's garbage.
func checkIPv6Subnets(v *validator) {
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		vpc := vl.VPC
		var used indexSet // /64 indexes seen in the VPC
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			t := tl.Tier
			switch {
			case t.HasIPv6() && !vpc.HasIPv6():
				v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("ipv6"), "tier %s is %s but VPC %s has no IPv6 block: add `ipv6: amazon` to the VPC", t.Name, t.IPv6, vpc.Name)
				continue
			case t.AssignIPv6 != nil && !t.HasIPv6():
				v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("assign_ipv6"), "tier %s sets assign_ipv6 but has no IPv6: set `ipv6: dual-stack`, or remove assign_ipv6", t.Name)
			case t.AssignIPv6 != nil && !*t.AssignIPv6 && t.IPv6 == TierIPv6Only:
				v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("assign_ipv6"), "tier %s is IPv6-only, where an interface has no other address, so its subnets assign IPv6 on creation: remove `assign_ipv6: false`", t.Name)
			case t.DNS64 && !t.HasIPv6():
				v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("dns64"), "tier %s turns on DNS64 but has no IPv6: DNS64 answers IPv6 clients; set `ipv6: ipv6-only` (or dual-stack), or remove dns64", t.Name)
			case t.IPv6 == TierIPv6Only && t.Prefix != 0:
				v.add(Warning, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("prefix"), "tier %s is IPv6-only, so its prefix /%d carves nothing: remove it", t.Name, t.Prefix)
			}
			if len(tl.IPv6NoRoom) > 0 {
				v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t), t.Pos("ipv6"), "tier %s gets no /64 in %s: VPC %s's IPv6 block has no free one (%d in all)", t.Name, strings.Join(tl.IPv6NoRoom, ", "), vpc.Name, vl.IPv6Slots)
			}
			for si := range tl.Subnets {
				s := &tl.Subnets[si]
				if s.Explicit >= 0 {
					if w := &t.Subnets[s.Explicit]; w.CIDR != "" && t.IPv6 == TierIPv6Only {
						v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t)+".subnets."+s.AZ, w.Pos("cidr"), "subnet of tier %s in %s has IPv4 CIDR %s but the tier is IPv6-only: remove the cidr, or make the tier dual-stack", t.Name, s.AZ, w.CIDR)
					}
				}
				if !s.HasIPv6 {
					continue
				}
				if !t.HasIPv6() || !vpc.HasIPv6() {
					v.add(Error, "ipv6-subnet-invalid", tierPath(vpc, t)+".subnets."+s.AZ, indexPos(t, s), "subnet of tier %s in %s has /64 index %d but the tier has no IPv6: set the tier's `ipv6`, or remove the index", t.Name, s.AZ, s.IPv6)
					continue
				}
				v.ipv6Index(vl, &used, ti, si, false)
			}
			for ri := range tl.Reserved {
				if tl.Reserved[ri].HasIPv6 {
					v.ipv6Index(vl, &used, ti, ri, true)
				}
			}
		}
	}
}

// indexPos is where a subnet's /64 index is written, or its tier's ipv6
// key for a carved one.
func indexPos(t *Tier, s *SubnetLayout) Position {
	if s.Explicit >= 0 {
		return t.Subnets[s.Explicit].Pos("ipv6")
	}
	return t.Pos("ipv6")
}

// ipv6Index checks the /64 index of subnet (or reserved block) k of tier
// ti: inside the block, and not used by what came before.
func (v *validator) ipv6Index(vl *VPCLayout, used *indexSet, ti, k int, reserved bool) {
	if vl.IPv6Slots == 0 {
		return // the block itself is reported
	}
	tl := &vl.Tiers[ti]
	t := tl.Tier
	var s *SubnetLayout
	var what func() (string, string, Position)
	if !reserved {
		s = &tl.Subnets[k]
		what = func() (string, string, Position) {
			return fmt.Sprintf("subnet of tier %s in %s", t.Name, s.AZ), tierPath(vl.VPC, t) + ".subnets." + s.AZ, indexPos(t, s)
		}
	} else {
		s = &tl.Reserved[k]
		what = func() (string, string, Position) {
			pos := t.Pos("reserve")
			if s.Explicit >= 0 {
				pos = t.Reserved[s.Explicit].Pos("ipv6")
			}
			return "space reserved by tier " + t.Name, tierPath(vl.VPC, t) + ".reserved", pos
		}
	}
	i := s.IPv6
	if i < 0 || int(i) >= vl.IPv6Slots {
		where, path, pos := what()
		v.add(Error, "ipv6-subnet-invalid", path, pos, "%s has /64 index %d; VPC %s's block holds indexes 0 to %d", where, i, vl.VPC.Name, vl.IPv6Slots-1)
		return
	}
	if used.has(int(i)) {
		where, path, pos := what()
		v.add(Error, "ipv6-subnet-overlap", path, pos, "%s has /64 index %d, which %s already uses: each subnet needs its own /64", where, i, firstUser(vl, i, ti, k, reserved))
		return
	}
	used.add(int(i))
}

// firstUser names what uses /64 index i before subnet (or reserved block)
// k of tier ti, in the order checkIPv6Subnets visits them.
func firstUser(vl *VPCLayout, i int32, ti, k int, reserved bool) string {
	for tj := 0; tj <= ti; tj++ {
		tl := &vl.Tiers[tj]
		for si, s := range tl.Subnets {
			if tj == ti && !reserved && si >= k {
				break
			}
			if s.HasIPv6 && s.IPv6 == i {
				return fmt.Sprintf("subnet of tier %s in %s", tl.Tier.Name, s.AZ)
			}
		}
		for ri, r := range tl.Reserved {
			if tj == ti && (!reserved || ri >= k) {
				break
			}
			if r.HasIPv6 && r.IPv6 == i {
				return "space reserved by tier " + tl.Tier.Name
			}
		}
	}
	return "another subnet"
}

// checkIPv6Overlaps reports written IPv6 blocks (BYOIP, IPAM, networks)
// that overlap across VPCs and networks a connection joins. Amazon's
// blocks are unique by construction.
func checkIPv6Overlaps(v *validator) {
	type block struct {
		key, path, what string
		p               netip.Prefix
		pos             Position
	}
	var blocks []block
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		if p, err := ParseIPv6CIDR(vpc.IPv6); err == nil {
			blocks = append(blocks, block{vpcKey(vpc.Name), vpcPath(vpc), "VPC " + vpc.Name, p, vpc.Pos("ipv6")})
		}
	}
	for i := range v.d.Networks {
		n := &v.d.Networks[i]
		if p, err := ParseIPv6CIDR(n.IPv6); err == nil {
			blocks = append(blocks, block{networkKey(n.Name), networkPath(n), "network " + n.Name, p, n.Pos("ipv6")})
		}
	}
	// Written IPv6 blocks are few (BYOIP and IPAM pools): pairs are fine.
	for i := range blocks {
		for j := range i {
			a, b := blocks[i], blocks[j]
			if a.p.Overlaps(b.p) && v.conn.connected(a.key, b.key) {
				v.add(Error, "ipv6-overlap", a.path, a.pos, "%s's IPv6 block %s overlaps %s's %s, and a connection joins them: routes between them cannot work", a.what, a.p, b.what, b.p)
			}
		}
	}
}

// checkIPv6Routes checks where each IPv6 tier's traffic to the IPv6
// internet and to IPv4 services goes.
func checkIPv6Routes(v *validator) {
	r := v.routing()
	var buf []RouteEntry
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		vpc := vl.VPC
		if !vpc.HasIPv6() {
			continue
		}
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			t := tl.Tier
			if !t.HasIPv6() || len(tl.AZs) == 0 {
				continue
			}
			path := tierPath(vpc, t)
			azs := tl.AZs
			if r.AZIndependent(vi, ti) {
				azs = azs[:1]
			}
			for _, az := range azs {
				rt := r.ipv6Table(buf, vi, ti, az)
				buf = rt.Entries
				out, ok := rt.Lookup(ipv6Probe)
				pos := t.Pos("routes")
				if ok && out.Explicit >= 0 {
					pos = t.Routes[out.Explicit].Pos("via")
				}
				switch {
				case t.Kind != TierPublic && ok && out.Target == TargetInternetGateway:
					v.add(Error, "ipv6-public-private", path, pos, "%s tier %s routes ::/0 to the internet gateway in %s, so its subnets are public for IPv6 (reachable from the internet): route it via egress-only-internet-gateway", t.Kind, t.Name, az)
				case t.Kind == TierPrivate && !ok:
					v.add(Warning, "ipv6-no-egress-only", path, pos, "private tier %s has IPv6 but no route to the IPv6 internet in %s: add {to: \"::/0\", via: egress-only-internet-gateway}", t.Name, az)
				}
				if t.IPv6 == TierIPv6Only && needsIPv4(vpc, t) {
					if nat, ok := rt.Lookup(nat64Probe); !t.DNS64 || !ok || nat.Target != TargetNAT {
						v.add(Warning, "ipv6-only-no-nat64", path, t.Pos("ipv6"), "IPv6-only tier %s has workloads whose security groups reach IPv4 addresses, but %s in %s: set `dns64: true` and route 64:ff9b::/96 via a NAT gateway (derived when the VPC has NAT)", t.Name, nat64Gap(t, ok && nat.Target == TargetNAT), az)
					}
				}
			}
		}
	}
}

func nat64Gap(t *Tier, routed bool) string {
	switch {
	case !t.DNS64 && !routed:
		return "it has neither DNS64 nor a NAT64 route"
	case !t.DNS64:
		return "it has no DNS64"
	}
	return "it has no route for 64:ff9b::/96 to a NAT gateway"
}

// needsIPv4 reports whether the workloads of IPv6-only tier t reach IPv4
// addresses: a security group on the tier whose egress is absent (all
// traffic) or allows an IPv4 range or the internet.
func needsIPv4(vpc *VPC, t *Tier) bool {
	for i := range vpc.Workloads {
		w := &vpc.Workloads[i]
		if w.Tier != t.Name {
			continue
		}
		g := vpc.FindSecurityGroup(w.SecurityGroup)
		if g == nil || g.Egress == nil {
			return true
		}
		for _, e := range g.Egress {
			if p, err := ParsePeer(e.To); err == nil && (p.Kind == PeerInternet || p.Kind == PeerCIDR && p.CIDR.Addr().Is4()) {
				return true
			}
		}
	}
	return false
}

// checkReservedSpace reports written subnets in space a tier reserves and
// reservations that did not fit.
func checkReservedSpace(v *validator) {
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		type res struct {
			p    netip.Prefix
			tier string
		}
		var reserved []res
		for ti := range vl.Tiers {
			for _, r := range vl.Tiers[ti].Reserved {
				if r.Prefix.IsValid() {
					reserved = append(reserved, res{r.Prefix, vl.Tiers[ti].Tier.Name})
				}
			}
		}
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			t := tl.Tier
			for ri := range t.Reserved {
				if r := &t.Reserved[ri]; r.CIDR != "" {
					v.cidr(r.CIDR, r.Pos("cidr"), func() (string, string) {
						return tierPath(vl.VPC, t) + ".reserved", "space reserved by tier " + t.Name
					})
				}
			}
			if tl.ReserveNoRoom > 0 {
				v.add(Warning, "reserve-no-room", tierPath(vl.VPC, t), t.Pos("prefix"), "tier %s reserves %d more subnets (reserve %d, reserved_azs %d) but %d do not fit in VPC %s: lower the reservation or add a secondary CIDR", t.Name, vl.VPC.ReservedSlots(t), max(t.Reserve, 0), max(vl.VPC.ReservedAZs, 0), tl.ReserveNoRoom, vl.VPC.Name)
			}
			for _, s := range tl.Subnets {
				if s.Explicit < 0 || !s.Prefix.IsValid() {
					continue
				}
				i := slices.IndexFunc(reserved, func(r res) bool { return r.p.Overlaps(s.Prefix) })
				if i < 0 {
					continue
				}
				whose := "tier " + reserved[i].tier + "'s"
				if reserved[i].tier == t.Name {
					whose = "its own tier's"
				}
				v.add(Warning, "reserved-space-taken", tierPath(vl.VPC, t)+".subnets."+s.AZ, t.Subnets[s.Explicit].Pos("cidr"), "subnet %s of tier %s in %s takes %s reserved space %s: move it to free space, or lower that tier's reserve or the VPC's reserved_azs", s.Prefix, t.Name, s.AZ, whose, reserved[i].p)
			}
		}
	}
}
