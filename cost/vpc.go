package cost

import (
	"math"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// vpcItems adds the charges of one VPC, in category order. An item appears
// only where it applies; free and unestimated things appear at $0 with a
// description saying why.
func (e *estimator) vpcItems(f *vpcFacts) {
	rp := f.rp
	if rp == nil {
		return
	}
	base := Item{VPC: f.v.Name, Region: f.region}
	hours := float64(HoursPerMonth)

	if f.nats > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = NATGatewayHours, UnitHour, rp.NATGatewayHour.Rate
		it.Quantity = float64(f.nats) * hours
		e.add(it, func() string {
			if f.nats == 1 {
				return "1 NAT gateway for " + plural(f.privateAZs, "AZ", "AZs") + " with a private tier"
			}
			return strconv.Itoa(f.nats) + " NAT gateways, one per AZ with a private tier"
		})
	}

	if n := f.nats + f.lbAddresses + f.workloadAddresses; n > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = PublicIPv4, UnitHour, rp.PublicIPv4Hour.Rate
		it.Quantity = float64(n) * hours
		e.add(it, func() string {
			var parts []string
			if f.nats > 0 {
				parts = append(parts, strconv.Itoa(f.nats)+" for NAT")
			}
			if f.lbAddresses > 0 {
				lbs := workloadNames(f.v, []design.WorkloadKind{"alb", "nlb"}, true)
				parts = append(parts, strconv.Itoa(f.lbAddresses)+" for internet-facing "+strings.Join(lbs, ", ")+" (one per AZ)")
			}
			if f.workloadAddresses > 0 {
				parts = append(parts, strconv.Itoa(f.workloadAddresses)+" held by "+strings.Join(statedAddressHolders(f.v), ", ")+" (public_ipv4)")
			}
			return plural(n, "address", "addresses") + ": " + strings.Join(parts, ", ")
		})
	}

	if f.natGB > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = NATGatewayData, UnitGB, rp.NATGatewayGB.Rate
		it.Quantity = f.natGB
		e.add(it, func() string { return natDataParts(f) })
	}

	if gb := f.traffic.CrossAZGB + f.natCrossAZGB; gb > 0 {
		it := base
		// AWS bills inter-AZ transfer on both sides: out of one AZ and into
		// the other, so each GB that crosses costs the rate twice.
		it.Category, it.Unit, it.UnitPrice = CrossAZData, UnitGB, 2*rp.InterAZGB.Rate
		it.Quantity = gb
		e.add(it, func() string {
			s := ""
			if f.traffic.CrossAZGB > 0 {
				s = FormatQuantity(f.traffic.CrossAZGB) + " GB between AZs"
			}
			if f.natCrossAZGB > 0 {
				if s != "" {
					s += " + "
				}
				s += FormatQuantity(f.natCrossAZGB) + " GB to a NAT in another AZ (" + strconv.Itoa(f.privateAZs-f.nats) + " of " + strconv.Itoa(f.privateAZs) + " AZs)"
			}
			return s + "; " + rp.InterAZGB.Rate.String() + "/GB each direction"
		})
	}

	if gb := f.traffic.InternetEgressGB; gb > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = InternetEgressData, UnitGB, rp.InternetEgressGB.Rate
		it.Quantity = gb
		e.add(it, func() string { return FormatQuantity(gb) + " GB out to the internet (first-tier rate)" })
	}

	if n := f.interfaces * len(f.azs); n > 0 {
		it := base
		it.Category, it.Unit, it.UnitPrice = InterfaceEndpointHours, UnitHour, rp.InterfaceEndpointHour.Rate
		it.Quantity = float64(n) * hours
		e.add(it, func() string {
			return plural(f.interfaces, "interface endpoint", "interface endpoints") + " × " + plural(len(f.azs), "AZ", "AZs") + ": " + strings.Join(endpointNames(f.v, false), ", ")
		})
	}

	if gb := f.traffic.EndpointGB; gb > 0 && f.interfaces > 0 {
		e.endpointData(base, f, gb)
	}

	if f.gateways > 0 {
		it := base
		it.Category, it.Unit = GatewayEndpoint, UnitEndpoint
		it.Quantity = float64(f.gateways)
		e.add(it, func() string { return strings.Join(endpointNames(f.v, true), ", ") + ": gateway endpoints are free" })
	}

	e.loadBalancers(base, f, f.albs, "alb", "ALB", rp.ALBHour.Rate)
	e.loadBalancers(base, f, f.nlbs, "nlb", "NLB", rp.NLBHour.Rate)

	if f.v.FlowLogs {
		e.flowLogs(base, f)
	}
}

