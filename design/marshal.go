package design

import (
	"slices"
	"strconv"
)

// Marshal writes d in vpcsmith's canonical YAML form. Keys keep the order
// the author wrote them in (new keys go where the format page lists them),
// comments and blank lines stay where they were, and subnets that carving
// derives from a tier's prefix are written out, so that the saved file
// records them and they never move afterwards. Marshal of a file that
// Marshal wrote is byte-identical.
func Marshal(d *Design) []byte {
	l := Resolve(d)
	w := &writer{}
	root := designNode(d, l)
	w.decorBefore(d.src.decorOf(""), 0, true)
	w.mapping(root, 0, false, true)
	if dd := d.src.decorOf(footerKey); dd != nil {
		w.decorBefore(dd, 0, false)
	}
	return withLineBreaks(d, w.b.String())
}

// mapBuilder collects a mapping's pairs in canonical order, then orders
// them as the author wrote them.
type mapBuilder struct {
	n         *ynode
	canonical []string
}

func newMap(src *source, canonical []string) *mapBuilder {
	return &mapBuilder{n: &ynode{src: src, pairs: []ypair{}}, canonical: canonical}
}

func (m *mapBuilder) add(key string, v *ynode) {
	if v != nil {
		m.n.pairs = append(m.n.pairs, ypair{key, v})
	}
}

func (m *mapBuilder) str(key, v string) {
	if v != "" {
		m.add(key, yamlString(v))
	}
}

// required writes key even when v is empty, so that any design the editor
// holds, however incomplete, saves to a file that loads again (validation
// then reports the empty value).
func (m *mapBuilder) required(key, v string) {
	m.add(key, yamlString(v))
}

func (m *mapBuilder) integer(key string, v int) {
	if v != 0 {
		m.add(key, &ynode{scalar: strconv.Itoa(v)})
	}
}

func (m *mapBuilder) strList(key string, vs []string) {
	if vs == nil {
		return
	}
	n := &ynode{isSeq: true, flow: true, items: make([]*ynode, len(vs))}
	if flow, ok := m.n.src.listStyle(key); ok {
		n.flow = flow
	}
	for i, v := range vs {
		n.items[i] = yamlString(v)
	}
	m.add(key, n)
}

// ports writes a rule's ports: a single port as a number, a range or
// "all" as text (a range in quotes where YAML would read it otherwise).
func (m *mapBuilder) ports(v string) {
	if _, err := strconv.Atoi(v); err == nil {
		m.add("ports", &ynode{scalar: v})
	} else {
		m.str("ports", v)
	}
}

func seqOf(items []*ynode) *ynode { return &ynode{isSeq: true, items: items} }

// done orders the pairs and decides the element's style. Keys written in
// the file keep their order; other keys are placed after the last present
// key that precedes them in canonical order. defaultFlow is the style of an
// element that has no source.
func (m *mapBuilder) done(defaultFlow bool) *ynode {
	n := m.n
	if src := n.src; src != nil && len(src.keyOrder) > 0 {
		rank := make(map[string]int, len(m.canonical))
		for i, k := range m.canonical {
			rank[k] = i
		}
		written := make(map[string]int, len(src.keyOrder))
		for i, k := range src.keyOrder {
			written[k] = i
		}
		var ordered []ypair
		for _, k := range src.keyOrder {
			for _, p := range n.pairs {
				if p.key == k {
					ordered = append(ordered, p)
				}
			}
		}
		for _, p := range n.pairs {
			if _, ok := written[p.key]; ok {
				continue
			}
			at := 0
			for i, o := range ordered {
				if rank[o.key] < rank[p.key] {
					at = i + 1
				}
			}
			ordered = append(ordered[:at], append([]ypair{p}, ordered[at:]...)...)
		}
		n.pairs = ordered
	}
	n.flow = defaultFlow
	if n.src != nil && n.src.keyOrder != nil {
		n.flow = n.src.flow
	}
	if n.flow && (hasNestedMaps(n) || flowWidth(n, maxFlowWidth) > maxFlowWidth || hasInnerDecor(n)) {
		n.flow = false
	}
	return n
}

