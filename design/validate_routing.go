package design

import (
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strings"

	"go4.org/netipx"
)

func init() {
	checks = append(checks, checkRoutes, checkNetworkACLs, checkTransitGatewayTables)
}

// checkRoutes checks the routes written on tiers: that each names a known
// destination and target, that the target is one the VPC has (a NAT in that
// AZ, a connection the VPC is on), and the shape of each table (duplicates,
// blackholes, routes no traffic can take).
func checkRoutes(v *validator) {
	r := v.routing()
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		vpc := vl.VPC
		for ti := range vl.Tiers {
			t := vl.Tiers[ti].Tier
			if t.Routes == nil {
				continue
			}
			path := tierPath(vpc, t)
			for ri := range t.Routes {
				v.checkRoute(r, vi, ti, &t.Routes[ri], fmt.Sprintf("%s.routes[%d]", path, ri))
			}
			azs := vl.Tiers[ti].AZs
			if r.AZIndependent(vi, ti) && len(azs) > 1 {
				azs = azs[:1] // the same table everywhere: check it once
			}
			for _, az := range azs {
				v.checkTableShape(r, vi, ti, az, path)
			}
		}
	}
}

func (v *validator) checkRoute(r *Routing, vi, ti int, rt *Route, path string) {
	vl := &v.l.VPCs[vi]
	vpc, t := vl.VPC, vl.Tiers[ti].Tier
	if r.Destinations(rt.To) == nil {
		v.add(Error, "route-invalid", path, rt.Pos("to"), "route of tier %s goes to %q, which is not a CIDR or a VPC or network of the design: write a CIDR such as 0.0.0.0/0, vpc:NAME or network:NAME", t.Name, rt.To)
	}
	for _, az := range rt.AZs {
		if !slices.Contains(vl.Tiers[ti].AZs, az) {
			v.add(Error, "route-invalid", path, rt.Pos("azs"), "route of tier %s is limited to AZ %q, which the tier does not cover%s", t.Name, az, didYouMean(az, vl.Tiers[ti].AZs))
		}
	}
	target, ok := r.parseVia(rt.Via, "")
	if !ok {
		v.add(Error, "route-invalid", path, rt.Pos("via"), "route of tier %s goes via %q: write internet-gateway, nat, nat:AZ, connection:NAME, blackhole or egress-only-internet-gateway", t.Name, rt.Via)
		return
	}
	switch target.Target {
	case TargetBlackhole:
		v.add(Warning, "route-blackhole", path, rt.Pos("via"), "tier %s drops traffic to %s (a blackhole route)", t.Name, rt.To)
	case TargetNAT:
		nats := r.NATAZs(vi)
		azs := rt.AZs
		if azs == nil {
			azs = vl.Tiers[ti].AZs
		}
		for _, az := range azs {
			want := target.NATAZ
			if want == "" {
				want = az
			}
			if !slices.Contains(nats, want) {
				v.add(Error, "route-no-nat", path, rt.Pos("via"), "route of tier %s in %s goes via the NAT gateway in %s, which VPC %s does not have (its NAT gateways: %s): set `nat: per-az` or route via nat:AZ of an AZ that has one", t.Name, az, want, vpc.Name, listOrNone(nats))
				break
			}
		}
	case TargetConnection:
		c := r.Connection(target.Conn)
		switch {
		case c == nil:
			v.add(Error, "route-unconnected", path, rt.Pos("via"), "route of tier %s goes via connection %q, which the design does not have%s", t.Name, target.Conn, didYouMean(target.Conn, connectionNames(v.d)))
		case !connectionJoins(c, vpc.Name):
			v.add(Error, "route-unconnected", path, rt.Pos("via"), "route of tier %s goes via connection %s, which VPC %s is not on: add the VPC to it or route via a connection it is on", t.Name, c.Name, vpc.Name)
		case c.Kind == ConnPrivateLink:
			v.add(Error, "route-unconnected", path, rt.Pos("via"), "route of tier %s goes via PrivateLink connection %s, which carries one service, not routes: remove the route", t.Name, c.Name)
		}
	}
}

// connectionJoins reports whether a routed connection has VPC vpc on it.
func connectionJoins(c *Connection, vpc string) bool {
	switch c.Kind {
	case ConnPeering, ConnTransitGateway:
		return slices.Contains(c.VPCs, vpc)
	case ConnVPN:
		return c.VPC == vpc
	case ConnPrivateLink:
		return c.Provider == vpc || c.Consumer == vpc
	}
	return false
}

// checkTableShape reports what AWS would refuse or what can never carry
// traffic in the effective table of tier ti's subnet in az.
func (v *validator) checkTableShape(r *Routing, vi, ti int, az, path string) {
	vl := &v.l.VPCs[vi]
	t := vl.Tiers[ti].Tier
	var written []netip.Prefix // tens at most: a scan beats a map
	for ri := range t.Routes {
		w := &t.Routes[ri]
		if w.AZs != nil && !slices.Contains(w.AZs, az) {
			continue
		}
		for _, p := range r.Destinations(w.To) {
			switch {
			case slices.Contains(vl.CIDRs, p):
				v.add(Error, "route-invalid", path, w.Pos("to"), "tier %s routes %s in %s, which is the VPC's local route: AWS allows one route per destination; remove it", t.Name, p, az)
			case slices.Contains(written, p):
				v.add(Error, "route-invalid", path, w.Pos("to"), "tier %s routes %s twice in %s: AWS allows one route per destination; remove one", t.Name, p, az)
			}
			written = append(written, p)
		}
	}
	rt := r.Table(vi, ti, az)
	for _, e := range rt.Entries {
		if e.Dest.IsValid() && e.Explicit >= 0 && coveredByMoreSpecific(rt, e.Dest) {
			v.add(Warning, "route-shadowed", path, t.Routes[e.Explicit].Pos("to"), "route of tier %s to %s in %s never carries traffic: more specific routes cover all of it", t.Name, e.Dest, az)
		}
	}
}

// coveredByMoreSpecific reports whether routes more specific than dest
// together cover all of it, so that no address takes the route to dest.
func coveredByMoreSpecific(rt RouteTable, dest netip.Prefix) bool {
	// A cheap necessary condition first: the more specific routes must add
	// up to at least dest's size (in units of its smallest part), which
	// rules out the usual case (0.0.0.0/0 over a few VPC blocks) without
	// building a set.
	var sum float64
	for _, e := range rt.Entries {
		if e.Dest.IsValid() && e.Dest.Bits() > dest.Bits() && dest.Contains(e.Dest.Addr()) {
			sum += math.Ldexp(1, dest.Bits()-e.Dest.Bits())
		}
	}
	if sum < 1 {
		return false
	}
	var b netipx.IPSetBuilder
	for _, e := range rt.Entries {
		if e.Dest.IsValid() && e.Dest.Bits() > dest.Bits() && dest.Contains(e.Dest.Addr()) {
			b.AddPrefix(e.Dest)
		}
	}
	set, err := b.IPSet()
	return err == nil && set.ContainsPrefix(dest)
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

func connectionNames(d *Design) []string {
	out := make([]string, len(d.Connections))
	for i := range d.Connections {
		out[i] = d.Connections[i].Name
	}
	return out
}

// routing returns the validator's route answers, made on first use.
func (v *validator) routing() *Routing {
	if v.routes == nil {
		v.routes = NewRouting(v.l)
	}
	return v.routes
}
