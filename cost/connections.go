package cost

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// connectionItems adds the charges of one connection. attached records the
// VPCs whose transit_gateway_gb an earlier transit gateway already counted,
// so a VPC on two transit gateways is not charged its traffic twice.
func (e *estimator) connectionItems(c *design.Connection, attached map[string]bool) {
	base := Item{Connection: c.Name}
	hours := float64(HoursPerMonth)
	switch c.Kind {
	case design.ConnPeering:
		it := base
		it.Category, it.Unit, it.Quantity = VPCPeering, UnitConnection, 1
		it.Region = e.regionOfFirst(c.VPCs)
		e.add(it, func() string {
			return strings.Join(c.VPCs, " ↔ ") + ": peering has no hourly charge; its data is priced from each side's peering_gb"
		})
		e.peeringData(c, base)

	case design.ConnPrivateLink:
		i, ok := e.idx[c.Consumer]
		if !ok {
			return
		}
		f := e.fact(i)
		if f.rp == nil || len(f.azs) == 0 {
			return
		}
		// The consumer reaches the provider's endpoint service through an
		// interface endpoint of its own, billed like any other, in each AZ.
		it := base
		it.VPC, it.Region = c.Consumer, f.region
		it.Category, it.Unit, it.UnitPrice = InterfaceEndpointHours, UnitHour, f.rp.InterfaceEndpointHour.Rate
		it.Quantity = float64(len(f.azs)) * hours
		e.add(it, func() string {
			return "interface endpoint in " + c.Consumer + " for " + c.Provider + "'s service (port " + strconv.Itoa(c.Port) + ") × " + plural(len(f.azs), "AZ", "AZs")
		})

	case design.ConnVPN:
		i, ok := e.idx[c.VPC]
		if !ok || e.fact(i).rp == nil {
			return
		}
		f := e.fact(i)
		it := base
		it.VPC, it.Region = c.VPC, f.region
		it.Category, it.Unit, it.UnitPrice = VPNConnectionHours, UnitHour, f.rp.VPNConnectionHour.Rate
		it.Quantity = hours
		e.add(it, func() string {
			return "Site-to-Site VPN from " + c.VPC + " (virtual private gateway) to " + c.Network
		})

	case design.ConnTransitGateway:
		e.transitGateway(c, base, attached)
	}
}

