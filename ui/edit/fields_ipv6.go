package edit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// The inspector's IPv6 and room-to-grow fields (ops_ipv6.go makes the
// edits).

// vpcIPv6Fields are a VPC's ipv6 block and its reserved AZ slots.
func vpcIPv6Fields(d *design.Design, vi int) []Field {
	v := &d.VPCs[vi]
	return []Field{
		{Key: "ipv6", Label: "ipv6", Value: v.IPv6, Placeholder: "off: IPv4 only (amazon, or a CIDR)", Kind: Text,
			Check: func(s string) (string, error) {
				val, slots, err := CheckVPCIPv6(s)
				switch {
				case err != nil:
					return "", err
				case val == "" && v.HasIPv6():
					return "off: every tier's IPv6 goes too", nil
				case val == "":
					return "off: IPv4 only", nil
				case val == design.IPv6Amazon:
					return fmt.Sprintf("an Amazon-provided /56: %d /64s, known once deployed", slots), nil
				}
				return fmt.Sprintf("%s /64s; subnets keep their indexes", thousands(slots)), nil
			},
			Apply: func(d *design.Design, s string) error { return SetVPCIPv6(d, vi, s) }},
		{Key: "reserved_azs", Label: "reserved azs", Value: countValue(v.ReservedAZs), Placeholder: "0", Kind: Text,
			Check: func(s string) (string, error) {
				n, err := CheckReserve(s)
				return okHint(fmt.Sprintf("every tier keeps room for %s more", plural(n, "AZ")), err)
			},
			Apply: func(d *design.Design, s string) error { return SetReservedAZs(d, vi, s) }},
	}
}

// tierIPv6Fields are a tier's IPv6 mode, address assignment (for a
// dual-stack tier), DNS64 (for an IPv6-only tier, or one that has it on)
// and its reserve.
func tierIPv6Fields(d *design.Design, vi, ti int) []Field {
	v := &d.VPCs[vi]
	t := &v.Tiers[ti]
	mode := string(t.IPv6)
	if mode == "" {
		mode = IPv6Off
	}
	fields := []Field{{Key: "ipv6", Label: "ipv6", Value: mode, Kind: Choice, Choices: TierIPv6Choices(),
		Apply: func(d *design.Design, s string) error { return SetTierIPv6(d, vi, ti, s) }}}
	if t.IPv6 == design.TierDualStack {
		fields = append(fields, Field{Key: "assign_ipv6", Label: "assign ipv6", Value: onOff(t.AssignsIPv6()), Kind: Toggle, Placeholder: "new interfaces get an IPv6 address",
			Apply: func(d *design.Design, _ string) error { return ToggleAssignIPv6(d, vi, ti) }})
	}
	if t.IPv6 == design.TierIPv6Only || t.DNS64 {
		fields = append(fields, Field{Key: "dns64", Label: "dns64", Value: onOff(t.DNS64), Kind: Toggle, Placeholder: "NAT64 for IPv4-only names",
			Apply: func(d *design.Design, _ string) error { return ToggleDNS64(d, vi, ti) }})
	}
	size := "subnets"
	if t.HasIPv4() && t.Prefix != 0 {
		size = "/" + strconv.Itoa(t.Prefix) + "s"
	}
	fields = append(fields, Field{Key: "reserve", Label: "reserve", Value: countValue(t.Reserve), Placeholder: "0", Kind: Text,
		Check: func(s string) (string, error) {
			n, err := CheckReserve(s)
			return okHint(fmt.Sprintf("%d more %s kept free to grow into (with %d reserved AZs)", n, size, max(v.ReservedAZs, 0)), err)
		},
		Apply: func(d *design.Design, s string) error { return SetTierReserve(d, vi, ti, s) }})
	return fields
}

func countValue(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// vpcIPv6Info is the VPC's IPv6 and reserved figures, apart from its free
// space.
func vpcIPv6Info(vl *design.VPCLayout) []Info {
	var out []Info
	if vl.ReservedAddresses > 0 {
		out = append(out, Info{"reserved", thousands(int(vl.ReservedAddresses)) + " addresses (not free)"})
	}
	if vl.IPv6Slots > 0 {
		block := "amazon /56"
		if vl.IPv6.IsValid() {
			block = vl.IPv6.String()
		}
		txt := fmt.Sprintf("%s · %s of %s /64s free", block, thousands(vl.IPv6Free), thousands(vl.IPv6Slots))
		if vl.IPv6Reserved > 0 {
			txt += fmt.Sprintf(" · %s reserved", thousands(vl.IPv6Reserved))
		}
		out = append(out, Info{"ipv6 space", txt})
	}
	return out
}

// reservedInfo lists a tier's reserved blocks.
func reservedInfo(tl *design.TierLayout) []Info {
	var out []Info
	for _, r := range tl.Reserved {
		var parts []string
		if r.Prefix.IsValid() {
			parts = append(parts, r.Prefix.String())
		}
		if r.HasIPv6 {
			parts = append(parts, "/64 #"+strconv.Itoa(int(r.IPv6)))
		}
		how := "written"
		if r.Explicit < 0 {
			how = "carved (saving writes it)"
		}
		out = append(out, Info{"reserved", strings.Join(parts, " + ") + " · " + how})
	}
	if tl.ReserveNoRoom > 0 {
		out = append(out, Info{"reserved", fmt.Sprintf("%d blocks do not fit: see the problems", tl.ReserveNoRoom)})
	}
	return out
}

// subnetIPv6Info is a subnet's /64: the prefix when the block is written,
// else its index in Amazon's /56.
func subnetIPv6Info(vl *design.VPCLayout, t *design.Tier, sl design.SubnetLayout) []Info {
	if !t.HasIPv6() {
		return nil
	}
	if !sl.HasIPv6 {
		return []Info{{"ipv6", "no /64: the VPC's block has none free"}}
	}
	how := "written"
	if sl.Carved() {
		how = "carved"
	}
	if p, ok := vl.SubnetIPv6(sl.IPv6); ok {
		return []Info{{"ipv6", fmt.Sprintf("%s (index %d, %s)", p, sl.IPv6, how)}}
	}
	return []Info{{"ipv6", fmt.Sprintf("/64 index %d of the Amazon-provided /56 (%s)", sl.IPv6, how)}}
}
