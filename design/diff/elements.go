package diff

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// elements flattens d into its keyed elements. Subnets come from the
// layout, so a carved subnet is compared by the CIDR it will have, as AWS
// sees it. Lists whose order means nothing in AWS (endpoints, a transit
// gateway's VPCs, associations) are sorted; security-group rules are keyed
// by what AWS keys them by (direction, peer, protocol, ports). The VPCs
// named in skip are left out: they are the same on both sides. Routes are
// added when routes is set, else the caller adds them (pairedRoutes) with
// the adder returned.
func elements(l *design.Layout, skip map[string]bool, routes bool) (map[string]element, adder) {
	d := l.Design
	n := 1 + len(d.Networks) + len(d.Connections)
	for _, vl := range l.VPCs {
		n += 1 + 8*len(vl.Tiers)
	}
	m := make(map[string]element, n)
	add := func(path, kind string, attrs, summary map[string]any, with ...string) string {
		if _, dup := m[path]; dup {
			// Two elements with one name (a finding of its own): the
			// second is kept apart by its position, not merged.
			for i := 2; ; i++ {
				if _, taken := m[path+"#"+strconv.Itoa(i)]; !taken {
					path += "#" + strconv.Itoa(i)
					break
				}
			}
		}
		m[path] = element{kind: kind, attrs: attrs, summary: summary, with: with}
		return path
	}
	add("design", "design", map[string]any{"name": d.Name, "description": d.Description, "region": d.Region}, nil)
	for _, nw := range d.Networks {
		add("networks/"+escape(nw.Name), "network", omitEmpty(map[string]any{"cidr": nw.CIDR, "ipv6": nw.IPv6}), nil)
	}
	routing := design.NewRouting(l)
	for i := range l.VPCs {
		if skip[l.VPCs[i].VPC.Name] {
			continue
		}
		vpcElements(d, &l.VPCs[i], add)
		for ti := range l.VPCs[i].Tiers {
			if routes {
				routeElements(routing, &l.VPCs[i], i, ti, add)
			}
		}
	}
	for i := range d.Connections {
		connElements(&d.Connections[i], add)
	}
	return m, add
}

type adder func(path, kind string, attrs, summary map[string]any, with ...string) string

func vpcElements(d *design.Design, vl *design.VPCLayout, add adder) {
	v := vl.VPC
	attrs := map[string]any{
		"region": d.VPCRegion(v), "cidr": v.CIDR, "azs": vl.AZs, "nat": string(v.NAT),
		"flow_logs": flowLogs(v), "endpoints": sortedCopy(v.Endpoints),
	}
	if len(v.SecondaryCIDRs) > 0 {
		attrs["secondary_cidrs"] = sortedCopy(v.SecondaryCIDRs)
	}
	if v.IPv6 != "" {
		attrs["ipv6"] = v.IPv6
	}
	if v.ReservedAZs != 0 {
		attrs["reserved_azs"] = v.ReservedAZs
	}
	summary := map[string]any{
		"tiers":           names(len(v.Tiers), func(i int) string { return v.Tiers[i].Name }),
		"security_groups": names(len(v.SecurityGroups), func(i int) string { return v.SecurityGroups[i].Name }),
	}
	traffic := trafficAttrs(v.Traffic)
	if traffic != nil {
		summary["traffic"] = traffic
	}
	vp := add("vpcs/"+escape(v.Name), "vpc", attrs, summary,
		"every subnet, route table, network ACL, security group, endpoint, NAT and internet gateway in the VPC",
		"the network interfaces of every workload in it",
		"the connections to it (peering, transit gateway attachment, VPN, PrivateLink)")

	for ti := range vl.Tiers {
		tierElements(vl, &vl.Tiers[ti], vp, add)
	}
	for gi := range v.SecurityGroups {
		groupElements(v, &v.SecurityGroups[gi], vp, add)
	}
	for ai := range v.NetworkACLs {
		a := &v.NetworkACLs[ai]
		ap := add(vp+"/network_acls/"+escape(a.Name), "network-acl", map[string]any{}, map[string]any{
			"ingress": aclRuleLines(a.Ingress), "egress": aclRuleLines(a.Egress)})
		for dir, rs := range map[string][]design.ACLRule{"ingress": a.Ingress, "egress": a.Egress} {
			for _, r := range rs {
				add(ap+"/"+dir+"/"+strconv.Itoa(r.Rule), "network-acl-rule", aclRuleAttrs(r), nil)
			}
		}
	}
	if traffic != nil {
		add(vp+"/traffic", "traffic", traffic, nil)
	}
	for _, w := range v.Workloads {
		wa := map[string]any{"kind": string(w.Kind), "tier": w.Tier, "security_group": w.SecurityGroup}
		// public_ipv4 is a count of addresses the workload's instances
		// hold, which the cost estimate prices. It is never a
		// replacement: vpcsmith exports no resource for a workload, and
		// an address is assigned or released (an Elastic IP association,
		// a launch setting of the instances) without AWS replacing the
		// subnet, the group or anything else the design makes. 0 is the
		// key's absence, left out as the file leaves it out.
		if w.PublicIPv4 != 0 {
			wa["public_ipv4"] = w.PublicIPv4
		}
		add(vp+"/workloads/"+escape(w.Name), "workload", wa, nil)
	}
}

