package mermaid

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

func (b *netBuilder) network(n int) {
	nw := &b.d.Networks[n]
	b.g.node(nil, id(pNetwork, n), text(short(nw.Name), short(nw.CIDR)), classNetwork, trapezoid)
}

func (b *netBuilder) vpcID(name string) (string, bool) {
	v, ok := b.vpcs[name]
	if ok && b.focus >= 0 && v != b.focus {
		// The other end of a focused VPC's connection: a plain node,
		// drawn in full in its own diagram.
		vl := &b.l.VPCs[v]
		b.g.node(nil, id(pVPC, v), text("VPC "+short(vl.VPC.Name), cidrList(vl)), classPeer, box)
	}
	return id(pVPC, v), ok
}

func (b *netBuilder) networkID(name string) (string, bool) {
	n, ok := b.networks[name]
	if ok && b.focus >= 0 {
		b.network(n)
	}
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
		if okA && okZ && b.detail == DetailVPC {
			// Between plain nodes the layout keeps a label clear of every
			// node, and one edge per peering keeps an overview of many
			// within MaxEdges.
			b.g.edge(a, z, text("peering", cname), thickBoth)
		} else if okA && okZ {
			// Through a node of its own: an edge label would be drawn
			// wherever the edge runs, behind any VPC box it crosses.
			pcx := id(pPeering, c)
			b.g.node(nil, pcx, text("peering", cname), classConn, stadium)
			b.g.edge(a, pcx, "", thickBoth)
			b.g.edge(pcx, z, "", thickBoth)
		}
	case design.ConnTransitGateway:
		if conn.Segmented() {
			b.segmentedTGW(c, conn)
			return
		}
		tgw := id(pTGW, c)
		b.g.node(nil, tgw, text("Transit gateway", cname), classGateway, hexagon)
		for _, name := range conn.VPCs {
			if v, ok := b.vpcID(name); ok {
				b.g.edge(v, tgw, "", solidBoth)
			}
		}
		for _, name := range conn.Networks {
			if n, ok := b.networkID(name); ok {
				b.g.edge(tgw, n, "", dottedBoth)
			}
		}
	case design.ConnPrivateLink:
		b.privateLink(c, conn)
	case design.ConnVPN:
		v, okV := b.vpcID(conn.VPC)
		n, okN := b.networkID(conn.Network)
		if okV && okN {
			vpn := id(pVPN, c)
			b.g.node(nil, vpn, text("Site-to-Site VPN", cname), classConn, stadium)
			b.g.edge(v, vpn, "", dottedBoth)
			b.g.edge(vpn, n, "", dottedBoth)
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
	if b.focus >= 0 && b.detail != DetailVPC {
		// The other side's half is drawn in the other VPC's diagram.
		b.vpcID(conn.Provider)
		b.vpcID(conn.Consumer)
	}
	port := "port " + strconv.Itoa(conn.Port)
	label := text("PrivateLink · "+strconv.Itoa(conn.Port), short(conn.Name))
	if b.detail == DetailVPC {
		plk := id(pPLink, c)
		b.g.node(nil, plk, label, classConn, stadium)
		b.g.edge(id(pVPC, k), plk, "", solid)
		b.g.edge(plk, id(pVPC, p), "", solid)
		return
	}
	svc, ep := id(pService, c), id(pConsumer, c)
	b.g.node(b.g.groupBy[id(pVPC, p)], svc, text(short(conn.Name), "endpoint service · NLB", port), classEndpoint, box)
	b.g.node(b.g.groupBy[id(pVPC, k)], ep, text(short(conn.Name), "interface endpoint", port), classEndpoint, stadium)
	b.g.edge(ep, svc, "", solid)
}

// maxRouteLines bounds the static routes a route table's node lists.
const maxRouteLines = 6

// segmentedTGW draws a transit gateway as its route tables (its segments):
// a subgraph with one node per table listing its static routes, each
// attachment joined to the table it is associated with (solid) and to the
// tables it propagates to (dotted). An attachment no table associates
// shows none, which is what it routes.
func (b *netBuilder) segmentedTGW(c int, conn *design.Connection) {
	view := design.NewRouting(b.l).TGW(conn.Name)
	if view == nil {
		return
	}
	tg := b.g.group(nil, id(pTGW, c), text("Transit gateway", short(conn.Name)), classGateway)
	for ti, t := range view.Tables {
		lines := []string{"route table " + short(t.Name)}
		statics := 0
		for _, e := range t.Entries {
			if e.Propagated {
				continue
			}
			if statics++; statics > maxRouteLines {
				continue
			}
			to := "blackhole"
			if !e.Blackhole {
				name, _ := e.Via.MemberName()
				to = short(name)
			}
			lines = append(lines, e.Dest.String()+" → "+to)
		}
		if statics > maxRouteLines {
			lines = append(lines, "+ "+strconv.Itoa(statics-maxRouteLines)+" more routes")
		}
		b.g.node(tg, id(pTGWTable, c, ti), text(lines...), classGateway, hexagon)
	}
	for _, m := range view.Members {
		from, ok := b.memberID(m)
		if !ok {
			continue
		}
		for ti := range view.Tables {
			if slices.Contains(view.Associated(ti), m) {
				b.g.edge(from, id(pTGWTable, c, ti), "", solidBoth)
			}
			if propagates(conn, view.Tables[ti].Name, m) {
				b.g.edge(from, id(pTGWTable, c, ti), "", dotted)
			}
		}
	}
}

// propagates reports whether member m propagates its routes to the table.
func propagates(conn *design.Connection, table string, m design.TGWMember) bool {
	if table == design.DefaultTGWRouteTable && conn.DefaultPropagationOn() {
		return true
	}
	for _, rt := range conn.RouteTables {
		if rt.Name == table && slices.Contains(rt.Propagations, string(m)) {
			return true
		}
	}
	return false
}

// memberID returns the diagram id of a transit gateway's attachment: its
// VPC or its network.
func (b *netBuilder) memberID(m design.TGWMember) (string, bool) {
	name, isVPC := m.MemberName()
	if isVPC {
		return b.vpcID(name)
	}
	if !strings.HasPrefix(string(m), "network:") {
		return "", false
	}
	return b.networkID(name)
}
