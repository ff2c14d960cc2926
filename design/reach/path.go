package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// flow is one pair of interfaces being followed: the ports still passing,
// the hops so far and the block that ended it. With record false (the
// bulk questions) it keeps no hops.
type flow struct {
	e      *Engine
	proto  string
	ports  PortSet
	record bool
	hops   []Hop
	block  *Block
}

func (f *flow) hop(component, format string, args ...any) {
	if f.record {
		f.hops = append(f.hops, Hop{Component: component, Detail: fmt.Sprintf(format, args...)})
	}
}

func (f *flow) fail(component, code, fix, format string, args ...any) {
	f.block = &Block{Component: component, Code: code, Message: fmt.Sprintf(format, args...), Fix: fix}
}

// narrow keeps the ports set passes and reports whether any are left; the
// caller names the block when none is (formatting it only then: the bulk
// questions pass most components of most flows).
func (f *flow) narrow(set PortSet) bool {
	left := f.ports.Intersect(set)
	if left.Empty() {
		return false
	}
	f.ports = left
	return true
}

func (f *flow) portsText() string {
	if f.proto == "icmp" || f.proto == "all" {
		return f.proto
	}
	return f.proto + " " + f.ports.String()
}

// pair follows one flow from s to d: the source's group egress, the
// network path (routes, gateways, connections, ACLs), the destination's
// group ingress.
func (e *Engine) pair(f *flow, s, d point, srcSG, dstSG bool) {
	pl := e.privateLink(s, d)
	if srcSG && s.group != nil {
		remote := d
		if pl != nil {
			// The consumer connects to its interface endpoint, an address
			// of its own VPC.
			remote = point{kind: atSubnet, addr: e.endpointAddr(s.sub.vi), sub: s.sub}
		}
		set, _ := e.sgSet(s.group, s.sub.vi, false, remote, f.proto)
		c := "security group " + s.group.Name + " (egress)"
		if !f.narrow(set) {
			f.fail(c, CodeSG, fmt.Sprintf("add to security group %s an egress rule {to: %s, ports: %s}", s.group.Name, e.peerName(s.sub.vi, remote), f.ports), "security group %s allows no %s egress to %s", s.group.Name, f.portsText(), remote.addr)
			return
		}
		if f.record {
			f.hop(c, "allows %s to %s", f.portsText(), remote.addr)
		}
	}
	if pl != nil {
		e.viaPrivateLink(f, s, d, pl)
	} else {
		e.network(f, s, d)
	}
	if f.block != nil {
		return
	}
	if dstSG && d.group != nil {
		set, _ := e.sgSet(d.group, d.sub.vi, true, s, f.proto)
		c := "security group " + d.group.Name + " (ingress)"
		if !f.narrow(set) {
			f.fail(c, CodeSG, fmt.Sprintf("add to security group %s an ingress rule {from: %s, ports: %s}", d.group.Name, e.peerName(d.sub.vi, s), f.ports), "security group %s allows no %s ingress from %s", d.group.Name, f.portsText(), s.addr)
			return
		}
		if f.record {
			f.hop(c, "allows %s from %s; replies return (security groups are stateful)", f.portsText(), s.addr)
		}
	}
}

// peerName is how a rule of a group in VPC vi would name p.
func (e *Engine) peerName(vi int, p point) string {
	switch {
	case p.kind == atInternet:
		return "internet"
	case p.kind == atNetwork:
		return "network:" + e.l.Design.Networks[p.network].Name
	case p.group != nil && p.sub.vi == vi:
		return "sg:" + p.group.Name
	case p.group != nil:
		return "sg:" + e.vpcName(p.sub.vi) + "/" + p.group.Name
	case p.sub.vi == vi:
		return "tier:" + e.tier(p.sub).Name
	}
	return e.subnet(p.sub).Prefix.String()
}

// network follows the network layer from s to d.
func (e *Engine) network(f *flow, s, d point) {
	switch s.kind {
	case atSubnet:
		e.fromSubnet(f, s, d)
	case atInternet:
		e.fromInternet(f, s, d)
	case atNetwork:
		e.fromNetwork(f, s, d)
	}
}