func (e *estimator) transitGateway(c *design.Connection, base Item, attached map[string]bool) {
	region, ok := connectionRegion(e.d, e.idx, c)
	if !ok {
		return
	}
	rp, ok := e.p.Region(region)
	if !ok {
		return
	}
	hours := float64(HoursPerMonth)
	vpcs := make([]string, 0, len(c.VPCs))
	for _, n := range c.VPCs {
		if _, ok := e.idx[n]; ok && !slices.Contains(vpcs, n) {
			vpcs = append(vpcs, n)
		}
	}
	base.Region = region
	if n := len(vpcs) + len(c.Networks); n > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = TransitGatewayAttachmentHours, UnitHour, rp.TransitGatewayAttachmentHour.Rate
		it.Quantity = float64(n) * hours
		e.add(it, func() string {
			s := ""
			if len(vpcs) > 0 {
				s = plural(len(vpcs), "VPC attachment", "VPC attachments") + " (" + strings.Join(vpcs, ", ") + ")"
			}
			if len(c.Networks) > 0 {
				if s != "" {
					s += " + "
				}
				s += plural(len(c.Networks), "VPN attachment", "VPN attachments") + " (" + strings.Join(c.Networks, ", ") + ")"
			}
			return s
		})
	}
	if n := len(c.Networks); n > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = VPNConnectionHours, UnitHour, rp.VPNConnectionHour.Rate
		it.Quantity = float64(n) * hours
		e.add(it, func() string {
			return plural(n, "Site-to-Site VPN connection", "Site-to-Site VPN connections") + " on the transit gateway: " + strings.Join(c.Networks, ", ")
		})
	}
	extra := e.transitGatewayPaths(c)
	for _, n := range vpcs {
		f := e.fact(e.idx[n])
		// What the VPN attachments send into the gateway toward this VPC:
		// the transit gateway charges data processing on traffic from a
		// VPN attachment as from any other (a VGW's VPN charges none inbound).
		if gb := f.traffic.OnPremisesIngressGB; gb > 0 && len(c.Networks) > 0 && !e.onPrem[n] && e.vpns[n]+e.vpnDelta[n] == 0 {
			e.onPrem[n] = true
			it := base
			it.VPC = n
			it.Category, it.Unit, it.UnitPrice = TransitGatewayData, UnitGB, rp.TransitGatewayGB.Rate
			it.Quantity = gb
			e.add(it, func() string {
				return FormatQuantity(gb) + " GB from on-premises (" + strings.Join(c.Networks, ", ") + ") sent into the transit gateway by its VPN attachment toward " + n
			})
		}
		own := f.traffic.TransitGatewayGB
		if attached[n] || own <= 0 {
			own = 0
		} else {
			attached[n] = true
		}
		more := extra.tgw[n]
		if own <= 0 && more == nil {
			continue
		}
		it := base
		it.VPC = n
		it.Category, it.Unit, it.UnitPrice = TransitGatewayData, UnitGB, rp.TransitGatewayGB.Rate
		it.Quantity = own + more.total()
		e.add(it, func() string {
			var parts []string
			if own > 0 {
				parts = append(parts, FormatQuantity(own)+" GB sent by "+n+" into the transit gateway")
			}
			return strings.Join(append(parts, more.parts()...), " + ")
		})
	}
	e.tgwInterRegion(c, base, region, vpcs)
	for _, n := range vpcs {
		if more := extra.nat[n]; more != nil {
			it := base
			it.VPC = n
			it.Category, it.Unit, it.UnitPrice = NATGatewayData, UnitGB, rp.NATGatewayGB.Rate
			it.Quantity = more.total()
			e.add(it, func() string { return strings.Join(more.parts(), " + ") })
		}
	}
}

// tgwInterRegion prices, for a transit gateway whose VPCs span regions (in
// AWS: a gateway per region joined by peering attachments), the inter-region
// transfer of the transit_gateway_gb of the VPCs outside its region, and
// warns that the peering attachments themselves are priced as one gateway.
func (e *estimator) tgwInterRegion(c *design.Connection, base Item, region string, vpcs []string) {
	var others []string
	for _, n := range vpcs {
		f := e.fact(e.idx[n])
		if f.region == region || f.rp == nil {
			continue
		}
		if !slices.Contains(others, f.region) {
			others = append(others, f.region)
		}
		gb := f.traffic.TransitGatewayGB
		if gb <= 0 {
			continue
		}
		if f.rp.InterRegionGB.Missing {
			e.warn(n, c.Name, "the prices file has no inter_region_gb for "+f.region+": the "+FormatQuantity(gb)+" GB "+n+" sends across regions over transit gateway "+c.Name+" is not priced")
			continue
		}
		it := base
		it.VPC, it.Region = n, f.region
		it.Category, it.Unit, it.UnitPrice, it.Quantity = InterRegionData, UnitGB, f.rp.InterRegionGB.Rate, gb
		e.add(it, func() string {
			return FormatQuantity(gb) + " GB sent by " + n + " from " + f.region + " across the transit gateway peering to " + region + " (inter-region transfer)"
		})
	}
	if len(others) > 0 {
		e.warn("", c.Name, "transit gateway "+c.Name+" attaches VPCs in "+region+" and "+strings.Join(others, ", ")+": AWS attaches VPCs of its own region only, so this is a gateway per region joined by peering attachments; the estimate prices one gateway's attachments in "+region+" and the inter-region transfer, not the peering attachments' hours")
	}
}

