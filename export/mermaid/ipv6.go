package mermaid

import (
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
)

// IPv6 is drawn compactly: the VPC's block in its title (the written /56,
// or "IPv6 amazon" for an Amazon-provided block, whose addresses are known
// only once deployed), and each subnet's /64 as its index ("::/64 #3"),
// which is what the design keeps and what stays short in a cell.

// ipv6Title is the VPC title's IPv6 part; "" for an IPv4-only VPC.
func ipv6Title(vl *design.VPCLayout) string {
	switch {
	case vl.IPv6.IsValid():
		return vl.IPv6.String()
	case vl.VPC.IPv6 == design.IPv6Amazon:
		return "IPv6 amazon"
	}
	return ""
}

// ipv6Cell is a subnet's /64 as its cell shows it; "" without one.
func ipv6Cell(s design.SubnetLayout) string {
	if !s.HasIPv6 {
		return ""
	}
	return "::/64 #" + strconv.Itoa(int(s.IPv6))
}
