package mermaid

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// securityGraph draws the security view: security groups grouped by VPC and
// tier, and one edge per pair of endpoints that a rule allows traffic
// between, labelled with the ports. Ingress rules draw peer → group,
// egress rules group → peer (dotted unless an ingress rule allows the same
// flow). An absent egress list keeps AWS's default, all traffic out, and
// draws a dotted edge to the internet; a PrivateLink connection draws its
// hop through the endpoint's group.
//
// With focus ≥ 0 it draws the groups of that one VPC, with another VPC's
// group a rule names as a plain node.
func securityGraph(l *design.Layout, detail Detail, focus int) *graph {
	b := &secBuilder{g: newGraph("LR"), l: l, d: l.Design, detail: detail, names: indexNames(l.Design), focus: focus,
		flows: map[[2]string]int{}, cidrs: map[string]string{}, missing: map[string]string{}}
	for v := range l.VPCs {
		if focus < 0 || v == focus {
			b.vpc(v)
		}
	}
	for v := range l.VPCs {
		if focus >= 0 && v != focus {
			continue
		}
		vpc := l.VPCs[v].VPC
		for gi := range vpc.SecurityGroups {
			sg := &vpc.SecurityGroups[gi]
			self := b.groupNode(v, gi)
			for ri := range sg.Ingress {
				r := &sg.Ingress[ri]
				b.flow(b.peer(v, r), self, ruleLabel(r), true)
			}
			for ri := range sg.Egress {
				r := &sg.Egress[ri]
				b.flow(self, b.peer(v, r), ruleLabel(r), false)
			}
			if sg.Egress == nil {
				// No egress key keeps AWS's default rule, which the
				// template keeps too: all traffic out, to anywhere.
				b.g.node(nil, idInternet, text("Internet"), classInternet, circle)
				b.flow(self, idInternet, "all traffic (default egress)", false)
			}
		}
	}
	for c := range l.Design.Connections {
		if conn := &l.Design.Connections[c]; conn.Kind == design.ConnPrivateLink {
			b.privateLink(c, conn)
		}
	}
	for _, f := range b.order {
		a := solid
		if !f.ingress {
			a = dotted
		}
		b.g.edge(f.from, f.to, text(labelList(f.labels)), a)
	}
	b.g.title = b.d.Name + " · security groups"
	if focus >= 0 {
		b.g.title = b.d.Name + " · " + b.d.VPCs[focus].Name + " · security groups"
	}
	if !b.g.empty() {
		b.g.legend = securityLegend
	}
	return b.g
}

// securityLegend explains the security view's lines.
var securityLegend = []string{
	"Legend",
	"solid line: traffic an ingress rule allows, labelled with its ports",
	"dotted line: traffic only an egress rule allows",
}

type secBuilder struct {
	g      *graph
	l      *design.Layout
	d      *design.Design
	detail Detail
	focus  int // the one VPC drawn, or -1 for all
	names
	flows   map[[2]string]int // from, to → index in order
	order   []*flow
	cidrs   map[string]string // CIDR peer text → node id
	missing map[string]string // unresolvable reference → node id
}

// flow is one edge being collected: every rule between the same two nodes
// adds its ports to the label.
type flow struct {
	from, to string
	labels   []string
	ingress  bool
}

func (b *secBuilder) flow(from, to, label string, ingress bool) {
	if from == "" || to == "" {
		return
	}
	// At VPC detail a VPC's own traffic is a loop on its node: noise.
	if from == to && b.detail == DetailVPC {
		return
	}
	k := [2]string{from, to}
	i, ok := b.flows[k]
	if !ok {
		i = len(b.order)
		b.flows[k] = i
		b.order = append(b.order, &flow{from: from, to: to})
	}
	f := b.order[i]
	f.ingress = f.ingress || ingress
	for _, l := range f.labels {
		if l == label {
			return
		}
	}
	f.labels = append(f.labels, label)
}

// labelList joins a flow's port labels, showing at most a few.
func labelList(labels []string) string {
	const show = 4
	if len(labels) > show {
		return strings.Join(labels[:show], ", ") + " +" + strconv.Itoa(len(labels)-show) + " more"
	}
	return strings.Join(labels, ", ")
}

// ruleLabel is what a rule allows: "443", "8000-8100", "udp 53", "icmp",
// "all traffic".
func ruleLabel(r *design.Rule) string {
	proto := r.EffectiveProtocol()
	ports := short(r.Ports)
	if pr, err := design.ParsePorts(r.Ports); err == nil {
		ports = pr.String()
	}
	switch proto {
	case "tcp":
		if ports == "all" {
			return "all tcp"
		}
		return ports
	case "icmp":
		return "icmp"
	case "all", "-1":
		return "all traffic"
	}
	return short(proto) + " " + ports
}

// vpc draws a VPC's subgraph, at full detail with a subgraph per tier that
// has security groups, or the VPC's node at VPC detail.
func (b *secBuilder) vpc(v int) {
	vl := &b.l.VPCs[v]
	if b.detail == DetailVPC {
		b.g.node(nil, id(pVPC, v), text(short(vl.VPC.Name), cidrList(vl), groupSummary(vl.VPC)), classVPC, box)
		return
	}
	vg := b.g.group(nil, id(pVPC, v), vpcTitle(vl), classVPC)
	for gi := range vl.VPC.SecurityGroups {
		sg := &vl.VPC.SecurityGroups[gi]
		ti := tierIndex(vl.VPC, sg.Tier)
		if ti < 0 {
			// A group in a tier that does not exist still shows, in its VPC.
			b.g.node(vg, id(pSG, v, gi), sgLabel(vl.VPC, sg), classSG, box)
			continue
		}
		if b.detail == DetailTier {
			b.tierNode(v, ti)
			continue
		}
		b.g.node(b.tierGroup(v, ti), id(pSG, v, gi), sgLabel(vl.VPC, sg), classSG, box)
	}
}