// peeringData prices what each side of a peering sends over it: its
// peering_gb spread evenly over its peerings. Within a region the share
// that crosses AZs pays inter-AZ transfer both ways (traffic between the
// same AZ is free); across regions it pays the sender's inter-region rate.
func (e *estimator) peeringData(c *design.Connection, base Item) {
	if len(c.VPCs) != 2 || c.VPCs[0] == c.VPCs[1] {
		return
	}
	ix, okx := e.idx[c.VPCs[0]]
	iy, oky := e.idx[c.VPCs[1]]
	if !okx || !oky {
		return
	}
	fx, fy := e.fact(ix), e.fact(iy)
	if fx.rp == nil || fy.rp == nil {
		return
	}
	cross := fx.region != fy.region
	if cross && fx.traffic.PeeringGB <= 0 && fy.traffic.PeeringGB <= 0 {
		e.warn("", c.Name, "peering "+c.Name+" joins "+fx.region+" and "+fy.region+": inter-region transfer is charged per GB, and neither "+fx.v.Name+" nor "+fy.v.Name+" states peering_gb, so it is not estimated")
		return
	}
	for _, side := range [2][2]*vpcFacts{{fx, fy}, {fy, fx}} {
		from, to := side[0], side[1]
		n := e.peerCount(from.v.Name)
		if from.traffic.PeeringGB <= 0 || n <= 0 {
			continue
		}
		gb := from.traffic.PeeringGB / float64(n)
		it := base
		it.VPC, it.Region = from.v.Name, from.region
		if cross {
			if from.rp.InterRegionGB.Missing {
				e.warn(from.v.Name, c.Name, "the prices file has no inter_region_gb for "+from.region+": the "+FormatQuantity(gb)+" GB "+from.v.Name+" sends over peering "+c.Name+" to "+to.region+" is not priced")
				continue
			}
			it.Category, it.Unit, it.UnitPrice, it.Quantity = InterRegionData, UnitGB, from.rp.InterRegionGB.Rate, gb
			e.add(it, func() string {
				return FormatQuantity(gb) + " GB sent by " + from.v.Name + " to " + to.v.Name + " in " + to.region + " (inter-region transfer out of " + from.region + ")"
			})
			continue
		}
		share := crossAZShare(from.azs, to.azs)
		if share <= 0 {
			continue
		}
		it.Category, it.Unit, it.UnitPrice, it.Quantity = CrossAZData, UnitGB, 2*from.rp.InterAZGB.Rate, gb*share
		e.add(it, func() string {
			return FormatQuantity(gb*share) + " GB of the " + FormatQuantity(gb) + " GB " + from.v.Name + " sends to " + to.v.Name + " crosses AZs (" + FormatQuantity(100*share) + "%, traffic spread evenly over both VPCs' AZs); " + from.rp.InterAZGB.Rate.String() + "/GB each direction"
		})
	}
}

// crossAZShare is the share of traffic between two VPCs of a region that
// crosses AZs when both sides spread it evenly over their AZs: a pair of
// AZs is the same one with probability |common| / (|from| × |to|).
func crossAZShare(from, to []string) float64 {
	if len(from) == 0 || len(to) == 0 {
		return 0
	}
	common := 0
	for _, az := range from {
		if slices.Contains(to, az) {
			common++
		}
	}
	return 1 - float64(common)/float64(len(from)*len(to))
}

// fact returns the facts of VPC i: the adviser's changed copy when it has
// one, else the estimate's.
func (e *estimator) fact(i int) *vpcFacts {
	if f, ok := e.override[i]; ok {
		return f
	}
	return &e.facts[i]
}

// peerCount is the number of peerings of a VPC in the design being priced.
func (e *estimator) peerCount(name string) int {
	return e.peers[name] + e.peerDelta[name]
}

// regionOfFirst is the region of the first named VPC that exists.
func (e *estimator) regionOfFirst(names []string) string {
	for _, n := range names {
		if i, ok := e.idx[n]; ok {
			return e.fact(i).region
		}
	}
	return e.d.Region
}