func (e *Engine) fromSubnet(f *flow, s, d point) {
	src := e.subnetName(s.sub)
	if d.kind == atSubnet && d.sub == s.sub {
		if f.record {
			f.hop("subnet "+src, "source and destination share the subnet: no route table or network ACL is crossed")
		}
		return
	}
	if f.record {
		f.hop("subnet "+src, "from %s", s.addr)
	}
	rtc := "route table of " + src
	entry, ok := e.lookup(s.sub, d.addr)
	if !ok {
		f.fail(rtc, CodeNoRoute, fmt.Sprintf("add a route to tier %s of VPC %s for %s", e.tier(s.sub).Name, e.vpcName(s.sub.vi), d.addr), "subnet %s has no route to %s%s", src, d.addr, e.privateLinkHint(s, d))
		return
	}
	if f.record {
		f.hop(rtc, "%s → %s", entry.Dest, targetText(entry))
	}
	if d.v4.IsValid() && entry.Target != design.TargetNAT {
		f.fail(rtc, CodeCannotRoute, "route 64:ff9b::/96 via nat in tier "+e.tier(s.sub).Name, "%s is a NAT64 address (for %s): only a NAT gateway translates it, and the route sends it to %s", d.addr, d.v4, targetText(entry))
		return
	}
	if !e.subnetACL(f, s.sub, false, d.addr) {
		return
	}
	switch entry.Target {
	case design.TargetBlackhole:
		f.fail(rtc, CodeBlackhole, "remove the blackhole route "+entry.Dest.String()+" of tier "+e.tier(s.sub).Name, "route %s of subnet %s is a blackhole: it drops the traffic", entry.Dest, src)
	case design.TargetLocal:
		if d.kind != atSubnet || d.sub.vi != s.sub.vi {
			f.fail(rtc, CodeNotAnAddress, "", "%s is in VPC %s but in none of its subnets", d.addr, e.vpcName(s.sub.vi))
			return
		}
		e.arrive(f, s, d, design.TargetLocal, "")
	case design.TargetInternetGateway:
		e.toInternet(f, s, d, "")
	case design.TargetNAT:
		if !slices.Contains(e.r.NATAZs(s.sub.vi), entry.NATAZ) {
			f.fail(rtc, CodeNoNAT, "set nat on VPC "+e.vpcName(s.sub.vi)+" so that "+entry.NATAZ+" has a NAT gateway", "the route sends to the NAT gateway of %s, which VPC %s does not have", entry.NATAZ, e.vpcName(s.sub.vi))
			return
		}
		e.toInternet(f, s, d, entry.NATAZ)
	case design.TargetConnection:
		e.viaConnection(f, s, d, entry.Conn)
	case design.TargetEgressOnly:
		if d.kind != atInternet {
			f.fail(rtc, CodeCannotRoute, "route "+d.addr.String()+" over a connection that reaches it", "the egress-only internet gateway carries traffic to the internet only, and %s is an address of the design", d.addr)
			return
		}
		if f.record {
			f.hop("egress-only internet gateway of "+e.vpcName(s.sub.vi), "to %s, outbound only (replies return; the internet cannot open connections through it)", d.addr)
		}
	default:
		f.fail(rtc, CodeCannotRoute, "", "route %s does not carry traffic to %s", entry.Dest, d.addr)
	}
}

func targetText(en design.RouteEntry) string {
	switch en.Target {
	case design.TargetNAT:
		return "NAT gateway in " + en.NATAZ
	case design.TargetConnection:
		return "connection " + en.Conn
	}
	return string(en.Target)
}

// toInternet leaves the VPC of s through its internet gateway, directly
// (natAZ "") or through the NAT gateway in natAZ.
func (e *Engine) toInternet(f *flow, s, d point, natAZ string) {
	src := e.subnetName(s.sub)
	if d.kind != atInternet {
		f.fail("route table of "+src, CodeCannotRoute, "route "+d.addr.String()+" over a connection that reaches it", "%s is a private address of the design: the internet gateway does not carry it", d.addr)
		return
	}
	if natAZ != "" {
		outside := d.addr
		if d.v4.IsValid() {
			outside = d.v4 // NAT64: the gateway sends to the IPv4 host
		}
		if !e.natACL(f, s.sub.vi, natAZ, s.addr, outside) {
			return
		}
		if d.v4.IsValid() {
			if f.record {
				f.hop("NAT gateway in "+natAZ, "translates %s (NAT64) to IPv4 %s from its Elastic IP, outbound only", d.addr, d.v4)
			}
		} else {
			if f.record {
				f.hop("NAT gateway in "+natAZ, "translates %s to its Elastic IP, outbound only", s.addr)
			}
		}
	} else if s.addr.Is4() && e.tier(s.sub).Kind != design.TierPublic {
		// An IPv6 address is global: a subnet that routes ::/0 to the
		// internet gateway is on the internet, whatever its tier's kind.
		f.fail("subnet "+src, CodeNoPublicIP, "make tier "+e.tier(s.sub).Name+" public, or route 0.0.0.0/0 via nat", "tier %s is %s: its interfaces have no public address, so the internet gateway drops their traffic", e.tier(s.sub).Name, e.tier(s.sub).Kind)
		return
	}
	to := d.addr
	if d.v4.IsValid() {
		to = d.v4
	}
	if f.record {
		f.hop("internet gateway of "+e.vpcName(s.sub.vi), "to %s", to)
	}
}

