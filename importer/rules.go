package importer

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// ruleSummary writes rules compactly for a note.
func ruleSummary(rs []design.Rule) string {
	if len(rs) == 0 {
		return "none"
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %s %s", r.Peer(), protoText(r.Protocol), r.Ports))
	}
	return strings.Join(parts, "; ")
}

// allowsAllEgress reports whether perms are AWS's default egress: all
// traffic to 0.0.0.0/0 (and ::/0), nothing else.
func allowsAllEgress(perms []types.IpPermission) bool {
	if len(perms) != 1 {
		return false
	}
	p := perms[0]
	if deref(p.IpProtocol) != "-1" || len(p.IpRanges) != 1 || deref(p.IpRanges[0].CidrIp) != "0.0.0.0/0" ||
		len(p.PrefixListIds) != 0 || len(p.UserIdGroupPairs) != 0 {
		return false
	}
	return len(p.Ipv6Ranges) == 0 || (len(p.Ipv6Ranges) == 1 && deref(p.Ipv6Ranges[0].CidrIpv6) == "::/0")
}

// deniesAllEgress reports whether perms allow no outbound traffic: none at
// all, or only rules to an address no packet leaves for, which is how
// CloudFormation templates remove AWS's default rule (vpcsmith's export
// writes 127.0.0.1/32, the AWS CDK 255.255.255.255/32).
func deniesAllEgress(perms []types.IpPermission) bool {
	for _, p := range perms {
		if len(p.Ipv6Ranges)+len(p.PrefixListIds)+len(p.UserIdGroupPairs) > 0 {
			return false
		}
		for _, r := range p.IpRanges {
			if !isNowhere(deref(r.CidrIp)) {
				return false
			}
		}
	}
	return true
}

// isNowhere reports whether cidr is an address no packet leaves the host
// for: loopback, or the limited broadcast address.
func isNowhere(cidr string) bool {
	p, err := netip.ParsePrefix(cidr)
	return err == nil && p.Addr().Is4() && (p.Masked().Addr().IsLoopback() && p.Bits() >= 8 || p == netip.MustParsePrefix("255.255.255.255/32"))
}

// rules converts a group's permissions into design rules, one per peer.
// A rule that allows exactly every CIDR of an imported VPC becomes
// vpc:NAME when that VPC is this one or joined to it by a connection of
// the design (otherwise the CIDRs stay: the VPCs reach each other some
// other way, such as PrivateLink, that vpc:NAME would misstate).
// Whatever has no place in a rule (IPv6 ranges, prefix lists, groups
// outside the import) is noted and left out.
func (vb *vpcBuilder) rules(g types.SecurityGroup, perms []types.IpPermission, ingress bool) []design.Rule {
	gid := cleanText(deref(g.GroupId))
	self := vb.b.groups[deref(g.GroupId)].name
	dir := "egress"
	if ingress {
		dir = "ingress"
	}
	var out []design.Rule
	for _, p := range perms {
		proto, ports, ok := vb.protocolPorts(p, gid, self, dir)
		if !ok {
			continue
		}
		add := func(peer, desc string) {
			r := design.Rule{Ports: ports, Protocol: proto, Description: cleanText(desc)}
			if ingress {
				r.From = peer
			} else {
				r.To = peer
			}
			out = append(out, r)
		}
		// `internet` is 0.0.0.0/0 and ::/0 (for icmp, 0.0.0.0/0 alone: the
		// export leaves ICMPv6 out), so an IPv4-only 0.0.0.0/0 stays a CIDR:
		// as `internet` it would come back wider, open to IPv6 too.
		world := false
		v6World := proto == "icmp" || slices.ContainsFunc(p.Ipv6Ranges, func(r types.Ipv6Range) bool { return cleanText(deref(r.CidrIpv6)) == "::/0" })
		cidrs := map[string]string{} // CIDR → description
		var order []string
		for _, r := range p.IpRanges {
			c := cleanText(deref(r.CidrIp))
			if !ingress && isNowhere(c) {
				continue // a placeholder that removes AWS's default rule, not a destination
			}
			if c == "0.0.0.0/0" && v6World {
				world = true
				add("internet", deref(r.Description))
				continue
			}
			if _, dup := cidrs[c]; !dup {
				order = append(order, c)
			}
			cidrs[c] = deref(r.Description)
		}
		for _, v := range vb.b.vpcs {
			all := v.cidrs()
			if len(all) == 0 || !containsAll(cidrs, all) || !vb.b.reachable(vb.name, v.name) {
				continue
			}
			add("vpc:"+v.name, cidrs[all[0]])
			for _, c := range all {
				delete(cidrs, c)
			}
		}
		for _, c := range order {
			if desc, ok := cidrs[c]; ok {
				add(c, desc)
			}
		}
		for _, r := range p.Ipv6Ranges {
			c := cleanText(deref(r.CidrIpv6))
			if c == "::/0" && world {
				continue // part of `internet`
			}
			vb.note(gid, false, "security group %s: %s rule for IPv6 %s (%s %s): the format has no IPv6", self, dir, c, protoText(proto), ports)
		}
		for _, pl := range p.PrefixListIds {
			vb.note(gid, false, "security group %s: %s rule for prefix list %s (%s %s) is not in the format", self, dir, cleanText(deref(pl.PrefixListId)), protoText(proto), ports)
		}
		for _, pair := range p.UserIdGroupPairs {
			ref, ok := vb.b.groups[deref(pair.GroupId)]
			switch {
			case ok && ref.vpc == vb.name:
				add("sg:"+ref.name, deref(pair.Description))
			case ok:
				add("sg:"+ref.vpc+"/"+ref.name, deref(pair.Description))
			case vb.b.isDefaultGroup(deref(pair.GroupId)):
				vb.note(gid, false, "security group %s: %s rule naming the default security group (%s %s) is left out: the format has no default group", self, dir, protoText(proto), ports)
			default:
				where := cleanText(deref(pair.VpcId))
				if acct := cleanText(deref(pair.UserId)); acct != "" && where == "" {
					where = "account " + acct
				}
				if where != "" {
					where = " in " + where
				}
				vb.note(gid, true, "security group %s: %s rule naming security group %s%s, outside the import (%s %s), is left out", self, dir, cleanText(deref(pair.GroupId)), where, protoText(proto), ports)
			}
		}
	}
	sortRules(out)
	return out
}

