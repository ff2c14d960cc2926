package importer

import (
	"net/netip"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// inventory is everything the Describe calls returned, before any of it is
// interpreted. Slices are sorted by ID after fetching, so the design built
// from them does not depend on the order AWS answered in.
type inventory struct {
	region string
	vpcs   []*vpcData
	// Region-wide: the import filters these to the imported VPCs.
	peerings    []types.VpcPeeringConnection
	attachments []types.TransitGatewayAttachment
	tgws        []types.TransitGateway
	tgw         *tgwData // nil when no imported VPC is attached to a gateway
	// denied holds the region-wide actions AWS refused.
	denied map[string]bool
	gaps   []Gap
	calls  int
}

// vpcData is what the per-VPC Describe calls returned for one VPC.
type vpcData struct {
	vpc         types.Vpc
	subnets     []types.Subnet
	routeTables []types.RouteTable
	nats        []types.NatGateway
	endpoints   []types.VpcEndpoint
	flowLogs    []types.FlowLog
	groups      []types.SecurityGroup
	enis        []types.NetworkInterface
	nacls       []types.NetworkAcl
	// denied holds the actions AWS refused for this VPC; what they would
	// have returned is empty above.
	denied map[string]bool
}

func (v *vpcData) id() string { return deref(v.vpc.VpcId) }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// tagValue returns the value of the tag key, or "".
func tagValue(tags []types.Tag, key string) string {
	for _, t := range tags {
		if deref(t.Key) == key {
			return deref(t.Value)
		}
	}
	return ""
}

// Tags that CloudFormation puts on what it creates: the logical ID names a
// resource as its author did when no Name tag is set.
const (
	tagName      = "Name"
	tagLogicalID = "aws:cloudformation:logical-id"
	tagStackName = "aws:cloudformation:stack-name"
)

// sortAll orders every list by a stable key.
func (inv *inventory) sortAll() {
	for _, v := range inv.vpcs {
		sort.SliceStable(v.subnets, func(i, j int) bool {
			pi, ei := netip.ParsePrefix(deref(v.subnets[i].CidrBlock))
			pj, ej := netip.ParsePrefix(deref(v.subnets[j].CidrBlock))
			if ei == nil && ej == nil && pi != pj {
				if c := pi.Addr().Compare(pj.Addr()); c != 0 {
					return c < 0
				}
				return pi.Bits() < pj.Bits()
			}
			return deref(v.subnets[i].SubnetId) < deref(v.subnets[j].SubnetId)
		})
		byID(v.routeTables, func(r types.RouteTable) string { return deref(r.RouteTableId) })
		byID(v.nats, func(n types.NatGateway) string { return deref(n.NatGatewayId) })
		byID(v.endpoints, func(e types.VpcEndpoint) string { return deref(e.ServiceName) + " " + deref(e.VpcEndpointId) })
		byID(v.flowLogs, func(l types.FlowLog) string { return deref(l.FlowLogId) })
		byID(v.groups, func(g types.SecurityGroup) string { return deref(g.GroupName) + " " + deref(g.GroupId) })
		byID(v.enis, func(e types.NetworkInterface) string { return deref(e.NetworkInterfaceId) })
		byID(v.nacls, func(a types.NetworkAcl) string { return deref(a.NetworkAclId) })
	}
	byID(inv.peerings, func(p types.VpcPeeringConnection) string { return deref(p.VpcPeeringConnectionId) })
	byID(inv.attachments, func(a types.TransitGatewayAttachment) string { return deref(a.TransitGatewayAttachmentId) })
	byID(inv.tgws, func(t types.TransitGateway) string { return deref(t.TransitGatewayId) })
	sort.SliceStable(inv.gaps, func(i, j int) bool {
		if inv.gaps[i].VPCID != inv.gaps[j].VPCID {
			return inv.gaps[i].VPCID < inv.gaps[j].VPCID
		}
		return inv.gaps[i].Action < inv.gaps[j].Action
	})
}

func byID[E any](s []E, key func(E) string) {
	sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
}
