package cost

import "github.com/vpcsmith/vpcsmith/design"

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
	// balancers: one per AZ of each alb/nlb workload in a public tier.
	lbAddresses int
	lbNames     []string // "web (3 AZs)", for descriptions
	albs, nlbs  []string
	interfaces  []string // interface endpoint services, deduplicated, in file order
	gateways    []string // gateway endpoint services (s3, dynamodb)
	traffic     design.Traffic
	// natGB is the GB through NAT: internet egress, plus S3/DynamoDB traffic
	// when no gateway endpoint carries it.
	natGB    float64
	s3ViaNAT bool
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
		if t.Kind != design.TierPrivate {
			continue
		}
		for _, az := range tierAZs(t, f.azs) {
			if !containsString(private, az) {
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
			f.albs = append(f.albs, w.Name)
		case "nlb":
			f.nlbs = append(f.nlbs, w.Name)
		default:
			continue
		}
		if t := v.FindTier(w.Tier); t != nil && t.Kind == design.TierPublic {
			n := len(tierAZs(t, f.azs))
			f.lbAddresses += n
			f.lbNames = append(f.lbNames, w.Name)
		}
	}

	for _, s := range v.Endpoints {
		if design.IsGatewayEndpoint(s) {
			if !containsString(f.gateways, s) {
				f.gateways = append(f.gateways, s)
			}
		} else if !containsString(f.interfaces, s) {
			f.interfaces = append(f.interfaces, s)
		}
	}

	if f.nats > 0 {
		f.natGB = f.traffic.InternetEgressGB
		// s3_gb counts S3 and DynamoDB together; either gateway endpoint is
		// taken to carry it (the format cannot split the two).
		if len(f.gateways) == 0 && f.traffic.S3GB > 0 {
			f.natGB += f.traffic.S3GB
			f.s3ViaNAT = true
		}
		if f.nats < f.privateAZs {
			f.natCrossAZGB = f.natGB * float64(f.privateAZs-f.nats) / float64(f.privateAZs)
		}
	}
	return f
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
