package importer

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// defaultRuleNumber is the catch-all deny that ends every network ACL.
const defaultRuleNumber = 32767

// naclNotes notes every network ACL whose rules do more than allow all
// traffic: the format has no network ACLs, so their rules would otherwise
// vanish from the design.
func (vb *vpcBuilder) naclNotes() {
	for _, acl := range vb.data.nacls {
		var in, out []string
		allowsAllIn, allowsAllOut := false, false
		for _, e := range acl.Entries {
			n := deref(e.RuleNumber)
			if n == defaultRuleNumber {
				continue
			}
			if allowAll(e) {
				if deref(e.Egress) {
					allowsAllOut = true
				} else {
					allowsAllIn = true
				}
				continue
			}
			if deref(e.Egress) {
				out = append(out, naclEntry(e))
			} else {
				in = append(in, naclEntry(e))
			}
		}
		if len(in) == 0 && len(out) == 0 && allowsAllIn && allowsAllOut {
			continue // allows everything, as the default ACL does
		}
		var subnets []string
		for _, a := range acl.Associations {
			subnets = append(subnets, cleanText(deref(a.SubnetId)))
		}
		where := "no subnet"
		if len(subnets) > 0 {
			where = "subnets " + strings.Join(subnets, ", ")
		}
		id := cleanText(deref(acl.NetworkAclId))
		if name := cleanText(tagValue(acl.Tags, tagName)); name != "" {
			id += " (" + name + ")"
		}
		var parts []string
		if len(in) > 0 {
			parts = append(parts, "inbound "+strings.Join(in, "; "))
		} else if !allowsAllIn {
			parts = append(parts, "inbound: none allowed")
		}
		if len(out) > 0 {
			parts = append(parts, "outbound "+strings.Join(out, "; "))
		} else if !allowsAllOut {
			parts = append(parts, "outbound: none allowed")
		}
		vb.note(id, false, "network ACL on %s has rules the format cannot express: %s", where, strings.Join(parts, "; "))
	}
}

func allowAll(e types.NetworkAclEntry) bool {
	if e.RuleAction != types.RuleActionAllow || deref(e.Protocol) != "-1" {
		return false
	}
	c := deref(e.CidrBlock)
	return c == "0.0.0.0/0" || deref(e.Ipv6CidrBlock) == "::/0"
}

// naclEntry writes one rule compactly: "100 allow tcp 5432 from 10.0.10.0/23".
func naclEntry(e types.NetworkAclEntry) string {
	cidr := deref(e.CidrBlock)
	if cidr == "" {
		cidr = deref(e.Ipv6CidrBlock)
	}
	dir := "from"
	if deref(e.Egress) {
		dir = "to"
	}
	ports := ""
	if r := e.PortRange; r != nil {
		from, to := deref(r.From), deref(r.To)
		if from == to {
			ports = fmt.Sprintf(" %d", from)
		} else {
			ports = fmt.Sprintf(" %d-%d", from, to)
		}
	}
	return cleanText(fmt.Sprintf("#%d %s %s%s %s %s", deref(e.RuleNumber), e.RuleAction, protocolName(deref(e.Protocol)), ports, dir, cidr))
}

// protocolName names an IP protocol number as rules do.
func protocolName(p string) string {
	switch p {
	case "-1":
		return "all"
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	}
	return "protocol " + p
}
