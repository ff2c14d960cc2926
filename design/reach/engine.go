// Package reach answers "can this reach that, on which port, and what
// blocks it" about a design, offline, with AWS's semantics: security groups
// stateful, network ACLs stateless, routes by longest prefix, NAT outbound
// only, the internet only to public subnets and public addresses, peering
// not transitive, transit gateways by their route tables, VPNs to their
// networks, PrivateLink one way on its port. It builds on design.Routing
// (route tables, transit gateways) and design.ACLEval (network ACLs), the
// single truth of how a design routes; docs/reach.md describes it.
package reach

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// Engine answers reachability questions about one layout. It caches
// ACL evaluators and transit-gateway views on first use; it is not
// safe for concurrent use.
type Engine struct {
	l    *design.Layout
	r    *design.Routing
	vpcs map[string]int
	acls map[*design.NetworkACL]*design.ACLEval
	tgws map[string]*design.TGWView
	// members are each gateway's attachments as a set: a hub's member
	// list has a thousand entries, and every flow over it asks twice.
	members map[*design.TGWView]map[design.TGWMember]bool
	// plinks are the PrivateLink connections, kept apart so that the
	// questions asked per flow do not scan every connection of the design.
	plinks    []*design.Connection
	providers map[string]bool
}

// New prepares an engine for l.
func New(l *design.Layout) *Engine {
	e := &Engine{l: l, r: design.NewRouting(l), vpcs: make(map[string]int, len(l.VPCs)),
		acls: map[*design.NetworkACL]*design.ACLEval{}, tgws: map[string]*design.TGWView{}}
	e.providers = map[string]bool{}
	for i := range l.Design.Connections {
		if c := &l.Design.Connections[i]; c.Kind == design.ConnPrivateLink {
			e.plinks = append(e.plinks, c)
			e.providers[c.Provider] = true
		}
	}
	for i := range l.VPCs {
		if _, dup := e.vpcs[l.VPCs[i].VPC.Name]; !dup {
			e.vpcs[l.VPCs[i].VPC.Name] = i
		}
	}
	return e
}

// Query is what a question asks about: a protocol (tcp, udp, icmp, all)
// and the ports; nil Ports asks which ports pass.
type Query struct {
	Protocol string
	Ports    PortSet
}

func (q Query) proto() string {
	if q.Protocol == "" {
		return "tcp"
	}
	return q.Protocol
}

// portless reports whether ports mean nothing for the protocol.
func (q Query) portless() bool { return q.proto() == "icmp" || q.proto() == "all" }

// Hop is one component of a path, as the CLI prints it.
type Hop struct {
	Component string `json:"component"`
	Detail    string `json:"detail"`
}

