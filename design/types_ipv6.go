package design

// The IPv6 and room-to-grow keys of the format (docs/format.md, "IPv6" and
// "Room to grow"). Like the routing keys they are optional: a file without
// them is an IPv4 design carved exactly as before.

// IPv6Amazon is the `ipv6` value of a VPC that asks AWS for an
// Amazon-provided /56. Its real addresses are known only once deployed, so
// the design keeps each subnet's /64 as an index into the block.
const IPv6Amazon = "amazon"

// AmazonIPv6Bits is the size of an Amazon-provided VPC block.
const AmazonIPv6Bits = 56

// SubnetIPv6Bits is the size of every subnet's IPv6 block: vpcsmith carves
// /64s, the size AWS requires for SLAAC and the one its consoles default to.
const SubnetIPv6Bits = 64

// TierIPv6 says which address families a tier's subnets have.
type TierIPv6 string

// The tier IPv6 modes of the format; "" (the key absent) is IPv4 only.
const (
	TierDualStack TierIPv6 = "dual-stack"
	TierIPv6Only  TierIPv6 = "ipv6-only"
)

// TierIPv6Modes lists the valid `ipv6` values of a tier.
var TierIPv6Modes = []TierIPv6{TierDualStack, TierIPv6Only}

// HasIPv6 reports whether the tier's subnets get a /64.
func (t *Tier) HasIPv6() bool { return t.IPv6 == TierDualStack || t.IPv6 == TierIPv6Only }

// AssignsIPv6 reports whether the tier's subnets give a network interface
// created in them an IPv6 address: every tier with IPv6 unless
// `assign_ipv6: false`.
func (t *Tier) AssignsIPv6() bool { return t.HasIPv6() && (t.AssignIPv6 == nil || *t.AssignIPv6) }

// HasIPv4 reports whether the tier's subnets get an IPv4 CIDR.
func (t *Tier) HasIPv4() bool { return t.IPv6 != TierIPv6Only }

// HasIPv6 reports whether the VPC has an IPv6 block (Amazon's or its own).
func (v *VPC) HasIPv6() bool { return v.IPv6 != "" }

// ReservedSlots is how many subnets of its size the tier keeps free for
// later: one per reserved AZ of the VPC (`reserved_azs`) and its own
// `reserve`.
// Negative counts reserve nothing; the sum is bounded so that it cannot
// overflow (no VPC holds more than 2^20 subnets of any size).
func (v *VPC) ReservedSlots(t *Tier) int {
	return min(max(v.ReservedAZs, 0), 1<<20) + min(max(t.Reserve, 0), 1<<20)
}
