package design

import (
	"net/netip"

	"go4.org/netipx"
)

// Layout is everything derived from a Design's addresses: the AZs each VPC
// and tier covers, parsed CIDRs, the subnets carved for tiers that give only
// a prefix, and free space. Its slices run parallel to the Design's (VPCs[i]
// is Design.VPCs[i], Tiers[j] is that VPC's Tiers[j]). Resolve builds it;
// nothing in it is edited directly.
type Layout struct {
	Design   *Design
	VPCs     []VPCLayout
	Networks []netip.Prefix // parallel to Design.Networks; invalid CIDRs are the zero Prefix
}

// VPCLayout is the resolved form of one VPC.
type VPCLayout struct {
	VPC    *VPC
	Region string
	AZs    []string
	// CIDRs are the VPC's valid CIDR blocks, primary first; Primary is the
	// zero Prefix when the primary CIDR is invalid.
	CIDRs   []netip.Prefix
	Primary netip.Prefix
	Tiers   []TierLayout
	// Free is the address space no subnet uses and no tier reserves, as
	// CIDRs; the reserved space is counted apart.
	Free              []netip.Prefix
	FreeAddresses     uint64
	ReservedAddresses uint64
	// IPv6 is the VPC's IPv6 block when the file writes it (BYOIP, IPAM);
	// the zero Prefix for an Amazon-provided block, known only once
	// deployed, and for an IPv4-only VPC. IPv6Slots is how many /64s the
	// block holds (256 for Amazon's /56; 0: no IPv6), and IPv6Free and
	// IPv6Reserved count the indexes no subnet uses, apart and reserved.
	IPv6         netip.Prefix
	IPv6Slots    int
	IPv6Free     int
	IPv6Reserved int
}

// TierLayout is the resolved form of one tier.
type TierLayout struct {
	Tier *Tier
	AZs  []string // the AZs the tier covers
	// Subnets: the tier's explicit subnets in file order, then the carved
	// ones in AZ order.
	Subnets []SubnetLayout
	// NoRoom lists covered AZs for which no subnet of the tier's prefix fits.
	NoRoom []string
	// Reserved is the space the tier keeps free for growth (AZ ""):
	// Explicit indexes Tier.Reserved, or is -1 for a block carved now.
	// ReserveNoRoom counts the reserved blocks that did not fit.
	Reserved      []SubnetLayout
	ReserveNoRoom int
	// IPv6NoRoom lists covered AZs whose subnet got no /64: the VPC's
	// block is full.
	IPv6NoRoom []string
}

// SubnetLayout is one subnet as it will exist.
type SubnetLayout struct {
	AZ     string
	Prefix netip.Prefix // the zero Prefix when the written CIDR is invalid
	// Explicit is the index in Tier.Subnets of a written subnet; -1 when the
	// subnet was carved.
	Explicit int
	// IPv6 is the index of the subnet's /64 in the VPC's IPv6 block when
	// HasIPv6: written, or carved first-fit like the IPv4 CIDR.
	IPv6    int32
	HasIPv6 bool
}

// Carved reports whether the subnet was carved rather than written.
func (s SubnetLayout) Carved() bool { return s.Explicit < 0 }

// Usable is the number of addresses AWS leaves for resources in the subnet.
func (s SubnetLayout) Usable() int {
	if !s.Prefix.IsValid() {
		return 0
	}
	return UsableAddresses(s.Prefix)
}

// SubnetIn returns the tier's subnet in az, if it has one.
func (t *TierLayout) SubnetIn(az string) (SubnetLayout, bool) {
	for _, s := range t.Subnets {
		if s.AZ == az {
			return s, true
		}
	}
	return SubnetLayout{}, false
}

// azLetters are the AZ suffixes `azs: N` picks, in order.
const azLetters = "abcdefghijklmnopqrstuvwxyz"

// ExpandAZs returns the AZ names an AZSpec means in region.
func ExpandAZs(spec AZSpec, region string) []string {
	if spec.Names != nil {
		return spec.Names
	}
	n := min(max(spec.Count, 0), len(azLetters))
	out := make([]string, n)
	for i := range n {
		out[i] = region + azLetters[i:i+1]
	}
	return out
}

// Resolve derives the Layout of d. It never fails: what cannot be resolved
// (an invalid CIDR, a tier with no room) is left out and reported by
// Validate.
func Resolve(d *Design) *Layout {
	l := &Layout{Design: d, VPCs: make([]VPCLayout, len(d.VPCs)), Networks: make([]netip.Prefix, len(d.Networks))}
	for i := range d.Networks {
		if p, err := ParseCIDR(d.Networks[i].CIDR); err == nil {
			l.Networks[i] = p
		}
	}
	for i := range d.VPCs {
		l.VPCs[i] = resolveVPC(d, &d.VPCs[i])
	}
	return l
}

