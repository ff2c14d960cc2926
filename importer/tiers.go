package importer

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// subnet is one AWS subnet on its way into a tier.
type subnet struct {
	id, az, azID, cidr string
	awsID              string // the ID as AWS wrote it, for lookups
	prefix             netip.Prefix
	rt                 *routeTable
	stem               []string // name words without the AZ part
	// v6 is the index of the subnet's /64 in the VPC's IPv6 block when
	// hasV6; dns64 and assign6 are its DNS64 and IPv6 assignment (ipv6.go).
	v6                    int32
	hasV6, dns64, assign6 bool
}

func (s *subnet) stemKey() string { return strings.Join(s.stem, "-") }

// unknownRouting stands in for the route table of every subnet when route
// tables could not be read.
var unknownRouting = &routeTable{id: "", kind: design.TierIsolated, sig: "unknown", coarse: "unknown", done: true}

// buildTiers groups the VPC's subnets into tiers: first by routing (the
// route table's kind and default route: a route that differs in one AZ
// never splits a tier, it is written with `azs`), then, where one routing
// group holds several subnets in one AZ or consistently named sets, by the
// subnets' names; subnets still sharing an AZ are split by their full
// routing, else by address order. A tier is named after its subnets'
// common name, else after its kind.
func (vb *vpcBuilder) buildTiers() {
	subnets := vb.subnets()
	azSet := map[string]bool{}
	for _, s := range subnets {
		azSet[s.az] = true
	}
	for az := range azSet {
		vb.azs = append(vb.azs, az)
	}
	sort.Strings(vb.azs)

	var order []string
	groups := map[string][]*subnet{}
	for _, s := range subnets {
		if _, ok := groups[s.rt.coarse]; !ok {
			order = append(order, s.rt.coarse)
		}
		groups[s.rt.coarse] = append(groups[s.rt.coarse], s)
	}
	var tiers [][]*subnet
	for _, sig := range order {
		tiers = append(tiers, vb.splitGroup(groups[sig])...)
	}
	kindRank := map[design.TierKind]int{design.TierPublic: 0, design.TierPrivate: 1, design.TierIsolated: 2}
	sort.SliceStable(tiers, func(i, j int) bool {
		ki, kj := kindRank[tiers[i][0].rt.kind], kindRank[tiers[j][0].rt.kind]
		if ki != kj {
			return ki < kj
		}
		return tiers[i][0].prefix.Addr().Less(tiers[j][0].prefix.Addr())
	})
	taken := map[string]bool{}
	for _, members := range tiers {
		vb.out.Tiers = append(vb.out.Tiers, vb.tier(members, taken))
		vb.members = append(vb.members, members)
	}
}

// subnets reads the VPC's subnets with their route tables and name stems.
func (vb *vpcBuilder) subnets() []*subnet {
	var main *routeTable
	assoc := map[string]*routeTable{}
	for _, rt := range vb.data.routeTables {
		info := vb.analyzeRouteTable(rt)
		for _, a := range rt.Associations {
			switch {
			case deref(a.Main):
				main = info
			case a.SubnetId != nil:
				assoc[*a.SubnetId] = info
			}
		}
	}
	var out []*subnet
	var named []namedSubnet
	for _, sn := range vb.data.subnets {
		id := cleanText(deref(sn.SubnetId))
		s := &subnet{id: id, awsID: deref(sn.SubnetId), az: cleanText(deref(sn.AvailabilityZone)), azID: cleanText(deref(sn.AvailabilityZoneId)), cidr: cleanText(deref(sn.CidrBlock))}
		if p, err := netip.ParsePrefix(s.cidr); err == nil {
			s.prefix = p
		}
		switch {
		case vb.data.denied["ec2:DescribeRouteTables"]:
			s.rt = unknownRouting
		case assoc[deref(sn.SubnetId)] != nil:
			s.rt = assoc[deref(sn.SubnetId)]
		case main != nil:
			s.rt = main
		default:
			s.rt = &routeTable{kind: design.TierIsolated, sig: "isolated|", coarse: "isolated|", done: true}
		}
		vb.routes[deref(sn.SubnetId)] = s.rt
		vb.subnetIPv6(s, sn)
		vb.subnetNotes(sn, id)
		label := nameLabel(tagValue(sn.Tags, tagName), tagValue(sn.Tags, tagLogicalID))
		named = append(named, namedSubnet{label: label, az: s.az, azID: s.azID})
		out = append(out, s)
	}
	stems := trimWords(stems(named), words(vb.name))
	for i, s := range out {
		s.stem = stems[i]
	}
	return out
}

