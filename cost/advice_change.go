package cost

import (
	"slices"
	"sort"

	"github.com/vpcsmith/vpcsmith/design"
)

// change is one piece of advice as an edit of the design: VPCs edited in
// place, connections dropped, connections added (appended, as apply writes
// them). Every piece of advice is priced from one, by re-estimating the part
// of the design it touches.
type change struct {
	vpcs map[int]func(*design.VPC) // edits by VPC index; each copies any slice it changes
	drop []int
	add  []design.Connection
}

// apply makes the change to a whole design, returning a changed copy; tests
// estimate it to check the advice's figures.
func (ch change) apply(d *design.Design) *design.Design {
	c := *d
	c.VPCs = append([]design.VPC(nil), d.VPCs...)
	for i, edit := range ch.vpcs {
		edit(&c.VPCs[i])
	}
	c.Connections = nil
	for i, conn := range d.Connections {
		if !slices.Contains(ch.drop, i) {
			c.Connections = append(c.Connections, conn)
		}
	}
	c.Connections = append(c.Connections, ch.add...)
	return &c
}

// connectionsOf returns the indexes of the connections touching each VPC
// name, built on first use.
func (a *adviser) connectionsOf(name string) []int {
	if a.byVPC == nil {
		a.byVPC = map[string][]int{}
		for ci := range a.d.Connections {
			for _, n := range touched(&a.d.Connections[ci]) {
				if l := a.byVPC[n]; len(l) == 0 || l[len(l)-1] != ci {
					a.byVPC[n] = append(l, ci)
				}
			}
		}
	}
	return a.byVPC[name]
}

// touched names the VPCs a connection's items read.
func touched(c *design.Connection) []string {
	switch c.Kind {
	case design.ConnVPN:
		return []string{c.VPC}
	case design.ConnPrivateLink:
		return []string{c.Consumer, c.Provider}
	}
	return c.VPCs
}

// price estimates ch incrementally: before is the main estimate's items of
// the VPCs it edits, the connections it drops and every connection whose
// items depend on what it changes (those touching an edited VPC, or a VPC
// whose count of peerings or VPNs it changes); after is the same part of
// the changed design, estimated by the same code. Everything else is
// unchanged, so after − before is the difference of the whole estimates.
// Where a VPC on several transit gateways is involved (its transit traffic
// is charged on the first, an order the part cannot see), the whole
// changed design is estimated instead.
func (a *adviser) price(ch change) (before, after sums) {
	s := a.scratch
	clear(s.override)
	clear(s.peerDelta)
	clear(s.vpnDelta)
	if a.affected == nil {
		a.affected = map[string]bool{}
	}
	affected := a.affected
	clear(affected)
	idx := a.idxBuf[:0]
	for i := range ch.vpcs {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	// The changed VPCs and their facts live in reused buffers: the scratch
	// estimate reads them only during this call.
	a.vpcBuf = slices.Grow(a.vpcBuf[:0], len(idx))[:len(idx)]
	a.factsBuf = slices.Grow(a.factsBuf[:0], len(idx))[:len(idx)]
	for k, i := range idx {
		w := &a.vpcBuf[k]
		*w = a.d.VPCs[i]
		ch.vpcs[i](w)
		a.factsBuf[k] = factsOf(a.d, a.p, w, a.e.facts[i].azs)
		f := &a.factsBuf[k]
		s.override[i] = f
		// Connections read a VPC's traffic and whether it has NAT: an edit
		// that changes neither leaves its connections' items as they are.
		if old := &a.e.facts[i]; f.traffic != old.traffic || (f.nats == 0) != (old.nats == 0) {
			affected[w.Name] = true
		}
	}
	count := func(c *design.Connection, by int) {
		switch c.Kind {
		case design.ConnPeering:
			if len(c.VPCs) == 2 && c.VPCs[0] != c.VPCs[1] {
				for _, n := range c.VPCs {
					s.peerDelta[n] += by
					affected[n] = true
				}
			}
		case design.ConnVPN:
			s.vpnDelta[c.VPC] += by
			affected[c.VPC] = true
		}
	}
	for _, ci := range ch.drop {
		count(&a.d.Connections[ci], -1)
	}
	for i := range ch.add {
		count(&ch.add[i], +1)
	}
	deps := a.depsBuf[:0]
	for n := range affected {
		for _, ci := range a.connectionsOf(n) {
			if !slices.Contains(ch.drop, ci) && !slices.Contains(deps, ci) {
				deps = append(deps, ci)
			}
		}
	}
	sort.Ints(deps)
	a.idxBuf, a.depsBuf = idx, deps
	if a.involvesMultiTGW(deps, ch) {
		changed := newEstimator(ch.apply(a.d), a.p, false)
		changed.run()
		return sumOf(a.e.items), sumOf(changed.items)
	}
	for _, i := range idx {
		before = before.plus(a.currentVPC(i))
		s.vpcItems(s.override[i])
	}
	before = before.plus(a.currentConnections(ch.drop...)).plus(a.currentConnections(deps...))
	clear(s.attached)
	clear(s.onPrem)
	for _, ci := range deps {
		s.connectionItems(&a.d.Connections[ci], s.attached)
	}
	for i := range ch.add {
		s.connectionItems(&ch.add[i], s.attached)
	}
	after = a.sumItems()
	clear(s.override)
	clear(s.peerDelta)
	clear(s.vpnDelta)
	return before, after
}

func (a *adviser) involvesMultiTGW(deps []int, ch change) bool {
	check := func(c *design.Connection) bool {
		if c.Kind != design.ConnTransitGateway {
			return false
		}
		return slices.ContainsFunc(c.VPCs, func(n string) bool { return a.multiTGW[n] })
	}
	for _, ci := range deps {
		if check(&a.d.Connections[ci]) {
			return true
		}
	}
	for _, ci := range ch.drop {
		if check(&a.d.Connections[ci]) {
			return true
		}
	}
	for i := range ch.add {
		if check(&ch.add[i]) {
			return true
		}
	}
	return false
}

func (s sums) plus(t sums) sums {
	for i := range s {
		s[i] += t[i]
	}
	return s
}

// propose prices ch and records adv with its figures.
func (a *adviser) propose(adv Advice, ch change) {
	before, after := a.price(ch)
	adv.apply = ch.apply
	a.add(adv, before, after)
}

// onlyVPC is a change editing VPC i alone.
func onlyVPC(i int, edit func(*design.VPC)) change {
	return change{vpcs: map[int]func(*design.VPC){i: edit}}
}