// flowLogs prices the VPC's flow-log records at its destination's rate:
// the stated flow_logs_gb, or, without it, the rate at quantity 0 (the
// volume depends on the number of flows, which the design does not give).
func (e *estimator) flowLogs(base Item, f *vpcFacts) {
	fig, where := f.rp.FlowLogsGB, "CloudWatch Logs"
	if f.v.FlowLogDestinationType() == design.FlowLogS3 {
		fig, where = f.rp.FlowLogsS3GB, "S3"
	}
	if fig.Missing {
		e.warn(f.v.Name, "", "flow logs of "+f.v.Name+" go to S3, and the prices file has no flow_logs_s3_gb for "+f.region+": not priced")
		return
	}
	it := base
	it.Category, it.Unit, it.UnitPrice = FlowLogsData, UnitGB, fig.Rate
	it.Quantity = f.traffic.FlowLogsGB
	e.add(it, func() string {
		if it.Quantity > 0 {
			return FormatQuantity(it.Quantity) + " GB of flow-log records to " + where
		}
		return "flow logs on; volume not estimated (state traffic flow_logs_gb): " + fig.Rate.String() + "/GB to " + where
	})
}

// natDataParts describes what NAT processes: each direction and service
// that reaches it.
func natDataParts(f *vpcFacts) string {
	var parts []string
	if gb := f.traffic.InternetEgressGB; gb > 0 {
		parts = append(parts, FormatQuantity(gb)+" GB internet egress")
	}
	if gb := f.traffic.InternetIngressGB; gb > 0 {
		parts = append(parts, FormatQuantity(gb)+" GB internet ingress")
	}
	if f.s3ViaNAT {
		parts = append(parts, FormatQuantity(f.traffic.S3GB)+" GB S3/DynamoDB (no gateway endpoint)")
	}
	if f.endpointViaNAT {
		parts = append(parts, FormatQuantity(f.traffic.EndpointGB)+" GB to AWS services (no interface endpoint)")
	}
	return strings.Join(parts, " + ") + " through NAT"
}

// statedAddressHolders names the workloads with public_ipv4.
func statedAddressHolders(v *design.VPC) []string {
	var out []string
	for wi := range v.Workloads {
		if v.Workloads[wi].PublicIPv4 > 0 {
			out = append(out, v.Workloads[wi].Name)
		}
	}
	return out
}

func (e *estimator) loadBalancers(base Item, f *vpcFacts, n int, kind design.WorkloadKind, label string, rate Rate) {
	if n == 0 {
		return
	}
	it := base
	it.Category, it.Unit, it.UnitPrice = LoadBalancerHours, UnitHour, rate
	it.Quantity = float64(n * HoursPerMonth)
	e.add(it, func() string {
		names := workloadNames(f.v, []design.WorkloadKind{kind}, false)
		return plural(n, label, label+"s") + ": " + strings.Join(names, ", ") + " (capacity units not estimated)"
	})
}

// endpointData prices a VPC's endpoint_gb. The tiers count the region's
// total of all interface endpoints, so every VPC of a region pays the
// region's blended rate: total cost of the region's GB / the region's GB.
func (e *estimator) endpointData(base Item, f *vpcFacts, gb float64) {
	tiers := f.rp.InterfaceEndpointGB
	regionGB := max(e.endpointGB[f.region], gb)
	it := base
	it.Category, it.Unit = InterfaceEndpointData, UnitGB
	it.Quantity = gb
	if len(tiers.Tiers) > 0 && (tiers.Tiers[0].UpToGB == 0 || regionGB <= tiers.Tiers[0].UpToGB) {
		it.UnitPrice = tiers.Tiers[0].Rate
		e.add(it, func() string { return FormatQuantity(gb) + " GB through interface endpoints" })
		return
	}
	regionMicro := tiers.cost(regionGB)
	it.UnitPrice = Rate(math.Round(regionMicro / regionGB))
	it.Monthly = Money(math.Round(regionMicro * gb / regionGB / microPerCent))
	e.addPriced(it, func() string {
		return FormatQuantity(gb) + " GB through interface endpoints at the blended rate of the region's " + FormatQuantity(regionGB) + " GB (tiers count the region's total)"
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