func containsAll(set map[string]string, keys []string) bool {
	for _, k := range keys {
		if _, ok := set[k]; !ok {
			return false
		}
	}
	return true
}

// cidrs returns the VPC's CIDR blocks as written in the design.
func (vb *vpcBuilder) cidrs() []string {
	if vb.out.CIDR == "" {
		return nil
	}
	return append([]string{vb.out.CIDR}, vb.out.SecondaryCIDRs...)
}

func (b *builder) isDefaultGroup(id string) bool {
	for _, v := range b.inv.vpcs {
		for _, g := range v.groups {
			if deref(g.GroupId) == id {
				return deref(g.GroupName) == defaultGroupName
			}
		}
	}
	return false
}

// protocolPorts converts a permission's protocol and port range. Protocols
// the format has no name for are noted, and the permission skipped.
func (vb *vpcBuilder) protocolPorts(p types.IpPermission, gid, group, dir string) (proto, ports string, ok bool) {
	from, to := int(deref(p.FromPort)), int(deref(p.ToPort))
	switch raw := strings.ToLower(cleanText(deref(p.IpProtocol))); raw {
	case "-1", "all":
		return "all", "all", true
	case "tcp", "6", "udp", "17":
		proto = ""
		if raw == "udp" || raw == "17" {
			proto = "udp"
		}
		if p.FromPort == nil || p.ToPort == nil || (from <= 0 && to >= 65535) || from < 0 {
			return proto, "all", true
		}
		if from == to {
			return proto, strconv.Itoa(from), true
		}
		return proto, fmt.Sprintf("%d-%d", from, to), true
	case "icmp", "1":
		if from < 0 || p.FromPort == nil {
			return "icmp", "all", true
		}
		if to >= 0 {
			vb.note(gid, false, "security group %s: %s ICMP rule for type %d code %d: the format has no ICMP codes, written as type %d", group, dir, from, to, from)
		}
		return "icmp", strconv.Itoa(from), true
	default:
		vb.note(gid, false, "security group %s: %s rule for IP protocol %s is not in the format (tcp, udp, icmp or all)", group, dir, raw)
		return "", "", false
	}
}

func protoText(proto string) string {
	if proto == "" {
		return "tcp"
	}
	return proto
}

// sortRules orders rules as a reader scans them: by protocol, then by
// port, then by peer.
func sortRules(rs []design.Rule) {
	rank := map[string]int{"": 0, "udp": 1, "icmp": 2, "all": 3}
	port := func(s string) int {
		lo, _, _ := strings.Cut(s, "-")
		if n, err := strconv.Atoi(lo); err == nil {
			return n
		}
		return -1
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if rank[a.Protocol] != rank[b.Protocol] {
			return rank[a.Protocol] < rank[b.Protocol]
		}
		if pa, pb := port(a.Ports), port(b.Ports); pa != pb {
			return pa < pb
		}
		return a.Peer() < b.Peer()
	})
}