// arrive enters d's subnet, which must route the replies back the same
// way (a target kind and, for a connection, its name), and passes d's ACL.
func (e *Engine) arrive(f *flow, s, d point, via design.TargetKind, conn string) {
	dst := e.subnetName(d.sub)
	back, ok := e.lookup(d.sub, s.addr)
	if !ok || back.Target != via || back.Conn != conn {
		how := "the local route"
		fix := ""
		if conn != "" {
			how = "connection " + conn
			fix = fmt.Sprintf("add a route to tier %s of VPC %s: {to: %s, via: \"connection:%s\"}", e.tier(d.sub).Name, e.vpcName(d.sub.vi), e.peerRange(s), conn)
		}
		got := "no route"
		if ok {
			got = "its route " + back.Dest.String() + " → " + targetText(back)
		}
		f.fail("route table of "+dst, CodeNoRoute, fix, "subnet %s sends the replies to %s by %s, not back over %s", dst, s.addr, got, how)
		return
	}
	if !e.subnetACL(f, d.sub, true, s.addr) {
		return
	}
	if f.record {
		f.hop("subnet "+dst, "to %s", d.addr)
	}
}

// peerRange is the range a route back to p is written with.
func (e *Engine) peerRange(p point) string {
	switch p.kind {
	case atSubnet:
		return "vpc:" + e.vpcName(p.sub.vi)
	case atNetwork:
		return "network:" + e.l.Design.Networks[p.network].Name
	}
	return p.addr.String()
}

// subnetACL passes the subnet's network ACL: the request in one direction
// and, ACLs being stateless, its replies on the ephemeral ports in the
// other. ingress says the subnet is the destination's.
func (e *Engine) subnetACL(f *flow, k subnetKey, ingress bool, remote netip.Addr) bool {
	return e.aclLeg(f, k, ingress, remote, true, true, "")
}

// aclLeg is subnetACL with each half chosen: the request (in the ingress
// direction given, remote its source or destination) and its replies (the
// other direction, on the ephemeral ports). A hop in between (a NAT
// gateway's, an attachment's or an endpoint's subnet) passes only the
// halves AWS evaluates there; role names the hop in the path.
func (e *Engine) aclLeg(f *flow, k subnetKey, ingress bool, remote netip.Addr, request, replies bool, role string) bool {
	ev := e.aclEval(k)
	if ev == nil {
		if role == "" && f.record {
			if f.record {
				f.hop("network ACL of "+e.subnetName(k), "the default ACL allows everything both ways")
			}
		}
		return true
	}
	name := ev.ACL().Name
	req, back := "egress", "ingress"
	if ingress {
		req, back = "ingress", "egress"
	}
	host := netip.PrefixFrom(remote, remote.BitLen())
	// The component's name is made only for a hop or a block.
	comp := func(dir string) string {
		return fmt.Sprintf("network ACL %s of %s%s (%s)", name, e.subnetName(k), role, dir)
	}
	if request {
		set, blocker := aclSet(ev, ingress, f.proto, host, f.ports)
		if !f.narrow(set) {
			f.fail(comp(req), CodeACL, fmt.Sprintf("add to network ACL %s an %s rule allowing %s for %s before %s", name, req, f.portsText(), host, ruleName(blocker)), "network ACL %s drops %s %s for %s (%s)", name, req, f.portsText(), host, ruleName(blocker))
			return false
		}
	}
	if replies && f.proto != "icmp" {
		if ok, b := ev.Allows(!ingress, f.proto, design.EphemeralPorts(), host); !ok {
			f.fail(comp(back), CodeACL, fmt.Sprintf("add to network ACL %s an %s rule allowing %s %s for %s before %s", name, back, f.proto, design.EphemeralPorts(), host, ruleName(b)), "network ACL %s drops the replies (%s %s %s for %s, %s): ACLs are stateless", name, back, f.proto, design.EphemeralPorts(), host, ruleName(b))
			return false
		}
	}
	switch {
	case !f.record:
	case request && replies:
		f.hop(comp(req), "allows %s for %s, and the replies on %s", f.portsText(), host, design.EphemeralPorts())
	case request:
		f.hop(comp(req), "allows %s for %s", f.portsText(), host)
	case replies:
		f.hop(comp(back), "allows the replies on %s for %s", design.EphemeralPorts(), host)
	}
	return true
}

