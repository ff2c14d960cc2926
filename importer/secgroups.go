package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// defaultGroupName is the group AWS creates in every VPC; the format has no
// such group (every design group is created by the design), so it is not
// imported, and rules that name it are noted.
const defaultGroupName = "default"

// nameGroups gives each security group of the VPC its design name, before
// any rule is converted: a rule may name a group of another VPC.
func (vb *vpcBuilder) nameGroups() {
	taken := map[string]bool{}
	for _, g := range vb.data.groups {
		if deref(g.GroupName) == defaultGroupName {
			continue
		}
		name := uniqueName(groupBaseName(g), taken)
		vb.b.groups[deref(g.GroupId)] = groupRef{vpc: vb.name, name: name}
	}
}

// groupBaseName is the group's name, except for groups CloudFormation named
// ("stack-AppSecurityGroup-1X2Y3Z"), which take their logical ID without
// the "SecurityGroup" suffix ("app"), as the template's author called them.
func groupBaseName(g types.SecurityGroup) string {
	name := cleanText(deref(g.GroupName))
	logical := cleanText(tagValue(g.Tags, tagLogicalID))
	stack := cleanText(tagValue(g.Tags, tagStackName))
	if logical != "" && (name == "" || (stack != "" && strings.HasPrefix(name, stack+"-")) || strings.Contains(name, "-"+logical+"-")) {
		ws := words(logical)
		for len(ws) > 1 && (ws[len(ws)-1] == "group" || ws[len(ws)-1] == "sg") {
			ws = ws[:len(ws)-1]
			if len(ws) > 1 && ws[len(ws)-1] == "security" {
				ws = ws[:len(ws)-1]
			}
		}
		if n := slug(strings.Join(ws, "-")); n != "" {
			return n
		}
	}
	if n := slug(name); n != "" {
		return n
	}
	return slug(deref(g.GroupId))
}

// buildGroups converts the VPC's security groups and their rules, and
// infers each group's tier from where its network interfaces are.
func (vb *vpcBuilder) buildGroups() {
	if vb.data.denied["ec2:DescribeSecurityGroups"] {
		return
	}
	tiers := vb.groupTiers()
	vb.out.SecurityGroups = []design.SecurityGroup{}
	for _, g := range vb.data.groups {
		gid := deref(g.GroupId)
		ref, ok := vb.b.groups[gid]
		if !ok {
			vb.defaultGroupNote(g)
			continue
		}
		sg := design.SecurityGroup{Name: ref.name}
		switch ts := tiers[gid]; len(ts) {
		case 0:
		case 1:
			sg.Tier = ts[0]
		default:
			vb.note(cleanText(gid), false, "security group %s has network interfaces in tiers %s; a group names one tier, so it is left out", ref.name, strings.Join(ts, ", "))
		}
		sg.Ingress = vb.rules(g, g.IpPermissions, true)
		if !allowsAllEgress(g.IpPermissionsEgress) {
			sg.Egress = vb.rules(g, g.IpPermissionsEgress, false)
			if sg.Egress == nil {
				sg.Egress = []design.Rule{} // no outbound rule at all: `egress: []`
			}
		}
		vb.out.SecurityGroups = append(vb.out.SecurityGroups, sg)
	}
	if len(vb.out.SecurityGroups) == 0 {
		vb.out.SecurityGroups = nil
	}
}

// groupTiers maps each group ID to the tiers of the subnets its network
// interfaces are in, sorted.
func (vb *vpcBuilder) groupTiers() map[string][]string {
	sets := map[string]map[string]bool{}
	for _, eni := range vb.data.enis {
		tier := vb.subnetTier[deref(eni.SubnetId)]
		if tier == "" {
			continue
		}
		for _, g := range eni.Groups {
			id := deref(g.GroupId)
			if sets[id] == nil {
				sets[id] = map[string]bool{}
			}
			sets[id][tier] = true
		}
	}
	out := map[string][]string{}
	for id, set := range sets {
		for t := range set {
			out[id] = append(out[id], t)
		}
		sort.Strings(out[id])
	}
	return out
}

// defaultGroupNote notes a default group whose rules were changed from
// AWS's defaults (all traffic from the group itself, all outbound).
func (vb *vpcBuilder) defaultGroupNote(g types.SecurityGroup) {
	in := g.IpPermissions
	selfOnly := len(in) == 1 && deref(in[0].IpProtocol) == "-1" && len(in[0].IpRanges) == 0 && len(in[0].Ipv6Ranges) == 0 &&
		len(in[0].PrefixListIds) == 0 && len(in[0].UserIdGroupPairs) == 1 && deref(in[0].UserIdGroupPairs[0].GroupId) == deref(g.GroupId)
	if (len(in) == 0 || selfOnly) && allowsAllEgress(g.IpPermissionsEgress) {
		return
	}
	vb.note(cleanText(deref(g.GroupId)), false, "the default security group has custom rules; the format has no default group, so they are not imported")
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

// rules converts a group's permissions into design rules, one per peer.
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
		world := false
		cidrs := map[string]string{} // CIDR → description
		var order []string
		for _, r := range p.IpRanges {
			c := cleanText(deref(r.CidrIp))
			if c == "0.0.0.0/0" {
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
			if len(all) == 0 || !containsAll(cidrs, all) {
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
