package mermaid

import (
	"math"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// networkGraph draws the network view at the given detail: the VPCs with
// their gateways and endpoints, the networks outside AWS and the
// connections; arrows follow traffic (internet ↔ IGW → public subnets;
// private subnets → the NAT in a public subnet, which reaches the IGW
// through that subnet).
//
// With focus ≥ 0 it is the diagram of that one VPC: the VPCs and
// networks at the other end of its connections are plain nodes, and
// connections it is not part of are left out.
func networkGraph(l *design.Layout, detail Detail, focus int) *graph {
	b := &netBuilder{g: newGraph("TB"), l: l, d: l.Design, detail: detail, names: indexNames(l.Design), focus: focus}
	if b.anyPublic() {
		b.g.node(nil, idInternet, text("Internet"), classInternet, circle)
	}
	for i := range l.VPCs {
		if focus >= 0 && i != focus {
			continue
		}
		switch detail {
		case DetailFull:
			b.vpcFull(i)
		case DetailTier:
			b.vpcTiers(i)
		default:
			b.vpcNode(i)
		}
	}
	if focus < 0 {
		for n := range b.d.Networks {
			b.network(n)
		}
	}
	for c := range b.d.Connections {
		if focus < 0 || involves(&b.d.Connections[c], b.d.VPCs[focus].Name) {
			b.connection(c)
		}
	}
	b.g.title = b.d.Name + " · network"
	if focus >= 0 {
		b.g.title = b.d.Name + " · " + b.d.VPCs[focus].Name
	}
	if detail == DetailVPC && focus < 0 {
		b.wrapRows()
	}
	if !b.g.empty() {
		b.g.legend = networkLegend
	}
	return b.g
}

// networkLegend explains the line styles and colours of the network view.
var networkLegend = []string{
	"Legend",
	"green: public subnet · blue: private · purple: isolated",
	"thick line: VPC peering",
	"solid line: traffic via internet, NAT or transit gateway",
	"dotted line: VPN · route propagation to a TGW table",
	"rounded box: a connection",
}

type netBuilder struct {
	g      *graph
	l      *design.Layout
	d      *design.Design
	detail Detail
	focus  int // the one VPC drawn in full, or -1 for all
	names
}

// involves reports whether VPC name is one end of connection c.
func involves(c *design.Connection, name string) bool {
	return slices.Contains(c.VPCs, name) || c.VPC == name || c.Provider == name || c.Consumer == name
}

// wrapRows lays the VPC nodes of an overview out in rows of about √n:
// invisible edges from each VPC to the one a row further on stack the
// rows, where the layout would otherwise put every VPC side by side.
func (b *netBuilder) wrapRows() {
	n := len(b.l.VPCs)
	cols := int(math.Ceil(math.Sqrt(float64(n))))
	if len(b.g.edges)+n-cols > MaxEdges {
		// Connections use up the edges Mermaid draws: a wide overview
		// beats none.
		return
	}
	for v := 0; v+cols < n; v++ {
		b.g.edge(id(pVPC, v), id(pVPC, v+cols), "", invisible)
	}
}

func (b *netBuilder) anyPublic() bool {
	for i := range b.l.VPCs {
		if b.focus >= 0 && i != b.focus {
			continue
		}
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
