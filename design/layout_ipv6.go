package design

import (
	"encoding/binary"
	"net/netip"
	"strings"
)

// Carving for IPv6 and for reserved space. A subnet's /64 is an index into
// the VPC's IPv6 block, carved first-fit in tier order like the IPv4 CIDRs
// and written down on save, so it never moves: for an Amazon-provided /56
// the addresses are unknown until AWS assigns them, and the index is all
// the design can keep. Reserved space is carved after each tier's subnets
// and written down too (`reserved`), so a tier or AZ added later never
// lands in it, and an AZ added to the tier itself takes it first.

// ParseIPv6CIDR parses an IPv6 CIDR as the format writes it; a CIDR with
// host bits set is an error naming the network address.
func ParseIPv6CIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
		return netip.Prefix{}, &cidrError{input: s, want: "an IPv6 CIDR such as 2600:1f18:1234:5600::/56"}
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, &HostBitsError{Input: s, Network: m}
	}
	return p, nil
}

// ParseAnyCIDR parses an IPv4 or an IPv6 CIDR (a network ACL rule's, a
// route's destination).
func ParseAnyCIDR(s string) (netip.Prefix, error) {
	if strings.Contains(s, ":") {
		return ParseIPv6CIDR(s)
	}
	return ParseCIDR(s)
}

type cidrError struct{ input, want string }

func (e *cidrError) Error() string { return "\"" + e.input + "\" is not " + e.want }

// IPv6BlockBits returns the prefix length of the VPC's IPv6 block as
// written (56 for Amazon's), or 0 when it has none or it does not parse.
func IPv6BlockBits(v *VPC) (netip.Prefix, int) {
	switch v.IPv6 {
	case "":
		return netip.Prefix{}, 0
	case IPv6Amazon:
		return netip.Prefix{}, AmazonIPv6Bits
	}
	p, err := ParseIPv6CIDR(v.IPv6)
	if err != nil {
		return netip.Prefix{}, 0
	}
	return p, p.Bits()
}

// SubnetIPv6 returns the /64 with index i of the VPC's IPv6 block, when
// the block's addresses are known (written in the file).
func (vl *VPCLayout) SubnetIPv6(i int32) (netip.Prefix, bool) {
	if !vl.IPv6.IsValid() || i < 0 || int(i) >= vl.IPv6Slots {
		return netip.Prefix{}, false
	}
	a := vl.IPv6.Addr().As16()
	binary.BigEndian.PutUint64(a[:8], binary.BigEndian.Uint64(a[:8])|uint64(i))
	return netip.PrefixFrom(netip.AddrFrom16(a), SubnetIPv6Bits), true
}

// ipv6Slots hands out a VPC's /64 indexes first-fit; inactive (no slots)
// for a VPC without a usable IPv6 block. Its set grows with the indexes
// used, not with the block (a /44 has 2^20).
type ipv6Slots struct {
	used  indexSet // taken indexes
	slots int
	next  int // every index below next is taken
}

func newIPv6Slots(vl *VPCLayout, v *VPC, pins []reservePins) *ipv6Slots {
	block, bits := IPv6BlockBits(v)
	s := &ipv6Slots{}
	// A /44, the largest block AWS allows, has 2^20 /64s (a 128 KiB
	// bitmap); a larger one is reported, not carved.
	if bits < MinIPv6VPCBits || bits > SubnetIPv6Bits {
		return s
	}
	vl.IPv6 = block
	s.slots = 1 << (SubnetIPv6Bits - bits)
	for ti := range vl.Tiers {
		for _, sl := range vl.Tiers[ti].Subnets {
			if sl.HasIPv6 {
				s.mark(sl.IPv6)
			}
		}
		t := vl.Tiers[ti].Tier
		for _, i := range pinsOf(pins, ti).all() {
			if t.Reserved[i].HasIPv6 {
				s.mark(t.Reserved[i].IPv6)
			}
		}
	}
	return s
}

func (s *ipv6Slots) active() bool { return s.slots > 0 }

func (s *ipv6Slots) mark(i32 int32) {
	if i := int(i32); i >= 0 && i < s.slots {
		s.used.add(i)
	}
}

// indexSet is a set of /64 indexes: a bitmap for the first 4,096, which
// carving fills densely, and a map beyond, so that a written index of a
// million in thousands of VPCs' /44s costs an entry, not a bitmap each.
type indexSet struct {
	bits []uint64
	far  map[int]bool
}

const denseIndexes = 4096

func (x *indexSet) add(i int) {
	if i >= denseIndexes {
		if x.far == nil {
			x.far = map[int]bool{}
		}
		x.far[i] = true
		return
	}
	for i/64 >= len(x.bits) {
		x.bits = append(x.bits, 0)
	}
	x.bits[i/64] |= 1 << (i % 64)
}

func (x *indexSet) has(i int) bool {
	if i >= denseIndexes {
		return x.far[i]
	}
	return i/64 < len(x.bits) && x.bits[i/64]&(1<<(i%64)) != 0
}