func hasInnerDecor(n *ynode) bool {
	if n.src == nil {
		return false
	}
	for k, d := range n.src.decor {
		if k != "" && !d.empty() {
			return true
		}
	}
	return false
}

func designNode(d *Design, l *Layout) *ynode {
	m := newMap(d.src, designKeys)
	m.integer("version", d.Version)
	m.str("name", d.Name)
	m.str("description", d.Description)
	m.str("region", d.Region)
	if len(d.Networks) > 0 || d.src.has("networks") {
		items := make([]*ynode, len(d.Networks))
		for i := range d.Networks {
			nw := &d.Networks[i]
			nm := newMap(nw.src, networkKeys)
			nm.required("name", nw.Name)
			nm.required("cidr", nw.CIDR)
			nm.str("ipv6", nw.IPv6)
			items[i] = nm.done(true)
		}
		m.add("networks", seqOf(items))
	}
	items := make([]*ynode, len(d.VPCs))
	for i := range d.VPCs {
		items[i] = vpcNode(&d.VPCs[i], &l.VPCs[i])
	}
	m.add("vpcs", seqOf(items))
	if len(d.Connections) > 0 || d.src.has("connections") {
		items := make([]*ynode, len(d.Connections))
		for i := range d.Connections {
			items[i] = connectionNode(&d.Connections[i])
		}
		m.add("connections", seqOf(items))
	}
	return m.done(false)
}

func vpcNode(v *VPC, vl *VPCLayout) *ynode {
	m := newMap(v.src, vpcKeys)
	m.required("name", v.Name)
	m.str("region", v.Region)
	m.required("cidr", v.CIDR)
	m.strList("secondary_cidrs", v.SecondaryCIDRs)
	m.str("ipv6", v.IPv6)
	if v.AZs.Names != nil {
		m.strList("azs", v.AZs.Names)
	} else {
		m.add("azs", &ynode{scalar: strconv.Itoa(v.AZs.Count)})
	}
	m.integer("reserved_azs", v.ReservedAZs)
	if v.NAT != "" {
		m.str("nat", string(v.NAT))
	}
	if v.FlowLogs && v.FlowLog != nil {
		m.add("flow_logs", flowLogNode(v.FlowLog))
	} else if v.FlowLogs || v.src.has("flow_logs") {
		m.add("flow_logs", &ynode{scalar: strconv.FormatBool(v.FlowLogs)})
	}
	m.strList("endpoints", v.Endpoints)
	tiers := make([]*ynode, len(v.Tiers))
	for i := range v.Tiers {
		tiers[i] = tierNode(&v.Tiers[i], &vl.Tiers[i])
	}
	m.add("tiers", seqOf(tiers))
	if v.SecurityGroups != nil {
		sgs := make([]*ynode, len(v.SecurityGroups))
		for i := range v.SecurityGroups {
			sgs[i] = sgNode(&v.SecurityGroups[i])
		}
		m.add("security_groups", seqOf(sgs))
	}
	if v.NetworkACLs != nil {
		m.add("network_acls", networkACLsNode(v.NetworkACLs))
	}
	if v.Workloads != nil {
		ws := make([]*ynode, len(v.Workloads))
		for i := range v.Workloads {
			w := &v.Workloads[i]
			wm := newMap(w.src, workloadKeys)
			wm.required("name", w.Name)
			wm.required("kind", string(w.Kind))
			wm.str("tier", w.Tier)
			wm.str("security_group", w.SecurityGroup)
			wm.integer("public_ipv4", w.PublicIPv4)
			ws[i] = wm.done(true)
		}
		m.add("workloads", seqOf(ws))
	}
	if t := v.Traffic; t != nil {
		m.add("traffic", marshalTraffic(t))
	}
	return m.done(false)
}

