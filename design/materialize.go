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
			for _, s := range tl.Subnets {
				if s.Carved() {
					tl.Tier.Subnets = append(tl.Tier.Subnets, Subnet{AZ: s.AZ, CIDR: s.Prefix.String()})
				}
			}
		}
	}
}
