package diff

import (
	"reflect"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// pairing holds what the two sides' VPCs need to be compared in pairs:
// the VPC indexes by name and the connections that name each VPC.
type pairing struct {
	a, b         *design.Layout
	ia, ib       map[string]int
	ca, cb       map[string][]int
	blocks       map[string]bool // VPC name → the same blocks on both sides (or absent on both)
	networksSame bool
}

// newPairing returns nil when a VPC name is used twice on a side: such
// VPCs' elements are told apart by position, not paired by name.
func newPairing(a, b *design.Layout) *pairing {
	p := &pairing{a: a, b: b, ia: vpcIndex(a), ib: vpcIndex(b), blocks: map[string]bool{}}
	if p.ia == nil || p.ib == nil {
		return nil
	}
	p.ca, p.cb = routedConnections(a.Design), routedConnections(b.Design)
	p.networksSame = equalFields(reflect.ValueOf(a.Design.Networks), reflect.ValueOf(b.Design.Networks)) && slices.Equal(a.Networks, b.Networks)
	return p
}

// unchanged returns the names of the VPCs none of whose elements can
// differ between the sides, so that Changes skips them instead of
// flattening every subnet, rule and route of a large design to find
// nothing: a pull request touches a few VPCs of hundreds.
//
// A VPC is unchanged when its own keys are equal (source positions aside:
// a line added above it moves it but changes nothing), its layout is (the
// region, AZs, blocks and subnets it resolves to), and so is everything its
// effective route tables read outside it (design.Routing): the connections
// that name it, in design order, the blocks of every VPC those connections
// or its written routes name, and the networks. Anything else is compared
// element by element.
func (p *pairing) unchanged() map[string]bool {
	if !p.networksSame {
		return nil
	}
	out := make(map[string]bool, len(p.ia))
	for name, i := range p.ia {
		j, ok := p.ib[name]
		if !ok {
			continue
		}
		va, vb := &p.a.VPCs[i], &p.b.VPCs[j]
		if !sameLayout(va, vb) || !equalFields(reflect.ValueOf(va.VPC).Elem(), reflect.ValueOf(vb.VPC).Elem()) {
			continue
		}
		if !p.sameConnections(name) || !writtenRefsSame(va, p.sameBlocks) {
			continue
		}
		out[name] = true
	}
	return out
}

func (p *pairing) sameBlocks(name string) bool {
	same, ok := p.blocks[name]
	if !ok {
		i, inA := p.ia[name]
		j, inB := p.ib[name]
		same = inA == inB && (!inA || slices.Equal(p.a.VPCs[i].CIDRs, p.b.VPCs[j].CIDRs))
		p.blocks[name] = same
	}
	return same
}

// sameTierRoutes reports whether tier ta of VPC va and tier tb of VPC vb
// (one name on both sides) have the same effective tables, from what
// design.Routing reads to make them: the tier's keys, the VPC's blocks,
// endpoints and IPv6, its NAT placement where a derived table uses it, and
// its connections and the networks.
func (p *pairing) sameTierRoutes(ra, rb *design.Routing, vi, vj, ti, tj int) bool {
	va, vb := &p.a.VPCs[vi], &p.b.VPCs[vj]
	ta, tb := va.Tiers[ti].Tier, vb.Tiers[tj].Tier
	if !p.networksSame || !slices.Equal(va.CIDRs, vb.CIDRs) || va.IPv6 != vb.IPv6 || va.VPC.IPv6 != vb.VPC.IPv6 ||
		!slices.Equal(va.VPC.Endpoints, vb.VPC.Endpoints) || va.HasNonPublicSubnets() != vb.HasNonPublicSubnets() ||
		!slices.Equal(va.Tiers[ti].AZs, vb.Tiers[tj].AZs) {
		return false
	}
	if ta.Kind != tb.Kind || ta.IPv6 != tb.IPv6 || ta.DNS64 != tb.DNS64 || ta.AssignsIPv6() != tb.AssignsIPv6() ||
		!equalFields(reflect.ValueOf(ta.Routes), reflect.ValueOf(tb.Routes)) ||
		!equalFields(reflect.ValueOf(ta.GatewayEndpoints), reflect.ValueOf(tb.GatewayEndpoints)) {
		return false
	}
	for _, r := range ta.Routes {
		if name, ok := strings.CutPrefix(r.To, "vpc:"); ok && !p.sameBlocks(name) {
			return false
		}
	}
	// A derived private table (and NAT64's route) goes to a NAT gateway
	// chosen by placement.
	if ta.Routes == nil && (ta.Kind == design.TierPrivate || ta.DNS64) && !slices.Equal(ra.NATAZs(vi), rb.NATAZs(vj)) {
		return false
	}
	return ta.Routes != nil || p.sameConnections(va.VPC.Name)
}

// vpcIndex maps each VPC name to its index; nil when a name is used twice.
func vpcIndex(l *design.Layout) map[string]int {
	m := make(map[string]int, len(l.VPCs))
	for i := range l.VPCs {
		name := l.VPCs[i].VPC.Name
		if _, dup := m[name]; dup {
			return nil
		}
		m[name] = i
	}
	return m
}

// routedConnections maps each VPC name to the connections that name it in
// any way, in design order (a superset of the routed ones Routing reads).
func routedConnections(d *design.Design) map[string][]int {
	m := map[string][]int{}
	for ci := range d.Connections {
		c := &d.Connections[ci]
		names := append(slices.Clone(c.VPCs), c.VPC, c.Provider, c.Consumer)
		for k, n := range names {
			if n != "" && !slices.Contains(names[:k], n) {
				m[n] = append(m[n], ci)
			}
		}
	}
	return m
}

// sameConnections reports whether the connections that name a VPC are the
// same on both sides, in the same order, and join VPCs whose blocks are
// the same.
func (p *pairing) sameConnections(name string) bool {
	xa, xb := p.ca[name], p.cb[name]
	if len(xa) != len(xb) {
		return false
	}
	for k := range xa {
		c, o := &p.a.Design.Connections[xa[k]], &p.b.Design.Connections[xb[k]]
		if !equalFields(reflect.ValueOf(c).Elem(), reflect.ValueOf(o).Elem()) {
			return false
		}
		for _, n := range c.VPCs {
			if !p.sameBlocks(n) {
				return false
			}
		}
		if c.VPC != "" && !p.sameBlocks(c.VPC) {
			return false
		}
	}
	return true
}

// writtenRefsSame reports whether the VPCs the written routes of vl name
// (`to: vpc:NAME`) have the same blocks on both sides.
func writtenRefsSame(vl *design.VPCLayout, sameBlocks func(string) bool) bool {
	for _, tl := range vl.Tiers {
		for _, r := range tl.Tier.Routes {
			if name, ok := strings.CutPrefix(r.To, "vpc:"); ok && !sameBlocks(name) {
				return false
			}
		}
	}
	return true
}

// sameLayout compares what the elements of a VPC read from its layout.
func sameLayout(a, b *design.VPCLayout) bool {
	if a.Region != b.Region || a.Primary != b.Primary || a.IPv6 != b.IPv6 || !slices.Equal(a.AZs, b.AZs) ||
		!slices.Equal(a.CIDRs, b.CIDRs) || len(a.Tiers) != len(b.Tiers) {
		return false
	}
	for k := range a.Tiers {
		ta, tb := &a.Tiers[k], &b.Tiers[k]
		if !slices.Equal(ta.AZs, tb.AZs) || !slices.Equal(ta.Subnets, tb.Subnets) || !slices.Equal(ta.Reserved, tb.Reserved) {
			return false
		}
	}
	return true
}

var designPkg = reflect.TypeFor[design.VPC]().PkgPath()

// equalFields is reflect.DeepEqual for the design's types without their
// unexported fields, which hold source positions. A nil and an empty slice
// differ, as they do in the format (`routes: []` is no route; no `routes`
// is the derived table).
func equalFields(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		if t.PkgPath() != designPkg {
			// Another package's struct (netip.Prefix) keeps its state in
			// unexported fields: compare it whole.
			return t.Comparable() && a.Interface() == b.Interface()
		}
		for i := range a.NumField() {
			if t.Field(i).IsExported() && !equalFields(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.Type().Elem().Kind() == reflect.String {
			return slices.Equal(a.Interface().([]string), b.Interface().([]string))
		}
		for i := range a.Len() {
			if !equalFields(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Array:
		for i := range a.Len() {
			if !equalFields(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalFields(a.Elem(), b.Elem())
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			vb := b.MapIndex(k)
			if !vb.IsValid() || !equalFields(a.MapIndex(k), vb) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	// Kinds the design does not use (funcs, channels): never assume equal.
	return false
}