func (x *indexSet) len() int {
	n := len(x.far)
	for _, w := range x.bits {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// take returns the first free index, or false when the block is full.
func (s *ipv6Slots) take() (int32, bool) {
	for ; s.next < s.slots; s.next++ {
		if !s.used.has(s.next) {
			s.mark(int32(s.next))
			return int32(s.next), true
		}
	}
	return 0, false
}

// assign gives every subnet of a tier with IPv6 that has no /64 yet the
// next free index.
func (s *ipv6Slots) assign(tl *TierLayout) {
	if !s.active() || !tl.Tier.HasIPv6() {
		return
	}
	for i := range tl.Subnets {
		sl := &tl.Subnets[i]
		if sl.HasIPv6 {
			continue
		}
		if idx, ok := s.take(); ok {
			sl.IPv6, sl.HasIPv6 = idx, true
		} else {
			tl.IPv6NoRoom = append(tl.IPv6NoRoom, sl.AZ)
		}
	}
}

// finish records the VPC's IPv6 figures.
func (s *ipv6Slots) finish(vl *VPCLayout) {
	if !s.active() {
		return
	}
	used := s.used.len()
	for ti := range vl.Tiers {
		for _, r := range vl.Tiers[ti].Reserved {
			if r.HasIPv6 && r.IPv6 >= 0 && int(r.IPv6) < s.slots {
				vl.IPv6Reserved++
			}
		}
	}
	vl.IPv6Slots = s.slots
	vl.IPv6Free = max(s.slots-used, 0)
}

// reservePins is what a tier's written reserved blocks become: the ones a
// new AZ of the tier consumes (by AZ), and the ones that stay reserved.
type reservePins struct {
	consumeAZ []string
	consumeAt []int
	kept      []int
	cidrs     []netip.Prefix // of consumed and kept blocks: taken before carving
}

// noPins is the pins of a tier that reserves nothing.
var noPins reservePins

// pinsOf returns tier ti's pins; pins is nil when no tier reserves space.
func pinsOf(pins []reservePins, ti int) *reservePins {
	if pins == nil {
		return &noPins
	}
	return &pins[ti]
}

func (p *reservePins) all() []int {
	if len(p.consumeAt) == 0 {
		return p.kept
	}
	return append(append([]int{}, p.consumeAt...), p.kept...)
}

// pinReserved decides, before carving, which of the tier's written
// reserved blocks a new AZ takes and which stay: tl holds only the written
// subnets yet.
func pinReserved(v *VPC, tl *TierLayout) reservePins {
	t := tl.Tier
	var p reservePins
	fits := func(r *Subnet) bool {
		if !t.HasIPv4() {
			return r.HasIPv6
		}
		c, err := ParseCIDR(r.CIDR)
		return err == nil && c.Bits() == t.Prefix
	}
	var missing []string
	if t.HasIPv4() && t.Prefix >= MinPrefix && t.Prefix <= MaxPrefix || t.IPv6 == TierIPv6Only {
		for _, az := range tl.AZs {
			if _, ok := tl.SubnetIn(az); !ok {
				missing = append(missing, az)
			}
		}
	}
	slots := v.ReservedSlots(t)
	for i := range t.Reserved {
		r := &t.Reserved[i]
		switch {
		case len(missing) > 0 && fits(r):
			p.consumeAZ, p.consumeAt = append(p.consumeAZ, missing[0]), append(p.consumeAt, i)
			missing = missing[1:]
		case len(p.kept) < slots:
			p.kept = append(p.kept, i)
		default:
			continue // more than the tier reserves now: released
		}
		if c, err := ParseCIDR(r.CIDR); err == nil {
			p.cidrs = append(p.cidrs, c)
		}
	}
	return p
}

// consume returns the subnet a new AZ of the tier gets from its reserved
// space, if a written reserved block was set aside for az.
func (p *reservePins) consume(t *Tier, az string) (SubnetLayout, bool) {
	for k, a := range p.consumeAZ {
		if a == az {
			r := &t.Reserved[p.consumeAt[k]]
			sl := SubnetLayout{AZ: az, Explicit: -1, IPv6: r.IPv6, HasIPv6: r.HasIPv6}
			if c, err := ParseCIDR(r.CIDR); err == nil {
				sl.Prefix = c
			}
			return sl, true
		}
	}
	return SubnetLayout{}, false
}

// reserveTier lays out the tier's reserved space: the written blocks it
// keeps, then new blocks (IPv4 of the tier's prefix, and a /64 index when
// the tier has IPv6) until it reserves as many as the keys ask.
func reserveTier(tl *TierLayout, p *reservePins, alloc *allocator, six *ipv6Slots, carve4 bool, slots int) {
	t := tl.Tier
	want6 := six.active() && t.HasIPv6()
	for _, i := range p.kept {
		r := &t.Reserved[i]
		sl := SubnetLayout{Explicit: i, IPv6: r.IPv6, HasIPv6: r.HasIPv6}
		if c, err := ParseCIDR(r.CIDR); err == nil {
			sl.Prefix = c
		}
		if want6 && !sl.HasIPv6 {
			sl.IPv6, sl.HasIPv6 = six.take()
		}
		tl.Reserved = append(tl.Reserved, sl)
	}
	if !carve4 && !want6 {
		return // nothing to carve reserved space from (no prefix, no IPv6)
	}
	// Once the space is full the rest cannot fit either: they are counted,
	// not tried one by one (`reserve: 1000000000` must stay quick).
	for n := slots - len(p.kept); n > 0; n-- {
		sl := SubnetLayout{Explicit: -1}
		if carve4 {
			c, ok := alloc.allocate(t.Prefix)
			if !ok {
				tl.ReserveNoRoom += n
				return
			}
			sl.Prefix = c
		}
		if want6 {
			sl.IPv6, sl.HasIPv6 = six.take()
			if !sl.HasIPv6 && !carve4 {
				tl.ReserveNoRoom += n
				return
			}
		}
		tl.Reserved = append(tl.Reserved, sl)
	}
}
