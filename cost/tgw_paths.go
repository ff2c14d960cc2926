package cost

import (
	"net/netip"

	"github.com/vpcsmith/vpcsmith/design"
)

// internetProbe stands for "the internet" when asking a route table where
// traffic to it goes.
var internetProbe = netip.MustParseAddr("8.8.8.8")

// routing returns route answers for the design, made on first use: only
// designs whose transit gateways have route tables of their own need them.
func (e *estimator) routing() *design.Routing {
	if e.routes == nil {
		e.routes = design.NewRouting(design.Resolve(e.d))
	}
	return e.routes
}

// pathCharges are the GB a transit gateway's route tables add, per VPC,
// each part with the sentence that explains it.
type pathCharges struct {
	tgw map[string]*charge // transit-gateway data, by the VPC that sends it in
	nat map[string]*charge // NAT data processing, by the egress VPC
}

type charge struct {
	gb   []float64
	text []string
}

func (c *charge) total() float64 {
	if c == nil {
		return 0
	}
	t := 0.0
	for _, g := range c.gb {
		t += g
	}
	return t
}

func (c *charge) parts() []string {
	if c == nil {
		return nil
	}
	return c.text
}

func (p *pathCharges) add(m map[string]*charge, vpc string, gb float64, text string) {
	c := m[vpc]
	if c == nil {
		c = &charge{}
		m[vpc] = c
	}
	c.gb = append(c.gb, gb)
	c.text = append(c.text, text)
}

// transitGatewayPaths works out what a transit gateway's route tables add
// to the traffic its VPCs send: every middlebox VPC (an inspection VPC) a
// route table sends traffic through puts it into the gateway again, and
// internet egress that a VPC without NAT routes into the gateway is charged
// there and leaves through the egress VPC's NAT. Without route tables of
// its own, a gateway routes every attachment straight to the others and
// this adds nothing.
func (e *estimator) transitGatewayPaths(c *design.Connection) *pathCharges {
	if len(c.RouteTables) == 0 {
		return &pathCharges{} // nil maps read as empty
	}
	out := &pathCharges{tgw: map[string]*charge{}, nat: map[string]*charge{}}
	view := e.routing().TGW(c.Name)
	if view == nil {
		return out
	}
	for _, n := range c.VPCs {
		i, ok := e.idx[n]
		if !ok {
			continue
		}
		f := e.fact(i)
		if gb := f.traffic.TransitGatewayGB; gb > 0 {
			e.middleboxes(out, view, n, gb)
		}
		if gb := f.traffic.InternetEgressGB; gb > 0 && f.nats == 0 && e.egressVia(i, c.Name) {
			e.egress(out, view, n, gb)
		}
	}
	return out
}

// middleboxes spreads a VPC's transit_gateway_gb evenly over the
// attachments it reaches (the middleboxes on the way excepted: they are
// what it passes through, not where it goes) and charges each middlebox
// for the share it sends back into the gateway.
func (e *estimator) middleboxes(out *pathCharges, view *design.TGWView, vpc string, gb float64) {
	from := design.VPCMember(vpc)
	paths := map[design.TGWMember][]design.TGWMember{}
	middle := map[design.TGWMember]bool{}
	for _, to := range view.Members {
		if to == from {
			continue
		}
		dst, ok := e.memberAddr(to)
		if !ok {
			continue
		}
		if via, ok := view.Path(from, dst, to); ok {
			paths[to] = via
			for _, m := range via {
				middle[m] = true
			}
		}
	}
	dests := 0
	through := map[design.TGWMember]int{}
	for to, via := range paths {
		if middle[to] {
			continue
		}
		dests++
		for _, m := range via {
			through[m]++
		}
	}
	for _, m := range view.Members { // member order: deterministic output
		k := through[m]
		if k == 0 || dests == 0 {
			continue
		}
		name, _ := m.MemberName()
		share := float64(k) / float64(dests)
		text := FormatQuantity(gb*share) + " GB of " + vpc + "'s traffic sent in again by " + name + ", which the route tables send it through"
		if share < 1 {
			text += " (" + FormatQuantity(100*share) + "% of it: the traffic is taken to spread evenly over the attachments it reaches)"
		}
		out.add(out.tgw, name, gb*share, text)
	}
}

// egressVia reports whether a private or isolated tier of VPC vi routes
// the internet into transit gateway conn.
func (e *estimator) egressVia(vi int, conn string) bool {
	r := e.routing()
	vl := r.VPCLayout(e.d.VPCs[vi].Name)
	if vl == nil {
		return false
	}
	for ti := range vl.Tiers {
		if vl.Tiers[ti].Tier.Kind == design.TierPublic {
			continue
		}
		for _, az := range vl.Tiers[ti].AZs {
			if rt, ok := r.Table(vi, ti, az).Lookup(internetProbe); ok && rt.Target == design.TargetConnection && rt.Conn == conn {
				return true
			}
		}
	}
	return false
}

// egress charges internet egress that a VPC without NAT sends into the
// transit gateway: the gateway's data charge on the way in, and the NAT
// data processing of the egress VPC the route table sends it to.
func (e *estimator) egress(out *pathCharges, view *design.TGWView, vpc string, gb float64) {
	exit, _, ok, _ := view.Next(design.VPCMember(vpc), internetProbe)
	if !ok {
		return
	}
	egress, isVPC := exit.MemberName()
	out.add(out.tgw, vpc, gb, FormatQuantity(gb)+" GB of internet egress sent by "+vpc+" into the transit gateway, toward "+egress)
	if i, ok := e.idx[egress]; isVPC && ok && e.fact(i).nats > 0 {
		out.add(out.nat, egress, gb, FormatQuantity(gb)+" GB of "+vpc+"'s internet egress through "+egress+"'s NAT, where the transit gateway sends it")
	}
}

// memberAddr returns an address of a transit-gateway member: the first of
// its VPC's blocks, or its network's.
func (e *estimator) memberAddr(m design.TGWMember) (netip.Addr, bool) {
	ps := e.routing().Destinations(string(m))
	if len(ps) == 0 {
		return netip.Addr{}, false
	}
	return ps[0].Addr(), true
}
