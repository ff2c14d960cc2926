package importer

import (
	"slices"
	"sort"
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
	endpointOnly := vb.endpointOnlyGroups()
	for _, g := range vb.data.groups {
		if deref(g.GroupName) == defaultGroupName {
			continue
		}
		if _, ok := endpointOnly[deref(g.GroupId)]; ok {
			vb.endpointGroups = endpointOnly
			continue
		}
		name := uniqueName(groupBaseName(g, words(vb.name)), taken)
		vb.b.groups[deref(g.GroupId)] = groupRef{vpc: vb.name, name: name}
	}
}

// endpointOnlyGroups finds the groups that only interface endpoints use:
// named by an endpoint, on no other network interface, and named by no
// rule. The format has no such group (an interface endpoint is a service
// name; the export makes its group), so importing one would double it. It
// maps each to the services of its endpoints.
func (vb *vpcBuilder) endpointOnlyGroups() map[string][]string {
	out := map[string][]string{}
	for _, e := range vb.data.endpoints {
		if e.VpcEndpointType != types.VpcEndpointTypeInterface {
			continue
		}
		// An endpoint to a service the format has no name for (a PrivateLink
		// service) is noted, not imported; its group goes with it.
		svc, ok := shortService(cleanText(deref(e.ServiceName)), vb.b.inv.region)
		if !ok {
			svc = cleanText(deref(e.VpcEndpointId))
		}
		for _, g := range e.Groups {
			id := deref(g.GroupId)
			if !slices.Contains(out[id], svc) {
				out[id] = append(out[id], svc)
			}
		}
	}
	for _, eni := range vb.data.enis {
		if eni.InterfaceType == types.NetworkInterfaceTypeVpcEndpoint {
			continue
		}
		for _, g := range eni.Groups {
			delete(out, deref(g.GroupId))
		}
	}
	for _, v := range vb.b.inv.vpcs {
		for _, g := range v.groups {
			for _, perms := range [][]types.IpPermission{g.IpPermissions, g.IpPermissionsEgress} {
				for _, p := range perms {
					for _, pair := range p.UserIdGroupPairs {
						if deref(pair.GroupId) != deref(g.GroupId) {
							delete(out, deref(pair.GroupId))
						}
					}
				}
			}
		}
	}
	return out
}

