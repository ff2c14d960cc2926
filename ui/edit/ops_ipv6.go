package edit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// The IPv6 and room-to-grow edits (docs/format.md, "IPv6 and room to
// grow"). Each pins the VPC's subnets first, so that switching IPv6 on or
// reserving space never renumbers what is already carved, IPv4 or /64.

// IPv6Off is how the inspector writes "no IPv6" (the key absent).
const IPv6Off = "off"

// CheckVPCIPv6 parses a VPC's typed IPv6 setting: off (or empty), amazon,
// or a block from BYOIP or IPAM of AWS's sizes. It returns the value the
// file gets ("" for off) and how many /64s the block holds.
func CheckVPCIPv6(s string) (value string, slots int, err error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", IPv6Off, "none":
		return "", 0, nil
	case design.IPv6Amazon:
		return design.IPv6Amazon, 1 << (design.SubnetIPv6Bits - design.AmazonIPv6Bits), nil
	}
	p, err := design.ParseIPv6CIDR(s)
	if err != nil {
		return "", 0, fmt.Errorf("off, amazon (an Amazon-provided /56), or an IPv6 CIDR such as 2600:1f18:1234:5600::/56")
	}
	if b := p.Bits(); b < design.MinIPv6VPCBits || b > design.MaxIPv6VPCBits || b%4 != 0 {
		return "", 0, fmt.Errorf("%s is a /%d; AWS takes /%d to /%d in steps of /4 (or write amazon for a /56)", p, b, design.MinIPv6VPCBits, design.MaxIPv6VPCBits)
	}
	return p.String(), 1 << (design.SubnetIPv6Bits - p.Bits()), nil
}

// SetVPCIPv6 sets the VPC's IPv6 block. Turning it off turns IPv6 off in
// every tier too (their /64s, DNS64 and reserved /64s go), since a tier
// cannot have IPv6 in a VPC without it; changing the block keeps every
// subnet's index, so each /64 moves with the block.
func SetVPCIPv6(d *design.Design, vi int, s string) error {
	val, _, err := CheckVPCIPv6(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1)
	v := &d.VPCs[vi]
	v.IPv6 = val
	if val == "" {
		for ti := range v.Tiers {
			dropTierIPv6(&v.Tiers[ti])
		}
	}
	return nil
}

// TierIPv6Choices are the inspector's choices of a tier's IPv6 mode.
func TierIPv6Choices() []string {
	out := []string{IPv6Off}
	for _, m := range design.TierIPv6Modes {
		out = append(out, string(m))
	}
	return out
}

// SetTierIPv6 sets a tier's IPv6 mode (off, dual-stack, ipv6-only). New
// /64s are carved after those in use; an IPv6-only tier drops its IPv4
// CIDRs and prefix (it has none), and a tier leaving IPv6-only gets the
// prefix /24 when it had none, so that its subnets are carved IPv4 CIDRs
// again. The VPC needs an IPv6 block first.
func SetTierIPv6(d *design.Design, vi, ti int, mode string) error {
	v := &d.VPCs[vi]
	was := v.Tiers[ti].IPv6
	if mode == IPv6Off || mode == "" {
		pin(d, vi, -1)
		dropTierIPv6(&v.Tiers[ti])
		if was == design.TierIPv6Only {
			carveIPv4Again(d, vi, ti, false)
		}
		return nil
	}
	m := design.TierIPv6(mode)
	if m != design.TierDualStack && m != design.TierIPv6Only {
		return fmt.Errorf("a tier's ipv6 is off, dual-stack or ipv6-only")
	}
	if !v.HasIPv6() {
		return fmt.Errorf("VPC %s has no IPv6 block: set its ipv6 (amazon, or a CIDR) first", v.Name)
	}
	pin(d, vi, -1)
	t := &v.Tiers[ti]
	t.IPv6 = m
	switch {
	case m == design.TierIPv6Only:
		t.Prefix, t.AssignIPv6 = 0, nil // an IPv6-only subnet assigns
		for i := range t.Subnets {
			t.Subnets[i].CIDR = ""
		}
		for i := range t.Reserved {
			t.Reserved[i].CIDR = ""
		}
	case was == design.TierIPv6Only:
		carveIPv4Again(d, vi, ti, true)
	}
	return nil
}

