package design

import (
	"net/netip"
	"strings"
)

func init() {
	securityChecks = append(securityChecks, checkCfnNagRules, checkCfnNagGroups, checkCfnNagVPCs)
}

// The cfn-nag rules, ported to the design: each finds what cfn_nag would
// report on the exported template, with two deliberate differences, both
// in what the design knows and the template does not. W2 spares groups
// used only by load balancers (cfn-nag's own text says world ingress is
// "permissible on ELB"), and W9 leaves the whole internet to W2.

// loopback is the only egress destination cfn-nag's W40 accepts with
// protocol -1: the export's stand-in for `egress: []` uses it.
var loopback = netip.MustParsePrefix("127.0.0.1/32")

func checkCfnNagRules(v *validator) {
	lbGroups := loadBalancerGroups(v.d)
	for _, r := range lintRules(v.d) {
		g, rule := r.group, r.rule
		if r.worldIngress() && !lbGroups[r.vpc][g.Name] {
			v.add(Warning, "cfn-nag-w2", r.path, rule.Pos("from"), "security group %s lets the whole internet in on %s but fronts no load balancer (cfn-nag W2: world ingress is for load balancers): restrict the source, or put the service behind an ALB", g.Name, r.portsText())
		}
		if !r.ingress && r.peer.IsWorld() {
			v.add(Info, "cfn-nag-w5", r.path, rule.Pos("to"), "security group %s sends %s to the whole internet (cfn-nag W5): fine for a tier that calls outside APIs through NAT; otherwise narrow it to the addresses it needs", g.Name, r.portsText())
		}
		if r.ingress && !r.peer.IsWorld() {
			if v.wideSource(r.peer) {
				v.add(Info, "cfn-nag-w9", r.path, rule.Pos("from"), "security group %s takes ingress from %s, a range of addresses rather than one host (cfn-nag W9): fine for a tier, VPC or office range; otherwise name the host (/32) or a security group", g.Name, rule.From)
			}
		}
		if r.hasPorts() && r.ports.From != r.ports.To {
			if r.ingress {
				v.add(Warning, "cfn-nag-w27", r.path, rule.Pos("ports"), "security group %s opens a port range (%s) to %s (cfn-nag W27): list the ports the service listens on", g.Name, r.portsText(), rule.From)
			} else {
				v.add(Info, "cfn-nag-w29", r.path, rule.Pos("ports"), "security group %s allows egress to a port range (%s) towards %s (cfn-nag W29): list the ports it connects to", g.Name, r.portsText(), rule.To)
			}
		}
		if strings.TrimSpace(rule.Description) == "" {
			v.add(Warning, "cfn-nag-w36", r.path, rule.Pos(""), "an %s rule of security group %s (%s %s, %s) has no description (cfn-nag W36): add `description:` saying why it exists", r.direction(), g.Name, r.peerKey(), rule.Peer(), r.portsText())
		} else if !storableDescription(rule.Description) {
			v.add(Warning, "cfn-nag-w36", r.path, rule.Pos("description"), "the description of an %s rule of security group %s has no character AWS accepts, so the rule is deployed without one (cfn-nag W36): use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*", r.direction(), g.Name)
		}
		if r.proto == "all" {
			if r.ingress {
				v.add(Warning, "cfn-nag-w42", r.path, rule.Pos("protocol"), "security group %s takes every protocol and port from %s (cfn-nag W42): name the protocol (tcp, udp) and ports", g.Name, rule.From)
			} else if !(r.peer.Kind == PeerCIDR && r.peer.CIDR == loopback) {
				v.add(Info, "cfn-nag-w40", r.path, rule.Pos("protocol"), "security group %s sends every protocol and port to %s (cfn-nag W40): name the protocol (tcp, udp) and ports", g.Name, rule.To)
			}
		}
	}
}

// storableDescription reports whether a rule's description keeps anything
// but spaces once the characters AWS rejects are dropped, as the export
// drops them.
func storableDescription(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:/()#,@[]+=&;{}!$*", r)
	})
}

// wideSource reports whether a non-world peer becomes a range of addresses
// in the export rather than one host: cfn-nag W9 flags any CidrIp but a
// /32. Groups have no CIDR; tiers and VPCs are never a single host; a
// network or a CIDR may be.
func (v *validator) wideSource(p Peer) bool {
	switch p.Kind {
	case PeerCIDR:
		return p.CIDR.Bits() < 32
	case PeerTier, PeerVPC:
		return true
	case PeerNetwork:
		if n := v.network(p.Name); n != nil {
			c, err := ParseCIDR(n.CIDR)
			return err != nil || c.Bits() < 32
		}
	}
	return false
}

// checkCfnNagGroups: F1000, a group with no egress key, which AWS (and so
// the export) gives an allow-all egress rule.
func checkCfnNagGroups(v *validator) {
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		for gi := range vpc.SecurityGroups {
			g := &vpc.SecurityGroups[gi]
			if g.Egress == nil {
				v.add(Warning, "cfn-nag-f1000", sgPath(vpc, g), g.Pos(""), "security group %s has no `egress`, so AWS allows all outbound traffic (cfn-nag F1000, a failure for cfn_nag): list the egress it needs, or write `egress: []` for none", g.Name)
			}
		}
	}
}

// checkCfnNagVPCs: W60, a VPC without a flow log.
func checkCfnNagVPCs(v *validator) {
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		if !vpc.FlowLogs {
			v.add(Warning, "cfn-nag-w60", vpcPath(vpc), vpc.Pos("flow_logs"), "VPC %s has no flow log (cfn-nag W60): set `flow_logs: true` to record its traffic for incident response", vpc.Name)
		}
	}
}

// loadBalancerGroups returns, by VPC, the security groups that only load
// balancers use: at least one alb or nlb workload names the group, and no
// other workload does.
func loadBalancerGroups(d *Design) map[*VPC]map[string]bool {
	out := map[*VPC]map[string]bool{}
	for i := range d.VPCs {
		vpc := &d.VPCs[i]
		only := map[string]bool{}
		for _, w := range vpc.Workloads {
			if w.SecurityGroup == "" {
				continue
			}
			isLB := w.Kind == "alb" || w.Kind == "nlb"
			if prev, seen := only[w.SecurityGroup]; seen {
				only[w.SecurityGroup] = prev && isLB
			} else {
				only[w.SecurityGroup] = isLB
			}
		}
		out[vpc] = only
	}
	return out
}
