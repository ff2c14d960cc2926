package design

import "fmt"

// The security lint ports the rules of cfn-nag and AWS Security Hub that can
// be checked on a design, before anything is deployed, as findings whose
// codes name the external rule (cfn-nag-w2, securityhub-ec2-19). It is
// opt-in: Validate stays the check of what AWS would reject or what cannot
// work, and ValidateSecurity adds the lint for reviews and compliance
// reports. The rules live in validate_security_cfnnag.go and
// validate_security_hub.go; Rules lists every code.

// securityChecks run only in ValidateSecurity, after the core checks.
var securityChecks []func(*validator)

// ValidateSecurity checks d like Validate and adds the findings of the
// security lint. The core findings are the same as Validate's.
func ValidateSecurity(d *Design) []Finding {
	return ValidateSecurityLayout(Resolve(d))
}

// ValidateSecurityLayout is ValidateSecurity for a design already resolved.
func ValidateSecurityLayout(l *Layout) []Finding {
	v := newValidator(l)
	for _, check := range checks {
		check(v)
	}
	for _, check := range securityChecks {
		check(v)
	}
	sortFindings(v.out)
	return v.out
}

// lintRule is one security-group rule as the lint sees it: parsed once,
// with where it was written. Rules whose peer, ports or protocol do not
// parse are left to the core checks, which report them as errors.
type lintRule struct {
	vpc     *VPC
	group   *SecurityGroup
	rule    *Rule
	ingress bool
	peer    Peer
	ports   PortRange
	proto   string // tcp, udp, icmp or all
	path    string
}

// peerKey is the YAML key of the rule's peer: from or to.
func (r *lintRule) peerKey() string {
	if r.ingress {
		return "from"
	}
	return "to"
}

// direction is "ingress" or "egress", for messages.
func (r *lintRule) direction() string {
	if r.ingress {
		return "ingress"
	}
	return "egress"
}

// hasPorts reports whether the rule's ports are ports: tcp and udp rules.
// (icmp ports name an ICMP type; protocol all has none.)
func (r *lintRule) hasPorts() bool { return r.proto == "tcp" || r.proto == "udp" }

// worldIngress reports whether the rule lets the whole internet in.
func (r *lintRule) worldIngress() bool { return r.ingress && r.peer.IsWorld() }

// lintRules returns every rule of every security group that parses, in
// file order: ingress then egress of each group.
func lintRules(d *Design) []*lintRule {
	var out []*lintRule
	for i := range d.VPCs {
		vpc := &d.VPCs[i]
		for gi := range vpc.SecurityGroups {
			g := &vpc.SecurityGroups[gi]
			add := func(rules []Rule, ingress bool, dir string) {
				for ri := range rules {
					r := &rules[ri]
					peer, err := ParsePeer(r.Peer())
					if err != nil || r.Peer() == "" {
						continue
					}
					ports, err := ParsePorts(r.Ports)
					if err != nil {
						continue
					}
					proto := r.EffectiveProtocol()
					if proto != "tcp" && proto != "udp" && proto != "icmp" && proto != "all" {
						continue
					}
					out = append(out, &lintRule{vpc: vpc, group: g, rule: r, ingress: ingress, peer: peer, ports: ports, proto: proto,
						path: fmt.Sprintf("%s.%s[%d]", sgPath(vpc, g), dir, ri)})
				}
			}
			add(g.Ingress, true, "ingress")
			add(g.Egress, false, "egress")
		}
	}
	return out
}

// portsText names a rule's ports and protocol for messages: "tcp 22",
// "udp 8000-8100", "all traffic".
func (r *lintRule) portsText() string {
	if r.proto == "all" {
		return "all traffic"
	}
	return r.proto + " " + r.ports.String()
}