func groupSummary(v *design.VPC) string {
	return plural(len(v.SecurityGroups), "security group")
}

// tierGroup returns the subgraph of a tier at full detail.
func (b *secBuilder) tierGroup(v, ti int) *group {
	t := &b.d.VPCs[v].Tiers[ti]
	return b.g.group(b.g.groupBy[id(pVPC, v)], id(pTier, v, ti), text(tierTitle(t)), kindClass(t.Kind))
}

// tierTitle is "app · private tier", or "public tier" for a tier named
// after its kind.
func tierTitle(t *design.Tier) string {
	if t.Name == string(t.Kind) {
		return short(t.Name) + " tier"
	}
	return short(t.Name) + " · " + string(t.Kind) + " tier"
}

// tierNode draws a tier as one node at tier detail, naming its groups.
func (b *secBuilder) tierNode(v, ti int) string {
	nodeID := id(pTier, v, ti)
	if b.g.has(nodeID) {
		return nodeID
	}
	vpc := b.d.VPCs[v]
	t := &vpc.Tiers[ti]
	var groups []string
	for gi := range vpc.SecurityGroups {
		if vpc.SecurityGroups[gi].Tier == t.Name {
			groups = append(groups, short(vpc.SecurityGroups[gi].Name))
		}
	}
	lines := []string{tierTitle(t)}
	if len(groups) > 0 {
		lines = append(lines, "sg "+listSome(groups, 4))
	}
	b.g.node(b.g.groupBy[id(pVPC, v)], nodeID, text(lines...), kindClass(t.Kind), box)
	return nodeID
}

func listSome(items []string, show int) string {
	if len(items) > show {
		return strings.Join(items[:show], ", ") + " +" + strconv.Itoa(len(items)-show) + " more"
	}
	return strings.Join(items, ", ")
}

func tierIndex(v *design.VPC, name string) int {
	for i := range v.Tiers {
		if v.Tiers[i].Name == name {
			return i
		}
	}
	return -1
}

func sgIndex(v *design.VPC, name string) int {
	for i := range v.SecurityGroups {
		if v.SecurityGroups[i].Name == name {
			return i
		}
	}
	return -1
}

// sgLabel names a group and the workloads behind it.
func sgLabel(v *design.VPC, sg *design.SecurityGroup) string {
	var ws []string
	for _, w := range v.Workloads {
		// The template makes no load balancer but PrivateLink's NLB, and
		// gives that a group of its own, not the workload's
		// (export/cloudformation/privatelink_access.go): naming the NLB
		// here would draw a protection the stack does not have. The NLB's
		// own group is drawn on the PrivateLink hop (privateLink).
		if w.SecurityGroup == sg.Name && w.Kind != "nlb" {
			ws = append(ws, short(w.Name)+" ("+short(string(w.Kind))+")")
		}
	}
	lines := []string{"sg " + short(sg.Name)}
	if len(ws) > 0 {
		lines = append(lines, listSome(ws, 3))
	}
	return text(lines...)
}

// groupNode is the node a security group is drawn as at this detail.
func (b *secBuilder) groupNode(v, gi int) string {
	vpc := &b.d.VPCs[v]
	if b.focus >= 0 && v != b.focus {
		// Another VPC's group, drawn in full in that VPC's diagram.
		nodeID := id(pSG, v, gi)
		b.g.node(nil, nodeID, text("sg "+short(vpc.Name)+"/"+short(vpc.SecurityGroups[gi].Name)), classPeer, box)
		return nodeID
	}
	switch b.detail {
	case DetailVPC:
		return id(pVPC, v)
	case DetailTier:
		if ti := tierIndex(vpc, vpc.SecurityGroups[gi].Tier); ti >= 0 {
			return b.tierNode(v, ti)
		}
	}
	return id(pSG, v, gi)
}

// privateLink draws a PrivateLink connection's hop as the template makes
// it: the consumer VPC reaches the interface endpoint on the port (its
// security group, EndpointSecurityGroup, admits the consumer VPC's CIDR
// and nothing else), and the endpoint reaches the provider's endpoint
// service and NLB on the same port, through the NLB's own group, which
// admits that port from the consumer VPC's CIDRs only.
func (b *secBuilder) privateLink(c int, conn *design.Connection) {
	p, okP := b.vpcs[conn.Provider]
	k, okK := b.vpcs[conn.Consumer]
	if !okP || !okK || b.detail == DetailVPC {
		return
	}
	if b.focus >= 0 && b.focus != p && b.focus != k {
		return
	}
	port := strconv.Itoa(conn.Port)
	ep, svc := id(pConsumer, c), id(pService, c)
	b.g.node(b.g.groupBy[id(pVPC, k)], ep, text("sg of endpoint "+short(conn.Name), "PrivateLink interface endpoint"), classEndpoint, stadium)
	b.g.node(b.g.groupBy[id(pVPC, p)], svc, text(short(conn.Name), "endpoint service · NLB", "its sg admits "+port+" from VPC "+short(b.l.VPCs[k].VPC.Name)), classEndpoint, box)
	from := id(pVPCPeer, k)
	vl := &b.l.VPCs[k]
	b.g.node(b.g.groupBy[id(pVPC, k)], from, text("all of VPC "+short(vl.VPC.Name), cidrList(vl)), classPeer, box)
	b.flow(from, ep, port, true)
	b.flow(ep, svc, port, true)
}
