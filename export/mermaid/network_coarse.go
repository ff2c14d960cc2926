package mermaid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

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