// trafficAttrs is a VPC's traffic assumptions, one attribute per key that
// is not 0, or nil when none is. The keys come from design.TrafficKeys, so
// a traffic key added to the format is compared without a change here.
// Every key is optional and 0 when absent, so 0 and absence are one value:
// `traffic: {}`, a key written as 0 and no traffic at all cost the same
// and are no change. A change of one key names that key alone (not the
// whole block); none replaces anything, as assumptions are no resource.
func trafficAttrs(t *design.Traffic) map[string]any {
	if t == nil {
		return nil
	}
	var out map[string]any
	for _, k := range design.TrafficKeys() {
		if gb := t.TrafficValue(k); gb != 0 {
			out = setAttr(out, k, gb)
		}
	}
	return out
}

func flowLogs(v *design.VPC) any {
	if !v.FlowLogs {
		return false
	}
	return string(v.FlowLogTrafficType()) + " to " + string(v.FlowLogDestinationType())
}

func tierElements(vl *design.VPCLayout, tl *design.TierLayout, vp string, add adder) {
	t := tl.Tier
	attrs := omitEmpty(map[string]any{"kind": string(t.Kind), "ipv6": string(t.IPv6), "network_acl": t.NetworkACL})
	attrs["azs"] = tl.AZs
	if t.Prefix != 0 {
		attrs["prefix"] = t.Prefix
	}
	if t.DNS64 {
		attrs["dns64"] = true
	}
	if t.HasIPv6() && !t.AssignsIPv6() {
		attrs["assign_ipv6"] = false
	}
	if t.Reserve != 0 {
		attrs["reserve"] = t.Reserve
	}
	// The space kept free for growth, as the layout places it (written
	// `reserved` blocks or carved now), so that saving a design, which
	// pins the carved blocks, is no change. A block is no AWS resource:
	// moving one replaces nothing.
	if len(tl.Reserved) > 0 {
		rs := make([]string, 0, len(tl.Reserved))
		for _, r := range tl.Reserved {
			b := subnetCIDR(r)
			if r.HasIPv6 {
				b += " ipv6:" + strconv.Itoa(int(r.IPv6))
			}
			rs = append(rs, strings.TrimSpace(b))
		}
		slices.Sort(rs)
		attrs["reserved"] = rs
	}
	subnets := map[string]any{}
	for _, s := range tl.Subnets {
		subnets[s.AZ] = subnetCIDR(s)
	}
	tp := add(vp+"/tiers/"+escape(t.Name), "tier", attrs, map[string]any{"subnets": subnets})

	workloads := []string{}
	for _, w := range vl.VPC.Workloads {
		if w.Tier == t.Name {
			workloads = append(workloads, fmt.Sprintf("workload %s (%s)", w.Name, w.Kind))
		}
	}
	for _, s := range tl.Subnets {
		sa := map[string]any{"az": s.AZ, "cidr": subnetCIDR(s)}
		if s.HasIPv6 {
			sa["ipv6"] = s.IPv6
		}
		with := append([]string{"the subnet's network interfaces", "its route table association and network ACL association"}, workloads...)
		if t.Kind == design.TierPublic && vl.VPC.NAT != design.NATNone {
			with = append(with, "a NAT gateway placed in it (its Elastic IP stays)")
		}
		kind := "subnet"
		if t.IPv6 == design.TierIPv6Only {
			kind = subnetIPv6Only
		}
		add(tp+"/subnets/"+escape(s.AZ), kind, sa, nil, with...)
	}
}

