package design

import "strconv"

func flowLogNode(o *FlowLogOptions) *ynode {
	m := newMap(o.src, flowLogKeys)
	m.str("traffic", string(o.Traffic))
	m.str("destination", string(o.Destination))
	return m.done(true)
}

func routesNode(routes []Route) *ynode {
	items := make([]*ynode, len(routes))
	for i := range routes {
		r := &routes[i]
		m := newMap(r.src, routeKeys)
		m.required("to", r.To)
		m.required("via", r.Via)
		m.strList("azs", r.AZs)
		items[i] = m.done(true)
	}
	return seqOf(items)
}

func networkACLsNode(acls []NetworkACL) *ynode {
	items := make([]*ynode, len(acls))
	for i := range acls {
		a := &acls[i]
		m := newMap(a.src, networkACLKeys)
		m.required("name", a.Name)
		if a.Ingress != nil {
			m.add("ingress", aclRulesNode(a.Ingress))
		}
		if a.Egress != nil {
			m.add("egress", aclRulesNode(a.Egress))
		}
		items[i] = m.done(false)
	}
	return seqOf(items)
}

func aclRulesNode(rules []ACLRule) *ynode {
	items := make([]*ynode, len(rules))
	for i := range rules {
		r := &rules[i]
		m := newMap(r.src, aclRuleKeys)
		m.add("rule", &ynode{scalar: strconv.Itoa(r.Rule)})
		m.required("action", string(r.Action))
		m.str("protocol", r.Protocol)
		m.ports(r.Ports)
		m.required("cidr", r.CIDR)
		items[i] = m.done(true)
	}
	return seqOf(items)
}

// transitGatewayNodes adds a transit gateway's own keys to its connection.
func transitGatewayNodes(m *mapBuilder, c *Connection) {
	boolPtr := func(key string, b *bool) {
		if b != nil {
			m.add(key, &ynode{scalar: strconv.FormatBool(*b)})
		}
	}
	boolPtr("default_association", c.DefaultAssociation)
	boolPtr("default_propagation", c.DefaultPropagation)
	if c.Attachments != nil {
		items := make([]*ynode, len(c.Attachments))
		for i := range c.Attachments {
			a := &c.Attachments[i]
			am := newMap(a.src, attachmentKeys)
			am.required("vpc", a.VPC)
			am.required("tier", a.Tier)
			items[i] = am.done(true)
		}
		m.add("attachments", seqOf(items))
	}
	if c.RouteTables != nil {
		items := make([]*ynode, len(c.RouteTables))
		for i := range c.RouteTables {
			rt := &c.RouteTables[i]
			rm := newMap(rt.src, tgwRouteTableKeys)
			rm.required("name", rt.Name)
			rm.strList("associations", rt.Associations)
			rm.strList("propagations", rt.Propagations)
			if rt.Routes != nil {
				routes := make([]*ynode, len(rt.Routes))
				for j := range rt.Routes {
					r := &rt.Routes[j]
					tm := newMap(r.src, tgwRouteKeys)
					tm.required("to", r.To)
					tm.required("via", r.Via)
					routes[j] = tm.done(true)
				}
				rm.add("routes", seqOf(routes))
			}
			items[i] = rm.done(false)
		}
		m.add("route_tables", seqOf(items))
	}
}