// natSubnet is the subnet of VPC vi's NAT gateway in az: the first public
// tier with IPv4 that has a subnet there, as the exporter places it.
func (e *Engine) natSubnet(vi int, az string) (subnetKey, bool) {
	for ti, tl := range e.l.VPCs[vi].Tiers {
		if tl.Tier.Kind != design.TierPublic || !tl.Tier.HasIPv4() {
			continue
		}
		for si, sl := range tl.Subnets {
			if sl.AZ == az {
				return subnetKey{vi, ti, si}, true
			}
		}
	}
	return subnetKey{}, false
}

// natACL passes the network ACL of the NAT gateway's subnet, which sees
// the traffic twice: in from the private interface (inside) and out to the
// internet (outside), and the replies the other way round.
func (e *Engine) natACL(f *flow, vi int, az string, inside, outside netip.Addr) bool {
	k, ok := e.natSubnet(vi, az)
	if !ok {
		return true
	}
	return e.aclLeg(f, k, true, inside, true, true, " (NAT gateway)") && e.aclLeg(f, k, false, outside, true, true, " (NAT gateway)")
}

// attachmentACL passes the network ACL of VPC vi's attachment subnet (in
// az) to transit gateway c, as AWS's "Network ACLs for transit gateways"
// says it applies: traffic from an interface into the gateway meets the
// attachment subnet's inbound rules (by its source), traffic from the
// gateway to an interface its outbound rules (by its destination), and
// neither when the interface is in the attachment subnet itself and the
// traffic comes from the gateway. entering: the request goes from inst
// into the gateway here; else the gateway delivers it to inst.
func (e *Engine) attachmentACL(f *flow, c *design.Connection, vi int, az string, inst point, entering bool) bool {
	if c == nil {
		return true
	}
	att, ok := e.attachmentSubnet(vi, c, az)
	if !ok {
		return true
	}
	same := inst.kind == atSubnet && inst.sub == att
	if entering {
		// The request by its source; the replies, from the gateway, by
		// their destination (not evaluated in the same subnet).
		return e.aclLeg(f, att, true, inst.addr, true, !same, " (attachment "+c.Name+")")
	}
	return e.aclLeg(f, att, false, inst.addr, !same, true, " (attachment "+c.Name+")")
}

// aclSet is the ports of within an ACL passes for remote, asking once per
// interval between the ACL's port bounds (the answer is constant inside
// one), and the rule that drops the first port it refuses.
func aclSet(ev *design.ACLEval, ingress bool, proto string, remote netip.Prefix, within PortSet) (PortSet, *design.ACLRule) {
	if proto == "icmp" || proto == "all" {
		if ok, b := ev.Allows(ingress, proto, design.PortRange{From: 0, To: 65535, All: true}, remote); !ok {
			return nil, b
		}
		return AllPorts(), nil
	}
	bounds := ev.PortBounds(ingress)
	var out PortSet
	var blocker *design.ACLRule
	blocked := false
	for _, w := range within {
		lo := w.From
		for lo <= w.To {
			hi := w.To
			for _, b := range bounds {
				if b > lo && b-1 < hi {
					hi = b - 1
					break
				}
			}
			seg := norm(lo, hi)
			if ok, b := ev.Allows(ingress, proto, seg, remote); ok {
				out = out.Union(PortSet{seg})
			} else if !blocked {
				blocker, blocked = b, true
			}
			lo = hi + 1
		}
	}
	return out, blocker
}

func ruleName(r *design.ACLRule) string {
	if r == nil {
		return "the implicit deny"
	}
	return fmt.Sprintf("rule %d (%s)", r.Rule, r.Action)
}

