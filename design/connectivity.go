package design

// connectivity answers which VPCs and networks can exchange traffic through
// the design's connections. Peering joins two VPCs and is not transitive; a
// transit gateway joins all its VPCs and networks; a VPN joins a VPC and a
// network. PrivateLink exposes one service, not address space, so it does
// not make two VPCs' CIDRs reachable.
type connectivity struct {
	// direct[a][b] holds when a peering or a VPN joins a and b. Keys are
	// "vpc:NAME" and "network:NAME".
	direct map[string]map[string]bool
	// Transit gateways join all their members; they are kept as member
	// sets rather than pairs, which would grow with the square of a hub's
	// size (a hub of 800 VPCs would be 640,000 pairs).
	tgwOf      map[string][]int // member key → indexes into tgwMembers
	tgwMembers []map[string]bool
	// peered[a] lists the VPCs a is peered with (for transitive-path hints).
	peered map[string][]string
	// serves[provider][consumer] holds when a PrivateLink service of the
	// provider VPC is consumed from the consumer VPC: the provider then sees
	// connections from the consumer's private addresses.
	serves map[string]map[string]bool
	// region of each VPC key, for cross-region checks.
	region map[string]string
}

func vpcKey(name string) string     { return "vpc:" + name }
func networkKey(name string) string { return "network:" + name }

func buildConnectivity(d *Design) *connectivity {
	c := &connectivity{direct: map[string]map[string]bool{}, tgwOf: map[string][]int{}, peered: map[string][]string{}, serves: map[string]map[string]bool{}, region: map[string]string{}}
	for i := range d.VPCs {
		c.region[vpcKey(d.VPCs[i].Name)] = d.VPCRegion(&d.VPCs[i])
	}
	link := func(a, b string) {
		if a == b {
			return
		}
		for _, p := range [][2]string{{a, b}, {b, a}} {
			if c.direct[p[0]] == nil {
				c.direct[p[0]] = map[string]bool{}
			}
			c.direct[p[0]][p[1]] = true
		}
	}
	for i := range d.Connections {
		conn := &d.Connections[i]
		switch conn.Kind {
		case ConnPeering:
			if len(conn.VPCs) == 2 {
				link(vpcKey(conn.VPCs[0]), vpcKey(conn.VPCs[1]))
				c.peered[conn.VPCs[0]] = append(c.peered[conn.VPCs[0]], conn.VPCs[1])
				c.peered[conn.VPCs[1]] = append(c.peered[conn.VPCs[1]], conn.VPCs[0])
			}
		case ConnTransitGateway:
			members := map[string]bool{}
			for _, v := range conn.VPCs {
				members[vpcKey(v)] = true
			}
			for _, n := range conn.Networks {
				members[networkKey(n)] = true
			}
			for m := range members {
				c.tgwOf[m] = append(c.tgwOf[m], len(c.tgwMembers))
			}
			c.tgwMembers = append(c.tgwMembers, members)
		case ConnVPN:
			link(vpcKey(conn.VPC), networkKey(conn.Network))
		case ConnPrivateLink:
			if c.serves[conn.Provider] == nil {
				c.serves[conn.Provider] = map[string]bool{}
			}
			c.serves[conn.Provider][conn.Consumer] = true
		}
	}
	return c
}

// connected reports whether a and b exchange traffic directly: one peering
// or VPN joins them, or they share a transit gateway.
func (c *connectivity) connected(a, b string) bool {
	if a == b {
		return false
	}
	if c.direct[a][b] {
		return true
	}
	for _, t := range c.tgwOf[a] {
		if c.tgwMembers[t][b] {
			return true
		}
	}
	return false
}

// peeringPath reports whether VPC b can be reached from VPC a only through a
// chain of peerings: the case where people expect transitivity.
func (c *connectivity) peeringPath(a, b string) bool {
	seen := map[string]bool{a: true}
	queue := []string{a}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, next := range c.peered[cur] {
			if next == b {
				return true
			}
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}
