package mermaid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// networkGraph draws the network view at the given detail: the VPCs with
// their gateways and endpoints, the networks outside AWS and the
// connections; arrows follow traffic (internet → IGW → public subnets,
// private subnets → NAT → IGW).
func networkGraph(l *design.Layout, detail Detail) *graph {
	b := &netBuilder{g: newGraph("TB"), l: l, d: l.Design, detail: detail, names: indexNames(l.Design)}
	if b.anyPublic() {
		b.g.node(nil, idInternet, text("Internet"), classInternet, circle)
	}
	for i := range l.VPCs {
		switch detail {
		case DetailFull:
			b.vpcFull(i)
		case DetailTier:
			b.vpcTiers(i)
		default:
			b.vpcNode(i)
		}
	}
	for n := range b.d.Networks {
		b.network(n)
	}
	for c := range b.d.Connections {
		b.connection(c)
	}
	return b.g
}

type netBuilder struct {
	g      *graph
	l      *design.Layout
	d      *design.Design
	detail Detail
	names
}

// names finds VPCs and networks by name; the first of a duplicated name
// wins, as everywhere else in the design.
type names struct {
	vpcs, networks map[string]int
}

func indexNames(d *design.Design) names {
	n := names{vpcs: map[string]int{}, networks: map[string]int{}}
	for i := range d.VPCs {
		if _, dup := n.vpcs[d.VPCs[i].Name]; !dup {
			n.vpcs[d.VPCs[i].Name] = i
		}
	}
	for i := range d.Networks {
		if _, dup := n.networks[d.Networks[i].Name]; !dup {
			n.networks[d.Networks[i].Name] = i
		}
	}
	return n
}

func (b *netBuilder) anyPublic() bool {
	for i := range b.l.VPCs {
		if hasPublic(&b.l.VPCs[i]) {
			return true
		}
	}
	return false
}

func hasPublic(vl *design.VPCLayout) bool {
	for _, tl := range vl.Tiers {
		if tl.Tier.Kind == design.TierPublic {
			return true
		}
	}
	return false
}

func cidrList(vl *design.VPCLayout) string {
	if len(vl.CIDRs) == 0 {
		return short(vl.VPC.CIDR)
	}
	s := make([]string, len(vl.CIDRs))
	for i, p := range vl.CIDRs {
		s[i] = p.String()
	}
	return strings.Join(s, " · ")
}

// azOrder is the AZs a VPC's subnets are drawn in: the VPC's, then any
// other AZ a subnet names (an error the validator reports, drawn anyway).
func azOrder(vl *design.VPCLayout) []string {
	azs := append([]string(nil), vl.AZs...)
	seen := map[string]bool{}
	for _, az := range azs {
		seen[az] = true
	}
	for _, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			if !seen[s.AZ] {
				seen[s.AZ] = true
				azs = append(azs, s.AZ)
			}
		}
	}
	return azs
}

func kindClass(k design.TierKind) string {
	switch k {
	case design.TierPublic:
		return classPublic
	case design.TierPrivate:
		return classPrivate
	case design.TierIsolated:
		return classIsolated
	}
	return classTier
}

// natPlacement says where a VPC's NAT gateways are: for each AZ index that
// has one, the tier and subnet index of the public subnet holding it. A
// NAT needs a public subnet: per-az puts one in each AZ that has a public
// subnet (the first public tier's), single one in the first such AZ.
func natPlacement(vl *design.VPCLayout, azs []string) map[int][2]int {
	out := map[int][2]int{}
	if vl.VPC.NAT != design.NATPerAZ && vl.VPC.NAT != design.NATSingle {
		return out
	}
	for ai, az := range azs {
		for ti, tl := range vl.Tiers {
			if tl.Tier.Kind != design.TierPublic {
				continue
			}
			if si := subnetIndex(&tl, az); si >= 0 {
				out[ai] = [2]int{ti, si}
				break
			}
		}
		if len(out) > 0 && vl.VPC.NAT == design.NATSingle {
			break
		}
	}
	return out
}

// subnetIndex is the index of the tier's first subnet in az, or -1.
func subnetIndex(tl *design.TierLayout, az string) int {
	for si, s := range tl.Subnets {
		if s.AZ == az {
			return si
		}
	}
	return -1
}

