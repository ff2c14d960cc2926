package reach

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// The validation check built on the engine lives here rather than in
// package design because it needs the engine, and design/reach imports
// design. design.Validate stays pure and keeps every check that does not
// need a path; Validate, ValidateLayout and ValidateSecurityLayout below are
// what the entry points (the CLI's validate and import, the designer's
// background validation) call: design's findings plus this check's, in
// one sorted list. docs/validation.md describes the code.

// Validate is design.Validate with the checks that need the engine.
func Validate(d *design.Design) []design.Finding { return ValidateLayout(design.Resolve(d)) }

// ValidateLayout is design.ValidateLayout with the checks that need the
// engine.
func ValidateLayout(l *design.Layout) []design.Finding {
	return merge(design.ValidateLayout(l), l)
}

// ValidateSecurityLayout is design.ValidateSecurityLayout with the checks
// that need the engine.
func ValidateSecurityLayout(l *design.Layout) []design.Finding {
	return merge(design.ValidateSecurityLayout(l), l)
}

// merge adds CheckRules' findings to fs, leaving out a rule that the
// network-ACL checks of package design already report (nacl-blocks-flow,
// nacl-blocks-return): one cause, one finding.
func merge(fs []design.Finding, l *design.Layout) []design.Finding {
	extra := CheckRules(l)
	if len(extra) == 0 {
		return fs
	}
	acl := map[string]bool{}
	for _, f := range fs {
		if f.Code == "nacl-blocks-flow" || f.Code == "nacl-blocks-return" {
			acl[f.Path] = true
		}
	}
	for _, f := range extra {
		if !acl[f.Path] {
			fs = append(fs, f)
		}
	}
	design.SortFindings(fs)
	return fs
}

// CheckRules reports each security-group rule that can never carry
// traffic: no interface its peer stands for reaches the group's tier (for
// ingress; the other way for egress) on any of the rule's ports, because a
// route is missing or blackholed, a network ACL drops the request or its
// replies, a NAT gateway only carries outbound connections, peering is not
// transitive, and so on. Only the network layer is asked (routes, gateways,
// connections, ACLs): the security groups at either end are what the rule
// is part of. Rules whose peer does not resolve are left to design's
// checks, which report them.
func CheckRules(l *design.Layout) []design.Finding {
	e := New(l)
	var out []design.Finding
	for vi := range l.VPCs {
		v := l.VPCs[vi].VPC
		for gi := range v.SecurityGroups {
			g := &v.SecurityGroups[gi]
			own := e.tierPoints(vi, g.Tier, "", nil, e.servesGroup(vi, g.Name))
			if len(own) == 0 {
				continue
			}
			for _, dir := range []struct {
				rules   []design.Rule
				ingress bool
			}{{g.Ingress, true}, {g.Egress, false}} {
				for ri := range dir.rules {
					if f, bad := e.checkRule(vi, g, &dir.rules[ri], ri, dir.ingress, own); bad {
						out = append(out, f)
					}
				}
			}
		}
	}
	return out
}

// checkRule asks whether one rule of group g can carry traffic, and
// returns the finding when it cannot.
func (e *Engine) checkRule(vi int, g *design.SecurityGroup, r *design.Rule, ri int, ingress bool, own []point) (design.Finding, bool) {
	const code = "sg-rule-unreachable"
	peer, err := design.ParsePeer(r.Peer())
	if err != nil {
		return design.Finding{}, false
	}
	remote := e.peerPoints(vi, peer)
	if len(remote) == 0 {
		return design.Finding{}, false
	}
	q := Query{Protocol: r.EffectiveProtocol()}
	if !q.portless() {
		ports, err := design.ParsePorts(r.Ports)
		if err != nil {
			return design.Finding{}, false
		}
		q.Ports = rangeSet(ports)
	}
	from, to := remote, own
	if !ingress {
		from, to = own, remote
	}
	block := e.anyPair(from, to, q)
	if block == nil {
		return design.Finding{}, false
	}
	dir, key := "ingress", "from"
	msg := fmt.Sprintf("security group %s ingress rule from %s on %s can never carry traffic: no path from %s to tier %s", g.Name, r.Peer(), portsOf(q), r.Peer(), g.Tier)
	if !ingress {
		dir, key = "egress", "to"
		msg = fmt.Sprintf("security group %s egress rule to %s on %s can never carry traffic: no path from tier %s to %s", g.Name, r.Peer(), portsOf(q), g.Tier, r.Peer())
	}
	path := fmt.Sprintf("vpcs.%s.security_groups.%s.%s[%d]", orUnnamed(e.vpcName(vi)), orUnnamed(g.Name), dir, ri)
	msg += fmt.Sprintf("; %s: %s [%s]", block.Component, block.Message, block.Code)
	if block.Fix != "" {
		msg += "; to open it: " + block.Fix
	}
	return design.Finding{Severity: design.Warning, Code: code, Path: path, Pos: r.Pos(key), Message: msg}, true
}

