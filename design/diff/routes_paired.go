package diff

import (
	"net/netip"
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// routes adds the route elements of the tiers that both sides have,
// comparing the effective tables as typed values and adding only the
// destinations that differ: a transit-gateway member's derived table holds
// a route per member in every tier and AZ, and turning each of them into a
// path and an attribute map to find it unchanged was most of a diff's time.
// What it adds is what routeElements adds for those destinations (the
// tests hold the two against each other); a tier on one side only needs no
// routes, since its children go with it.
//
// A VPC with two tiers of one name on either side is flattened
// side by side with routeElements instead.
func (p *pairing) routes(skip map[string]bool, addA, addB adder) {
	la, lb := p.a, p.b
	ra, rb := design.NewRouting(la), design.NewRouting(lb)
	ib := p.ib
	for vi := range la.VPCs {
		va := &la.VPCs[vi]
		vj, ok := ib[va.VPC.Name]
		if !ok || skip[va.VPC.Name] {
			continue
		}
		vb := &lb.VPCs[vj]
		if dupTierNames(va) || dupTierNames(vb) {
			for ti := range va.Tiers {
				routeElements(ra, va, vi, ti, addA)
			}
			for ti := range vb.Tiers {
				routeElements(rb, vb, vj, ti, addB)
			}
			continue
		}
		for ti := range va.Tiers {
			tj := slices.IndexFunc(vb.Tiers, func(t design.TierLayout) bool { return t.Tier.Name == va.Tiers[ti].Tier.Name })
			if tj < 0 || p.sameTierRoutes(ra, rb, vi, vj, ti, tj) {
				continue
			}
			ta, tb := tierRoutes(ra, va, vi, ti), tierRoutes(rb, vb, vj, tj)
			tp := "vpcs/" + escape(va.VPC.Name) + "/tiers/" + escape(va.Tiers[ti].Tier.Name) + "/routes/"
			for _, d := range ta.order {
				if o, in := tb.byKey[d.key]; !in || !o.equal(d) {
					addA(tp+escape(d.key.String()), "route", d.attrs(), nil)
				}
			}
			for _, d := range tb.order {
				if o, in := ta.byKey[d.key]; !in || !o.equal(d) {
					addB(tp+escape(d.key.String()), "route", d.attrs(), nil)
				}
			}
		}
	}
}

func dupTierNames(vl *design.VPCLayout) bool {
	for i := range vl.Tiers {
		for j := range i {
			if vl.Tiers[j].Tier.Name == vl.Tiers[i].Tier.Name {
				return true
			}
		}
	}
	return false
}

// routeKey is a route's destination: a prefix, or a gateway endpoint's
// service.
type routeKey struct {
	dest     netip.Prefix
	service  string
	endpoint bool
}

// String is the key as the path writes it (routeElements).
func (k routeKey) String() string {
	if k.endpoint {
		return "endpoint:" + k.service
	}
	return k.dest.String()
}

// routeVia is a route's target, typed: its string form (target, "nat:AZ",
// "connection:NAME") is built only for a route that changed.
type routeVia struct {
	target design.TargetKind
	arg    string
}

func (v routeVia) String() string {
	switch v.target {
	case design.TargetNAT:
		return "nat:" + v.arg
	case design.TargetConnection:
		return "connection:" + v.arg
	}
	return string(v.target)
}

// routeDest is one destination of a tier's tables: its target in each AZ
// that routes it, in the tier's AZ order.
type routeDest struct {
	key   routeKey
	azs   []string
	vias  []routeVia
	total int // the tier's AZ count
}

// uniform reports whether every AZ of the tier routes the destination to
// one target: the attributes then say that target alone.
func (d *routeDest) uniform() bool {
	if len(d.vias) != d.total {
		return false
	}
	for _, v := range d.vias[1:] {
		if v != d.vias[0] {
			return false
		}
	}
	return true
}

// equal compares two destinations as their attributes would compare.
func (d *routeDest) equal(o *routeDest) bool {
	du, ou := d.uniform(), o.uniform()
	if du || ou {
		return du && ou && d.vias[0] == o.vias[0]
	}
	if len(d.vias) != len(o.vias) {
		return false
	}
	// Per AZ: the same AZs with the same targets, in any order.
	for i, az := range d.azs {
		j := slices.Index(o.azs, az)
		if j < 0 || o.vias[j] != d.vias[i] {
			return false
		}
	}
	return true
}

// attrs is the destination's attributes, as routeElements writes them.
func (d *routeDest) attrs() map[string]any {
	if d.uniform() {
		return map[string]any{"via": d.vias[0].String()}
	}
	perAZ := make(map[string]any, len(d.azs))
	for i, az := range d.azs {
		perAZ[az] = d.vias[i].String()
	}
	return map[string]any{"via": perAZ}
}

type tierTable struct {
	order []*routeDest
	byKey map[routeKey]*routeDest
}

// tierRoutes is tier ti's effective routes in every AZ of it, by
// destination (local routes left out, as routeElements does). A tier whose
// table is the same in every AZ (Routing.AZIndependent) is asked once.
func tierRoutes(r *design.Routing, vl *design.VPCLayout, vi, ti int) tierTable {
	tl := &vl.Tiers[ti]
	n := len(tl.AZs)
	if n == 0 {
		return tierTable{byKey: map[routeKey]*routeDest{}}
	}
	if r.AZIndependent(vi, ti) && uniqueAZs(tl.AZs) {
		es := r.Table(vi, ti, tl.AZs[0]).Entries
		tt := tierTable{order: make([]*routeDest, 0, len(es)), byKey: make(map[routeKey]*routeDest, len(es))}
		dests := make([]routeDest, 0, len(es))
		vias := make([]routeVia, 0, len(es)*n)
		for _, e := range es {
			if e.Target == design.TargetLocal {
				continue
			}
			key, via := entryKeyVia(e)
			if d := tt.byKey[key]; d != nil {
				for i := range d.vias {
					d.vias[i] = via // a later entry for the same destination wins, as in routeElements
				}
				continue
			}
			start := len(vias)
			for range n {
				vias = append(vias, via)
			}
			dests = append(dests, routeDest{key: key, azs: tl.AZs, vias: vias[start:len(vias):len(vias)], total: n})
			d := &dests[len(dests)-1]
			tt.byKey[key] = d
			tt.order = append(tt.order, d)
		}
		return tt
	}
	tt := tierTable{byKey: map[routeKey]*routeDest{}}
	for _, az := range tl.AZs {
		for _, e := range r.Table(vi, ti, az).Entries {
			if e.Target == design.TargetLocal {
				continue
			}
			key, via := entryKeyVia(e)
			d := tt.byKey[key]
			if d == nil {
				d = &routeDest{key: key, total: n, azs: make([]string, 0, n), vias: make([]routeVia, 0, n)}
				tt.byKey[key] = d
				tt.order = append(tt.order, d)
			}
			if i := slices.Index(d.azs, az); i >= 0 {
				d.vias[i] = via // a later entry for the same AZ wins, as in routeElements' map
			} else {
				d.azs = append(d.azs, az)
				d.vias = append(d.vias, via)
			}
		}
	}
	return tt
}

func uniqueAZs(azs []string) bool {
	for i := range azs {
		if slices.Contains(azs[:i], azs[i]) {
			return false
		}
	}
	return true
}

// entryKeyVia is a table entry's destination and target.
func entryKeyVia(e design.RouteEntry) (routeKey, routeVia) {
	key, via := routeKey{dest: e.Dest}, routeVia{target: e.Target}
	switch e.Target {
	case design.TargetEndpoint:
		key = routeKey{service: e.Service, endpoint: true}
	case design.TargetNAT:
		via.arg = e.NATAZ
	case design.TargetConnection:
		via.arg = e.Conn
	}
	return key, via
}