// natFor returns the id of the NAT gateway a private subnet in AZ index ai
// routes through: its own AZ's, else the first one (the single NAT, or a
// cross-AZ route the validator warns about).
func natFor(v int, ai int, nats map[int][2]int, azCount int) (string, bool) {
	if _, ok := nats[ai]; ok {
		return id(pNAT, v, ai), true
	}
	for a := range azCount {
		if _, ok := nats[a]; ok {
			return id(pNAT, v, a), true
		}
	}
	return "", false
}

// vpcFull draws a VPC as a subgraph of AZ subgraphs holding its subnets,
// with NAT gateways and workloads inside their subnets.
func (b *netBuilder) vpcFull(v int) {
	vl := &b.l.VPCs[v]
	vg := b.g.group(nil, id(pVPC, v), vpcTitle(vl), classVPC)
	igw := id(pIGW, v)
	public := hasPublic(vl)
	if public {
		b.g.node(vg, igw, text("Internet gateway"), classGateway, hexagon)
	}
	azs := azOrder(vl)
	nats := natPlacement(vl, azs)
	natAt := map[[2]int]int{} // tier, subnet → AZ index of the NAT inside
	for ai, ts := range nats {
		natAt[ts] = ai
	}
	placed := map[int]bool{} // workloads drawn in at least one subnet
	var layout []edge        // invisible edges that stack an AZ's subnets in tier order
	for ai, az := range azs {
		ag := b.g.group(vg, id(pAZ, v, ai), text(short(az)), classAZ)
		prev := ""
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			for si, s := range tl.Subnets {
				if s.AZ != az {
					continue
				}
				snID := id(pSubnet, v, ti, si)
				title := subnetTitle(tl.Tier, s)
				natAZ, hasNAT := natAt[[2]int{ti, si}]
				workloads := workloadsIn(vl.VPC, tl.Tier.Name)
				if !hasNAT && len(workloads) == 0 {
					b.g.node(ag, snID, title, kindClass(tl.Tier.Kind), box)
				} else {
					sg := b.g.group(ag, snID, title, kindClass(tl.Tier.Kind))
					if hasNAT {
						b.g.node(sg, id(pNAT, v, natAZ), text("NAT gateway"), classGateway, hexagon)
					}
					for _, w := range workloads {
						b.workload(sg, v, w, id(pWorkload, v, w, si))
						placed[w] = true
					}
				}
				// Public subnets hang off the IGW and private ones off a NAT,
				// which ranks them; anything else would float to the top.
				if prev != "" && !ranked(tl.Tier.Kind, len(nats) > 0) {
					layout = append(layout, edge{from: prev, to: snID, arrow: invisible})
				}
				prev = snID
			}
		}
	}
	// A workload whose tier has no subnets (or no tier) still shows.
	for w := range vl.VPC.Workloads {
		if !placed[w] {
			b.workload(vg, v, w, id(pWorkload, v, w))
		}
	}
	b.endpoints(vg, v)
	if public {
		b.g.edge(idInternet, igw, "", solidBoth)
	}
	azIndex := map[string]int{}
	for ai, az := range azs {
		azIndex[az] = ai
	}
	for ti := range vl.Tiers {
		tl := &vl.Tiers[ti]
		for si, s := range tl.Subnets {
			snID := id(pSubnet, v, ti, si)
			switch tl.Tier.Kind {
			case design.TierPublic:
				b.g.edge(igw, snID, "", solid)
			case design.TierPrivate:
				// Written NAT first so the layout puts the public subnet
				// above the private one; the arrowhead at the NAT still
				// shows the private subnet's egress.
				if nat, ok := natFor(v, azIndex[s.AZ], nats, len(azs)); ok {
					b.g.edge(nat, snID, "", solidBoth)
				}
			}
		}
	}
	for _, e := range layout {
		b.g.edge(e.from, e.to, "", e.arrow)
	}
}

// ranked reports whether a subnet of kind gets its place in the layout from
// a traffic edge (IGW → public, NAT ↔ private).
func ranked(k design.TierKind, nat bool) bool {
	return k == design.TierPublic || (k == design.TierPrivate && nat)
}

// vpcTitle is a VPC subgraph's one-line title: name, CIDR blocks, region.
// Subgraph titles stay on one line because Mermaid lays a cluster's
// contents out without room for a wrapped title.
func vpcTitle(vl *design.VPCLayout) string {
	return text(joinNonEmpty(" · ", short(vl.VPC.Name), cidrList(vl), region(vl)))
}

