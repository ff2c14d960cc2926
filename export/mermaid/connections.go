package mermaid

import (
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
)

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
