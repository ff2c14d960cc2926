package design

import (
	"net/netip"
	"slices"
)

// ACLEval evaluates one network ACL as AWS does, for the validator and for
// the reachability engine (design/reach): one implementation of the rule
// order, the implicit deny and the protocol and port matching. A nil
// *ACLEval is the VPC's default ACL, which allows everything both ways.
type ACLEval struct {
	acl     *NetworkACL
	in, out []aclEntry
}

// NewACLEval parses acl's rules once; nil gives the default ACL's evaluator
// (nil).
func NewACLEval(acl *NetworkACL) *ACLEval {
	if acl == nil {
		return nil
	}
	return &ACLEval{acl: acl, in: parseACL(acl.Ingress), out: parseACL(acl.Egress)}
}

// ACL returns the evaluated ACL, or nil for the default ACL.
func (e *ACLEval) ACL() *NetworkACL {
	if e == nil {
		return nil
	}
	return e.acl
}

// Allows reports whether all of proto traffic on ports to or from remote
// passes in one direction (ingress: remote is the source; egress: the
// destination). blocker is the rule that drops it, nil for the implicit
// deny (or when it passes).
func (e *ACLEval) Allows(ingress bool, proto string, ports PortRange, remote netip.Prefix) (bool, *ACLRule) {
	if e == nil {
		return true, nil
	}
	rules := e.out
	if ingress {
		rules = e.in
	}
	return allows(rules, aclFlow{proto: proto, ports: ports, cidr: remote})
}

// PortBounds returns the ports at which the ACL's answer can change, in
// one direction: each rule's first port and the port after its last,
// sorted. Between two bounds every port gets the same answer, so a caller
// that wants the set of ports an ACL passes asks once per interval.
func (e *ACLEval) PortBounds(ingress bool) []int {
	if e == nil {
		return nil
	}
	rules := e.out
	if ingress {
		rules = e.in
	}
	var out []int
	for _, r := range rules {
		if !r.ports.All {
			out = append(out, r.ports.From, r.ports.To+1)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// EphemeralPorts is the range return traffic uses (see ephemeralPorts):
// a stateless ACL must pass all of it for replies to arrive.
func EphemeralPorts() PortRange { return ephemeralPorts }
