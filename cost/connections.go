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
			return strings.Join(c.VPCs, " ↔ ") + ": peering has no hourly charge; traffic across AZs is in each VPC's cross-az-data"
		})

	case design.ConnPrivateLink:
		i, ok := e.idx[c.Consumer]
		if !ok {
			return
		}
		f := &e.facts[i]
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
		if !ok || e.facts[i].rp == nil {
			return
		}
		f := &e.facts[i]
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
		f := &e.facts[e.idx[n]]
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

// regionOfFirst is the region of the first named VPC that exists.
func (e *estimator) regionOfFirst(names []string) string {
	for _, n := range names {
		if i, ok := e.idx[n]; ok {
			return e.facts[i].region
		}
	}
	return e.d.Region
}
