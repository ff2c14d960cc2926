package reach

import (
	"net/netip"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/suggest"
)

// InputError is a source or destination the design does not have, or a bad
// flag value: the CLI's exit status 2.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// pointKind is what one end of a flow is.
type pointKind int

const (
	atInternet pointKind = iota + 1 // an address on the internet
	atNetwork                       // an address of a network (on-premises)
	atSubnet                        // an interface in a subnet of a VPC
)

// point is one end of one flow: an interface with one address.
type point struct {
	kind    pointKind
	addr    netip.Addr
	network int       // atNetwork
	sub     subnetKey // atSubnet
	// group is the interface's security group in VPC sub.vi; nil: a
	// tier or address, which the issue defines as an interface with no
	// group restriction (the network layer only).
	group *design.SecurityGroup
	// service marks a PrivateLink service's load balancer (an nlb
	// workload, its group or its tier) in its provider VPC.
	service bool
}

// subnetKey names a subnet: VPC, tier and subnet index in the layout.
type subnetKey struct{ vi, ti, si int }

// Element is a resolved source or destination: every interface it stands
// for (a tier is every one of its subnets).
type Element struct {
	Name   string
	points []point
	// sgLayer: a group or workload, whose security groups are on the path;
	// a tier, AZ or address asks the network layer only.
	sgLayer bool
}

// internetAddr stands for the internet: an address of TEST-NET-3 (RFC
// 5737), which no design uses, so every route and rule treats it as an
// arbitrary public address.
var internetAddr = netip.MustParseAddr("203.0.113.1")

// Resolve reads an element name of the CLI: internet, network:NAME,
// VPC/TIER, VPC/TIER/AZ, VPC/sg:NAME, VPC/workload:NAME, an IP address or a
// CIDR. An unknown name is an *InputError naming the closest known one.
func (e *Engine) Resolve(name string) (Element, error) {
	name = strings.TrimSpace(name)
	el := Element{Name: name}
	switch {
	case name == "internet":
		el.points = []point{{kind: atInternet, addr: internetAddr}}
		return el, nil
	case strings.HasPrefix(name, "network:"):
		n := strings.TrimPrefix(name, "network:")
		for i, nw := range e.l.Design.Networks {
			if nw.Name == n && e.l.Networks[i].IsValid() {
				el.points = []point{{kind: atNetwork, network: i, addr: hostIn(e.l.Networks[i], 1)}}
				return el, nil
			}
		}
		return el, e.unknown(name)
	}
	if a, err := netip.ParseAddr(name); err == nil {
		return e.resolvePrefix(el, netip.PrefixFrom(a, a.BitLen()))
	}
	if p, err := netip.ParsePrefix(name); err == nil {
		return e.resolvePrefix(el, p.Masked())
	}
	vpcName, rest, ok := strings.Cut(name, "/")
	vi, known := e.vpcs[vpcName]
	if !ok || !known || rest == "" {
		return el, e.unknown(name)
	}
	vl := &e.l.VPCs[vi]
	switch {
	case strings.HasPrefix(rest, "sg:"):
		g := vl.VPC.FindSecurityGroup(strings.TrimPrefix(rest, "sg:"))
		if g == nil {
			return el, e.unknown(name)
		}
		el.sgLayer = true
		el.points = e.tierPoints(vi, g.Tier, "", g, e.servesGroup(vi, g.Name))
	case strings.HasPrefix(rest, "workload:"):
		w := findWorkload(vl.VPC, strings.TrimPrefix(rest, "workload:"))
		if w == nil {
			return el, e.unknown(name)
		}
		el.sgLayer = true
		g := vl.VPC.FindSecurityGroup(w.SecurityGroup)
		el.points = e.tierPoints(vi, w.Tier, "", g, w.Kind == "nlb" && e.provides(vi))
	default:
		tier, az, _ := strings.Cut(rest, "/")
		if vl.VPC.FindTier(tier) == nil {
			return el, e.unknown(name)
		}
		el.points = e.tierPoints(vi, tier, az, nil, e.servesTier(vi, tier))
	}
	if len(el.points) == 0 {
		return el, e.unknown(name)
	}
	return el, nil
}

