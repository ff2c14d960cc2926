package cost

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// largeDesign generates nVPCs VPCs of 4 tiers × 5 AZs (20 subnets each),
// spread over the seven priced regions, with traffic, endpoints, load
// balancers, a transit gateway per ten VPCs of a region and a peering
// per pair of neighbours, so every item and advice path runs.
func largeDesign(nVPCs int) *design.Design {
	regions := []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1"}
	d := &design.Design{Version: 1, Name: "large", Region: regions[0],
		Networks: []design.Network{{Name: "corp", CIDR: "172.16.0.0/12"}}}
	byRegion := map[string][]string{}
	for i := range nVPCs {
		region := regions[i%len(regions)]
		name := fmt.Sprintf("vpc%05d", i)
		if i%4 == 3 { // non-production names, for the NAT-instance advice
			name = fmt.Sprintf("dev%05d", i)
		}
		nat := []design.NATMode{design.NATPerAZ, design.NATSingle, design.NATNone}[i%3]
		azs := []string{region + "a", region + "b", region + "c", region + "d", region + "e"}
		var endpoints []string
		if i%2 == 0 {
			endpoints = []string{"s3", "dynamodb", "sqs", "logs"}
		} else {
			endpoints = []string{"ecr.api", "ecr.dkr"}
		}
		d.VPCs = append(d.VPCs, design.VPC{
			Name: name, Region: region,
			CIDR: fmt.Sprintf("10.%d.%d.0/24", i/256%256, i%256), AZs: design.AZSpec{Count: 5}, NAT: nat,
			FlowLogs: i%5 == 0, Endpoints: endpoints,
			Tiers: []design.Tier{
				{Name: "public", Kind: design.TierPublic, Prefix: 28},
				{Name: "app", Kind: design.TierPrivate, Prefix: 28},
				{Name: "data", Kind: design.TierIsolated, Prefix: 28},
				// An explicit AZ list, the other way a tier names its AZs.
				{Name: "spare", Kind: design.TierPrivate, Prefix: 28, AZs: azs},
			},
			Workloads: []design.Workload{{Name: "web", Kind: "alb", Tier: "public"}, {Name: "int", Kind: "nlb", Tier: "app"}},
			Traffic: &design.Traffic{InternetEgressGB: 100, InternetIngressGB: 300, S3GB: 400, EndpointGB: 50, TransitGatewayGB: 20,
				PeeringGB: 30, OnPremisesIngressGB: 5, CrossAZGB: 10, FlowLogsGB: 2},
		})
		byRegion[region] = append(byRegion[region], name)
	}
	for _, region := range regions {
		names := byRegion[region]
		for i := 0; i+10 <= len(names); i += 10 {
			d.Connections = append(d.Connections, design.Connection{Name: fmt.Sprintf("tgw-%s-%d", region, i), Kind: design.ConnTransitGateway, VPCs: names[i : i+10], Networks: []string{"corp"}})
		}
		for i := 0; i+1 < len(names); i += 2 {
			d.Connections = append(d.Connections, design.Connection{Name: fmt.Sprintf("peer-%s-%d", region, i), Kind: design.ConnPeering, VPCs: []string{names[i], names[i+1]}})
		}
	}
	return d
}

func subnets(d *design.Design) int {
	n := 0
	for i := range d.VPCs {
		azs := design.ExpandAZs(d.VPCs[i].AZs, d.VPCRegion(&d.VPCs[i]))
		for _, t := range d.VPCs[i].Tiers {
			n += len(tierAZs(&t, azs))
		}
	}
	return n
}

// BenchmarkEstimateLarge estimates a design of 5,000 VPCs and 100,000
// subnets (4 tiers × 5 AZs each) with 3,000 connections (500 transit
// gateways of 10 VPCs, 2,500 peerings) and traffic in every key, advice
// included (every kind but those the design's shape rules out): 63,599
// items and 11,177 pieces of advice, each priced by re-estimating the VPCs
// and connections its change touches. Target: under 200 ms.
func BenchmarkEstimateLarge(b *testing.B) {
	d := largeDesign(5000)
	p := builtinPrices(b)
	var out *Breakdown
	for b.Loop() {
		var err error
		if out, err = Estimate(d, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(subnets(d)), "subnets")
	b.ReportMetric(float64(len(out.Items)), "items")
	b.ReportMetric(float64(len(out.Advice)), "advice")
}

func TestLargeDesignEstimate(t *testing.T) {
	d := largeDesign(700)
	b := estimate(t, d)
	if Total(b.Items) != b.MonthlyTotal || len(b.Advice) == 0 {
		t.Fatal("large design: total or advice missing")
	}
}

// BenchmarkEstimateLargeItemsOnly prices the same design without advice:
// the baseline that BenchmarkEstimateLarge's figure is read against on a
// loaded machine (their ratio does not depend on the CPU's share).
func BenchmarkEstimateLargeItemsOnly(b *testing.B) {
	d := largeDesign(5000)
	p := builtinPrices(b)
	for b.Loop() {
		e := newEstimator(d, p, true)
		e.run()
	}
}
