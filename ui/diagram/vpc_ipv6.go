package diagram

import (
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// IPv6 and reserved space in a VPC box. The /56 and its free /64s get a
// header line of their own (only in a VPC with IPv6), so that an IPv4 box
// keeps its width and height; a cell names its /64 by index, as the file
// does, which is shorter than the /64 and the only form an Amazon-provided
// block has before it is deployed.

// ipv6Head is the VPC's IPv6 header line, "" for an IPv4-only VPC:
// "IPv6 amazon /56 · 250 of 256 /64s free · 2 reserved".
func ipv6Head(v *design.VPC, vl *design.VPCLayout) string {
	if !v.HasIPv6() {
		return ""
	}
	head := "IPv6 " + safe.Text(v.IPv6)
	switch {
	case v.IPv6 == design.IPv6Amazon:
		head += " /" + strconv.Itoa(design.AmazonIPv6Bits)
	case vl != nil && vl.IPv6.IsValid():
		head = "IPv6 " + vl.IPv6.String()
	}
	if vl == nil || vl.IPv6Slots == 0 {
		return head + " (not a usable block)"
	}
	head += " · " + Thousands(vl.IPv6Free) + " of " + Thousands(vl.IPv6Slots) + " /64s free"
	if vl.IPv6Reserved > 0 {
		head += " · " + Thousands(vl.IPv6Reserved) + " reserved"
	}
	return head
}

// v6Text is how a cell names a /64: "+v6#3" beside an IPv4 CIDR,
// "v6-only #3" alone.
func v6Text(i int32, only bool) string {
	if only {
		return "v6-only #" + strconv.Itoa(int(i))
	}
	return "+v6#" + strconv.Itoa(int(i))
}

// withIPv6 adds a subnet's /64 to its cell: after the IPv4 CIDR of a
// dual-stack subnet, alone for an IPv6-only one; "no /64" when the tier
// has IPv6 but the block had no index left for it.
func (c *cell) withIPv6(t *design.Tier, s design.SubnetLayout) {
	if !t.HasIPv6() {
		return
	}
	only := !t.HasIPv4()
	switch {
	case !s.HasIPv6:
		c.cidr = joinNonEmpty(c.cidr, "no /64")
		c.bad = true
	case only:
		c.cidr, c.bad = v6Text(s.IPv6, true), false
		c.usable = "/64"
	default:
		c.cidr += " " + v6Text(s.IPv6, false)
	}
}

// reservedCell is the tier's cell of the grid's "reserved" column: its
// first reserved block ("◌" instead of a finding glyph: nothing lives
// there), and on the second line how many blocks it keeps and how many did
// not fit. It is not a subnet, so the cursor passes it by.
func reservedCell(t *design.Tier, tl *design.TierLayout) cell {
	c := cell{reserved: true}
	if tl == nil || (len(tl.Reserved) == 0 && tl.ReserveNoRoom == 0) {
		return c
	}
	c.present = true
	if len(tl.Reserved) > 0 {
		r := tl.Reserved[0]
		if r.Prefix.IsValid() {
			c.cidr = r.Prefix.String()
		}
		if r.HasIPv6 {
			c.cidr = joinNonEmpty(c.cidr, v6Text(r.IPv6, !t.HasIPv4()))
		}
	}
	c.usable = "reserved"
	if n := len(tl.Reserved); n > 1 {
		c.usable += " ×" + strconv.Itoa(n)
	}
	if tl.ReserveNoRoom > 0 {
		c.markers = append(c.markers, strconv.Itoa(tl.ReserveNoRoom)+" no room")
		c.bad = len(tl.Reserved) == 0
		if c.bad {
			c.cidr = "no room"
		}
	}
	return c
}

// hasReserved reports whether any tier of the VPC keeps reserved space (or
// could not), which earns the grid its "reserved" column.
func hasReserved(vl *design.VPCLayout) bool {
	if vl == nil {
		return false
	}
	for i := range vl.Tiers {
		if len(vl.Tiers[i].Reserved) > 0 || vl.Tiers[i].ReserveNoRoom > 0 {
			return true
		}
	}
	return false
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// reservedColumn heads the grid's column of reserved space, and
// reservedGlyph marks its blocks.
const (
	reservedColumn = "reserved"
	reservedGlyph  = "◌"
)
