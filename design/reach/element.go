package reach

import (
	"fmt"
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
	// v4 is the IPv4 address behind a NAT64 address (64:ff9b::/96 plus
	// v4), which an IPv6-only tier with DNS64 sends to for an IPv4 host.
	v4 netip.Addr
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

// internetAddr6 stands for the IPv6 internet: an address of 3fff::/20, the
// documentation prefix of RFC 9637, which no design uses either.
var internetAddr6 = netip.MustParseAddr("3fff::1")

// internetPoints are the internet's two interfaces: `internet` means both
// 0.0.0.0/0 and ::/0, as in the format's rules.
func internetPoints() []point {
	return []point{{kind: atInternet, addr: internetAddr}, {kind: atInternet, addr: internetAddr6}}
}

// Resolve reads an element name of the CLI: internet, network:NAME,
// VPC/TIER, VPC/TIER/AZ, VPC/sg:NAME, VPC/workload:NAME, an IP address or a
// CIDR. An unknown name is an *InputError naming the closest known one.
func (e *Engine) Resolve(name string) (Element, error) {
	name = strings.TrimSpace(name)
	el := Element{Name: name}
	switch {
	case name == "internet":
		el.points = internetPoints()
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
		if a.Zone() != "" {
			// A zone names a link of one host (fe80::1%eth0), no address
			// of a design.
			return el, &InputError{Msg: name + " has a zone (%" + a.Zone() + "): name the address without it"}
		}
		// An IPv4-mapped IPv6 address (::ffff:10.0.0.5) is the IPv4 one.
		a = a.Unmap()
		return e.resolvePrefix(el, netip.PrefixFrom(a, a.BitLen()), MaxCIDRSubnets)
	}
	if p, err := netip.ParsePrefix(name); err == nil {
		return e.resolvePrefix(el, p.Masked(), MaxCIDRSubnets)
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
//
// limit bounds the subnets a name may stand for (0: none, for a rule's
// peer, which validation asks about whatever its size).
func (e *Engine) resolvePrefix(el Element, p netip.Prefix, limit int) (Element, error) {
	host := p.Bits() == p.Addr().BitLen()
	for vi := range e.l.VPCs {
		for ti, tl := range e.l.VPCs[vi].Tiers {
			for si, s := range tl.Subnets {
				sp := s.Prefix
				if p.Addr().Is6() {
					sp, _ = e.subnet6(subnetKey{vi, ti, si})
				}
				if !sp.IsValid() || !sp.Overlaps(p) {
					continue
				}
				a := representative(sp)
				if host {
					a = p.Addr()
				}
				if limit > 0 && len(el.points) == limit {
					return el, &InputError{Msg: fmt.Sprintf("%s overlaps more than %d subnets of the design: name a narrower CIDR, a tier or an AZ", el.Name, MaxCIDRSubnets)}
				}
				el.points = append(el.points, point{kind: atSubnet, addr: a, sub: subnetKey{vi, ti, si}, service: e.servesTier(vi, tl.Tier.Name)})
			}
		}
	}
	if len(el.points) > 0 {
		return el, nil
	}
	a := p.Addr()
	if !host {
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
// when given), with group g: the IPv4 interfaces first, then, for a tier
// with IPv6, one at each subnet's /64 (an IPv6-only tier has only these).
func (e *Engine) tierPoints(vi int, tier, az string, g *design.SecurityGroup, service bool) []point {
	var out []point
	for six := range 2 {
		for ti, tl := range e.l.VPCs[vi].Tiers {
			if tl.Tier.Name != tier {
				continue
			}
			for si, s := range tl.Subnets {
				if az != "" && s.AZ != az {
					continue
				}
				k := subnetKey{vi, ti, si}
				p := s.Prefix
				if six == 1 {
					p, _ = e.subnet6(k)
				}
				if p.IsValid() {
					out = append(out, point{kind: atSubnet, addr: representative(p), sub: k, group: g, service: service})
				}
			}
		}
	}
	return out
}

// subnet6 returns the /64 of a subnet with IPv6. A written VPC block gives
// the real one; an Amazon-provided block's addresses are known only once
// deployed, so the VPC stands in with a /56 of its own inside the
// documentation prefix 2001:db8::/32 (block6).
func (e *Engine) subnet6(k subnetKey) (netip.Prefix, bool) {
	vl := &e.l.VPCs[k.vi]
	s := vl.Tiers[k.ti].Subnets[k.si]
	if !s.HasIPv6 || !vl.Tiers[k.ti].Tier.HasIPv6() || !vl.VPC.HasIPv6() {
		return netip.Prefix{}, false
	}
	if vl.IPv6.IsValid() {
		return vl.SubnetIPv6(s.IPv6)
	}
	if s.IPv6 < 0 || s.IPv6 >= 1<<(design.SubnetIPv6Bits-design.AmazonIPv6Bits) {
		return netip.Prefix{}, false
	}
	b := e.block6(k.vi).Addr().As16()
	b[7] = byte(s.IPv6)
	return netip.PrefixFrom(netip.AddrFrom16(b), design.SubnetIPv6Bits), true
}

// block6 is VPC vi's IPv6 block: the written one, or for an Amazon-provided
// block 2001:db8:8000::/33 plus the VPC's index in the next 23 bits, a /56
// that no written block or internet address of the design overlaps. The
// zero Prefix: the VPC has no IPv6.
func (e *Engine) block6(vi int) netip.Prefix {
	vl := &e.l.VPCs[vi]
	switch {
	case !vl.VPC.HasIPv6():
		return netip.Prefix{}
	case vl.IPv6.IsValid():
		return vl.IPv6
	}
	b := [16]byte{0x20, 0x01, 0x0d, 0xb8, 0x80 | byte(vi>>16)&0x7f, byte(vi >> 8), byte(vi)}
	return netip.PrefixFrom(netip.AddrFrom16(b), design.AmazonIPv6Bits)
}

// nat64 is the address DNS64 answers for an IPv4 host: the well-known
// prefix 64:ff9b::/96 (RFC 6052) with the IPv4 address in its last 32 bits.
func nat64(a netip.Addr) netip.Addr {
	b := design.NAT64Prefix.Addr().As16()
	v := a.As4()
	copy(b[12:], v[:])
	return netip.AddrFrom16(b)
}

// dns64 reports whether p is an interface of an IPv6-only tier with DNS64,
// whose IPv4 destinations are NAT64 addresses.
func (e *Engine) dns64(p point) bool {
	if p.kind != atSubnet {
		return false
	}
	t := e.tier(p.sub)
	return t.IPv6 == design.TierIPv6Only && t.DNS64
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
