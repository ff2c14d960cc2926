package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// defaultRuleNumber is the catch-all deny that ends every network ACL.
const defaultRuleNumber = 32767

// buildNACLs writes every network ACL but an allow-all default one as one
// of the VPC's `network_acls`, and names it on the tiers whose subnets use
// it. The default ACL allowing everything both ways is what a tier without
// `network_acl` has, so it is not written; a custom ACL that allows
// everything is (widdix's rule 99 in and out, the Quick Start's B subnets):
// what exists comes back as it was, with its own rule numbers, on its own
// ACL. Rules the format
// cannot hold (ICMP types, other protocols) are noted; a tier whose subnets use
// different ACLs is noted too, since a tier names one.
func (vb *vpcBuilder) buildNACLs() {
	if vb.data.denied["ec2:DescribeNetworkAcls"] {
		return
	}
	aclOf := map[string]string{} // subnet ID → ACL name in the design ("" for an allow-all one)
	taken := map[string]bool{}
	for _, acl := range vb.data.nacls {
		id := cleanText(deref(acl.NetworkAclId))
		a, allowsAll := vb.convertNACL(acl, id)
		implicit := allowsAll && deref(acl.IsDefault)
		name := ""
		if !implicit && len(acl.Associations) == 0 {
			// It filters nothing: a design ACL is there to be used by tiers.
			vb.note(id, false, "network ACL on no subnet: not imported (it filters no traffic)")
			continue
		}
		if !implicit {
			// Untagged, an ACL is named after the one tier that uses it, as
			// a person would, rather than after its random ID.
			base := slug(nameLabel(tagValue(acl.Tags, tagName), tagValue(acl.Tags, tagLogicalID)))
			if base == "" && deref(acl.IsDefault) {
				base = "default"
			}
			if base == "" {
				base = vb.onlyTier(acl)
			}
			if base == "" {
				base = "acl"
			}
			name = uniqueName(base, taken)
			a.Name = name
			vb.out.NetworkACLs = append(vb.out.NetworkACLs, a)
		}
		for _, as := range acl.Associations {
			aclOf[deref(as.SubnetId)] = name
		}
	}
	for ti, members := range vb.members {
		names := map[string][]string{}
		var order []string
		for _, s := range members {
			n, ok := aclOf[s.awsID]
			if !ok {
				continue
			}
			if _, seen := names[n]; !seen {
				order = append(order, n)
			}
			names[n] = append(names[n], s.id)
		}
		switch len(order) {
		case 0:
		case 1:
			vb.out.Tiers[ti].NetworkACL = order[0]
		default:
			var parts []string
			for _, n := range order {
				label := n
				if label == "" {
					label = "the default one, which allows all"
				}
				parts = append(parts, label+" ("+strings.Join(names[n], ", ")+")")
			}
			// The first ACL in subnet order is written: the note says which
			// subnets differ, for a person to split the tier or the ACLs.
			vb.out.Tiers[ti].NetworkACL = order[0]
			vb.note("", false, "tier %s: its subnets use different network ACLs (%s); a tier names one, so it is written with the first", vb.out.Tiers[ti].Name, strings.Join(parts, "; "))
		}
	}
}

// onlyTier returns the tier of the ACL's subnets when they are all in one,
// else "".
func (vb *vpcBuilder) onlyTier(acl types.NetworkAcl) string {
	tier := ""
	for _, as := range acl.Associations {
		t := vb.subnetTier[cleanText(deref(as.SubnetId))]
		if t == "" || (tier != "" && t != tier) {
			return ""
		}
		tier = t
	}
	return tier
}

// convertNACL turns an ACL's entries into the format's rules, IPv6 ones
// (rule `cidr` an IPv6 block) among them, and reports whether the ACL
// allows everything both ways and nothing else, as the default one does:
// all IPv4, and all IPv6 where the VPC has an IPv6 block (AWS's default ACL
// of such a VPC holds rule 101 for ::/0 as well, so one without would be
// narrower than a tier without `network_acl`).
func (vb *vpcBuilder) convertNACL(acl types.NetworkAcl, id string) (design.NetworkACL, bool) {
	var a design.NetworkACL
	type both struct{ in, out bool }
	var v4, v6 both
	other := false
	var skipped []string
	for _, e := range acl.Entries {
		n := deref(e.RuleNumber)
		if n == defaultRuleNumber {
			continue // the implicit deny, which the format's ACLs end in too
		}
		r, ok := aclRule(e)
		if !ok {
			skipped = append(skipped, naclEntry(e))
			other = true
			continue
		}
		fam := &v4
		if deref(e.Ipv6CidrBlock) != "" {
			fam = &v6
		}
		switch {
		case allowAll(e) && deref(e.Egress):
			fam.out = true
		case allowAll(e):
			fam.in = true
		default:
			other = true
		}
		if deref(e.Egress) {
			a.Egress = append(a.Egress, r)
		} else {
			a.Ingress = append(a.Ingress, r)
		}
	}
	if len(skipped) > 0 {
		vb.note(id, false, "network ACL rules the format cannot hold are left out: %s", strings.Join(skipped, "; "))
	}
	sort.SliceStable(a.Ingress, func(i, j int) bool { return a.Ingress[i].Rule < a.Ingress[j].Rule })
	sort.SliceStable(a.Egress, func(i, j int) bool { return a.Egress[i].Rule < a.Egress[j].Rule })
	if a.Ingress == nil {
		a.Ingress = []design.ACLRule{}
	}
	if a.Egress == nil {
		a.Egress = []design.ACLRule{}
	}
	return a, v4.in && v4.out && !other && (!vb.v6block.IsValid() || v6.in && v6.out)
}

// aclRule converts one entry, IPv4 or IPv6; ok is false for what the
// format has no words for (ICMP types and codes, other protocols).
func aclRule(e types.NetworkAclEntry) (design.ACLRule, bool) {
	cidr := deref(e.CidrBlock)
	if cidr == "" {
		cidr = deref(e.Ipv6CidrBlock)
	}
	r := design.ACLRule{Rule: int(deref(e.RuleNumber)), Action: design.ACLDeny, CIDR: cleanText(cidr)}
	if e.RuleAction == types.RuleActionAllow {
		r.Action = design.ACLAllow
	}
	switch p := deref(e.Protocol); p {
	case "-1", "all":
		r.Protocol = "all"
		return r, true
	case "6", "17":
		r.Protocol = protocolName(p)
	case "1":
		if e.IcmpTypeCode != nil && deref(e.IcmpTypeCode.Type) != -1 {
			return r, false
		}
		r.Protocol = "icmp"
		return r, true
	default:
		return r, false
	}
	if pr := e.PortRange; pr != nil {
		from, to := deref(pr.From), deref(pr.To)
		switch {
		case from == 0 && to == 65535 || from == 1 && to == 65535:
		case from == to:
			r.Ports = strconv.Itoa(int(from))
		default:
			r.Ports = fmt.Sprintf("%d-%d", from, to)
		}
	}
	return r, true
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