func (e *Engine) fromInternet(f *flow, s, d point) {
	if d.kind != atSubnet {
		f.fail("internet", CodeCannotRoute, "", "%s is outside the design's VPCs: nothing in the design carries traffic from the internet to it", d.addr)
		return
	}
	dst := e.subnetName(d.sub)
	if f.record {
		f.hop("internet", "from %s", s.addr)
	}
	back, ok := e.lookup(d.sub, s.addr)
	switch {
	case ok && back.Target == design.TargetEgressOnly:
		f.fail("egress-only internet gateway of "+e.vpcName(d.sub.vi), CodeEgressOnly, "route ::/0 via internet-gateway in tier "+e.tier(d.sub).Name+", or put the resource behind an internet-facing load balancer", "subnet %s reaches the IPv6 internet through an egress-only internet gateway, which only carries connections its subnets start: nothing from the internet reaches it", dst)
		return
	case ok && back.Target == design.TargetNAT:
		f.fail("NAT gateway in "+back.NATAZ, CodeNATOutbound, "put the resource in a public tier behind an internet-facing load balancer", "subnet %s reaches the internet through a NAT gateway, which only carries connections its subnets start: nothing from the internet reaches it", dst)
		return
	case !ok || back.Target != design.TargetInternetGateway:
		fix := "make tier " + e.tier(d.sub).Name + " public (a route 0.0.0.0/0 via internet-gateway)"
		if s.addr.Is6() {
			fix = "route ::/0 via internet-gateway in tier " + e.tier(d.sub).Name
		}
		f.fail("route table of "+dst, CodeNoRoute, fix, "subnet %s has no route to the internet gateway for %s, so the internet cannot reach it", dst, s.addr)
		return
	}
	// IPv6 addresses are global: the internet reaches every IPv6 address
	// of a subnet that routes ::/0 to the internet gateway. IPv4 needs a
	// public address, which only a public tier's interfaces get.
	if s.addr.Is4() && e.tier(d.sub).Kind != design.TierPublic {
		f.fail("subnet "+dst, CodeNoPublicIP, "make tier "+e.tier(d.sub).Name+" public", "tier %s is %s: its interfaces get no public address", e.tier(d.sub).Name, e.tier(d.sub).Kind)
		return
	}
	if s.addr.Is6() {
		if f.record {
			f.hop("internet gateway of "+e.vpcName(d.sub.vi), "to %s, a global IPv6 address of an interface in %s", d.addr, dst)
		}
	} else {
		if f.record {
			f.hop("internet gateway of "+e.vpcName(d.sub.vi), "to the public address of an interface in %s", dst)
		}
	}
	if !e.subnetACL(f, d.sub, true, s.addr) {
		return
	}
	if f.record {
		f.hop("subnet "+dst, "to %s", d.addr)
	}
}

func (e *Engine) fromNetwork(f *flow, s, d point) {
	nw := e.l.Design.Networks[s.network].Name
	if d.kind != atSubnet {
		f.fail("network "+nw, CodeCannotRoute, "", "%s is outside the design's VPCs", d.addr)
		return
	}
	if f.record {
		f.hop("network "+nw, "from %s", s.addr)
	}
	dst := e.subnetName(d.sub)
	back, ok := e.lookup(d.sub, s.addr)
	var c *design.Connection
	if ok && back.Target == design.TargetConnection {
		c = e.r.Connection(back.Conn)
	}
	vpc := e.vpcName(d.sub.vi)
	switch {
	case c != nil && c.Kind == design.ConnVPN && c.Network == nw && c.VPC == vpc:
		f.hop("VPN "+c.Name, "from network %s to VPC %s", nw, vpc)
	case c != nil && c.Kind == design.ConnTransitGateway:
		if !e.tgwBothWays(f, c.Name, design.NetworkMember(nw), s.addr, design.VPCMember(vpc), d.addr, e.subnet(d.sub).AZ) {
			return
		}
		if !e.attachmentACL(f, c, d.sub.vi, e.subnet(d.sub).AZ, d, false) {
			return
		}
	default:
		f.fail("route table of "+dst, CodeNoRoute, fmt.Sprintf("add a route to tier %s of VPC %s: {to: network:%s, via: \"connection:NAME\"} over a VPN or transit gateway that joins them", e.tier(d.sub).Name, vpc, nw), "subnet %s has no route back to network %s over a VPN or transit gateway that joins them", dst, nw)
		return
	}
	if !e.subnetACL(f, d.sub, true, s.addr) {
		return
	}
	if f.record {
		f.hop("subnet "+dst, "to %s", d.addr)
	}
}

