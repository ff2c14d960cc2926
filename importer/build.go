package importer

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// builder turns an inventory into a design. It runs after every call has
// returned, on one goroutine.
type builder struct {
	inv *inventory
	res *Result
	d   *design.Design

	vpcName  map[string]string   // VPC ID → name in the design
	vpcs     []*vpcBuilder       // in design order
	groups   map[string]groupRef // security group ID → where it is in the design
	peerings map[string]types.VpcPeeringConnection
	// attached maps a VPC ID to the transit gateways it is attached to.
	attached map[string]map[string]bool
	// connFor maps a peering or transit gateway ID to the connection the
	// import wrote for it.
	connFor map[string]string
}

// groupRef locates an imported security group.
type groupRef struct {
	vpc, name string
}

// vpcBuilder builds one VPC of the design.
type vpcBuilder struct {
	b    *builder
	data *vpcData
	id   string
	name string
	out  *design.VPC
	azs  []string
	// subnetTier maps subnet IDs to the tier they went into; routes to
	// the route table they use.
	subnetTier map[string]string
	routes     map[string]*routeTable
	// endpointGroups are the groups only interface endpoints use, with the
	// endpoints' services; they are noted, not imported.
	endpointGroups map[string][]string
	// members are the subnets of each tier of out.Tiers, in tier order.
	members [][]*subnet
	// ipv6Subnets and ipv6Routes count what the VPC has in IPv6, for one
	// note instead of one per subnet or route.
	ipv6Blocks, ipv6Subnets, ipv6Routes int
	v6block                             netip.Prefix // the VPC's IPv6 block (importIPv6Block)
}

// build makes the design from the inventory: names first (rules and
// connections refer to them), then each VPC, then connections, then
// security groups (a rule may name a group of another VPC, or a VPC joined
// by a connection).
func build(inv *inventory) *Result {
	b := &builder{
		inv:      inv,
		res:      &Result{Calls: inv.calls},
		d:        &design.Design{Version: design.FormatVersion, Region: inv.region},
		vpcName:  map[string]string{},
		groups:   map[string]groupRef{},
		peerings: map[string]types.VpcPeeringConnection{},
		attached: map[string]map[string]bool{},
		connFor:  map[string]string{},
	}
	b.indexConnections()
	taken := map[string]bool{}
	for _, v := range inv.vpcs {
		vb := &vpcBuilder{b: b, data: v, id: cleanText(v.id()), subnetTier: map[string]string{}, routes: map[string]*routeTable{}}
		vb.name = uniqueName(vpcBaseName(v.vpc), taken)
		b.vpcName[v.id()] = vb.name
		b.vpcs = append(b.vpcs, vb)
	}
	b.d.VPCs = make([]design.VPC, len(b.vpcs))
	for i, vb := range b.vpcs {
		vb.out = &b.d.VPCs[i]
		vb.build()
	}
	b.buildConnections()
	for _, vb := range b.vpcs {
		vb.buildRouting()
	}
	b.placeRoutes()
	for _, vb := range b.vpcs {
		vb.nameGroups()
	}
	for _, vb := range b.vpcs {
		vb.buildGroups()
	}
	b.finish()
	return b.res
}

// vpcBaseName is what a person called the VPC: its Name tag, its
// CloudFormation logical ID, "default" for the default VPC, else its ID.
func vpcBaseName(v types.Vpc) string {
	// A Name tag that is only the VPC's CIDR (templates often tag it so) or
	// a generic logical ID ("VPC") says less than the stack's name.
	name, logical := cleanText(tagValue(v.Tags, tagName)), cleanText(tagValue(v.Tags, tagLogicalID))
	if _, err := netip.ParsePrefix(name); err == nil {
		name = ""
	}
	if strings.EqualFold(logical, "vpc") {
		logical = ""
	}
	for _, label := range []string{name, logical, cleanText(tagValue(v.Tags, tagStackName))} {
		if n := slug(label); n != "" {
			return n
		}
	}
	if deref(v.IsDefault) {
		return "default"
	}
	if n := slug(deref(v.VpcId)); n != "" {
		return n
	}
	return "vpc"
}

// build fills in everything of the VPC but its security groups.
func (vb *vpcBuilder) build() {
	v := vb.data.vpc
	vb.out.Name = vb.name
	vb.out.CIDR = cleanText(deref(v.CidrBlock))
	for _, a := range v.CidrBlockAssociationSet {
		c := cleanText(deref(a.CidrBlock))
		if c == "" || c == vb.out.CIDR || a.CidrBlockState == nil {
			continue
		}
		switch a.CidrBlockState.State {
		case types.VpcCidrBlockStateCodeAssociated, types.VpcCidrBlockStateCodeAssociating:
			vb.out.SecondaryCIDRs = append(vb.out.SecondaryCIDRs, c)
		}
	}
	vb.importIPv6Block(v)
	if v.InstanceTenancy == types.TenancyDedicated {
		vb.note(vb.id, false, "dedicated instance tenancy is not in the format")
	}
	vb.buildTiers()
	vb.out.AZs = design.AZSpec{Names: vb.azs}
	if len(vb.azs) == 0 {
		vb.out.AZs.Names = []string{}
		vb.note(vb.id, false, "the VPC has no subnets, so no AZs and no tiers")
	}
	vb.out.NAT = vb.natMode()
	vb.out.FlowLogs, vb.out.FlowLog = vb.flowLogs()
	vb.out.Endpoints = vb.endpoints()
	var azids []AZID
	seen := map[string]bool{}
	for _, sn := range vb.data.subnets {
		az := cleanText(deref(sn.AvailabilityZone))
		if !seen[az] {
			seen[az] = true
			azids = append(azids, AZID{Name: az, ID: cleanText(deref(sn.AvailabilityZoneId))})
		}
	}
	sort.Slice(azids, func(i, j int) bool { return azids[i].Name < azids[j].Name })
	vb.b.res.VPCs = append(vb.b.res.VPCs, ImportedVPC{Name: vb.name, ID: vb.id, AZIDs: azids})
}

// note records something of this VPC the design does not hold.
func (vb *vpcBuilder) note(resource string, outside bool, format string, args ...any) {
	vb.b.note(vb.name, resource, outside, format, args...)
}

// finish names the design and explains the gaps.
func (b *builder) finish() {
	switch len(b.vpcs) {
	case 1:
		b.d.Name = b.vpcs[0].name
	default:
		b.d.Name = "imported"
	}
	var ids []string
	for _, vb := range b.vpcs {
		ids = append(ids, vb.id)
	}
	b.d.Description = fmt.Sprintf("Imported from AWS, %s: %s", b.inv.region, strings.Join(ids, ", "))
	if len(ids) > 4 {
		b.d.Description = fmt.Sprintf("Imported from AWS, %s: %d VPCs", b.inv.region, len(ids))
	}
	for _, g := range b.inv.gaps {
		g.VPC = b.vpcName[g.VPCID]
		g.VPCID = cleanText(g.VPCID)
		g.Effect = gapEffect(g.Action)
		b.res.Gaps = append(b.res.Gaps, g)
	}
	b.res.Design = b.d
}