func resolveVPC(d *Design, v *VPC) VPCLayout {
	vl := VPCLayout{VPC: v, Region: d.VPCRegion(v), Tiers: make([]TierLayout, len(v.Tiers))}
	vl.AZs = ExpandAZs(v.AZs, vl.Region)
	if p, err := ParseCIDR(v.CIDR); err == nil && validVPCBits(p) {
		vl.Primary = p
		vl.CIDRs = append(vl.CIDRs, p)
	}
	for _, c := range v.SecondaryCIDRs {
		if p, err := ParseCIDR(c); err == nil && validVPCBits(p) {
			vl.CIDRs = append(vl.CIDRs, p)
		}
	}
	// Written subnets first: they are fixed, and carving goes around them.
	var taken []netip.Prefix
	var pins []reservePins // made for the first tier that reserves space
	for ti := range v.Tiers {
		t := &v.Tiers[ti]
		tl := &vl.Tiers[ti]
		tl.Tier = t
		tl.AZs = vl.AZs
		if t.AZs != nil {
			tl.AZs = t.AZs
		}
		tl.Subnets = make([]SubnetLayout, 0, max(len(tl.AZs), len(t.Subnets)))
		for si, s := range t.Subnets {
			sl := SubnetLayout{AZ: s.AZ, Explicit: si, IPv6: s.IPv6, HasIPv6: s.HasIPv6}
			if p, err := ParseCIDR(s.CIDR); err == nil {
				sl.Prefix = p
				taken = append(taken, p)
			}
			tl.Subnets = append(tl.Subnets, sl)
		}
		if t.Reserved != nil || v.ReservedSlots(t) > 0 {
			if pins == nil {
				pins = make([]reservePins, len(v.Tiers))
			}
			pins[ti] = pinReserved(v, tl)
			taken = append(taken, pins[ti].cidrs...)
		}
	}
	six := newIPv6Slots(&vl, v, pins)
	alloc := newAllocator(vl.CIDRs, taken)
	for ti := range v.Tiers {
		t, tl := &v.Tiers[ti], &vl.Tiers[ti]
		carve4 := t.Prefix >= MinPrefix && t.Prefix <= MaxPrefix && t.HasIPv4()
		if carve4 || t.IPv6 == TierIPv6Only {
			for _, az := range tl.AZs {
				if _, ok := tl.SubnetIn(az); ok {
					continue
				}
				// A new AZ of the tier takes the tier's own reserved space first.
				if sl, ok := pinsOf(pins, ti).consume(t, az); ok {
					tl.Subnets = append(tl.Subnets, sl)
					continue
				}
				if !carve4 {
					tl.Subnets = append(tl.Subnets, SubnetLayout{AZ: az, Explicit: -1})
				} else if p, ok := alloc.allocate(t.Prefix); ok {
					tl.Subnets = append(tl.Subnets, SubnetLayout{AZ: az, Prefix: p, Explicit: -1})
				} else {
					tl.NoRoom = append(tl.NoRoom, az)
				}
			}
		}
		six.assign(tl)
		reserveTier(tl, pinsOf(pins, ti), alloc, six, carve4, v.ReservedSlots(t))
	}
	// The reserved blocks are in alloc.taken, so the free space leaves
	// them out; they are counted apart.
	vl.Free, vl.FreeAddresses = freeSpace(vl.CIDRs, alloc.taken)
	for ti := range vl.Tiers {
		for _, r := range vl.Tiers[ti].Reserved {
			if r.Prefix.IsValid() {
				vl.ReservedAddresses += AddressCount(r.Prefix)
			}
		}
	}
	six.finish(&vl)
	return vl
}

// MinPrefix and MaxPrefix bound IPv4 VPC and subnet sizes (/16 to /28).
const (
	MinPrefix = 16
	MaxPrefix = 28
)

func validVPCBits(p netip.Prefix) bool { return p.Bits() >= MinPrefix && p.Bits() <= MaxPrefix }

func freeSpace(cidrs []netip.Prefix, taken []span) ([]netip.Prefix, uint64) {
	var b netipx.IPSetBuilder
	for _, c := range cidrs {
		b.AddPrefix(c)
	}
	for _, t := range taken {
		b.RemoveRange(netipx.IPRangeFrom(prefixAt(t.lo, 32).Addr(), prefixAt(t.hi, 32).Addr()))
	}
	set, err := b.IPSet()
	if err != nil {
		return nil, 0
	}
	var total uint64
	prefixes := set.Prefixes()
	for _, p := range prefixes {
		total += AddressCount(p)
	}
	return prefixes, total
}

// FreeBlock returns the first free block of size bits in the VPC (its
// lowest address): what to use instead of a block that overlaps.
func (vl *VPCLayout) FreeBlock(bits int) (netip.Prefix, bool) {
	for _, f := range vl.Free {
		if f.Bits() <= bits {
			return netip.PrefixFrom(f.Addr(), bits), true
		}
	}
	return netip.Prefix{}, false
}
