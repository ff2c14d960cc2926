package cost

import (
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// vpcFacts is what the estimate needs to know about one VPC, derived once:
// counts of billable resources and the traffic routed through NAT.
type vpcFacts struct {
	v      *design.VPC
	region string
	rp     *RegionPrices // nil when p lacks the region (Estimate refuses that first)
	azs    []string
	// privateAZs is the number of distinct AZs some private tier covers:
	// the AZs whose subnets route to a NAT gateway.
	privateAZs int
	nats       int
	// lbAddresses is the public IPv4 addresses of internet-facing load
	// balancers: one per AZ of each alb/nlb workload in a public tier
	// (none for an ALB in a tier with IPv6: see noPublicIPv4).
	lbAddresses int
	albs, nlbs  int
	// interfaces and gateways count the distinct interface and gateway
	// endpoint services. The names are listed only when describing
	// (endpointNames, workloadNames): the adviser derives facts thousands
	// of times and needs the counts alone.
	interfaces, gateways int
	traffic              design.Traffic
	// natGB is the GB through NAT, both directions: internet egress and
	// ingress, plus S3/DynamoDB traffic when no gateway endpoint carries
	// it, plus AWS-service traffic (endpoint_gb) when no interface
	// endpoint does. NAT charges processing on every GB it handles.
	natGB          float64
	s3ViaNAT       bool
	endpointViaNAT bool
	// workloadAddresses is the public IPv4 addresses the design states for
	// its workloads (public_ipv4).
	workloadAddresses int
	// natCrossAZGB is the NAT-bound GB that crosses AZs to reach a NAT
	// gateway in another AZ: with one NAT for k AZs, (k-1)/k of natGB,
	// assuming traffic spreads evenly over the AZs.
	natCrossAZGB float64
}

// tierAZs is the AZs a tier covers: its own list, else all of its VPC's
// (the rule design.Resolve applies; computed here without carving subnets,
// which the estimate does not need).
func tierAZs(t *design.Tier, vpcAZs []string) []string {
	if t.AZs != nil {
		return t.AZs
	}
	return vpcAZs
}

// factsOf derives the facts of v; azs, when not nil, are its AZs already
// expanded.
func factsOf(d *design.Design, p *Prices, v *design.VPC, azs []string) vpcFacts {
	f := vpcFacts{v: v, region: d.VPCRegion(v), azs: azs}
	f.rp, _ = p.Region(f.region)
	if f.azs == nil {
		f.azs = design.ExpandAZs(v.AZs, f.region)
	}
	if v.Traffic != nil {
		f.traffic = *v.Traffic
	}

	var buf [8]string // AZ lists are short: dedupe without allocating
	private := buf[:0]
	for ti := range v.Tiers {
		t := &v.Tiers[ti]
		if !t.UsesNAT() { // private, for IPv4 or NAT64
			continue
		}
		for _, az := range tierAZs(t, f.azs) {
			if !slices.Contains(private, az) {
				private = append(private, az)
			}
		}
	}
	f.privateAZs = len(private)
	switch v.NAT {
	case design.NATPerAZ:
		f.nats = f.privateAZs
	case design.NATSingle:
		// A NAT gateway serves private subnets; with none there is nothing
		// to deploy it for (the validator reports the mismatch).
		f.nats = min(f.privateAZs, 1)
	}

	for wi := range v.Workloads {
		w := &v.Workloads[wi]
		switch w.Kind {
		case "alb":
			f.albs++
		case "nlb":
			f.nlbs++
		default:
			continue
		}
		if t := internetFacing(v, w); t != nil && !noPublicIPv4(t, w) {
			f.lbAddresses += len(tierAZs(t, f.azs))
		}
	}

	for i, s := range v.Endpoints {
		if slices.Contains(v.Endpoints[:i], s) {
			continue
		}
		if design.IsGatewayEndpoint(s) {
			f.gateways++
		} else {
			f.interfaces++
		}
	}

	for wi := range v.Workloads {
		f.workloadAddresses += max(v.Workloads[wi].PublicIPv4, 0)
	}

	if f.nats > 0 {
		f.natGB = f.traffic.InternetEgressGB + f.traffic.InternetIngressGB
		// s3_gb counts S3 and DynamoDB together; either gateway endpoint is
		// taken to carry it (the format cannot split the two).
		if f.gateways == 0 && f.traffic.S3GB > 0 {
			f.natGB += f.traffic.S3GB
			f.s3ViaNAT = true
		}
		// Without an interface endpoint, AWS-service traffic reaches the
		// services' public endpoints through NAT.
		if f.interfaces == 0 && f.traffic.EndpointGB > 0 {
			f.natGB += f.traffic.EndpointGB
			f.endpointViaNAT = true
		}
		if f.nats < f.privateAZs {
			f.natCrossAZGB = f.natGB * float64(f.privateAZs-f.nats) / float64(f.privateAZs)
		}
	}
	return f
}

// internetFacing returns the public tier an alb or nlb workload sits in,
// or nil when it is internal.
func internetFacing(v *design.VPC, w *design.Workload) *design.Tier {
	if t := v.FindTier(w.Tier); t != nil && t.Kind == design.TierPublic {
		return t
	}
	return nil
}

// endpointNames lists v's distinct endpoint services of one kind (gateway
// or interface), in file order.
func endpointNames(v *design.VPC, gateway bool) []string {
	var out []string
	for _, s := range v.Endpoints {
		if design.IsGatewayEndpoint(s) == gateway && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// workloadNames lists v's workloads of a kind; with internetFacingOnly,
// only those in a public tier.
func workloadNames(v *design.VPC, kinds []design.WorkloadKind, internetFacingOnly bool) []string {
	var out []string
	for wi := range v.Workloads {
		w := &v.Workloads[wi]
		if !slices.Contains(kinds, w.Kind) || (internetFacingOnly && internetFacing(v, w) == nil) {
			continue
		}
		out = append(out, w.Name)
	}
	return out
}
