package design

// tierIPv6 reads a tier's IPv6 and room-to-grow keys.
func (dec *decoder) tierIPv6(f *fields, t *Tier) {
	t.IPv6 = enum(f, "ipv6", TierIPv6Modes)
	t.DNS64 = f.boolean("dns64")
	t.Reserve = f.integer("reserve")
	for _, rn := range f.list("reserved") {
		if s := dec.subnet(rn, "a reserved block", reservedKeys); s != nil {
			if s.CIDR == "" && !s.HasIPv6 {
				dec.fail(s.src.pos, "add `cidr: ...` or `ipv6: INDEX` (saving writes them)", "a reserved block needs the key \"cidr\" or \"ipv6\"")
			}
			t.Reserved = append(t.Reserved, *s)
		}
	}
	if f.present("reserved") && t.Reserved == nil {
		t.Reserved = []Subnet{}
	}
}

// subnet reads one subnet, or one reserved block (keys without az), with
// the keys it must have.
func (dec *decoder) subnet(n *yamlNode, what string, keys []string, need ...string) *Subnet {
	sf := dec.mapping(n, what, keys)
	if sf == nil {
		return nil
	}
	sf.require(need...)
	s := &Subnet{AZ: sf.str("az"), CIDR: sf.str("cidr"), src: sf.src}
	if sf.present("ipv6") {
		// An index beyond int32 is out of every block: -1 keeps it so.
		i := sf.integer("ipv6")
		s.IPv6, s.HasIPv6 = int32(i), true
		if i != int(int32(i)) {
			s.IPv6 = -1
		}
	}
	return s
}