// viaConnection follows a route over a peering, transit gateway or VPN.
func (e *Engine) viaConnection(f *flow, s, d point, name string) {
	c := e.r.Connection(name)
	me := e.vpcName(s.sub.vi)
	if c == nil {
		f.fail("route table of "+e.subnetName(s.sub), CodeBlackhole, "", "the route uses connection %s, which the design does not have", name)
		return
	}
	switch c.Kind {
	case design.ConnPeering:
		peer := ""
		if len(c.VPCs) == 2 {
			peer = c.VPCs[0]
			if peer == me {
				peer = c.VPCs[1]
			}
		}
		if d.kind != atSubnet || e.vpcName(d.sub.vi) != peer {
			f.fail("peering connection "+c.Name, CodeCannotRoute, "join the two VPCs with their own peering or a transit gateway", "peering %s carries only traffic addressed to VPC %s, and %s is not: peering is not transitive", c.Name, peer, d.addr)
			return
		}
		if f.record {
			f.hop("peering connection "+c.Name, "from VPC %s to VPC %s", me, peer)
		}
		e.arrive(f, s, d, design.TargetConnection, c.Name)
	case design.ConnTransitGateway:
		if d.kind == atInternet {
			e.tgwToInternet(f, s, d, c.Name)
			return
		}
		// The member is chosen before naming it: peerRange of a subnet is
		// "vpc:NAME", which a VPC name under four letters makes shorter
		// than "network:" (it panicked on VPC y).
		var to design.TGWMember
		switch d.kind {
		case atSubnet:
			to = design.VPCMember(e.vpcName(d.sub.vi))
		default:
			to = design.NetworkMember(strings.TrimPrefix(e.peerRange(d), "network:"))
		}
		az := e.subnet(s.sub).AZ
		if !e.attachmentACL(f, c, s.sub.vi, az, s, true) {
			return
		}
		if !e.tgwBothWays(f, c.Name, design.VPCMember(me), s.addr, to, d.addr, az) {
			return
		}
		if d.kind == atSubnet {
			if !e.attachmentACL(f, c, d.sub.vi, e.subnet(d.sub).AZ, d, false) {
				return
			}
			e.arrive(f, s, d, design.TargetConnection, c.Name)
		}
	case design.ConnVPN:
		if d.kind != atNetwork || e.l.Design.Networks[d.network].Name != c.Network {
			f.fail("VPN "+c.Name, CodeCannotRoute, "", "VPN %s reaches only network %s, and %s is not in it", c.Name, c.Network, d.addr)
			return
		}
		if f.record {
			f.hop("VPN "+c.Name, "to network %s", c.Network)
		}
	default:
		f.fail("route table of "+e.subnetName(s.sub), CodeCannotRoute, "", "connection %s (%s) carries no routed traffic", c.Name, c.Kind)
	}
}

// tgwBothWays follows a transit gateway from one attachment to another by
// its route tables, through any middlebox VPC (TGWView.Path), and the
// replies back the same way.
//
// A middlebox VPC on the way there takes the traffic out of the gateway
// and sends it back in through its attachment subnet, whose ACL sees the
// request out (by its destination) and back in (by its source), and the
// replies the other way (the appliance taken to be in another subnet).
func (e *Engine) tgwBothWays(f *flow, name string, from design.TGWMember, fromAddr netip.Addr, to design.TGWMember, toAddr netip.Addr, az string) bool {
	view := e.tgw(name)
	c := "transit gateway " + name
	if !e.attached(view, to) || !e.attached(view, from) {
		f.fail(c, CodeCannotRoute, "attach both to transit gateway "+name, "%s and %s are not both attached to transit gateway %s", from, to, name)
		return false
	}
	for _, leg := range []struct {
		from, to design.TGWMember
		addr     netip.Addr
		what     string
	}{{from, to, toAddr, "to"}, {to, from, fromAddr, "replies to"}} {
		via, ok := view.Path(leg.from, leg.addr, leg.to)
		if !ok {
			last := leg.from
			if len(via) > 0 {
				last = via[len(via)-1]
			}
			_, table, _, why := view.Next(last, leg.addr)
			if why == "" {
				why = fmt.Sprintf("route table %s sends %s back into %s", table, leg.addr, last)
			}
			f.fail(c, CodeTGW, "add a route to "+leg.addr.String()+" via "+string(leg.to)+" in the route table of "+string(last), "%s %s: %s", leg.what, leg.addr, why)
			return false
		}
		if leg.what == "to" && !e.middleboxACLs(f, view.Conn, via, fromAddr, toAddr, az) {
			return false
		}
		if f.record {
			parts := []string{string(leg.from)}
			cur := leg.from
			for _, m := range append(via, leg.to) {
				_, table, _, _ := view.Next(cur, leg.addr)
				parts = append(parts, "table "+table, string(m))
				cur = m
			}
			if f.record {
				f.hop(c, "%s %s: %s", leg.what, leg.addr, strings.Join(parts, " → "))
			}
		}
	}
	return true
}

// middleboxACLs passes the attachment-subnet ACLs of the middlebox VPCs
// a transit-gateway path goes through (tgwBothWays).
func (e *Engine) middleboxACLs(f *flow, c *design.Connection, via []design.TGWMember, fromAddr, toAddr netip.Addr, az string) bool {
	for _, m := range via {
		vpc, isVPC := m.MemberName()
		vi, known := e.vpcs[vpc]
		if !isVPC || !known || c == nil {
			continue
		}
		att, ok := e.attachmentSubnet(vi, c, az)
		if !ok {
			continue
		}
		role := " (middlebox attachment " + c.Name + ")"
		if !e.aclLeg(f, att, false, toAddr, true, true, role) || !e.aclLeg(f, att, true, fromAddr, true, true, role) {
			return false
		}
	}
	return true
}