// groupBaseName is what a person would call the group inside its VPC: its
// Name tag, else, for a group CloudFormation named
// ("stack-AppSecurityGroup-1X2Y3Z"), the logical ID, else its group name;
// without leading words of the VPC's name ("production-alb" in VPC
// production is alb) or a trailing "sg" / "security group".
func groupBaseName(g types.SecurityGroup, vpcWords []string) string {
	name := cleanText(deref(g.GroupName))
	label := cleanText(tagValue(g.Tags, tagName))
	if label == "" {
		logical := cleanText(tagValue(g.Tags, tagLogicalID))
		stack := cleanText(tagValue(g.Tags, tagStackName))
		if logical != "" && (name == "" || (stack != "" && strings.HasPrefix(name, stack+"-")) || strings.Contains(name, "-"+logical+"-")) {
			label = logical
		} else {
			label = name
		}
	}
	ws := words(label)
	for len(ws) > 1 && (ws[len(ws)-1] == "sg" || ws[len(ws)-1] == "securitygroup" || (ws[len(ws)-1] == "group" && ws[len(ws)-2] == "security")) {
		if ws[len(ws)-1] == "group" {
			ws = ws[:len(ws)-1]
		}
		ws = ws[:len(ws)-1]
	}
	ws = trimWords([][]string{ws}, vpcWords)[0]
	if n := slug(strings.Join(ws, "-")); n != "" {
		return n
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
		if services, isEndpoint := vb.endpointGroups[gid]; isEndpoint {
			vb.note(cleanText(gid), false, "security group %s guards only interface endpoints (%s); the format gives interface endpoints their own group, so it is not imported (its ingress: %s)",
				groupBaseName(g, words(vb.name)), strings.Join(services, ", "), ruleSummary(vb.rules(g, g.IpPermissions, true)))
			continue
		}
		if !ok {
			vb.defaultGroupNote(g)
			continue
		}
		sg := design.SecurityGroup{Name: ref.name}
		tagged := cleanText(tagValue(g.Tags, tagTier))
		switch ts := tiers[gid]; {
		case tagged != "" && vb.hasTier(tagged):
			sg.Tier = tagged // as the export wrote it
		case len(ts) == 0:
		case len(ts) == 1:
			sg.Tier = ts[0]
		default:
			vb.note(cleanText(gid), false, "security group %s has network interfaces in tiers %s; a group names one tier, so it is left out", ref.name, strings.Join(ts, ", "))
		}
		sg.Ingress = vb.rules(g, g.IpPermissions, true)
		switch {
		case allowsAllEgress(g.IpPermissionsEgress) && !describedEgress(g.IpPermissionsEgress):
			// AWS's default: the key stays absent. A described allow-all
			// rule was written by someone (a template's explicit rule) and
			// is kept as written, so the lint judges what is there.
		case deniesAllEgress(g.IpPermissionsEgress):
			sg.Egress = []design.Rule{} // `egress: []`
		default:
			sg.Egress = vb.rules(g, g.IpPermissionsEgress, false)
		}
		vb.out.SecurityGroups = append(vb.out.SecurityGroups, sg)
	}
	if len(vb.out.SecurityGroups) == 0 {
		vb.out.SecurityGroups = nil
	}
	vb.loadBalancers()
	// By name: AWS's order follows group IDs, or names CloudFormation made.
	sort.SliceStable(vb.out.SecurityGroups, func(i, j int) bool { return vb.out.SecurityGroups[i].Name < vb.out.SecurityGroups[j].Name })
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

// tagTier is the tag in which the CloudFormation export writes a group's
// tier (export/cloudformation's TierTagKey); the import reads it back.
const tagTier = "vpcsmith:tier"

func (vb *vpcBuilder) hasTier(name string) bool {
	return slices.ContainsFunc(vb.out.Tiers, func(t design.Tier) bool { return t.Name == name })
}

// describedEgress reports whether an egress rule carries a description.
func describedEgress(perms []types.IpPermission) bool {
	for _, p := range perms {
		for _, r := range p.IpRanges {
			if cleanText(deref(r.Description)) != "" {
				return true
			}
		}
		for _, r := range p.Ipv6Ranges {
			if cleanText(deref(r.Description)) != "" {
				return true
			}
		}
	}
	return false
}

// loadBalancers writes an alb or nlb workload for each load balancer whose
// network interfaces carry an imported group: that is how the design knows
// the group fronts a load balancer (the security lint spares such groups
// world ingress, as cfn-nag's W2 does). ELB describes its interfaces as
// "ELB app/NAME/ID" or "ELB net/NAME/ID".
func (vb *vpcBuilder) loadBalancers() {
	seen := map[string]bool{}
	taken := map[string]bool{}
	for _, w := range vb.out.Workloads {
		taken[w.Name] = true
	}
	for _, eni := range vb.data.enis {
		desc := cleanText(deref(eni.Description))
		rest, ok := strings.CutPrefix(desc, "ELB ")
		if !ok {
			continue
		}
		parts := strings.Split(rest, "/")
		if len(parts) < 2 {
			continue
		}
		var kind design.WorkloadKind
		switch parts[0] {
		case "app":
			kind = "alb"
		case "net":
			kind = "nlb"
		default:
			continue
		}
		tier := vb.subnetTier[cleanText(deref(eni.SubnetId))]
		for _, g := range eni.Groups {
			ref, ok := vb.b.groups[deref(g.GroupId)]
			if !ok || ref.vpc != vb.name {
				continue
			}
			key := parts[1] + "|" + ref.name
			if seen[key] {
				continue
			}
			seen[key] = true
			name := slug(parts[1])
			if name == "" {
				name = string(kind)
			}
			vb.out.Workloads = append(vb.out.Workloads, design.Workload{Name: uniqueName(name, taken), Kind: kind, Tier: tier, SecurityGroup: ref.name})
		}
	}
}
