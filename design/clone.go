package design

// Clone returns a deep copy of d: every slice and pointer an editor may
// change is copied, so editing the copy never changes d.
//
// Each element's unexported source record (comments, key order, positions)
// is shared, not copied: the design package writes it only while loading,
// so sharing is safe, and it lets comments follow an element through edits
// and undo. clone_test.go checks by reflection that no exported slice or
// pointer is shared, so a field added to design fails the test until it is
// copied here. (A Design.Clone method would keep this in one place.)
func (d *Design) Clone() *Design {
	if d == nil {
		return nil
	}
	c := *d
	c.Networks = cloneSlice(d.Networks)
	c.VPCs = make([]VPC, len(d.VPCs))
	for i := range d.VPCs {
		c.VPCs[i] = cloneVPC(&d.VPCs[i])
	}
	if d.VPCs == nil {
		c.VPCs = nil
	}
	c.Connections = make([]Connection, len(d.Connections))
	for i, cn := range d.Connections {
		cn.VPCs = cloneSlice(cn.VPCs)
		cn.Networks = cloneSlice(cn.Networks)
		cn.DefaultAssociation = clonePtr(cn.DefaultAssociation)
		cn.DefaultPropagation = clonePtr(cn.DefaultPropagation)
		cn.Attachments = cloneSlice(cn.Attachments)
		if cn.RouteTables != nil {
			tables := make([]TGWRouteTable, len(cn.RouteTables))
			for j, rt := range cn.RouteTables {
				rt.Associations = cloneSlice(rt.Associations)
				rt.Propagations = cloneSlice(rt.Propagations)
				rt.Routes = cloneSlice(rt.Routes)
				tables[j] = rt
			}
			cn.RouteTables = tables
		}
		c.Connections[i] = cn
	}
	if d.Connections == nil {
		c.Connections = nil
	}
	return &c
}

func cloneVPC(v *VPC) VPC {
	c := *v
	c.SecondaryCIDRs = cloneSlice(v.SecondaryCIDRs)
	c.AZs.Names = cloneSlice(v.AZs.Names)
	c.Endpoints = cloneSlice(v.Endpoints)
	if v.Tiers != nil {
		c.Tiers = make([]Tier, len(v.Tiers))
		for i, t := range v.Tiers {
			t.AZs = cloneSlice(t.AZs)
			t.Subnets = cloneSlice(t.Subnets)
			t.Reserved = cloneSlice(t.Reserved)
			if t.Routes != nil {
				routes := make([]Route, len(t.Routes))
				for j, r := range t.Routes {
					r.AZs = cloneSlice(r.AZs)
					routes[j] = r
				}
				t.Routes = routes
			}
			t.GatewayEndpoints = cloneSlice(t.GatewayEndpoints)
			t.AssignIPv6 = clonePtr(t.AssignIPv6)
			c.Tiers[i] = t
		}
	}
	if v.SecurityGroups != nil {
		c.SecurityGroups = make([]SecurityGroup, len(v.SecurityGroups))
		for i, g := range v.SecurityGroups {
			g.Ingress = cloneSlice(g.Ingress)
			g.Egress = cloneSlice(g.Egress)
			c.SecurityGroups[i] = g
		}
	}
	if v.NetworkACLs != nil {
		c.NetworkACLs = make([]NetworkACL, len(v.NetworkACLs))
		for i, a := range v.NetworkACLs {
			a.Ingress = cloneSlice(a.Ingress)
			a.Egress = cloneSlice(a.Egress)
			c.NetworkACLs[i] = a
		}
	}
	c.FlowLog = clonePtr(v.FlowLog)
	c.Workloads = cloneSlice(v.Workloads)
	if v.Traffic != nil {
		t := *v.Traffic
		c.Traffic = &t
	}
	return c
}

// clonePtr copies what p points to; nil stays nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// cloneSlice copies s, keeping nil apart from empty: the design gives them
// different meanings (egress absent vs `egress: []`).
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}