func tierNode(t *Tier, tl *TierLayout) *ynode {
	m := newMap(t.src, tierKeys)
	m.required("name", t.Name)
	m.required("kind", string(t.Kind))
	m.str("ipv6", string(t.IPv6))
	if t.DNS64 || t.src.has("dns64") {
		m.add("dns64", &ynode{scalar: strconv.FormatBool(t.DNS64)})
	}
	if t.AssignIPv6 != nil {
		m.add("assign_ipv6", &ynode{scalar: strconv.FormatBool(*t.AssignIPv6)})
	}
	m.integer("prefix", t.Prefix)
	m.integer("reserve", t.Reserve)
	m.strList("azs", t.AZs)
	var subnets []*ynode
	for _, s := range tl.Subnets {
		subnets = append(subnets, subnetNode(t.Subnets, s, false))
	}
	if subnets != nil {
		m.add("subnets", seqOf(subnets))
	}
	if t.Reserved != nil || len(tl.Reserved) > 0 {
		reserved := make([]*ynode, 0, len(tl.Reserved))
		for _, s := range tl.Reserved {
			reserved = append(reserved, subnetNode(t.Reserved, s, true))
		}
		m.add("reserved", seqOf(reserved))
	}
	if t.Routes != nil {
		m.add("routes", routesNode(t.Routes))
	}
	m.strList("gateway_endpoints", t.GatewayEndpoints)
	m.str("network_acl", t.NetworkACL)
	return m.done(true)
}

func sgNode(g *SecurityGroup) *ynode {
	m := newMap(g.src, sgKeys)
	m.required("name", g.Name)
	m.str("tier", g.Tier)
	if g.Ingress != nil || g.src.has("ingress") {
		m.add("ingress", rulesNode(g.Ingress, true))
	}
	if g.Egress != nil {
		m.add("egress", rulesNode(g.Egress, false))
	}
	return m.done(false)
}

func rulesNode(rules []Rule, ingress bool) *ynode {
	items := make([]*ynode, len(rules))
	for i := range rules {
		r := &rules[i]
		keys := egressKeys
		if ingress {
			keys = ingressKeys
		}
		m := newMap(r.src, keys)
		if ingress {
			m.required("from", r.From)
		} else {
			m.required("to", r.To)
		}
		m.ports(r.Ports)
		m.str("protocol", r.Protocol)
		m.str("description", r.Description)
		items[i] = m.done(true)
	}
	return seqOf(items)
}

func connectionNode(c *Connection) *ynode {
	m := newMap(c.src, connectionKeys)
	// The keys the kind requires are written even when empty, like name
	// and kind, or the saved file would not load again.
	need := func(key string) bool { return slices.Contains(connectionKindRequired[c.Kind], key) }
	str := func(key, v string) {
		if need(key) {
			m.required(key, v)
		} else {
			m.str(key, v)
		}
	}
	m.required("name", c.Name)
	m.required("kind", string(c.Kind))
	vpcs := c.VPCs
	if vpcs == nil && need("vpcs") {
		vpcs = []string{}
	}
	m.strList("vpcs", vpcs)
	m.strList("networks", c.Networks)
	str("provider", c.Provider)
	str("consumer", c.Consumer)
	if c.Port == 0 && need("port") {
		m.add("port", &ynode{scalar: "0"})
	} else {
		m.integer("port", c.Port)
	}
	str("vpc", c.VPC)
	str("network", c.Network)
	transitGatewayNodes(m, c)
	return m.done(true)
}

// subnetNode writes a subnet, or a reserved block, of the layout: a
// written one as written (its /64 index added when carving gave it one),
// a carved one as carved.
func subnetNode(written []Subnet, s SubnetLayout, reserved bool) *ynode {
	keys := subnetKeys
	if reserved {
		keys = reservedKeys
	}
	var src *source
	cidr := ""
	if s.Prefix.IsValid() {
		cidr = s.Prefix.String()
	}
	if s.Explicit >= 0 {
		w := &written[s.Explicit]
		src, cidr = w.src, w.CIDR
	}
	sm := newMap(src, keys)
	if !reserved {
		sm.required("az", s.AZ)
	}
	if cidr != "" || !s.HasIPv6 {
		sm.required("cidr", cidr)
	}
	if s.HasIPv6 {
		sm.add("ipv6", &ynode{scalar: strconv.Itoa(int(s.IPv6))})
	}
	return sm.done(true)
}