// routeElements adds tier ti's effective routes (design.Routing: written or
// derived, the gateway endpoints on its table), one element per
// destination with its target in each AZ. Comparing what the tables will
// hold, not the keys that say it, makes writing out a derived table no
// change, and lets a design be compared with an import, which writes
// routes only where AWS's tables differ from the derived ones.
func routeElements(r *design.Routing, vl *design.VPCLayout, vi, ti int, add adder) {
	tl := &vl.Tiers[ti]
	type dest struct {
		key   string
		perAZ map[string]any
	}
	var order []*dest
	byKey := map[string]*dest{}
	for _, az := range tl.AZs {
		for _, e := range r.Table(vi, ti, az).Entries {
			if e.Target == design.TargetLocal {
				continue
			}
			key, via := e.Dest.String(), string(e.Target)
			switch e.Target {
			case design.TargetEndpoint:
				key = "endpoint:" + e.Service
			case design.TargetNAT:
				via = "nat:" + e.NATAZ
			case design.TargetConnection:
				via = "connection:" + e.Conn
			}
			dd := byKey[key]
			if dd == nil {
				dd = &dest{key: key, perAZ: map[string]any{}}
				byKey[key] = dd
				order = append(order, dd)
			}
			dd.perAZ[az] = via
		}
	}
	tp := "vpcs/" + escape(vl.VPC.Name) + "/tiers/" + escape(tl.Tier.Name)
	for _, dd := range order {
		attrs := map[string]any{"via": dd.perAZ}
		if via, same := sameValue(dd.perAZ); same && len(dd.perAZ) == len(tl.AZs) {
			attrs = map[string]any{"via": via}
		}
		add(tp+"/routes/"+escape(dd.key), "route", attrs, nil)
	}
}

// sameValue reports whether every AZ has the same target, and which.
func sameValue(m map[string]any) (any, bool) {
	var first any
	for _, v := range m {
		if first == nil {
			first = v
		} else if v != first {
			return nil, false
		}
	}
	return first, true
}

func subnetCIDR(s design.SubnetLayout) string {
	if !s.Prefix.IsValid() {
		return ""
	}
	return s.Prefix.String()
}

func groupElements(v *design.VPC, g *design.SecurityGroup, vp string, add adder) {
	// A group without `egress` has AWS's allow-all rule: a mode, compared
	// on the group, while each written rule is an element of its own.
	attrs := map[string]any{"tier": g.Tier, "default_egress": g.Egress == nil}
	summary := map[string]any{"ingress": ruleLines(g.Ingress, true), "egress": ruleLines(g.Egress, false)}
	with := []string{"its rules", "the rules of other groups that reference it"}
	for _, w := range v.Workloads {
		if w.SecurityGroup == g.Name {
			with = append(with, fmt.Sprintf("the network interfaces of workload %s (%s)", w.Name, w.Kind))
		}
	}
	gp := add(vp+"/security_groups/"+escape(g.Name), "security-group", attrs, summary, with...)
	for dir, rs := range map[string][]design.Rule{"ingress": g.Ingress, "egress": g.Egress} {
		for i := range rs {
			r := &rs[i]
			add(gp+"/"+dir+"/"+escape(ruleKey(r, dir == "ingress")), "rule", map[string]any{"description": r.Description}, nil)
		}
	}
}

