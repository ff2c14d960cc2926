package design

// tierIPv6 reads a tier's IPv6 and room-to-grow keys.
func (dec *decoder) tierIPv6(f *fields, t *Tier) {
	t.IPv6 = enum(f, "ipv6", TierIPv6Modes)
	t.DNS64 = f.boolean("dns64")
	t.AssignIPv6 = f.optionalBool("assign_ipv6")
	t.Reserve = f.integer("reserve")
	for _, rn := range f.list("reserved") {
		if s, ok := dec.subnet(rn, "a reserved block", reservedKeys); ok {
			if s.CIDR == "" && !s.HasIPv6 {
				dec.fail(s.src.pos, "add `cidr: ...` or `ipv6: INDEX` (saving writes them)", "a reserved block needs the key \"cidr\" or \"ipv6\"")
			}
			t.Reserved = append(t.Reserved, s)
		}
	}
	if f.present("reserved") && t.Reserved == nil {
		t.Reserved = []Subnet{}
	}
}

// The keys a subnet must have: an IPv6-only tier's subnets have no IPv4
// CIDR. (Package variables: a slice literal per subnet is 100,000
// allocations in a large design.)
var (
	subnetNeeds     = []string{"az", "cidr"}
	ipv6SubnetNeeds = []string{"az", "ipv6"}
)

// subnet reads one subnet, or one reserved block (keys without az), with
// the keys it must have; returned by value, as the callers append it.
func (dec *decoder) subnet(n *yamlNode, what string, keys []string, need ...string) (Subnet, bool) {
	sf := dec.mapping(n, what, keys)
	if sf == nil {
		return Subnet{}, false
	}
	sf.require(need...)
	s := Subnet{AZ: sf.str("az"), CIDR: sf.str("cidr"), src: sf.src}
	if sf.present("ipv6") {
		// An index beyond int32 is out of every block: -1 keeps it so.
		i := sf.integer("ipv6")
		s.IPv6, s.HasIPv6 = int32(i), true
		if i != int(int32(i)) {
			s.IPv6 = -1
		}
	}
	return s, true
}
