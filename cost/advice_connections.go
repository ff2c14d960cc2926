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
	a.multiTGW = map[string]bool{}
	peered := map[[2]string]bool{}
	vpns := map[[2]string]bool{}
	for ci := range d.Connections {
		c := &d.Connections[ci]
		switch c.Kind {
		case design.ConnTransitGateway:
			for _, n := range c.VPCs {
				if j, ok := firstTGW[n]; !ok {
					firstTGW[n] = ci
				} else if j != ci {
					a.multiTGW[n] = true
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
	var msg string
	drop := []int{ci}
	if found {
		drop = append(drop, ti)
		moved := tgw
		moved.VPCs = append(append([]string(nil), tgw.VPCs...), joining...)
		after = []design.Connection{moved}
		rp, _ := a.p.Region(a.e.facts[ix].region)
		msg = fmt.Sprintf("Attach %s to transit gateway %s instead of peering %s: routing through the hub is transitive (%s would also reach %s), at the price of an attachment and %s per GB sent into it",
			strings.Join(joining, " and "), tgw.Name, c.Name, strings.Join(joining, " and "), reachNames(tgw, c.VPCs), rp.TransitGatewayGB.Rate)
	} else {
		tgw = design.Connection{Name: c.Name + "-tgw", Kind: design.ConnTransitGateway, VPCs: []string{x, y}}
		after = []design.Connection{tgw}
		msg = fmt.Sprintf("A transit gateway for %s and %s instead of peering %s: it costs attachments and data processing, and pays off in simplicity once more VPCs join (peering every pair of n VPCs takes n(n-1)/2 connections)",
			x, y, c.Name)
	}
	a.addConnectionAdvice(Advice{Kind: AdviceTransitGateway, Connection: c.Name, Message: msg, apply: withConnections(drop, func() []design.Connection { return after })}, drop, after)
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
	msg := fmt.Sprintf("Replace transit gateway %s with %s: peering is free by the hour, but not transitive, so every pair of VPCs needs its own peering and every VPC its own VPN to each network",
		c.Name, what)
	a.addConnectionAdvice(Advice{Kind: AdvicePeering, Connection: c.Name, Message: msg,
		apply: withConnections([]int{ci}, func() []design.Connection { return meshFor(nil, c, names, peered, vpns, true) })}, []int{ci}, a.meshBuf)
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

// addConnectionAdvice prices replacing the connections at drop with add.
// Connection items depend on no other connection, except that a VPC on
// several transit gateways has its transit_gateway_gb charged once, on the
// first: when such a VPC is involved, the whole changed design is
// estimated instead, which is exact whatever the order.
func (a *adviser) addConnectionAdvice(adv Advice, drop []int, add []design.Connection) {
	involved := false
	for _, list := range [][]design.Connection{add, pick(a.d.Connections, drop)} {
		for _, c := range list {
			for _, n := range c.VPCs {
				involved = involved || a.multiTGW[n]
			}
		}
	}
	if !involved {
		a.add(adv, a.currentConnections(drop...), a.estimateConnections(add))
		return
	}
	changed := newEstimator(adv.apply(a.d), a.p, false)
	changed.run()
	a.add(adv, sumOf(a.e.items), sumOf(changed.items))
}

func pick(conns []design.Connection, idx []int) []design.Connection {
	out := make([]design.Connection, len(idx))
	for i, j := range idx {
		out[i] = conns[j]
	}
	return out
}