// carveIPv4Again gives the subnets of a tier that was IPv6-only IPv4 CIDRs
// again: carved at its prefix (/24 when it has none), other tiers' subnets
// staying where they are. With keep, each AZ's subnet keeps its /64.
func carveIPv4Again(d *design.Design, vi, ti int, keep bool) {
	t := &d.VPCs[vi].Tiers[ti]
	idx := map[string]int32{}
	for _, s := range t.Subnets {
		if keep && s.HasIPv6 {
			idx[s.AZ] = s.IPv6
		}
	}
	if t.Prefix == 0 {
		t.Prefix = 24
	}
	t.Subnets, t.Reserved = nil, nil
	pin(d, vi, -1)
	for i := range t.Subnets {
		if j, ok := idx[t.Subnets[i].AZ]; ok {
			t.Subnets[i].IPv6, t.Subnets[i].HasIPv6 = j, true
		}
	}
}

// dropTierIPv6 turns a tier's IPv6 off: its mode, DNS64 and every /64.
func dropTierIPv6(t *design.Tier) {
	t.IPv6, t.DNS64, t.AssignIPv6 = "", false, nil
	for i := range t.Subnets {
		t.Subnets[i].IPv6, t.Subnets[i].HasIPv6 = 0, false
	}
	for i := range t.Reserved {
		t.Reserved[i].IPv6, t.Reserved[i].HasIPv6 = 0, false
	}
}

// ToggleAssignIPv6 switches whether a dual-stack tier's subnets give new
// network interfaces an IPv6 address (`assign_ipv6`; on is the default,
// written by leaving the key out).
func ToggleAssignIPv6(d *design.Design, vi, ti int) error {
	t := &d.VPCs[vi].Tiers[ti]
	if t.IPv6 != design.TierDualStack {
		return fmt.Errorf("assign_ipv6 is for dual-stack tiers (an IPv6-only subnet always assigns)")
	}
	if t.AssignsIPv6() {
		off := false
		t.AssignIPv6 = &off
	} else {
		t.AssignIPv6 = nil
	}
	return nil
}

// ToggleDNS64 switches DNS64 (NAT64 for IPv4-only names) on a tier.
func ToggleDNS64(d *design.Design, vi, ti int) error {
	t := &d.VPCs[vi].Tiers[ti]
	if !t.DNS64 && t.IPv6 != design.TierIPv6Only {
		return fmt.Errorf("DNS64 is for IPv6-only tiers: set the tier's ipv6 to ipv6-only first")
	}
	t.DNS64 = !t.DNS64
	return nil
}

// maxReserve bounds a typed reservation: more than 64 spare subnets per
// tier or AZ slots per VPC is a typo, not a plan (AWS allows 200 subnets a
// VPC by default).
const maxReserve = 64

// CheckReserve parses a count of reserved subnets or AZ slots.
func CheckReserve(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxReserve {
		return 0, fmt.Errorf("a count from 0 to %d, such as 1", maxReserve)
	}
	return n, nil
}

// SetTierReserve sets how many more subnets of its size a tier keeps free.
// Lowering it releases the blocks beyond the count when the design is
// saved (and from the layout at once).
func SetTierReserve(d *design.Design, vi, ti int, s string) error {
	n, err := CheckReserve(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1)
	d.VPCs[vi].Tiers[ti].Reserve = n
	return nil
}

// SetReservedAZs sets how many AZ slots every tier of the VPC keeps free.
func SetReservedAZs(d *design.Design, vi int, s string) error {
	n, err := CheckReserve(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1)
	d.VPCs[vi].ReservedAZs = n
	return nil
}