// region is a VPC's region for a label; "" when the design names none.
func region(vl *design.VPCLayout) string {
	if strings.TrimSpace(clean(vl.Region)) == "" {
		return ""
	}
	return short(vl.Region)
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// subnetTitle is "app · private · 10.0.16.0/20"; the kind is left out when
// the tier is named after it.
func subnetTitle(t *design.Tier, s design.SubnetLayout) string {
	parts := []string{short(t.Name)}
	if t.Name != string(t.Kind) {
		parts = append(parts, string(t.Kind))
	}
	return text(strings.Join(append(parts, prefixText(s)), " · "))
}

func prefixText(s design.SubnetLayout) string {
	if !s.Prefix.IsValid() {
		return "no valid CIDR"
	}
	return s.Prefix.String()
}

// workloadsIn returns the indexes of the VPC's workloads in tier.
func workloadsIn(v *design.VPC, tier string) []int {
	var out []int
	for w := range v.Workloads {
		if v.Workloads[w].Tier == tier {
			out = append(out, w)
		}
	}
	return out
}

func (b *netBuilder) workload(parent *group, v, w int, nodeID string) {
	wl := &b.d.VPCs[v].Workloads[w]
	s := round
	switch wl.Kind {
	case "rds", "elasticache":
		s = cylinder
	case "alb", "nlb":
		s = stadium
	}
	b.g.node(parent, nodeID, text(short(wl.Name), short(string(wl.Kind))), classWorkload, s)
}

// endpoints draws a VPC's gateway and interface endpoints in a subgraph of
// their own: gateway endpoints are route-table targets and interface
// endpoints have an ENI in every AZ, so neither belongs to one AZ box.
func (b *netBuilder) endpoints(vg *group, v int) {
	vl := &b.l.VPCs[v]
	if len(vl.VPC.Endpoints) == 0 {
		return
	}
	eg := b.g.group(vg, id(pEndpoints, v), text("Endpoints"), "")
	for e, svc := range vl.VPC.Endpoints {
		kind := "gateway endpoint"
		if !design.IsGatewayEndpoint(svc) {
			kind = "interface endpoint · " + plural(len(vl.AZs), "AZ")
		}
		b.g.node(eg, id(pEndpoint, v, e), text(short(svc), kind), classEndpoint, stadium)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// vpcTiers draws a VPC as a subgraph with one node per tier and one NAT
// node, for designs too large to draw every subnet.
func (b *netBuilder) vpcTiers(v int) {
	vl := &b.l.VPCs[v]
	vg := b.g.group(nil, id(pVPC, v), vpcTitle(vl), classVPC)
	igw := id(pIGW, v)
	public := hasPublic(vl)
	if public {
		b.g.node(vg, igw, text("Internet gateway"), classGateway, hexagon)
	}
	nats := natPlacement(vl, azOrder(vl))
	nat := id(pNAT, v)
	if len(nats) > 0 {
		label := text("NAT gateway", "single")
		if vl.VPC.NAT == design.NATPerAZ {
			label = text("NAT gateways", "one per AZ · "+strconv.Itoa(len(nats)))
		}
		b.g.node(vg, nat, label, classGateway, hexagon)
	}
	for ti := range vl.Tiers {
		tl := &vl.Tiers[ti]
		lines := []string{short(tl.Tier.Name), string(tl.Tier.Kind) + " · " + subnetSummary(tl)}
		if n := len(workloadsIn(vl.VPC, tl.Tier.Name)); n > 0 {
			lines = append(lines, plural(n, "workload"))
		}
		b.g.node(vg, id(pTier, v, ti), text(lines...), kindClass(tl.Tier.Kind), box)
	}
	if eps := vl.VPC.Endpoints; len(eps) > 0 {
		b.g.node(vg, id(pEndpoints, v), text("Endpoints", endpointSummary(eps)), classEndpoint, stadium)
	}
	if public {
		b.g.edge(idInternet, igw, "", solidBoth)
	}
	for ti := range vl.Tiers {
		switch vl.Tiers[ti].Tier.Kind {
		case design.TierPublic:
			b.g.edge(igw, id(pTier, v, ti), "", solid)
		case design.TierPrivate:
			if len(nats) > 0 {
				b.g.edge(nat, id(pTier, v, ti), "", solidBoth)
			}
		}
	}
}

// subnetSummary is "3 subnets /24" (sizes as written; several when mixed).
func subnetSummary(tl *design.TierLayout) string {
	var sizes []string
	seen := map[int]bool{}
	for _, s := range tl.Subnets {
		if s.Prefix.IsValid() && !seen[s.Prefix.Bits()] {
			seen[s.Prefix.Bits()] = true
			sizes = append(sizes, "/"+strconv.Itoa(s.Prefix.Bits()))
		}
	}
	out := plural(len(tl.Subnets), "subnet")
	if len(sizes) > 0 {
		out += " " + strings.Join(sizes, " ")
	}
	return out
}

// endpointSummary lists endpoint services, at most a few by name.
func endpointSummary(eps []string) string {
	const show = 4
	names := make([]string, 0, show)
	for i, e := range eps {
		if i == show {
			return strings.Join(names, ", ") + fmt.Sprintf(" +%d more", len(eps)-show)
		}
		names = append(names, short(e))
	}
	return strings.Join(names, ", ")
}

// vpcNode draws a VPC as one node, for designs too large for anything finer.
func (b *netBuilder) vpcNode(v int) {
	vl := &b.l.VPCs[v]
	nat := "no NAT"
	switch vl.VPC.NAT {
	case design.NATSingle:
		nat = "single NAT"
	case design.NATPerAZ:
		nat = "NAT per AZ"
	}
	summary := plural(len(vl.AZs), "AZ") + " · " + plural(len(vl.Tiers), "tier") + " · " + nat
	b.g.node(nil, id(pVPC, v), text(short(vl.VPC.Name), joinNonEmpty(" · ", cidrList(vl), region(vl)), summary), classVPC, box)
	if hasPublic(vl) {
		b.g.edge(idInternet, id(pVPC, v), "", solidBoth)
	}
}

func (b *netBuilder) network(n int) {
	nw := &b.d.Networks[n]
	b.g.node(nil, id(pNetwork, n), text(short(nw.Name), short(nw.CIDR)), classNetwork, trapezoid)
}

func (b *netBuilder) vpcID(name string) (string, bool) {
	v, ok := b.vpcs[name]
	return id(pVPC, v), ok
}

func (b *netBuilder) networkID(name string) (string, bool) {
	n, ok := b.networks[name]
	return id(pNetwork, n), ok
}

// connection draws one connection. References to VPCs or networks that do
// not exist (validation errors) are left out.
func (b *netBuilder) connection(c int) {
	conn := &b.d.Connections[c]
	cname := short(conn.Name)
	switch conn.Kind {
	case design.ConnPeering:
		if len(conn.VPCs) != 2 {
			return
		}
		a, okA := b.vpcID(conn.VPCs[0])
		z, okZ := b.vpcID(conn.VPCs[1])
		if okA && okZ {
			b.g.edge(a, z, text("peering", cname), thickBoth)
		}
	case design.ConnTransitGateway:
		tgw := id(pTGW, c)
		b.g.node(nil, tgw, text("Transit gateway", cname), classGateway, hexagon)
		for _, name := range conn.VPCs {
			if v, ok := b.vpcID(name); ok {
				b.g.edge(v, tgw, text("attachment"), solidBoth)
			}
		}
		for _, name := range conn.Networks {
			if n, ok := b.networkID(name); ok {
				b.g.edge(tgw, n, text("VPN"), dottedBoth)
			}
		}
	case design.ConnPrivateLink:
		b.privateLink(c, conn)
	case design.ConnVPN:
		v, okV := b.vpcID(conn.VPC)
		n, okN := b.networkID(conn.Network)
		if okV && okN {
			b.g.edge(v, n, text("Site-to-Site VPN", cname), dottedBoth)
		}
	}
}

// privateLink draws the provider's endpoint service (behind an NLB) and
// the consumer's interface endpoint; at VPC detail, an edge between the
// two VPCs.
func (b *netBuilder) privateLink(c int, conn *design.Connection) {
	p, okP := b.vpcs[conn.Provider]
	k, okK := b.vpcs[conn.Consumer]
	if !okP || !okK {
		return
	}
	port := "port " + strconv.Itoa(conn.Port)
	label := text("PrivateLink · "+strconv.Itoa(conn.Port), short(conn.Name))
	if b.detail == DetailVPC {
		b.g.edge(id(pVPC, k), id(pVPC, p), label, solid)
		return
	}
	svc, ep := id(pService, c), id(pConsumer, c)
	b.g.node(b.g.groupBy[id(pVPC, p)], svc, text(short(conn.Name), "endpoint service · NLB", port), classEndpoint, box)
	b.g.node(b.g.groupBy[id(pVPC, k)], ep, text(short(conn.Name), "interface endpoint", port), classEndpoint, stadium)
	b.g.edge(ep, svc, text("PrivateLink"), solid)
}