// ruleKey is a rule's identity in AWS: its peer, protocol and ports.
func ruleKey(r *design.Rule, ingress bool) string {
	peer := r.To
	if ingress {
		peer = r.From
	}
	ports := r.Ports
	if ports == "" {
		ports = "all"
	}
	return peer + " " + r.EffectiveProtocol() + " " + ports
}

func ruleLines(rs []design.Rule, ingress bool) []string {
	out := make([]string, len(rs))
	for i := range rs {
		out[i] = ruleKey(&rs[i], ingress)
	}
	sort.Strings(out)
	return out
}

func aclRuleAttrs(r design.ACLRule) map[string]any {
	proto, ports := r.Protocol, r.Ports
	if proto == "" {
		proto = "tcp"
	}
	if ports == "" {
		ports = "all"
	}
	return map[string]any{"action": string(r.Action), "protocol": proto, "ports": ports, "cidr": r.CIDR}
}

func aclRuleLines(rs []design.ACLRule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		a := aclRuleAttrs(r)
		out[i] = fmt.Sprintf("%d %s %s %s %s", r.Rule, a["action"], a["protocol"], a["ports"], a["cidr"])
	}
	sort.Slice(out, func(i, j int) bool { return ruleNumber(out[i]) < ruleNumber(out[j]) })
	return out
}

func ruleNumber(line string) int {
	n, _ := strconv.Atoi(line[:strings.IndexByte(line, ' ')])
	return n
}

func connElements(c *design.Connection, add adder) {
	attrs := omitEmpty(map[string]any{"kind": string(c.Kind), "provider": c.Provider, "consumer": c.Consumer, "vpc": c.VPC, "network": c.Network})
	if c.Port != 0 {
		attrs["port"] = c.Port
	}
	if len(c.VPCs) > 0 {
		attrs["vpcs"] = sortedCopy(c.VPCs)
	}
	if len(c.Networks) > 0 {
		attrs["networks"] = sortedCopy(c.Networks)
	}
	if c.Kind == design.ConnTransitGateway {
		attrs["default_association"] = c.DefaultAssociationOn()
		attrs["default_propagation"] = c.DefaultPropagationOn()
	}
	var with []string
	switch c.Kind {
	case design.ConnPeering:
		with = []string{"the peering's routes in both VPCs", "security-group rules that reference the peer's groups"}
	case design.ConnVPN:
		with = []string{"the VPN's tunnels (new outside addresses and keys: the customer gateway must be reconfigured)", "its routes"}
	case design.ConnPrivateLink:
		with = []string{"the endpoint service and the interface endpoint (a new DNS name)"}
	case design.ConnTransitGateway:
		with = []string{"every attachment, route table and route of the gateway"}
	}
	cp := add("connections/"+escape(c.Name), "connection", attrs, nil, with...)
	for _, rt := range c.RouteTables {
		routes := make([]string, len(rt.Routes))
		for i, r := range rt.Routes {
			routes[i] = r.To + " via " + r.Via
		}
		sort.Strings(routes)
		tp := add(cp+"/route_tables/"+escape(rt.Name), "tgw-route-table", map[string]any{
			"associations": sortedCopy(rt.Associations), "propagations": sortedCopy(rt.Propagations)}, map[string]any{"routes": routes})
		for _, r := range rt.Routes {
			add(tp+"/routes/"+escape(r.To), "tgw-route", map[string]any{"via": r.Via}, nil)
		}
	}
	for _, a := range c.Attachments {
		add(cp+"/attachments/"+escape(a.VPC), "tgw-attachment", map[string]any{"tier": a.Tier}, nil)
	}
}

// sortedCopy returns the list sorted, never nil, so that an absent list and
// an empty one compare equal (the keys where they differ are handled
// apart).
func sortedCopy(xs []string) []string {
	out := append([]string{}, xs...)
	slices.Sort(out)
	return out
}

func names(n int, name func(int) string) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = name(i)
	}
	slices.Sort(out)
	return out
}

// omitEmpty drops empty strings: a key absent from the file.
func omitEmpty(m map[string]any) map[string]any {
	for k, v := range m {
		if s, ok := v.(string); ok && s == "" {
			delete(m, k)
		}
	}
	return m
}
