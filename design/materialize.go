package design

// MaterializeSubnets writes every carved subnet into its tier as an explicit
// subnet, as saving does. The editor calls it after each edit so that a
// later edit (adding an AZ, inserting a tier) never moves a subnet the user
// has already seen: carving is first-fit in tier order, so only subnets that
// are written down are fixed.
func MaterializeSubnets(d *Design) {
	l := Resolve(d)
	for vi := range l.VPCs {
		for ti := range l.VPCs[vi].Tiers {
			tl := &l.VPCs[vi].Tiers[ti]
			t := tl.Tier
			for _, s := range tl.Subnets {
				switch {
				case s.Carved():
					t.Subnets = append(t.Subnets, carvedSubnet(s))
				case s.HasIPv6 && !t.Subnets[s.Explicit].HasIPv6:
					// A written subnet of a tier that became dual-stack.
					t.Subnets[s.Explicit].IPv6, t.Subnets[s.Explicit].HasIPv6 = s.IPv6, true
				}
			}
			if t.Reserved != nil || len(tl.Reserved) > 0 {
				t.Reserved = reservedOf(tl)
			}
		}
	}
}

// carvedSubnet is the subnet a carved layout entry is written as.
func carvedSubnet(s SubnetLayout) Subnet {
	out := Subnet{AZ: s.AZ, IPv6: s.IPv6, HasIPv6: s.HasIPv6}
	if s.Prefix.IsValid() {
		out.CIDR = s.Prefix.String()
	}
	return out
}

// reservedOf is the tier's reserved space as written: the blocks it keeps,
// with their source, then the ones carved now. Blocks a new AZ took, and
// those beyond what the tier reserves now, are dropped.
func reservedOf(tl *TierLayout) []Subnet {
	out := make([]Subnet, 0, len(tl.Reserved))
	for _, r := range tl.Reserved {
		s := carvedSubnet(r)
		if r.Explicit >= 0 {
			w := tl.Tier.Reserved[r.Explicit]
			w.IPv6, w.HasIPv6 = s.IPv6, s.HasIPv6
			s = w
		}
		out = append(out, s)
	}
	return out
}