// tgwToInternet follows traffic to the internet over a transit gateway: to
// the VPC the gateway sends it to, whose attachment subnet must route it out
// through a NAT or internet gateway (an egress or inspection VPC).
func (e *Engine) tgwToInternet(f *flow, s, d point, name string) {
	view := e.tgw(name)
	c := "transit gateway " + name
	from := design.VPCMember(e.vpcName(s.sub.vi))
	next, table, ok, why := view.Next(from, d.addr)
	if !ok {
		f.fail(c, CodeTGW, "add a route 0.0.0.0/0 via an egress VPC to the route table of "+string(from), "%s", why)
		return
	}
	vpc, isVPC := next.MemberName()
	vi, known := e.vpcs[vpc]
	if !isVPC || !known {
		f.fail(c, CodeCannotRoute, "", "the gateway sends %s to %s, which does not lead to the internet", d.addr, next)
		return
	}
	if !e.attachmentACL(f, view.Conn, s.sub.vi, e.subnet(s.sub).AZ, s, true) {
		return
	}
	if f.record {
		f.hop(c, "%s → table %s → %s", from, table, next)
	}
	// The egress VPC's attachment subnet hands the traffic to its NAT or
	// internet gateway: the gateway delivers it, by its destination.
	if !e.attachmentACL(f, view.Conn, vi, e.subnet(s.sub).AZ, d, false) {
		return
	}
	att, found := e.attachmentSubnet(vi, view.Conn, e.subnet(s.sub).AZ)
	if !found {
		f.fail(c, CodeCannotRoute, "", "VPC %s has no subnet for its attachment", vpc)
		return
	}
	en, ok := e.lookup(att, d.addr)
	if !ok || (en.Target != design.TargetNAT && en.Target != design.TargetInternetGateway) {
		f.fail("route table of "+e.subnetName(att), CodeNoRoute, "route 0.0.0.0/0 via nat in tier "+e.tier(att).Name, "the attachment subnet %s of VPC %s does not route %s to a NAT or internet gateway", e.subnetName(att), vpc, d.addr)
		return
	}
	if f.record {
		f.hop("route table of "+e.subnetName(att), "%s → %s", en.Dest, targetText(en))
	}
	if en.Target == design.TargetNAT {
		if !e.natACL(f, vi, en.NATAZ, s.addr, d.addr) {
			return
		}
		if f.record {
			f.hop("NAT gateway in "+en.NATAZ, "of VPC %s, outbound only", vpc)
		}
	}
	if f.record {
		f.hop("internet gateway of "+vpc, "to %s", d.addr)
	}
}

// attachmentSubnet returns the subnet, in az when the tier has one there,
// of VPC vi's attachment to c: the tier its attachment names, else the
// first private, else isolated, else public tier, as the exporter places it.
func (e *Engine) attachmentSubnet(vi int, c *design.Connection, az string) (subnetKey, bool) {
	vl := &e.l.VPCs[vi]
	tier := c.AttachmentTier(vl.VPC.Name)
	for _, kind := range []design.TierKind{design.TierPrivate, design.TierIsolated, design.TierPublic} {
		for ti, tl := range vl.Tiers {
			if (tier != "" && tl.Tier.Name != tier) || (tier == "" && tl.Tier.Kind != kind) || len(tl.Subnets) == 0 {
				continue
			}
			for si, s := range tl.Subnets {
				if s.AZ == az {
					return subnetKey{vi, ti, si}, true
				}
			}
			return subnetKey{vi, ti, 0}, true
		}
	}
	return subnetKey{}, false
}

// privateLink returns the PrivateLink connection s uses to reach d: s in
// the consumer VPC, d the service's load balancer in the provider's.
func (e *Engine) privateLink(s, d point) *design.Connection {
	if s.kind != atSubnet || d.kind != atSubnet || !d.service || s.sub.vi == d.sub.vi || s.addr.Is6() {
		// vpcsmith's endpoints are IPv4 (the exporter writes no
		// dual-stack endpoint), so an IPv6 flow takes no PrivateLink.
		return nil
	}
	for _, c := range e.plinks {
		if c.Consumer == e.vpcName(s.sub.vi) && c.Provider == e.vpcName(d.sub.vi) {
			return c
		}
	}
	return nil
}

// endpointAddr is where a consumer's interface endpoint sits: the first
// subnet of its first private, else isolated, else public tier.
func (e *Engine) endpointAddr(vi int) netip.Addr {
	k, _ := e.attachmentSubnet(vi, &design.Connection{}, "")
	return representative(e.subnet(k).Prefix)
}

