package cost

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// maxPeeringsPerVPC is AWS's default quota of active peerings per VPC: a
// transit gateway of more VPCs than this + 1 has no peering-mesh alternative.
const maxPeeringsPerVPC = 50

// connectionAdvice weighs transit gateways against peering, both ways.
func (a *adviser) connectionAdvice() {
	d := a.d
	// firstTGW maps a VPC to the first transit gateway attaching it; a VPC
	// on several is in a.multiTGW.
	firstTGW := map[string]int{}
	peered := map[[2]string]bool{}
	vpns := map[[2]string]bool{}
	for ci := range d.Connections {
		c := &d.Connections[ci]
		switch c.Kind {
		case design.ConnTransitGateway:
			for _, n := range c.VPCs {
				if _, ok := firstTGW[n]; !ok {
					firstTGW[n] = ci
				}
			}
		case design.ConnPeering:
			if len(c.VPCs) == 2 {
				peered[pair(c.VPCs[0], c.VPCs[1])] = true
			}
		case design.ConnVPN:
			vpns[[2]string{c.VPC, c.Network}] = true
		}
	}
	for ci := range d.Connections {
		c := &d.Connections[ci]
		switch c.Kind {
		case design.ConnPeering:
			a.peeringToTGW(ci, firstTGW)
		case design.ConnTransitGateway:
			a.tgwToPeering(ci, peered, vpns)
		}
	}
}

func pair(x, y string) [2]string {
	if y < x {
		x, y = y, x
	}
	return [2]string{x, y}
}

// existing returns the named VPCs that exist, each once, in the order given.
func (a *adviser) existing(names []string) []string {
	got := make([]string, 0, len(names))
	for _, n := range names {
		if _, ok := a.e.idx[n]; ok && !slices.Contains(got, n) {
			got = append(got, n)
		}
	}
	return got
}

// peeringToTGW: carry a peering's traffic over a transit gateway instead:
// attach its VPCs to a transit gateway one of them is already on, or to a
// new one.
func (a *adviser) peeringToTGW(ci int, firstTGW map[string]int) {
	c := &a.d.Connections[ci]
	if len(c.VPCs) != 2 || c.VPCs[0] == c.VPCs[1] {
		return
	}
	x, y := c.VPCs[0], c.VPCs[1]
	ix, okx := a.e.idx[x]
	iy, oky := a.e.idx[y]
	if !okx || !oky || a.e.facts[ix].region != a.e.facts[iy].region {
		return // a transit gateway attaches VPCs of its own region only
	}
	ti, found := firstTGW[x]
	if j, ok := firstTGW[y]; ok && (!found || j < ti) {
		ti, found = j, true
	}
	var tgw design.Connection
	var joining []string
	if found {
		tgw = a.d.Connections[ti]
		if r, _ := connectionRegion(a.d, a.e.idx, &tgw); r != a.e.facts[ix].region {
			found = false
		}
	}
	if found {
		for _, n := range c.VPCs {
			if !slices.Contains(tgw.VPCs, n) {
				joining = append(joining, n)
			}
		}
		if len(joining) == 0 {
			return // both are on it already: the peering only saves its data charge
		}
	}
	var after []design.Connection
	var msg, edit string
	drop := []int{ci}
	if found {
		drop = append(drop, ti)
		moved := tgw
		moved.VPCs = append(append([]string(nil), tgw.VPCs...), joining...)
		after = []design.Connection{moved}
		rp, _ := a.p.Region(a.e.facts[ix].region)
		msg = fmt.Sprintf("Attach %s to transit gateway %s instead of peering %s: routing through the hub is transitive (%s would also reach %s), at the price of an attachment and %s per GB sent into it",
			strings.Join(joining, " and "), tgw.Name, c.Name, strings.Join(joining, " and "), reachNames(tgw, c.VPCs), rp.TransitGatewayGB.Rate)
		edit = "connections: remove " + c.Name + "; add " + strings.Join(joining, ", ") + " to " + tgw.Name + ".vpcs"
	} else {
		tgw = design.Connection{Name: c.Name + "-tgw", Kind: design.ConnTransitGateway, VPCs: []string{x, y}}
		after = []design.Connection{tgw}
		msg = fmt.Sprintf("A transit gateway for %s and %s instead of peering %s: it costs attachments and data processing, and pays off in simplicity once more VPCs join (peering every pair of n VPCs takes n(n-1)/2 connections)",
			x, y, c.Name)
		edit = "connections: remove " + c.Name + "; add {name: " + tgw.Name + ", kind: transit-gateway, vpcs: [" + x + ", " + y + "]}"
	}
	// The peering's own traffic moves onto the transit gateway: each side's
	// share of its peering_gb becomes transit_gateway_gb, which pays the
	// gateway's data processing instead of the peering's cross-AZ transfer.
	ch := change{drop: drop, add: after, vpcs: map[int]func(*design.VPC){}}
	for _, side := range []int{ix, iy} {
		f := &a.e.facts[side]
		n := a.e.peers[f.v.Name]
		if f.traffic.PeeringGB <= 0 || n <= 0 {
			continue
		}
		share := f.traffic.PeeringGB / float64(n)
		ch.vpcs[side] = func(w *design.VPC) {
			t := editTraffic(w)
			t.PeeringGB -= share
			t.TransitGatewayGB += share
		}
		msg += fmt.Sprintf("; %s's %s GB over the peering then goes into the gateway instead", f.v.Name, FormatQuantity(share))
		edit += fmt.Sprintf("; %s traffic: peering_gb −%s, transit_gateway_gb +%s", f.v.Name, FormatQuantity(share), FormatQuantity(share))
	}
	a.propose(Advice{Kind: AdviceTransitGateway, Connection: c.Name, Message: msg, Edit: edit,
		Risk: "the transit gateway becomes a shared dependency of both VPCs, and its data processing applies to every GB between them"}, ch)
}