// Block is the first component that drops a flow: a reason code (Reachability
// Analyzer's name where it has one), what happens, and the edit that would
// let the traffic through.
type Block struct {
	Component string `json:"component"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Fix       string `json:"-"`
}

// The reason codes. The first five are Reachability Analyzer's explanation
// codes; the others are vpcsmith's own, for what the analyzer has no code
// for (it analyses deployed resources, not a design).
const (
	CodeNoRoute      = "NO_ROUTE_TO_DESTINATION"
	CodeCannotRoute  = "CANNOT_ROUTE"
	CodeBlackhole    = "BAD_STATE_ROUTE"
	CodeSG           = "ENI_SG_RULES_MISMATCH"
	CodeACL          = "SUBNET_ACL_RESTRICTION"
	CodeTGW          = "TGW_RTB_CANNOT_ROUTE"
	CodeNATOutbound  = "NAT_OUTBOUND_ONLY"
	CodeNoPublicIP   = "NO_PUBLIC_ADDRESS"
	CodeNoNAT        = "NAT_GATEWAY_MISSING"
	CodePrivateLink  = "PRIVATELINK_SERVICE_PORT"
	CodeNotAnAddress = "NO_INTERFACE"
	CodeEgressOnly   = "EGRESS_ONLY_OUTBOUND"
	CodeFamily       = "NO_COMMON_ADDRESS_FAMILY"
)

// Result answers one question.
type Result struct {
	Reachable bool
	// Ports are the ports that pass (every pair of interfaces, for a tier);
	// all for icmp and all.
	Ports PortSet
	// Paths is one path per pair of interfaces when reachable; when not,
	// the path of the first pair that fails, up to its block.
	Paths     [][]Hop
	BlockedBy *Block
}

// MaxPaths is how many paths a Result keeps (the first pairs'); the
// verdict and the ports are still of every pair.
const MaxPaths = 256

// MaxCIDRSubnets is how many subnets a CIDR given as an element may
// overlap: "who can reach 10.0.0.0/8" of a 100k-subnet design would ask
// every candidate about every subnet.
const MaxCIDRSubnets = 1024

// Reach decides whether from reaches to. A tier (or group, or CIDR) stands
// for every one of its subnets: it reaches only when each of them reaches
// each of the destination's, and the first pair that does not is reported.
func (e *Engine) Reach(from, to Element, q Query) Result {
	res := e.reach(from, to, q, true)
	if !res.Reachable && q.Ports == nil && !q.portless() && to.sgLayer {
		// No port was asked: explain the block on the ports the
		// destination's group means to serve, so that an ACL dropping
		// 5432 is named rather than the group refusing every other port.
		if intent := intentPorts(to, q.proto()); !intent.Empty() {
			q.Ports = intent
			again := e.reach(from, to, q, true)
			res.Paths, res.BlockedBy = again.Paths, again.BlockedBy
		}
	}
	return res
}

func (e *Engine) reach(from, to Element, q Query, record bool) Result {
	// Each address family is a path of its own: IPv4 interfaces talk to
	// IPv4 ones, IPv6 to IPv6. The element reaches when some family does
	// (every pair of it), with the ports of every family that does; when
	// none does, the first family's block (IPv4's) is the answer.
	var out, failed Result
	tried := false
	for _, six := range [2]bool{false, true} {
		r, any := e.reachFamily(from, to, q, record, six)
		if !any {
			continue
		}
		switch {
		case r.Reachable && out.Reachable:
			out.Ports = out.Ports.Union(r.Ports)
			out.Paths = append(out.Paths, r.Paths...)
		case r.Reachable:
			out = r
		case !tried:
			failed = r
		}
		tried = true
	}
	switch {
	case out.Reachable:
		return out
	case tried:
		return failed
	}
	return Result{BlockedBy: e.familyBlock(from, to)}
}

// reachFamily is reach over the pairs of one address family (IPv6 when
// six); any is false when one end has no interface of that family.
func (e *Engine) reachFamily(from, to Element, q Query, record, six bool) (res Result, any bool) {
	sg := to.sgLayer
	start := q.Ports
	if start == nil || q.portless() {
		start = AllPorts()
	}
	res = Result{Reachable: true, Ports: start}
	for _, s := range from.points {
		if s.addr.Is6() != six {
			continue
		}
		for _, d := range to.points {
			if d.addr.Is6() != six {
				// DNS64: an IPv6-only tier reaches an IPv4 internet host
				// at its NAT64 address, which the NAT gateway translates.
				if !six || d.kind != atInternet || !e.dns64(s) {
					continue
				}
				d = point{kind: atInternet, addr: nat64(d.addr), v4: d.addr}
			}
			any = true
			// At most MaxPaths paths are kept: a CIDR of a thousand
			// subnets to another is a million pairs.
			rec := record && len(res.Paths) < MaxPaths
			f := &flow{e: e, proto: q.proto(), ports: res.Ports, record: rec}
			e.pair(f, s, d, sg && from.sgLayer, sg)
			if f.block != nil {
				if record && !rec {
					// The failing pair's hops are the answer: ask it again.
					f = &flow{e: e, proto: q.proto(), ports: res.Ports, record: true}
					e.pair(f, s, d, sg && from.sgLayer, sg)
				}
				return Result{Paths: [][]Hop{f.hops}, BlockedBy: f.block}, true
			}
			res.Ports = f.ports
			if rec {
				res.Paths = append(res.Paths, f.hops)
			}
		}
	}
	return res, any
}

// familyBlock explains two elements that share no address family: an
// IPv6-only tier has no IPv4 path, an IPv4-only one no IPv6 path.
func (e *Engine) familyBlock(from, to Element) *Block {
	fam := func(el Element) string {
		v4, v6 := false, false
		for _, p := range el.points {
			v4, v6 = v4 || p.addr.Is4(), v6 || p.addr.Is6()
		}
		switch {
		case v4 && v6:
			return "IPv4 and IPv6"
		case v6:
			return "IPv6 only"
		}
		return "IPv4 only"
	}
	fix := "give both ends an address family in common (a tier's ipv6: dual-stack)"
	return &Block{Component: from.Name, Code: CodeFamily, Fix: fix,
		Message: fmt.Sprintf("%s is %s and %s is %s: no address family in common, so there is no path", from.Name, fam(from), to.Name, fam(to))}
}

// intentPorts are the ports the destination's group admits from anyone.
func intentPorts(to Element, proto string) PortSet {
	var out PortSet
	for _, p := range to.points {
		if p.group == nil {
			continue
		}
		for _, r := range p.group.Ingress {
			if rp := r.EffectiveProtocol(); rp != proto && rp != "all" {
				continue
			}
			if ports, err := design.ParsePorts(r.Ports); err == nil {
				out = out.Union(rangeSet(ports))
			}
		}
		break
	}
	return out
}

// Source is one answer of "who can reach X": an element and its ports.
type Source struct {
	From  string  `json:"from"`
	Ports PortSet `json:"-"`
}

// Sources lists who reaches to: the internet, each network, each tier and
// each security group of each VPC, in design order, with the ports that
// pass for each (q.Ports narrows them).
func (e *Engine) Sources(to Element, q Query) []Source {
	var out []Source
	for _, from := range e.candidates() {
		if from.Name == to.Name {
			continue
		}
		if r := e.reach(from, to, q, false); r.Reachable {
			out = append(out, Source{From: from.Name, Ports: r.Ports})
		}
	}
	return out
}

// candidates are the sources Sources tries.
func (e *Engine) candidates() []Element {
	out := []Element{{Name: "internet", points: internetPoints()}}
	for i, n := range e.l.Design.Networks {
		if e.l.Networks[i].IsValid() {
			out = append(out, Element{Name: "network:" + n.Name, points: []point{{kind: atNetwork, network: i, addr: hostIn(e.l.Networks[i], 1)}}})
		}
	}
	for vi := range e.l.VPCs {
		v := e.l.VPCs[vi].VPC
		for _, t := range v.Tiers {
			if pts := e.tierPoints(vi, t.Name, "", nil, false); len(pts) > 0 {
				out = append(out, Element{Name: v.Name + "/" + t.Name, points: pts})
			}
		}
		for gi := range v.SecurityGroups {
			g := &v.SecurityGroups[gi]
			if pts := e.tierPoints(vi, g.Tier, "", g, false); len(pts) > 0 {
				out = append(out, Element{Name: v.Name + "/sg:" + g.Name, points: pts, sgLayer: true})
			}
		}
	}
	return out
}

// Exposed is one answer of --exposure: a target an outside source reaches.
type Exposed struct {
	Target string  `json:"target"`
	From   string  `json:"from"`
	Ports  PortSet `json:"-"`
	// Rules are the ingress rules of the target's group that let it in,
	// as "sg:NAME ingress[i] {from: X, ports: P}": the edit that closes it.
	Rules []string `json:"-"`
}

// Exposure lists every security group and workload that the internet or a
// network reaches on some port, with the ports, in design order.
func (e *Engine) Exposure(q Query) []Exposed {
	var outside []Element
	for _, c := range e.candidates() {
		if c.points[0].kind != atSubnet {
			outside = append(outside, c)
		}
	}
	var out []Exposed
	for vi := range e.l.VPCs {
		v := e.l.VPCs[vi].VPC
		var targets []Element
		for gi := range v.SecurityGroups {
			g := &v.SecurityGroups[gi]
			targets = append(targets, Element{Name: v.Name + "/sg:" + g.Name, sgLayer: true, points: e.tierPoints(vi, g.Tier, "", g, e.servesGroup(vi, g.Name))})
		}
		for _, w := range v.Workloads {
			g := v.FindSecurityGroup(w.SecurityGroup)
			targets = append(targets, Element{Name: v.Name + "/workload:" + w.Name, sgLayer: true, points: e.tierPoints(vi, w.Tier, "", g, w.Kind == "nlb" && e.provides(vi))})
		}
		for _, t := range targets {
			if len(t.points) == 0 || t.points[0].group == nil {
				continue
			}
			for _, from := range outside {
				// The group's ingress decides first: most targets admit
				// nobody from outside, and the answer is the same. Every
				// interface of the source counts: a rule from ::/0 admits
				// the internet's IPv6 one only.
				if !e.admitsAny(t.points[0].group, vi, from.points, q.proto()) {
					continue
				}
				if r := e.reach(from, t, q, false); r.Reachable {
					var rules []string
					for _, p := range from.points {
						_, why := e.sgSet(t.points[0].group, vi, true, p, q.proto())
						for _, w := range why {
							if !slices.Contains(rules, w) {
								rules = append(rules, w)
							}
						}
					}
					out = append(out, Exposed{Target: t.Name, From: from.Name, Ports: r.Ports, Rules: rules})
				}
			}
		}
	}
	return out
}

// admitsAny reports whether group g of VPC vi admits some port from one of
// the points.
func (e *Engine) admitsAny(g *design.SecurityGroup, vi int, from []point, proto string) bool {
	for _, p := range from {
		if set, _ := e.sgSet(g, vi, true, p, proto); !set.Empty() {
			return true
		}
	}
	return false
}

// lookup returns the route a subnet's traffic to addr takes. It asks the
// routing model directly rather than building tables: a transit-gateway
// hub member's derived table holds a route per member, and --exposure asks
// about every subnet of the design.
func (e *Engine) lookup(k subnetKey, addr netip.Addr) (design.RouteEntry, bool) {
	en, ok := e.r.Lookup(k.vi, k.ti, e.subnet(k).AZ, addr)
	if addr.Is6() && !e.l.VPCs[k.vi].IPv6.IsValid() {
		// An Amazon-provided block has a local route as every VPC block
		// does; the routing model leaves it out (its addresses are AWS's
		// to know), so it is the stand-in block's here (block6).
		if b := e.block6(k.vi); b.IsValid() && b.Contains(addr) && (!ok || en.Dest.Bits() <= b.Bits()) {
			return design.RouteEntry{Dest: b, Target: design.TargetLocal, Explicit: -1}, true
		}
	}
	return en, ok
}

func (e *Engine) subnet(k subnetKey) design.SubnetLayout {
	return e.l.VPCs[k.vi].Tiers[k.ti].Subnets[k.si]
}

func (e *Engine) tier(k subnetKey) *design.Tier { return e.l.VPCs[k.vi].Tiers[k.ti].Tier }

func (e *Engine) vpcName(vi int) string { return e.l.VPCs[vi].VPC.Name }

// subnetName is VPC/TIER/AZ, the CLI's name of a subnet.
func (e *Engine) subnetName(k subnetKey) string {
	return e.vpcName(k.vi) + "/" + e.tier(k).Name + "/" + e.subnet(k).AZ
}

func (e *Engine) aclEval(k subnetKey) *design.ACLEval {
	acl := e.l.VPCs[k.vi].VPC.FindNetworkACL(e.tier(k).NetworkACL)
	if acl == nil {
		return nil
	}
	if ev, ok := e.acls[acl]; ok {
		return ev
	}
	ev := design.NewACLEval(acl)
	e.acls[acl] = ev
	return ev
}

func (e *Engine) tgw(name string) *design.TGWView {
	if v, ok := e.tgws[name]; ok {
		return v
	}
	v := e.r.TGW(name)
	e.tgws[name] = v
	if v != nil {
		if e.members == nil {
			e.members = map[*design.TGWView]map[design.TGWMember]bool{}
		}
		set := make(map[design.TGWMember]bool, len(v.Members))
		for _, m := range v.Members {
			set[m] = true
		}
		e.members[v] = set
	}
	return v
}

// attached reports whether m is attached to the gateway view shows.
func (e *Engine) attached(view *design.TGWView, m design.TGWMember) bool {
	return view != nil && e.members[view][m]
}