func (e *Engine) viaPrivateLink(f *flow, s, d point, c *design.Connection) {
	comp := "PrivateLink " + c.Name
	if f.proto != "tcp" {
		f.fail(comp, CodePrivateLink, "", "PrivateLink %s carries only tcp, to port %d", c.Name, c.Port)
		return
	}
	if !f.narrow(Port(c.Port)) {
		f.fail(comp, CodePrivateLink, "", "PrivateLink %s carries only tcp port %d to the service, not %s", c.Name, c.Port, f.portsText())
		return
	}
	// The consumer's interface talks to the endpoint's interface, an
	// address of its own VPC: its subnet's ACL sees the request out, the
	// endpoint subnet's ACL the request in (unless they share a subnet).
	ep, _ := e.attachmentSubnet(s.sub.vi, &design.Connection{}, "")
	epAddr := e.endpointAddr(s.sub.vi)
	if ep != s.sub && (!e.aclLeg(f, s.sub, false, epAddr, true, true, "") || !e.aclLeg(f, ep, true, s.addr, true, true, " (interface endpoint "+c.Name+")")) {
		return
	}
	if f.record {
		f.hop("interface endpoint of "+c.Name, "in VPC %s at %s", c.Consumer, epAddr)
	}
	if f.record {
		f.hop(comp, "to the service of VPC %s on tcp %d, one way (the provider cannot open connections back)", c.Provider, c.Port)
	}
	if f.record {
		f.hop("subnet "+e.subnetName(d.sub), "to the network load balancer at %s", d.addr)
	}
}

// privateLinkHint explains a missing route that a PrivateLink connection
// might seem to provide.
func (e *Engine) privateLinkHint(s, d point) string {
	if d.kind != atSubnet {
		return ""
	}
	me, other := e.vpcName(s.sub.vi), e.vpcName(d.sub.vi)
	for _, c := range e.plinks {
		switch {
		case c.Provider == me && c.Consumer == other:
			return fmt.Sprintf(" (PrivateLink %s is one way: VPC %s consumes the service of VPC %s, never the other way round)", c.Name, other, me)
		case c.Consumer == me && c.Provider == other:
			return fmt.Sprintf(" (PrivateLink %s reaches only the service's network load balancer, on tcp %d)", c.Name, c.Port)
		}
	}
	return ""
}

// sgSet returns the ports group g (of VPC vi) allows in one direction for
// remote, and the rules that allow them, as "sg:G ingress[i] {...}".
func (e *Engine) sgSet(g *design.SecurityGroup, vi int, ingress bool, remote point, proto string) (PortSet, []string) {
	rules, dir := g.Egress, "egress"
	if ingress {
		rules, dir = g.Ingress, "ingress"
	} else if rules == nil {
		return AllPorts(), nil // no egress key: AWS's allow-all outbound
	}
	var out PortSet
	var why []string
	for i := range rules {
		r := &rules[i]
		rp := r.EffectiveProtocol()
		if rp != proto && rp != "all" {
			continue
		}
		peer, err := design.ParsePeer(r.Peer())
		if err != nil || !e.peerMatches(peer, vi, remote) {
			continue
		}
		ports, err := design.ParsePorts(r.Ports)
		if err != nil {
			continue
		}
		if rp == "all" || proto == "icmp" || proto == "all" {
			ports = design.PortRange{From: 0, To: 65535, All: true}
		}
		out = out.Union(rangeSet(ports))
		why = append(why, fmt.Sprintf("sg:%s %s[%d] {%s: %s, ports: %s}", g.Name, dir, i, map[bool]string{true: "from", false: "to"}[ingress], r.Peer(), ports))
	}
	return out, why
}

// peerMatches reports whether a rule peer of a group in VPC vi names the
// interface p.
func (e *Engine) peerMatches(peer design.Peer, vi int, p point) bool {
	switch peer.Kind {
	case design.PeerInternet:
		return true // internet is 0.0.0.0/0 and ::/0: every address
	case design.PeerCIDR:
		return peer.CIDR.Contains(p.addr)
	case design.PeerSG:
		owner := peer.VPC
		if owner == "" {
			owner = e.vpcName(vi)
		}
		return p.kind == atSubnet && p.group != nil && p.group.Name == peer.Name && e.vpcName(p.sub.vi) == owner
	case design.PeerTier:
		return p.kind == atSubnet && p.sub.vi == vi && e.tier(p.sub).Name == peer.Name
	case design.PeerVPC:
		if ovi, ok := e.vpcs[peer.VPC]; ok {
			for _, c := range e.l.VPCs[ovi].CIDRs {
				if c.Contains(p.addr) {
					return true
				}
			}
		}
	case design.PeerNetwork:
		for i, n := range e.l.Design.Networks {
			if n.Name == peer.Name && e.l.Networks[i].IsValid() && e.l.Networks[i].Contains(p.addr) {
				return true
			}
		}
	}
	return false
}
