package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// routeTable is what one route table means for the tiers of the subnets
// that use it.
type routeTable struct {
	id   string
	kind design.TierKind
	// nat is the NAT gateway of the default route, for private tables.
	nat string
	// sig is the table's routing with what varies per AZ by design (which
	// NAT gateway) left out: subnets whose tables share a signature route
	// alike and can form one tier.
	sig string
}

// route target classes.
const (
	tgtLocal    = "local"
	tgtIGW      = "internet gateway"
	tgtEndpoint = "gateway endpoint"
	tgtVGW      = "VPN gateway"
	tgtNAT      = "NAT gateway"
	tgtTGW      = "transit gateway"
	tgtPeering  = "peering connection"
	tgtEIGW     = "egress-only internet gateway"
	tgtInstance = "instance"
	tgtENI      = "network interface"
	tgtOther    = "gateway"
)

// routeTarget classifies where a route sends traffic, and the target's ID.
func routeTarget(r types.Route) (class, id string) {
	gw := cleanText(deref(r.GatewayId))
	switch {
	case gw == "local":
		return tgtLocal, gw
	case strings.HasPrefix(gw, "igw-"):
		return tgtIGW, gw
	case strings.HasPrefix(gw, "vpce-"):
		return tgtEndpoint, gw
	case strings.HasPrefix(gw, "vgw-"):
		return tgtVGW, gw
	case r.NatGatewayId != nil:
		return tgtNAT, cleanText(*r.NatGatewayId)
	case r.TransitGatewayId != nil:
		return tgtTGW, cleanText(*r.TransitGatewayId)
	case r.VpcPeeringConnectionId != nil:
		return tgtPeering, cleanText(*r.VpcPeeringConnectionId)
	case r.EgressOnlyInternetGatewayId != nil:
		return tgtEIGW, cleanText(*r.EgressOnlyInternetGatewayId)
	case r.InstanceId != nil:
		return tgtInstance, cleanText(*r.InstanceId)
	case r.NetworkInterfaceId != nil:
		return tgtENI, cleanText(*r.NetworkInterfaceId)
	case r.CarrierGatewayId != nil:
		return tgtOther, cleanText(*r.CarrierGatewayId)
	case r.LocalGatewayId != nil:
		return tgtOther, cleanText(*r.LocalGatewayId)
	case r.CoreNetworkArn != nil:
		return tgtOther, cleanText(*r.CoreNetworkArn)
	case gw != "":
		return tgtOther, gw
	}
	return tgtOther, "(no target)"
}

func routeDest(r types.Route) string {
	switch {
	case r.DestinationCidrBlock != nil:
		return cleanText(*r.DestinationCidrBlock)
	case r.DestinationIpv6CidrBlock != nil:
		return cleanText(*r.DestinationIpv6CidrBlock)
	}
	return cleanText(deref(r.DestinationPrefixListId))
}

// analyzeRouteTable derives the tier kind a table gives its subnets (from
// its IPv4 default route: internet gateway public, NAT gateway private,
// anything else or none isolated) and notes every route the format cannot
// express.
func (vb *vpcBuilder) analyzeRouteTable(rt types.RouteTable) *routeTable {
	out := &routeTable{id: cleanText(deref(rt.RouteTableId)), kind: design.TierIsolated}
	var sig []string
	note := func(format string, args ...any) {
		vb.note(out.id, false, format, args...)
	}
	propagated := false
	for _, r := range rt.Routes {
		class, target := routeTarget(r)
		dest := routeDest(r)
		if class == tgtLocal || class == tgtEndpoint {
			continue // the VPC's own range; gateway endpoints come from `endpoints`
		}
		if r.Origin == types.RouteOriginEnableVgwRoutePropagation {
			if !propagated {
				note("routes propagated from a VPN gateway (such as %s → %s) are not in the format", dest, target)
				propagated = true
			}
			continue
		}
		if r.State == types.RouteStateBlackhole {
			note("route %s → %s %s is a blackhole (its target is gone)", dest, class, target)
			sig = append(sig, dest+">blackhole")
			continue
		}
		if r.DestinationCidrBlock == nil {
			if r.DestinationIpv6CidrBlock != nil {
				note("IPv6 route %s → %s %s: the format has no IPv6", dest, class, target)
			} else {
				note("route to prefix list %s → %s %s is not in the format", dest, class, target)
			}
			continue
		}
		if dest == "0.0.0.0/0" {
			switch class {
			case tgtIGW:
				out.kind = design.TierPublic
				sig = append(sig, "default>igw")
			case tgtNAT:
				out.kind, out.nat = design.TierPrivate, target
				sig = append(sig, "default>nat")
			case tgtInstance, tgtENI:
				out.kind = design.TierPrivate
				sig = append(sig, "default>"+target)
				note("default route → %s %s (a NAT instance?): the format's NAT modes describe NAT gateways only; its subnets are written as a private tier", class, target)
			default:
				sig = append(sig, "default>"+target)
				note("default route → %s %s (egress through another network) is not in the format; its subnets are written as an isolated tier", class, target)
			}
			continue
		}
		switch class {
		case tgtPeering:
			sig = append(sig, dest+">"+target)
			if !vb.b.knownPeering(target) {
				vb.note(out.id, true, "route %s → peering connection %s, which is not an active peering of the imported VPCs", dest, target)
			}
		case tgtTGW:
			sig = append(sig, dest+">"+target)
			if !vb.b.attachedTo(vb.id, target) {
				vb.note(out.id, true, "route %s → transit gateway %s, to which the VPC has no attachment", dest, target)
			}
		default:
			if class == tgtNAT || class == tgtIGW {
				sig = append(sig, dest+">"+class) // per-AZ NAT IDs differ by design
			} else {
				sig = append(sig, dest+">"+class+":"+target)
			}
			note("route %s → %s %s is not in the format (it routes only the default route to the internet or NAT)", dest, class, target)
		}
	}
	sort.Strings(sig)
	out.sig = fmt.Sprintf("%s|%s", out.kind, strings.Join(sig, ","))
	return out
}
