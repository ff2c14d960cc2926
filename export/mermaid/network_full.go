package mermaid

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// vpcFull draws a VPC as a grid: one row (subgraph) per tier, holding the
// tier's subnets in AZ order, with NAT gateways and workloads inside their
// subnets. Invisible edges stack each AZ's subnets in tier order, so the
// rows line up and every AZ is one column.
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
	placed := map[int]bool{}     // workloads drawn in at least one subnet
	above := map[string]string{} // AZ → the anchor of its last subnet so far
	var layout []edge            // invisible edges that stack an AZ's subnets in tier order
	// Subnets are declared in AZ order. Mermaid's layout (dagre) does not
	// keep it reliably: subnets that tie (the same internet gateway above)
	// may be drawn right to left, which no edge can prevent (crossing
	// counts are the same mirrored), so each subnet names its AZ.
	for ti := range vl.Tiers {
		tl := &vl.Tiers[ti]
		if len(tl.Subnets) == 0 {
			continue
		}
		row := b.g.group(vg, id(pRow, v, ti), text(tierRowTitle(tl)), classAZ)
		for _, az := range azs {
			for si, s := range tl.Subnets {
				if s.AZ != az {
					continue
				}
				snID := id(pSubnet, v, ti, si)
				title := text(short(s.AZ), prefixText(s))
				natAZ, hasNAT := natAt[[2]int{ti, si}]
				workloads := workloadsIn(vl.VPC, tl.Tier.Name)
				anchor := snID
				if !hasNAT && len(workloads) == 0 {
					b.g.node(row, snID, title, kindClass(tl.Tier.Kind), box)
				} else {
					sg := b.g.group(row, snID, title, kindClass(tl.Tier.Kind))
					if hasNAT {
						anchor = id(pNAT, v, natAZ)
						b.g.node(sg, anchor, text("NAT gateway"), classGateway, hexagon)
					}
					for k, w := range workloads {
						wid := id(pWorkload, v, w, si)
						if k == 0 && !hasNAT {
							anchor = wid
						}
						b.workload(sg, v, w, wid)
						placed[w] = true
					}
				}
				if prev, ok := above[az]; ok {
					layout = append(layout, edge{from: prev, to: anchor, arrow: invisible})
				}
				above[az] = anchor
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

// tierRowTitle is "app · private · 3 subnets /20", a tier's row title; the
// kind is left out when the tier is named after it.
func tierRowTitle(tl *design.TierLayout) string {
	parts := []string{short(tl.Tier.Name)}
	if tl.Tier.Name != string(tl.Tier.Kind) {
		parts = append(parts, string(tl.Tier.Kind))
	}
	return strings.Join(append(parts, subnetSummary(tl)), " · ")
}

// vpcTitle is a VPC subgraph's one-line title: name, CIDR blocks, region.
// Subgraph titles stay on one line because Mermaid lays a cluster's
// contents out without room for a wrapped title.
func vpcTitle(vl *design.VPCLayout) string {
	return text(joinNonEmpty(" · ", short(vl.VPC.Name), cidrList(vl), ipv6Title(vl), region(vl)))
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

func prefixText(s design.SubnetLayout) string {
	v6 := ipv6Cell(s)
	switch {
	case !s.Prefix.IsValid() && v6 != "":
		return v6 // an IPv6-only subnet
	case !s.Prefix.IsValid():
		return "no valid CIDR"
	}
	return joinNonEmpty(" · ", s.Prefix.String(), v6)
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
