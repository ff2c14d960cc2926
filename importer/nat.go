package importer

import (
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// natMode derives the VPC's NAT mode from the NAT gateways its private
// subnets route to: none when no subnet does, single when they all use one,
// per-az when they use several. Whatever the mode does not say exactly (a
// subnet using another AZ's NAT, a NAT nobody routes to, a private NAT) is
// noted.
func (vb *vpcBuilder) natMode() design.NATMode {
	natAZ := map[string]string{} // NAT ID → AZ of its subnet
	subnetAZ := map[string]string{}
	for _, sn := range vb.data.subnets {
		subnetAZ[deref(sn.SubnetId)] = cleanText(deref(sn.AvailabilityZone))
	}
	var live []string
	for _, n := range vb.data.nats {
		switch n.State {
		case types.NatGatewayStateDeleted, types.NatGatewayStateDeleting, types.NatGatewayStateFailed:
			continue
		}
		id := cleanText(deref(n.NatGatewayId))
		live = append(live, id)
		natAZ[id] = subnetAZ[deref(n.SubnetId)]
		if n.ConnectivityType == types.ConnectivityTypePrivate {
			vb.note(id, false, "private NAT gateway (no internet egress): the format's NAT modes describe public NAT gateways only")
		}
	}
	used := map[string]bool{}
	var crossAZ []string
	for _, sn := range vb.data.subnets {
		rt := vb.routeOf(deref(sn.SubnetId))
		if rt == nil || rt.nat == "" {
			continue
		}
		used[rt.nat] = true
		az := cleanText(deref(sn.AvailabilityZone))
		if natAZ[rt.nat] != "" && natAZ[rt.nat] != az {
			crossAZ = append(crossAZ, cleanText(deref(sn.SubnetId))+" ("+az+" → "+natAZ[rt.nat]+")")
		}
	}
	for _, id := range live {
		if !used[id] {
			vb.note(id, false, "NAT gateway in %s that no subnet routes to: not in the design", natAZ[id])
		}
	}
	switch len(used) {
	case 0:
		return design.NATNone
	case 1:
		return design.NATSingle
	}
	if len(crossAZ) > 0 {
		sort.Strings(crossAZ)
		vb.note("", false, "%d NAT gateways, but some private subnets use another AZ's: %s; written as per-az", len(used), strings.Join(crossAZ, ", "))
	}
	return design.NATPerAZ
}

// routeOf returns the analysed route table a subnet uses, or nil.
func (vb *vpcBuilder) routeOf(subnetID string) *routeTable {
	return vb.routes[subnetID]
}
