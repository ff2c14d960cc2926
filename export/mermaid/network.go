package mermaid

import (
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// networkGraph draws the network view at the given detail: the VPCs with
// their gateways and endpoints, the networks outside AWS and the
// connections; arrows follow traffic (internet ↔ IGW → public subnets;
// private subnets → the NAT in a public subnet, which reaches the IGW
// through that subnet).
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