// reachNames lists what the peered VPCs would newly reach through tgw.
func reachNames(tgw design.Connection, peered []string) string {
	var names []string
	for _, n := range tgw.VPCs {
		if !slices.Contains(peered, n) {
			names = append(names, n)
		}
	}
	names = append(names, tgw.Networks...)
	if len(names) == 0 {
		return "nothing more"
	}
	return strings.Join(names, ", ")
}

// tgwToPeering: replace a transit gateway by peering every pair of its VPCs
// not yet peered, and a VPN from each VPC to each of its networks.
func (a *adviser) tgwToPeering(ci int, peered, vpns map[[2]string]bool) {
	c := &a.d.Connections[ci]
	names := a.existing(c.VPCs)
	if len(names) == 0 || len(names)-1 > maxPeeringsPerVPC {
		return
	}
	// The replacement is built into a reused buffer for the estimate, and
	// built again, named, only if a test applies the advice.
	a.meshBuf = meshFor(a.meshBuf[:0], c, names, peered, vpns, false)
	var peerings, links []string // the first few, for the message
	nPeerings, nLinks := 0, 0
	for _, m := range a.meshBuf {
		switch m.Kind {
		case design.ConnPeering:
			if nPeerings++; nPeerings <= maxListed+1 {
				peerings = append(peerings, m.VPCs[0]+"–"+m.VPCs[1])
			}
		case design.ConnVPN:
			if nLinks++; nLinks <= maxListed+1 {
				links = append(links, m.VPC+"→"+m.Network)
			}
		}
	}
	var parts []string
	if nPeerings > 0 {
		parts = append(parts, plural(nPeerings, "peering", "peerings")+listed(peerings))
	}
	if nLinks > 0 {
		parts = append(parts, plural(nLinks, "VPN connection", "VPN connections")+listed(links))
	}
	what := "nothing (its VPCs are already peered)"
	if len(parts) > 0 {
		what = strings.Join(parts, " and ")
	}
	msg := fmt.Sprintf("Replace transit gateway %s with %s: peering is free by the hour, and each VPC's transit_gateway_gb moves to its peerings (peering_gb), paying cross-AZ transfer instead of the gateway's data processing",
		c.Name, what)
	// The mesh is named only when a test applies the advice; pricing it
	// reads the reused buffer.
	ch := change{drop: []int{ci}, add: a.meshBuf, vpcs: map[int]func(*design.VPC){}}
	for _, n := range names {
		i := a.e.idx[n]
		gb := a.e.facts[i].traffic.TransitGatewayGB
		if gb <= 0 || a.multiTGW[n] {
			continue
		}
		ch.vpcs[i] = func(w *design.VPC) {
			t := editTraffic(w)
			t.PeeringGB += gb
			t.TransitGatewayGB = 0
		}
	}
	before, after := a.price(ch)
	named := ch
	named.add = nil
	apply := func(d *design.Design) *design.Design {
		named.add = meshFor(nil, c, names, peered, vpns, true)
		return named.apply(d)
	}
	a.add(Advice{Kind: AdvicePeering, Connection: c.Name, Message: msg, apply: apply,
		Edit: "connections: remove " + c.Name + "; add the peerings and VPNs named; each VPC's traffic: transit_gateway_gb → peering_gb",
		Risk: "routing is no longer transitive: every pair of VPCs needs its own peering (at most 50 per VPC by default) and every VPC its own VPN, which multiplies what there is to operate"}, before, after)
}

// meshFor appends to buf the connections that replace transit gateway c:
// a peering for every pair of names not yet peered, and a VPN from each to
// each of c's networks that it lacks. Unless named, the connections share
// c's name: an estimate needs none of its own, and naming thousands of
// peerings is most of the cost of this advice for a large design.
func meshFor(buf []design.Connection, c *design.Connection, names []string, peered, vpns map[[2]string]bool, named bool) []design.Connection {
	name := func(kind string) string {
		if !named {
			return c.Name
		}
		return c.Name + "-" + kind + "-" + strconv.Itoa(len(buf)+1)
	}
	// One backing array holds every peering's pair of names.
	pairs := make([]string, 0, len(names)*(len(names)-1))
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if !peered[pair(names[i], names[j])] {
				pairs = append(pairs, names[i], names[j])
				buf = append(buf, design.Connection{Name: name("peer"), Kind: design.ConnPeering, VPCs: pairs[len(pairs)-2 : len(pairs) : len(pairs)]})
			}
		}
	}
	for _, n := range names {
		for _, net := range c.Networks {
			if !vpns[[2]string{n, net}] {
				buf = append(buf, design.Connection{Name: name("vpn"), Kind: design.ConnVPN, VPC: n, Network: net})
			}
		}
	}
	return buf
}

// maxListed bounds the connections advice names one by one; beyond it the
// text gives the first few and the count.
const maxListed = 6

// listed writes " (a, b, c)", or " (a, b, …)" when names holds more than
// maxListed (the caller collects at most one more than it shows).
func listed(names []string) string {
	if len(names) > maxListed {
		return " (" + strings.Join(names[:maxListed], ", ") + ", …)"
	}
	return " (" + strings.Join(names, ", ") + ")"
}