// subnetNotes reports what the format cannot say about one subnet.
func (vb *vpcBuilder) subnetNotes(sn types.Subnet, id string) {
	if sn.OutpostArn != nil {
		vb.note(id, false, "the subnet is on an Outpost (%s), which the format cannot express", cleanText(*sn.OutpostArn))
	}
}

// splitGroup splits one routing group into tiers of at most one subnet per
// AZ.
func (vb *vpcBuilder) splitGroup(g []*subnet) [][]*subnet {
	var keys []string
	parts := map[string][]*subnet{}
	for _, s := range g {
		k := s.stemKey()
		if _, ok := parts[k]; !ok {
			keys = append(keys, k)
		}
		parts[k] = append(parts[k], s)
	}
	byName := [][]*subnet{g}
	if len(keys) > 1 {
		allSets := true
		for _, k := range keys {
			if len(parts[k]) < 2 {
				allSets = false
			}
		}
		if sharesAZ(g) || allSets {
			byName = nil
			for _, k := range keys {
				byName = append(byName, parts[k])
			}
		}
	}
	var out [][]*subnet
	for _, p := range byName {
		if !sharesAZ(p) {
			out = append(out, p)
			continue
		}
		if bySig := splitBySig(p); bySig != nil {
			out = append(out, bySig...)
			continue
		}
		// Same routing, same name, several per AZ: the k-th subnet of each
		// AZ by address forms the k-th tier.
		var ids []string
		rank := map[string]int{}
		var split [][]*subnet
		for _, s := range p {
			k := rank[s.az]
			rank[s.az]++
			for len(split) <= k {
				split = append(split, nil)
			}
			split[k] = append(split[k], s)
			ids = append(ids, s.id)
		}
		vb.note("", false, "subnets %s route alike and share their names but several sit in one AZ: split into %d tiers by address order", strings.Join(ids, ", "), len(split))
		out = append(out, split...)
	}
	return out
}

// splitBySig splits subnets that share AZs by their tables' full routing
// when that leaves each part with one subnet per AZ; nil when it does not.
func splitBySig(g []*subnet) [][]*subnet {
	var keys []string
	parts := map[string][]*subnet{}
	for _, s := range g {
		if _, ok := parts[s.rt.sig]; !ok {
			keys = append(keys, s.rt.sig)
		}
		parts[s.rt.sig] = append(parts[s.rt.sig], s)
	}
	if len(keys) < 2 {
		return nil
	}
	var out [][]*subnet
	for _, k := range keys {
		if sharesAZ(parts[k]) {
			return nil
		}
		out = append(out, parts[k])
	}
	return out
}

func sharesAZ(g []*subnet) bool {
	seen := map[string]bool{}
	for _, s := range g {
		if seen[s.az] {
			return true
		}
		seen[s.az] = true
	}
	return false
}

// tier writes one group of subnets as a tier: explicit subnets in AZ order,
// `azs` only when the tier covers fewer AZs than the VPC, and the common
// prefix length so that an added AZ is carved alike.
func (vb *vpcBuilder) tier(members []*subnet, taken map[string]bool) design.Tier {
	kind := members[0].rt.kind
	name := members[0].stemKey()
	for _, s := range members[1:] {
		if s.stemKey() != name {
			name = ""
			break
		}
	}
	if name = slug(name); name == "" {
		name = string(kind)
	}
	t := design.Tier{Name: uniqueName(name, taken), Kind: kind}
	sort.SliceStable(members, func(i, j int) bool { return members[i].az < members[j].az })
	bits := members[0].prefix.Bits()
	for _, s := range members {
		t.Subnets = append(t.Subnets, design.Subnet{AZ: s.az, CIDR: s.cidr})
		if s.prefix.Bits() != bits {
			bits = 0
		}
		vb.subnetTier[s.id] = t.Name
	}
	if bits >= design.MinPrefix && bits <= design.MaxPrefix {
		t.Prefix = bits
	}
	if len(members) < len(vb.azs) {
		for _, s := range members {
			t.AZs = append(t.AZs, s.az)
		}
	}
	vb.tierIPv6(&t, members)
	return t
}
