package design

import (
	"fmt"
	"net/netip"
)

// ACL rule numbers AWS accepts (32767 is the implicit deny's).
const (
	minACLRule = 1
	maxACLRule = 32766
)

// ephemeralPorts is where clients' return traffic arrives: Linux, ELB and
// NAT gateways use ports in 1024-65535, which is what AWS's documentation
// tells ACLs to allow for responses.
var ephemeralPorts = PortRange{From: 1024, To: 65535}

// aclEntry is a parsed network ACL rule.
type aclEntry struct {
	rule   *ACLRule
	proto  string
	ports  PortRange
	cidr   netip.Prefix
	action ACLAction
}

// aclFlow is traffic an ACL is asked about: a protocol, ports and the
// remote range.
type aclFlow struct {
	proto string
	ports PortRange
	cidr  netip.Prefix
}

// parseACL returns the valid rules of one direction, sorted by number
// (lowest first, the order AWS evaluates them in).
func parseACL(rules []ACLRule) []aclEntry {
	out := make([]aclEntry, 0, len(rules))
	for i := range rules {
		r := &rules[i]
		p, err := ParseAnyCIDR(r.CIDR)
		if err != nil {
			continue
		}
		ports, err := ParsePorts(r.Ports)
		if err != nil {
			continue
		}
		proto := r.Protocol
		if proto == "" {
			proto = "tcp"
		}
		if proto == "icmp" || proto == "all" {
			ports = PortRange{From: 0, To: 65535, All: true}
		}
		out = append(out, aclEntry{rule: r, proto: proto, ports: ports, cidr: p, action: r.Action})
	}
	for i := 1; i < len(out); i++ { // insertion sort: tens of rules, stable
		for j := i; j > 0 && out[j].rule.Rule < out[j-1].rule.Rule; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// covers reports whether entry e matches all of flow f, and whether it
// matches any of it.
func (e aclEntry) covers(f aclFlow) (all, some bool) {
	protoAll := e.proto == "all" || e.proto == f.proto
	protoSome := protoAll || f.proto == "all"
	if !protoSome {
		return false, false
	}
	portsAll := e.ports.All || (f.ports.From >= e.ports.From && f.ports.To <= e.ports.To)
	portsSome := e.ports.All || f.ports.All || (f.ports.From <= e.ports.To && e.ports.From <= f.ports.To)
	if f.proto == "icmp" || f.proto == "all" {
		portsAll, portsSome = e.ports.All || f.proto == "icmp", true
	}
	cidrAll := e.cidr.Bits() <= f.cidr.Bits() && e.cidr.Contains(f.cidr.Addr())
	cidrSome := e.cidr.Overlaps(f.cidr)
	return protoAll && portsAll && cidrAll, protoSome && portsSome && cidrSome
}

// allows evaluates f against the rules as AWS does, lowest number first:
// it holds when a rule allowing all of f comes before any rule denying
// part of it. blocker is the rule that stops it (nil: the implicit deny).
func allows(entries []aclEntry, f aclFlow) (ok bool, blocker *ACLRule) {
	for _, e := range entries {
		all, some := e.covers(f)
		switch {
		case all && e.action == ACLAllow:
			return true, nil
		case some && e.action == ACLDeny:
			return false, e.rule
		}
	}
	return false, nil
}

func checkNetworkACLs(v *validator) {
	for vi := range v.l.VPCs {
		vl := &v.l.VPCs[vi]
		vpc := vl.VPC
		names := map[string]bool{}
		for ai := range vpc.NetworkACLs {
			a := &vpc.NetworkACLs[ai]
			path := vpcPath(vpc) + ".network_acls." + nameOrIndex(a.Name)
			if names[a.Name] {
				v.add(Error, "duplicate-name", path, a.Pos("name"), "VPC %s has two network ACLs named %q", vpc.Name, a.Name)
			}
			names[a.Name] = true
			v.checkACLDirection(a, a.Ingress, "ingress", path)
			v.checkACLDirection(a, a.Egress, "egress", path)
		}
		var aclNames []string
		for _, a := range vpc.NetworkACLs {
			aclNames = append(aclNames, a.Name)
		}
		for ti := range vpc.Tiers {
			t := &vpc.Tiers[ti]
			if t.NetworkACL != "" && vpc.FindNetworkACL(t.NetworkACL) == nil {
				v.add(Error, "unknown-reference", tierPath(vpc, t), t.Pos("network_acl"), "tier %s uses network ACL %q, which VPC %s does not have%s", t.Name, t.NetworkACL, vpc.Name, didYouMean(t.NetworkACL, aclNames))
			}
		}
		v.checkACLsCarrySecurityGroups(vi)
	}
}

// checkACLDirection checks one direction of an ACL: AWS's limits on rule
// numbers and values, and rules an earlier rule hides.
func (v *validator) checkACLDirection(a *NetworkACL, rules []ACLRule, dir, path string) {
	numbers := map[int]bool{}
	for ri := range rules {
		r := &rules[ri]
		rpath := fmt.Sprintf("%s.%s[%d]", path, dir, ri)
		if r.Rule < minACLRule || r.Rule > maxACLRule {
			v.add(Error, "nacl-invalid", rpath, r.Pos("rule"), "network ACL %s has %s rule number %d: AWS takes 1 to 32766", a.Name, dir, r.Rule)
		} else if numbers[r.Rule] {
			v.add(Error, "nacl-invalid", rpath, r.Pos("rule"), "network ACL %s has two %s rules numbered %d: give each its own number", a.Name, dir, r.Rule)
		}
		numbers[r.Rule] = true
		if _, err := ParseAnyCIDR(r.CIDR); err != nil {
			v.add(Error, "nacl-invalid", rpath, r.Pos("cidr"), "network ACL %s %s rule %d: %v", a.Name, dir, r.Rule, err)
		}
		if _, err := ParsePorts(r.Ports); err != nil {
			v.add(Error, "nacl-invalid", rpath, r.Pos("ports"), "network ACL %s %s rule %d: %v", a.Name, dir, r.Rule, err)
		}
	}
	entries := parseACL(rules)
	for j := range entries {
		later := entries[j]
		for _, earlier := range entries[:j] {
			if earlier.rule.Rule == later.rule.Rule {
				continue
			}
			if all, _ := earlier.covers(aclFlow{proto: later.proto, ports: later.ports, cidr: later.cidr}); all {
				v.add(Warning, "nacl-rule-shadowed", path, later.rule.Pos("rule"), "network ACL %s %s rule %d never matches: rule %d, evaluated first, already matches all of its traffic", a.Name, dir, later.rule.Rule, earlier.rule.Rule)
				break
			}
		}
	}
}

// checkACLsCarrySecurityGroups reports security-group ingress rules whose
// traffic the network ACLs of the tiers involved drop: ACLs are stateless,
// so both the request and its return (to the client's ephemeral ports)
// need a rule, in each tier's ACL.
func (v *validator) checkACLsCarrySecurityGroups(vi int) {
	vl := &v.l.VPCs[vi]
	vpc := vl.VPC
	if len(vpc.NetworkACLs) == 0 {
		return
	}
	for gi := range vpc.SecurityGroups {
		g := &vpc.SecurityGroups[gi]
		ti := tierIndexByName(vl, g.Tier)
		if ti < 0 {
			continue
		}
		local := vl.Tiers[ti]
		for ri := range g.Ingress {
			r := &g.Ingress[ri]
			ports, err := ParsePorts(r.Ports)
			if err != nil {
				continue
			}
			proto := r.Protocol
			if proto == "" {
				proto = "tcp"
			}
			peer, err := ParsePeer(r.From)
			if err != nil {
				continue
			}
			path := fmt.Sprintf("%s.ingress[%d]", sgPath(vpc, g), ri)
			remote, remoteTier := v.peerRanges(vi, peer)
			v.checkACLFlow(vpc, local.Tier, path, r, remote, proto, ports, true)
			if remoteTier != nil {
				v.checkACLFlow(vpc, remoteTier.Tier, path, r, tierPrefixes(local), proto, ports, false)
			}
		}
	}
}

// checkACLFlow checks, in tier t's ACL, the traffic of one security-group
// rule: serving says t holds the server (ingress of the request, egress of
// the return) rather than the client.
func (v *validator) checkACLFlow(vpc *VPC, t *Tier, path string, r *Rule, remote []netip.Prefix, proto string, ports PortRange, serving bool) {
	acl := vpc.FindNetworkACL(t.NetworkACL)
	if acl == nil {
		return
	}
	eval := v.parsedACL(acl)
	requestDir, returnDir := "ingress", "egress"
	if !serving {
		requestDir, returnDir = "egress", "ingress"
	}
	for _, p := range remote {
		if ok, blocker := eval.Allows(serving, proto, ports, p); !ok {
			v.add(Warning, "nacl-blocks-flow", path, r.Pos("from"), "network ACL %s of tier %s drops %s %s traffic on %s for %s (%s): allow it with a %s rule before it", acl.Name, t.Name, requestDir, proto, ports, p, blockedBy(blocker), requestDir)
			return
		}
		if proto == "icmp" {
			continue
		}
		if ok, blocker := eval.Allows(!serving, proto, ephemeralPorts, p); !ok {
			v.add(Warning, "nacl-blocks-return", path, r.Pos("from"), "network ACL %s of tier %s drops the return traffic (%s %s on %s, %s) of a flow the security groups allow: network ACLs are stateless; add a %s rule allowing %s %s for %s", acl.Name, t.Name, returnDir, proto, ephemeralPorts, blockedBy(blocker), returnDir, proto, ephemeralPorts, p)
			return
		}
	}
}

// parsedACL returns an ACL's evaluator, parsing each ACL once however many
// rules ask about it.
func (v *validator) parsedACL(a *NetworkACL) *ACLEval {
	if e, ok := v.acls[a]; ok {
		return e
	}
	if v.acls == nil {
		v.acls = map[*NetworkACL]*ACLEval{}
	}
	e := NewACLEval(a)
	v.acls[a] = e
	return e
}

func blockedBy(r *ACLRule) string {
	if r == nil {
		return "no rule allows it, so the implicit deny drops it"
	}
	return fmt.Sprintf("rule %d denies it", r.Rule)
}

// peerRanges returns the address ranges a rule peer stands for, and the
// tier it is in when that is a tier of VPC vi (whose ACL then also
// applies).
func (v *validator) peerRanges(vi int, p Peer) ([]netip.Prefix, *TierLayout) {
	vl := &v.l.VPCs[vi]
	switch p.Kind {
	case PeerInternet:
		return []netip.Prefix{defaultRoute4}, nil
	case PeerCIDR:
		return []netip.Prefix{p.CIDR}, nil
	case PeerVPC:
		return v.routing().Destinations("vpc:" + p.VPC), nil
	case PeerNetwork:
		return v.routing().Destinations("network:" + p.Name), nil
	case PeerTier:
		if ti := tierIndexByName(vl, p.Name); ti >= 0 {
			return tierPrefixes(vl.Tiers[ti]), &vl.Tiers[ti]
		}
	case PeerSG:
		other := vl
		if p.VPC != "" && p.VPC != vl.VPC.Name {
			if other = v.routing().VPCLayout(p.VPC); other == nil {
				return nil, nil
			}
		}
		g := other.VPC.FindSecurityGroup(p.Name)
		if g == nil {
			return nil, nil
		}
		if ti := tierIndexByName(other, g.Tier); ti >= 0 {
			if other == vl {
				return tierPrefixes(vl.Tiers[ti]), &vl.Tiers[ti]
			}
			return tierPrefixes(other.Tiers[ti]), nil
		}
	}
	return nil, nil
}

func tierIndexByName(vl *VPCLayout, name string) int {
	for ti := range vl.Tiers {
		if vl.Tiers[ti].Tier.Name == name {
			return ti
		}
	}
	return -1
}

func tierPrefixes(tl TierLayout) []netip.Prefix {
	out := make([]netip.Prefix, 0, len(tl.Subnets))
	for _, s := range tl.Subnets {
		if s.Prefix.IsValid() {
			out = append(out, s.Prefix)
		}
	}
	return out
}
