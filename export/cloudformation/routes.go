package cloudformation

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// A tier with `routes` gets route tables of its own whose routes are
// exactly its effective table (design.Routing.Table) without the local
// routes (AWS makes those) and the gateway endpoints (AWS adds those from
// the endpoint's RouteTableIds): one table, or one per AZ when the
// effective routes differ by AZ. The derived tiers keep the tables they
// always had (planRouteTables).

// ExportError is a design that validates but that the exporter cannot
// write exactly in CloudFormation: it refuses rather than write a template
// that routes more widely than the design. Pos is the element's place in
// the design file, when it was read from one.
type ExportError struct {
	Pos design.Position
	Msg string
}

func (e *ExportError) Error() string {
	if e.Pos.IsValid() {
		return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return e.Msg
}

// tierEndpoints returns the gateway endpoint services on tier ti's
// effective table (the same in every AZ).
func (b *builder) tierEndpoints(p *vpcPlan, ti int) []string {
	tl := &p.vl.Tiers[ti]
	if len(tl.Subnets) == 0 {
		return nil
	}
	var out []string
	for _, e := range b.routing.Table(p.vi, ti, tl.Subnets[0].AZ).Entries {
		if e.Target == design.TargetEndpoint && !slices.Contains(out, e.Service) {
			out = append(out, e.Service)
		}
	}
	return out
}

// ownTables returns the tiers that need route tables of their own: those
// with `routes`, and those whose gateway endpoints differ from what the
// first derived tier of their kind has (a shared table has one set). It
// also returns the gateway endpoints of each kind's derived tables.
func (b *builder) ownTables(p *vpcPlan) (map[int]bool, map[design.TierKind][]string) {
	own := map[int]bool{}
	kindEndpoints := map[design.TierKind][]string{}
	seen := map[design.TierKind]bool{}
	kindIPv6 := map[design.TierKind]string{}
	for ti, tl := range p.vl.Tiers {
		if len(tl.Subnets) == 0 {
			continue
		}
		if tl.Tier.Routes != nil {
			own[ti] = true
			continue
		}
		eps := b.tierEndpoints(p, ti)
		v6 := b.ipv6Key(p, ti)
		kind := tl.Tier.Kind
		if kind != design.TierPublic && kind != design.TierPrivate {
			kind = design.TierIsolated // the kinds that share the isolated table
		}
		switch {
		case !seen[kind]:
			seen[kind] = true
			kindEndpoints[kind] = eps
			kindIPv6[kind] = v6
		case !slices.Equal(kindEndpoints[kind], eps) || kindIPv6[kind] != v6:
			own[ti] = true
		}
	}
	if eps, ok := kindEndpoints[design.TierIsolated]; ok {
		for _, tl := range p.vl.Tiers {
			if k := tl.Tier.Kind; k != design.TierPublic && k != design.TierPrivate && k != design.TierIsolated {
				kindEndpoints[k] = eps
			}
		}
	}
	return own, kindEndpoints
}

// routesNeedIGW reports whether a tier's written routes use the internet
// gateway, which the VPC then has even without a public tier.
func (b *builder) routesNeedIGW(p *vpcPlan) bool {
	for _, tl := range p.vl.Tiers {
		if len(tl.Subnets) == 0 {
			continue
		}
		for _, r := range tl.Tier.Routes {
			if r.Via == design.ViaInternetGateway {
				return true
			}
		}
	}
	return false
}

// tierTables plans tier ti's own route tables: one, or one per AZ when
// its routes differ by AZ (a route with `azs`, or `via: nat` under per-AZ
// NAT).
func (b *builder) tierTables(p *vpcPlan, ti int) error {
	tl := &p.vl.Tiers[ti]
	t := tl.Tier
	var azs []string
	routes := map[string][]design.RouteEntry{}
	for _, s := range tl.Subnets {
		if _, done := routes[s.AZ]; done {
			continue
		}
		table := b.routing.Table(p.vi, ti, s.AZ)
		if err := b.checkBlackholes(p, t, s.AZ, table); err != nil {
			return err
		}
		azs = append(azs, s.AZ)
		routes[s.AZ] = writtenRoutes(table)
	}
	same := true
	for _, az := range azs[1:] {
		if !slices.EqualFunc(routes[az], routes[azs[0]], sameRoute) {
			same = false
		}
	}
	eps := b.tierEndpoints(p, ti)
	tables := map[string]*routeTable{}
	newTable := func(az string, rs []design.RouteEntry) *routeTable {
		parts := []string{p.v.Name, t.Name, "RouteTable"}
		if az != "" {
			parts = append(parts, b.azPart(p, az))
		}
		rt := &routeTable{id: b.ids.make(parts...), kind: t.Kind, az: az, dests: map[netip.Prefix]bool{}, endpoints: eps, tier: t}
		for _, c := range p.vl.CIDRs {
			rt.dests[c] = true // the local route
		}
		for _, e := range rs {
			rt.written = append(rt.written, writtenRoute{RouteEntry: e})
		}
		p.routeTables = append(p.routeTables, rt)
		return rt
	}
	if same {
		one := newTable("", routes[azs[0]])
		for _, az := range azs {
			tables[az] = one
		}
	} else {
		for _, az := range azs {
			tables[az] = newTable(az, routes[az])
		}
	}
	for si, s := range tl.Subnets {
		p.subnetTable[p.subnets[ti][si]] = tables[s.AZ]
	}
	return nil
}

// writtenRoutes are the routes of an effective table that a template
// writes: not the local routes or gateway endpoints (AWS makes those), nor
// blackholes (checkBlackholes showed that leaving them out drops the same
// traffic).
func writtenRoutes(table design.RouteTable) []design.RouteEntry {
	var out []design.RouteEntry
	for _, e := range table.Entries {
		switch e.Target {
		case design.TargetLocal, design.TargetEndpoint, design.TargetBlackhole:
			continue
		}
		out = append(out, e)
	}
	return out
}

// sameRoute reports whether two routes send the same traffic to the same
// target, whichever written route each comes from.
func sameRoute(a, b design.RouteEntry) bool {
	a.Explicit, b.Explicit = 0, 0
	return a == b
}

// checkBlackholes refuses a blackhole route that the template cannot
// express: AWS::EC2::Route has no blackhole target, so a blackhole is left
// out, which drops the same traffic only when no less specific route of
// the table (the local routes included) would carry it instead.
func (b *builder) checkBlackholes(p *vpcPlan, t *design.Tier, az string, table design.RouteTable) error {
	for _, e := range table.Entries {
		if e.Target != design.TargetBlackhole {
			continue
		}
		for _, o := range table.Entries {
			if !o.Dest.IsValid() || o.Target == design.TargetBlackhole || o.Dest.Bits() >= e.Dest.Bits() || !o.Dest.Contains(e.Dest.Addr()) {
				continue
			}
			w := t.Routes[e.Explicit]
			return &ExportError{Pos: w.Pos(""), Msg: fmt.Sprintf(
				"VPC %q tier %q route %d (to %s via blackhole) in %s: CloudFormation's AWS::EC2::Route has no blackhole target, and without the route the less specific route to %s via %s would carry this traffic instead of dropping it; "+
					"fix: narrow or remove the route to %s so that it does not cover %s (no route drops the traffic), or drop it elsewhere (a blackhole in a transit gateway route table)",
				p.v.Name, t.Name, e.Explicit+1, w.To, az, o.Dest, targetText(o), o.Dest, e.Dest)}
		}
	}
	return nil
}

// targetText names a route's target as the format writes it.
func targetText(e design.RouteEntry) string {
	switch e.Target {
	case design.TargetNAT:
		return "nat:" + e.NATAZ
	case design.TargetConnection:
		return "connection:" + e.Conn
	}
	return string(e.Target)
}

// routeID makes the id of a route of a tier's own table, after the route's
// destination as written: DefaultRoute, To<VPC or network>, To<CIDR>.
func (b *builder) routeID(rt *routeTable, e design.RouteEntry) string {
	if e.Dest.Bits() == 0 && e.Dest.Addr().Is6() {
		return b.ids.derive(rt.id, "Ipv6DefaultRoute")
	}
	if e.Dest.Bits() == 0 {
		return b.ids.derive(rt.id, "DefaultRoute")
	}
	if e.Dest == design.NAT64Prefix && e.Explicit < 0 {
		return b.ids.derive(rt.id, "Nat64Route")
	}
	to := ""
	if e.Explicit >= 0 && e.Explicit < len(rt.tier.Routes) {
		to = rt.tier.Routes[e.Explicit].To
	}
	return b.ids.derive(rt.id, "To", routeLabel(to, e.Dest))
}

// emitTierRoutes adds the internet-gateway and NAT routes of the tiers'
// own tables; connection routes come with their connection (connRoutes).
func (b *builder) emitTierRoutes(p *vpcPlan) error {
	for _, rt := range p.routeTables {
		for k := range rt.written {
			w := &rt.written[k]
			switch w.Target {
			case design.TargetInternetGateway:
				b.route(rt, w.Dest, "GatewayId", ref(p.igw), []string{p.igwAttach}, "", func() string { return b.routeID(rt, w.RouteEntry) })
			case design.TargetEgressOnly:
				if p.v6.eigw == "" {
					src := rt.tier.Routes[w.Explicit]
					return &ExportError{Pos: src.Pos("via"), Msg: fmt.Sprintf(
						"VPC %q tier %q: the route to %s goes via the egress-only internet gateway, which a VPC has only with an IPv6 block; fix: give the VPC `ipv6: amazon` (or its own block), or route via another target",
						p.v.Name, rt.tier.Name, src.To)}
				}
				b.route(rt, w.Dest, "EgressOnlyInternetGatewayId", ref(p.v6.eigw), nil, "", func() string { return b.routeID(rt, w.RouteEntry) })
			case design.TargetNAT:
				nat := p.nats[w.NATAZ]
				if nat == "" {
					src := rt.tier.Routes[w.Explicit]
					return &ExportError{Pos: src.Pos("via"), Msg: fmt.Sprintf(
						"VPC %q tier %q: the route to %s goes via the NAT gateway in %s, which the VPC does not have (its NAT gateways, placed by `nat: %s`: %s); fix: route via nat:AZ of an AZ that has one, or set `nat: per-az` with a public subnet in %s",
						p.v.Name, rt.tier.Name, src.To, w.NATAZ, p.v.NAT, listOrNone(p.natAZs), w.NATAZ)}
				}
				b.route(rt, w.Dest, "NatGatewayId", ref(nat), nil, "", func() string { return b.routeID(rt, w.RouteEntry) })
			default:
				continue
			}
			w.made = true
		}
	}
	return nil
}

// connRoutes adds the routes of the tiers' own tables that go through
// connection conn, to target (VpcPeeringConnectionId, TransitGatewayId,
// GatewayId) to.
func (b *builder) connRoutes(p *vpcPlan, conn, target string, to any, dependsOn []string, condition string) {
	for _, rt := range p.routeTables {
		for k := range rt.written {
			w := &rt.written[k]
			if w.Target != design.TargetConnection || w.Conn != conn || w.made {
				continue
			}
			b.route(rt, w.Dest, target, to, dependsOn, condition, func() string { return b.routeID(rt, w.RouteEntry) })
			w.made = true
		}
	}
}

// checkConnectionRoutesMade refuses a template that left out a written
// route: each must have been added by its connection.
func (b *builder) checkConnectionRoutesMade(p *vpcPlan) error {
	for _, rt := range p.routeTables {
		for _, w := range rt.written {
			if !w.made {
				src := rt.tier.Routes[w.Explicit]
				return &ExportError{Pos: src.Pos("via"), Msg: fmt.Sprintf(
					"VPC %q tier %q: the route to %s via %s could not be written: the connection makes no route from this VPC in this region's template; fix: route via a peering, transit gateway or VPN connection the VPC is on",
					p.v.Name, rt.tier.Name, src.To, src.Via)}
			}
		}
	}
	return nil
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