// resolvePrefix places an address or CIDR: in the subnets it falls in (one
// interface each, at the address given or the subnet's first usable one),
// else in a network, else on the internet.
func (e *Engine) resolvePrefix(el Element, p netip.Prefix) (Element, error) {
	if !p.Addr().Is4() {
		return el, &InputError{Msg: el.Name + " is not an IPv4 address or CIDR: vpcsmith's designs are IPv4"}
	}
	for vi := range e.l.VPCs {
		for ti, tl := range e.l.VPCs[vi].Tiers {
			for si, s := range tl.Subnets {
				if !s.Prefix.IsValid() || !s.Prefix.Overlaps(p) {
					continue
				}
				a := representative(s.Prefix)
				if p.Bits() >= s.Prefix.Bits() && p.Bits() == 32 {
					a = p.Addr()
				}
				el.points = append(el.points, point{kind: atSubnet, addr: a, sub: subnetKey{vi, ti, si}, service: e.servesTier(vi, tl.Tier.Name)})
			}
		}
	}
	if len(el.points) > 0 {
		return el, nil
	}
	a := p.Addr()
	if p.Bits() < 32 {
		a = hostIn(p, 1)
	}
	for i, n := range e.l.Networks {
		if n.IsValid() && n.Contains(a) {
			el.points = []point{{kind: atNetwork, network: i, addr: a}}
			return el, nil
		}
	}
	el.points = []point{{kind: atInternet, addr: a}}
	return el, nil
}

// tierPoints returns an interface in each subnet of the tier (in az only,
// when given), with group g.
func (e *Engine) tierPoints(vi int, tier, az string, g *design.SecurityGroup, service bool) []point {
	var out []point
	for ti, tl := range e.l.VPCs[vi].Tiers {
		if tl.Tier.Name != tier {
			continue
		}
		for si, s := range tl.Subnets {
			if s.Prefix.IsValid() && (az == "" || s.AZ == az) {
				out = append(out, point{kind: atSubnet, addr: representative(s.Prefix), sub: subnetKey{vi, ti, si}, group: g, service: service})
			}
		}
	}
	return out
}

// representative is the address that stands for a subnet's interfaces:
// its first usable one, since AWS reserves the first four.
func representative(p netip.Prefix) netip.Addr { return hostIn(p, 4) }

// hostIn returns the n-th address of p (n counted from its first).
func hostIn(p netip.Prefix, n int) netip.Addr {
	a := p.Masked().Addr()
	for range n {
		if next := a.Next(); next.IsValid() && p.Contains(next) {
			a = next
		}
	}
	return a
}

func findWorkload(v *design.VPC, name string) *design.Workload {
	for i := range v.Workloads {
		if v.Workloads[i].Name == name {
			return &v.Workloads[i]
		}
	}
	return nil
}

// provides reports whether VPC vi is the provider of a PrivateLink service.
func (e *Engine) provides(vi int) bool {
	return e.providers[e.l.VPCs[vi].VPC.Name]
}

// servesGroup and servesTier report whether a group or tier holds a
// PrivateLink service's network load balancer.
func (e *Engine) servesGroup(vi int, group string) bool {
	return e.provides(vi) && hasNLB(e.l.VPCs[vi].VPC, func(w *design.Workload) bool { return w.SecurityGroup == group })
}

func (e *Engine) servesTier(vi int, tier string) bool {
	return e.provides(vi) && hasNLB(e.l.VPCs[vi].VPC, func(w *design.Workload) bool { return w.Tier == tier })
}

func hasNLB(v *design.VPC, match func(*design.Workload) bool) bool {
	for i := range v.Workloads {
		if v.Workloads[i].Kind == "nlb" && match(&v.Workloads[i]) {
			return true
		}
	}
	return false
}

// unknown is the error for a name the design does not have, with the
// closest name it does have.
func (e *Engine) unknown(name string) error {
	msg := "the design has no element " + `"` + name + `"`
	best := suggest.Closest(name, e.Names())
	if vpc, rest, ok := strings.Cut(name, "/"); ok && best == "" {
		// A mistyped VPC name is a long way from every element's full
		// name; correct the VPC part first, then the rest.
		if _, known := e.vpcs[vpc]; !known {
			var names []string
			for _, vl := range e.l.VPCs {
				names = append(names, vl.VPC.Name)
			}
			if v := suggest.Closest(vpc, names); v != "" {
				best = suggest.Closest(v+"/"+rest, e.Names())
			}
		}
	}
	if best != "" {
		msg += `; did you mean "` + best + `"?`
	} else {
		msg += "; name internet, network:NAME, VPC/TIER, VPC/TIER/AZ, VPC/sg:NAME, VPC/workload:NAME, an address or a CIDR"
	}
	return &InputError{Msg: msg}
}

// Names lists every element name the design has, in design order.
func (e *Engine) Names() []string {
	out := []string{"internet"}
	for _, n := range e.l.Design.Networks {
		out = append(out, "network:"+n.Name)
	}
	for _, vl := range e.l.VPCs {
		v := vl.VPC
		for _, tl := range vl.Tiers {
			out = append(out, v.Name+"/"+tl.Tier.Name)
			for _, az := range tl.AZs {
				out = append(out, v.Name+"/"+tl.Tier.Name+"/"+az)
			}
		}
		for _, g := range v.SecurityGroups {
			out = append(out, v.Name+"/sg:"+g.Name)
		}
		for _, w := range v.Workloads {
			out = append(out, v.Name+"/workload:"+w.Name)
		}
	}
	return out
}