// anyPair follows the network layer from every interface of from to every
// one of to and returns nil as soon as one pair passes some of q's ports,
// else the block of the first pair: a rule can carry traffic when any of
// the interfaces it names can use it.
func (e *Engine) anyPair(from, to []point, q Query) *Block {
	start := q.Ports
	if start == nil {
		start = AllPorts()
	}
	var first *Block
	tried := false
	for _, s := range from {
		for _, d := range to {
			if s.addr.Is6() != d.addr.Is6() {
				continue // no pair across address families
			}
			tried = true
			f := &flow{e: e, proto: q.proto(), ports: start}
			e.pair(f, s, d, false, false)
			if f.block == nil {
				return nil
			}
			if first == nil {
				first = f.block
			}
		}
	}
	if !tried && len(from) > 0 && len(to) > 0 {
		// An IPv4 peer of an IPv6-only tier's group, or the reverse.
		return &Block{Component: "address family", Code: CodeFamily, Fix: "give the tier ipv6: dual-stack, or name a peer of the tier's family", Message: "the rule's peer and the group's tier have no address family in common"}
	}
	return first
}

// peerPoints are the interfaces a rule peer of a group in VPC vi stands
// for, on the network layer (no group of their own): the internet, a
// network, a tier's or a group's subnets, a VPC's, or the subnets a CIDR
// overlaps (else the network or internet holding it). Peers the design
// does not have give none.
func (e *Engine) peerPoints(vi int, p design.Peer) []point {
	switch p.Kind {
	case design.PeerInternet:
		return internetPoints()
	case design.PeerCIDR:
		el, _ := e.resolvePrefix(Element{}, p.CIDR.Masked(), 0)
		return el.points
	case design.PeerNetwork:
		for i, n := range e.l.Design.Networks {
			if n.Name == p.Name && e.l.Networks[i].IsValid() {
				return []point{{kind: atNetwork, network: i, addr: hostIn(e.l.Networks[i], 1)}}
			}
		}
	case design.PeerTier:
		return e.tierPoints(vi, p.Name, "", nil, e.servesTier(vi, p.Name))
	case design.PeerSG:
		ovi := vi
		if p.VPC != "" {
			var ok bool
			if ovi, ok = e.vpcs[p.VPC]; !ok {
				return nil
			}
		}
		if og := e.l.VPCs[ovi].VPC.FindSecurityGroup(p.Name); og != nil {
			return e.tierPoints(ovi, og.Tier, "", nil, e.servesGroup(ovi, og.Name))
		}
	case design.PeerVPC:
		ovi, ok := e.vpcs[p.VPC]
		if !ok {
			return nil
		}
		var out []point
		for ti, tl := range e.l.VPCs[ovi].Tiers {
			service := e.servesTier(ovi, tl.Tier.Name)
			for si, s := range tl.Subnets {
				if s.Prefix.IsValid() {
					out = append(out, point{kind: atSubnet, addr: representative(s.Prefix), sub: subnetKey{ovi, ti, si}, service: service})
				}
			}
		}
		return out
	}
	return nil
}

func portsOf(q Query) string {
	if q.portless() {
		return q.proto()
	}
	return q.proto() + " " + q.Ports.String()
}

func orUnnamed(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
}
