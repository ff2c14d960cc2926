package importer

import (
	"fmt"
	"net/netip"
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
	// alike.
	sig string
	// coarse is the kind and the class of the default route only: subnets
	// sharing it may form one tier even when a route differs in one AZ
	// (the tier then writes that route with `azs`).
	coarse string
	// routes are the table's IPv4 routes besides the local ones, as AWS
	// has them; gateway endpoints' prefix-list routes are not among them
	// (they come from the endpoints' route tables).
	routes []awsRoute
	// translated caches translate's answer: the routes the format can
	// write, computed once per table so that its notes are made once.
	translated []tableRoute
	done       bool
}

// awsRoute is one IPv4 route of a VPC route table.
type awsRoute struct {
	dest      netip.Prefix
	class, id string
	blackhole bool
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

// analyzeRouteTable reads a table: the tier kind it gives its subnets (from
// its IPv4 default route: internet gateway public, NAT gateway or a NAT
// instance private, anything else or none isolated), its IPv4 routes, and
// notes for the routes no design can hold (IPv6, prefix lists). Whether a
// route to a connection can be written is decided later (translate), once
// the connections are known.
func (vb *vpcBuilder) analyzeRouteTable(rt types.RouteTable) *routeTable {
	out := &routeTable{id: cleanText(deref(rt.RouteTableId)), kind: design.TierIsolated}
	var sig []string
	defaultClass, v6Default := "", ""
	for _, r := range rt.Routes {
		class, target := routeTarget(r)
		dest := routeDest(r)
		if class == tgtLocal || class == tgtEndpoint {
			continue // the VPC's own range; gateway endpoints come from the endpoints' tables
		}
		if r.DestinationCidrBlock == nil && r.DestinationIpv6CidrBlock == nil {
			vb.note(out.id, false, "route to prefix list %s → %s %s is not in the format: left out", dest, class, target)
			continue
		}
		p, err := netip.ParsePrefix(dest)
		if err == nil && p.Addr().Is6() {
			if vb.out.IPv6 == "" {
				vb.ipv6Routes++ // a VPC without an imported IPv6 block: noted (buildRouting)
				continue
			}
			if p.Bits() == 0 && r.State != types.RouteStateBlackhole {
				v6Default = class
			}
		}
		if err != nil {
			vb.note(out.id, false, "route to %q → %s %s: not a CIDR, left out", dest, class, target)
			continue
		}
		ar := awsRoute{dest: p.Masked(), class: class, id: target, blackhole: r.State == types.RouteStateBlackhole}
		out.routes = append(out.routes, ar)
		key := ar.dest.String() + ">"
		switch {
		case ar.blackhole:
			key += "blackhole"
		case class == tgtNAT || class == tgtIGW:
			key += class // per-AZ NAT IDs differ by design
		default:
			key += class + ":" + target
		}
		sig = append(sig, key)
		if p.Bits() != 0 || ar.blackhole || p.Addr().Is6() {
			continue
		}
		switch class {
		case tgtIGW:
			out.kind = design.TierPublic
		case tgtNAT:
			out.kind, out.nat = design.TierPrivate, target
		case tgtInstance, tgtENI:
			out.kind = design.TierPrivate // a NAT instance, most likely
		}
		defaultClass = class
	}
	if k, ok := ipv6Kind(v6Default); ok && defaultClass == "" {
		// An IPv6-only tier's table: no IPv4 default route.
		out.kind, defaultClass = k, "v6"+v6Default
	}
	sort.Strings(sig)
	out.sig = fmt.Sprintf("%s|%s", out.kind, strings.Join(sig, ","))
	out.coarse = fmt.Sprintf("%s|%s", out.kind, defaultClass)
	return out
}

// tableRoute is a route of a real table as the format writes it. natAZ is
// the AZ of the NAT gateway for a NAT route: its `via` (nat or nat:AZ)
// depends on the subnet's AZ.
type tableRoute struct {
	to, via, natAZ string
}

// translate returns the routes of rt that the format can write, mapping
// targets: internet gateway, NAT gateway (by its AZ), the connection the
// import made for a peering or transit gateway, blackhole for a route whose
// target is gone. A route to anything else (an instance, a network
// interface, a VPN gateway, a peering or gateway outside the import) is
// noted; when leaving it out would send its traffic along a wider route of
// the table instead, it is written as a blackhole, so that the design never
// routes more than AWS does.
func (vb *vpcBuilder) translate(rt *routeTable) []tableRoute {
	if rt.done {
		return rt.translated
	}
	rt.done = true
	natAZ := vb.natAZs()
	var out []tableRoute
	for _, r := range rt.routes {
		to := r.dest.String()
		tr := tableRoute{to: to}
		why := ""
		switch {
		case r.blackhole:
			tr.via = design.ViaBlackhole
			vb.note(rt.id, false, "route %s → %s %s is a blackhole (its target is gone): written as blackhole", to, r.class, r.id)
		case r.class == tgtIGW:
			tr.via = design.ViaInternetGateway
		case r.class == tgtEIGW && r.dest.Addr().Is6():
			tr.via = design.ViaEgressOnly
		case r.class == tgtNAT && natAZ[r.id] != "":
			tr.via, tr.natAZ = design.ViaNAT, natAZ[r.id]
		case r.class == tgtNAT:
			why = "a NAT gateway the import did not see"
		case r.class == tgtPeering || r.class == tgtTGW:
			if c := vb.b.connFor[r.id]; c != "" && vb.b.connHas(c, vb.name) {
				tr.via = "connection:" + c
			} else if r.class == tgtPeering {
				why = "a peering connection that joins no other imported VPC"
			} else {
				why = "a transit gateway that joins no other imported VPC"
			}
		case r.class == tgtInstance || r.class == tgtENI:
			why = "the format routes to no instance or network interface (a NAT instance or an appliance?)"
		case r.class == tgtVGW:
			why = "VPN gateways are not imported"
		default:
			why = "the format has no such target"
		}
		if tr.via == "" {
			if widens(r, rt.routes, vb.prefixes()) {
				tr.via = design.ViaBlackhole
				vb.note(rt.id, false, "route %s → %s %s: %s; written as blackhole, since leaving it out would send that traffic along a wider route", to, r.class, r.id, why)
			} else {
				vb.note(rt.id, false, "route %s → %s %s: %s; left out", to, r.class, r.id, why)
				continue
			}
		}
		if c, ok := vb.vpcDest(r.dest); ok {
			tr.to = "vpc:" + c
		}
		out = append(out, tr)
	}
	rt.translated = out
	return out
}

// widens reports whether traffic to r's destination would match another,
// wider route of the table (or the VPC's local range) if r were left out.
func widens(r awsRoute, all []awsRoute, local []netip.Prefix) bool {
	for _, o := range all {
		if o.dest.Bits() < r.dest.Bits() && o.dest.Contains(r.dest.Addr()) {
			return true
		}
	}
	for _, p := range local {
		if p.Bits() < r.dest.Bits() && p.Contains(r.dest.Addr()) {
			return true
		}
	}
	return false
}

// natAZs maps the VPC's NAT gateways to their AZs.
func (vb *vpcBuilder) natAZs() map[string]string {
	azOf := map[string]string{}
	for _, sn := range vb.data.subnets {
		azOf[deref(sn.SubnetId)] = cleanText(deref(sn.AvailabilityZone))
	}
	out := map[string]string{}
	for _, n := range vb.data.nats {
		out[cleanText(deref(n.NatGatewayId))] = azOf[deref(n.SubnetId)]
	}
	return out
}

// prefixes returns the VPC's IPv4 blocks.
func (vb *vpcBuilder) prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, c := range vb.cidrs() {
		if p, err := netip.ParsePrefix(c); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// vpcDest names an imported VPC whose only block is p, so that a route to
// it reads `vpc:NAME`, as a person would write it.
func (vb *vpcBuilder) vpcDest(p netip.Prefix) (string, bool) {
	for _, o := range vb.b.vpcs {
		if o != vb && len(o.out.SecondaryCIDRs) == 0 && o.out.CIDR == p.String() {
			return o.name, true
		}
	}
	return "", false
}
