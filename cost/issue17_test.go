package cost

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/templates"
)

// TestSaaSProductionEndpointsCostMoreThanNAT: the template's 5 interface
// endpoints carry 800 GB a month, 160 GB each, against a break-even of
// 625.71 GB each; the estimate says they cost $81.50 a month more than NAT.
func TestSaaSProductionEndpointsCostMoreThanNAT(t *testing.T) {
	d, err := templates.Load("saas-production")
	if err != nil {
		t.Fatal(err)
	}
	b := estimate(t, d)
	a := findAdvice(t, b, AdviceEndpointBreakEven, "production")
	// Hours: 5 endpoints × 3 AZs × 730 h × $0.01 = $109.50; their data:
	// 800 GB × $0.01 = $8.00. Through the per-AZ NAT gateways the same
	// 800 GB costs 800 × $0.045 = $36.00 (no cross-AZ share: a NAT per AZ).
	// 36.00 − 109.50 − 8.00 = −$81.50.
	if a.MonthlyDifference != -8150 || a.Effect != EffectSaving {
		t.Errorf("difference %s (%s), want -$81.50, a saving", a.MonthlyDifference, a.Effect)
	}
	// Break-even: 109.50 / (0.045 − 0.01) = 3,128.57 GB in all; per
	// endpoint 21.90 / 0.035 = 625.71 GB.
	for _, want := range []string{"cost $109.50/month for their hours in 3 AZs plus $8.00 for the stated 800 GB/month",
		"through NAT that traffic would cost $36.00: they cost $81.50/month more than NAT would",
		"above 3,128.57 GB/month in all (625.71 GB per endpoint"} {
		if !strings.Contains(a.Message, want) {
			t.Errorf("message lacks %q:\n%s", want, a.Message)
		}
	}
	if a.BreakEvenGB == nil || *a.BreakEvenGB != 625.71 {
		t.Errorf("break-even %v, want 625.71 GB per endpoint", a.BreakEvenGB)
	}
	checkAdviceByWholeEstimate(t, d)
}

// TestNATChargesBothDirections: internet ingress and AWS-service traffic
// without an interface endpoint pay NAT processing, and behind one NAT
// gateway their cross-AZ share is charged too.
func TestNATChargesBothDirections(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-east-1
vpcs:
  - name: app
    cidr: 10.0.0.0/16
    azs: 2
    nat: single
    tiers:
      - {name: web, kind: public, prefix: 24}
      - {name: svc, kind: private, prefix: 20}
    workloads:
      - {name: bastion, kind: ec2, tier: web, public_ipv4: 2}
    traffic: {internet_egress_gb: 100, internet_ingress_gb: 900, endpoint_gb: 200}
`)
	b := estimate(t, d)
	checkItems(t, b, map[string]Money{
		"nat-gateway-hours app": 3285, // 1 × 730 × $0.045 = $32.85
		// 1 NAT address + 2 stated for bastion: 3 × 730 × $0.005 = $10.95
		"public-ipv4 app": 1095,
		// 100 egress + 900 ingress + 200 to AWS services (no interface
		// endpoint) = 1,200 GB × $0.045 = $54.00
		"nat-gateway-data app": 5400,
		// Half the AZs reach the NAT in the other: 1,200 × 1/2 = 600 GB ×
		// $0.02 (out of one AZ, into the other) = $12.00
		"cross-az-data app": 1200,
		// Only egress pays internet transfer: 100 × $0.09 = $9.00
		"internet-egress-data app": 900,
	}, 11880) // 32.85 + 10.95 + 54.00 + 12.00 + 9.00 = $118.80
	got := ""
	for _, it := range b.Items {
		if it.Category == NATGatewayData {
			got = it.Description
		}
	}
	if want := "100 GB internet egress + 900 GB internet ingress + 200 GB to AWS services (no interface endpoint) through NAT"; got != want {
		t.Errorf("NAT data description %q, want %q", got, want)
	}
	// Per-AZ NAT: one more gateway and address (+$32.85 + $3.65), no
	// cross-AZ (−$12.00): +$24.50, an increase, listed after savings.
	a := findAdvice(t, b, AdviceNATPerAZ, "app")
	if a.MonthlyDifference != 2450 || a.Effect != EffectIncrease {
		t.Errorf("per-AZ advice %s (%s), want +$24.50", a.MonthlyDifference, a.Effect)
	}
	checkRanked(t, b)
}

// checkRanked: advice is listed by saving, largest first, increases last.
func checkRanked(t *testing.T, b *Breakdown) {
	t.Helper()
	for i := 1; i < len(b.Advice); i++ {
		if b.Advice[i-1].MonthlyDifference > b.Advice[i].MonthlyDifference {
			t.Errorf("advice %d (%s) after %d (%s): not ranked by saving", i, b.Advice[i].MonthlyDifference, i-1, b.Advice[i-1].MonthlyDifference)
		}
	}
}

const peeringDesign = `
version: 1
region: us-east-1
networks: [{name: corp, cidr: 172.16.0.0/12}]
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {peering_gb: 1000}}
  - {name: b, cidr: 10.1.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {peering_gb: 400}}
  - {name: c, region: eu-west-1, cidr: 10.2.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {peering_gb: 50, transit_gateway_gb: 70, on_premises_ingress_gb: 5}}
  - {name: d, region: eu-west-1, cidr: 10.3.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}]}
connections:
  - {name: ab, kind: peering, vpcs: [a, b]}
  - {name: ac, kind: peering, vpcs: [a, c]}
  - {name: bd, kind: peering, vpcs: [b, d]}
`

// TestPeeringDataCrossAZAndInterRegion: each side's peering_gb is spread
// over its peerings; within a region the share crossing AZs pays inter-AZ
// both ways, across regions the sender's inter-region rate; a
// cross-region peering with no volume is a warning, never $0 silently.
func TestPeeringDataCrossAZAndInterRegion(t *testing.T) {
	b := estimate(t, parseDesign(t, peeringDesign))
	checkItems(t, b, map[string]Money{
		"vpc-peering ab": 0, "vpc-peering ac": 0, "vpc-peering bd": 0,
		// a has 2 peerings: 500 GB each. To b (same 2 AZs): 1 − 2/4 =
		// half crosses: 250 GB × $0.02 = $5.00.
		"cross-az-data ab/a": 500,
		// b has 2 peerings: 200 GB to a: 100 GB × $0.02 = $2.00.
		"cross-az-data ab/b": 200,
		// a → c in eu-west-1: 500 GB × $0.02 inter-region out of us-east-1.
		"inter-region-data ac/a": 1000,
		// c's one peering: 50 GB × $0.02 out of eu-west-1 = $1.00.
		"inter-region-data ac/c": 100,
		// b → d: 200 GB × $0.02 = $4.00.
		"inter-region-data bd/b": 400,
	}, 2200) // 5 + 2 + 10 + 1 + 4 = $22.00
	msgs := warningText(b)
	for _, want := range []string{
		"transit_gateway_gb of c (70 GB) is not priced: c is on no transit gateway",
		"on_premises_ingress_gb of c (5 GB) is not priced: c has no VPN",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("warnings lack %q:\n%s", want, msgs)
		}
	}
	checkAdviceByWholeEstimate(t, parseDesign(t, peeringDesign))
	// A transit gateway for a and b instead of peering ab: 2 attachments ×
	// 730 × $0.05 = +$73.00; each side's share moves into it: a 500 GB and
	// b 200 GB × $0.02 = +$14.00; the peering's cross-AZ share goes: a
	// −$5.00, b −$2.00. 73 + 14 − 7 = +$80.00, an increase.
	if a := findAdvice(t, b, AdviceTransitGateway, "ab"); a.MonthlyDifference != 8000 || a.Effect != EffectIncrease {
		t.Errorf("TGW instead of peering ab: %s (%s) %+v, want +$80.00", a.MonthlyDifference, a.Effect, a.Changes)
	}

	// With no volume on a cross-region peering, a warning says so.
	quiet := estimate(t, parseDesign(t, strings.NewReplacer("peering_gb: 400", "peering_gb: 0", ", transit_gateway_gb: 70, on_premises_ingress_gb: 5", "").Replace(peeringDesign)))
	if !strings.Contains(warningText(quiet), "peering bd joins us-east-1 and eu-west-1: inter-region transfer is charged per GB, and neither b nor d states peering_gb") {
		t.Errorf("no warning for the silent cross-region peering:\n%s", warningText(quiet))
	}
}

// TestMissingInterRegionPriceWarns: a prices file without the optional
// inter_region_gb key still loads; the transfer it would price is a
// warning, not $0.
func TestMissingInterRegionPriceWarns(t *testing.T) {
	text := string(EmbeddedPricesYAML())
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.Contains(l, "inter_region_gb:") {
			kept = append(kept, l)
		}
	}
	p, err := ParsePrices("p.yaml", []byte(strings.Join(kept, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Estimate(parseDesign(t, peeringDesign), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range b.Items {
		if it.Category == InterRegionData {
			t.Errorf("inter-region item without a price: %+v", it)
		}
	}
	if !strings.Contains(warningText(b), "the prices file has no inter_region_gb for us-east-1: the 500 GB a sends over peering ac to eu-west-1 is not priced") {
		t.Errorf("warnings:\n%s", warningText(b))
	}
}

func warningText(b *Breakdown) string {
	var out []string
	for _, w := range b.Warnings {
		out = append(out, w.Message)
	}
	return strings.Join(out, "\n")
}

const finOpsDesign = `
version: 1
region: us-east-1
networks: [{name: corp, cidr: 172.16.0.0/12}]
vpcs:
  - name: shared
    cidr: 10.0.0.0/16
    azs: 2
    nat: per-az
    endpoints: [ecr.api, ecr.dkr, logs]
    tiers: [{name: pub, kind: public, prefix: 24}, {name: app, kind: private, prefix: 24}]
    traffic: {endpoint_gb: 100}
  - name: spoke
    cidr: 10.1.0.0/16
    azs: 2
    nat: per-az
    flow_logs: true
    endpoints: [ecr.api, ecr.dkr]
    tiers: [{name: pub, kind: public, prefix: 24}, {name: app, kind: private, prefix: 24}]
    traffic: {endpoint_gb: 300, on_premises_ingress_gb: 2000, flow_logs_gb: 40}
  - name: dev-tools
    cidr: 10.2.0.0/16
    azs: 2
    nat: single
    tiers: [{name: pub, kind: public, prefix: 24}, {name: app, kind: private, prefix: 24}]
    traffic: {internet_ingress_gb: 500}
connections:
  - {name: hub, kind: transit-gateway, vpcs: [shared, spoke, dev-tools], networks: [corp]}
  - {name: old-vpn, kind: vpn, vpc: dev-tools, network: corp}
`

// TestFinOpsAdvice prices each FinOps piece of advice by hand, and checks
// every piece against estimating the whole changed design.
func TestFinOpsAdvice(t *testing.T) {
	d := parseDesign(t, finOpsDesign)
	b := estimate(t, d)
	kinds := checkAdviceByWholeEstimate(t, d)
	for _, k := range []AdviceKind{AdviceCentralEndpoints, AdviceDuplicateVPN, AdviceNATInstance, AdviceFlowLogsS3, AdviceOnPremisesVPN} {
		if !kinds[k] {
			t.Errorf("no %s advice", k)
		}
	}
	checkRanked(t, b)

	// Central endpoints: spoke drops ecr.api and ecr.dkr (2 × 2 AZs × 730 h
	// × $0.01 = −$29.20); its 300 GB of endpoint_gb moves to shared's
	// endpoints (endpoint data unchanged: $0.01/GB either side) and crosses
	// the gateway: 300 × $0.02 = +$6.00. −29.20 + 6.00 = −$23.20.
	if a := findAdvice(t, b, AdviceCentralEndpoints, "shared"); a.MonthlyDifference != -2320 {
		t.Errorf("central endpoints %s, want -$23.20 (%+v)", a.MonthlyDifference, a.Changes)
	}
	// Duplicate VPN: dev-tools' own VPN goes: −730 × $0.05 = −$36.50.
	if a := findAdvice(t, b, AdviceDuplicateVPN, "old-vpn"); a.MonthlyDifference != -3650 {
		t.Errorf("duplicate VPN %s, want -$36.50", a.MonthlyDifference)
	}
	// NAT instance for dev-tools (single NAT, 2 AZs): gateway hours
	// −$32.85, its address −$3.65, processing 500 × $0.045 = −$22.50,
	// cross-AZ 250 GB × $0.02 = −$5.00; the instance 730 × $0.0042 =
	// +$3.07 and its address +$3.65. −64.00 + 6.72 = −$57.28.
	if a := findAdvice(t, b, AdviceNATInstance, "dev-tools"); a.MonthlyDifference != -5728 {
		t.Errorf("NAT instance %s, want -$57.28 (%+v)", a.MonthlyDifference, a.Changes)
	}
	// Flow logs to S3: 40 GB × ($0.25 − $0.50) = −$10.00.
	if a := findAdvice(t, b, AdviceFlowLogsS3, "spoke"); a.MonthlyDifference != -1000 {
		t.Errorf("flow logs to S3 %s, want -$10.00", a.MonthlyDifference)
	}
	// spoke's 2,000 GB from corp over the gateway's VPN: 2,000 × $0.02 =
	// $40.00 of data processing; its own VPN costs 730 × $0.05 = $36.50
	// and carries it free: −$3.50.
	if a := findAdvice(t, b, AdviceOnPremisesVPN, "spoke"); a.MonthlyDifference != -350 {
		t.Errorf("own VPN %s, want -$3.50", a.MonthlyDifference)
	}
	for _, a := range b.Advice {
		if a.Risk == "" || a.Edit == "" || a.Effect == "" {
			t.Errorf("%s %s%s lacks its risk, edit or effect", a.Kind, a.VPC, a.Connection)
		}
	}
}

// TestMoneyEdgesEncode: every Money formats and encodes, the most negative
// included (its negation overflows int64), and sums that would leave the
// range are caught rather than wrapped.
func TestMoneyEdgesEncode(t *testing.T) {
	for _, c := range []struct {
		m           Money
		text, plain string
	}{
		{MaxMoney, "$92,233,720,368,547,758.07", "92233720368547758.07"},
		{-MaxMoney - 1, "-$92,233,720,368,547,758.08", "-92233720368547758.08"},
		{-5, "-$0.05", "-0.05"},
	} {
		if got := c.m.String(); got != c.text {
			t.Errorf("String(%d) = %q, want %q", int64(c.m), got, c.text)
		}
		if got, _ := c.m.MarshalJSON(); string(got) != c.plain {
			t.Errorf("MarshalJSON(%d) = %s, want %s", int64(c.m), got, c.plain)
		}
	}
	if _, ok := addMoney(MaxMoney, 1); ok {
		t.Error("MaxMoney + 1 did not overflow")
	}
	if _, ok := checkedTotal([]Item{{Monthly: MaxMoney}, {Monthly: MaxMoney}}); ok {
		t.Error("an overflowing total was accepted")
	}
	if s, ok := addMoney(MaxMoney, -1); !ok || s != MaxMoney-1 {
		t.Error("MaxMoney − 1")
	}
}

// TestEstimateRefusesUnboundedInMemoryTraffic: a design built in memory
// (the designer, the importer) skips the loader's bound; the estimate
// refuses it with an error rather than printing an overflowed figure.
func TestEstimateRefusesUnboundedInMemoryTraffic(t *testing.T) {
	d := parseDesign(t, strings.Replace(finOpsDesign, "internet_ingress_gb: 500", "internet_ingress_gb: 5", 1))
	d.VPCs[2].Traffic.InternetIngressGB = 1e19
	if _, err := Estimate(d, builtinPrices(t)); err == nil || !strings.Contains(err.Error(), "traffic internet_ingress_gb of VPC dev-tools is not a number of GB from 0 to 1000000000") {
		t.Errorf("err = %v", err)
	}
}

func TestCatIndexMatchesCategoryOrder(t *testing.T) {
	for i, c := range categoryOrder {
		if catIndex(c) != i || categoryIndex[c] != i {
			t.Errorf("%s: catIndex %d, categoryIndex %d, want %d", c, catIndex(c), categoryIndex[c], i)
		}
	}
}

// TestCountPublicIPv4UsesTheStatedCount: a workload's public_ipv4 replaces
// the one-per-AZ floor in the count, and is what the estimate prices.
func TestCountPublicIPv4UsesTheStatedCount(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    azs: 3
    nat: none
    tiers: [{name: pub, kind: public, prefix: 24}]
    workloads:
      - {name: fleet, kind: ec2, tier: pub, public_ipv4: 7}
      - {name: other, kind: ecs, tier: pub}
`)
	got := CountPublicIPv4(d, builtinPrices(t))
	// fleet states 7; other states none: the floor of one per AZ, 3.
	if got[0].Workloads != 10 {
		t.Errorf("workloads %d, want 7 + 3 = 10", got[0].Workloads)
	}
	// The estimate prices the 7 stated: 7 × 730 × $0.005 = $25.55.
	checkItems(t, estimate(t, d), map[string]Money{"public-ipv4 v": 2555}, 2555)
}

// TestTransitGatewayAcrossRegions: a VPC of another region on a transit
// gateway pays inter-region transfer on what it sends, and a warning says
// the peering attachments are not priced.
func TestTransitGatewayAcrossRegions(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-east-1
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 2, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {transit_gateway_gb: 100}}
  - {name: b, region: ap-southeast-1, cidr: 10.1.0.0/16, azs: 2, nat: none, endpoints: [], tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {transit_gateway_gb: 300, endpoint_gb: 9}}
connections:
  - {name: hub, kind: transit-gateway, vpcs: [a, b]}
`)
	b := estimate(t, d)
	checkItems(t, b, map[string]Money{
		// 2 attachments × 730 × $0.05 (us-east-1, the first VPC's region) = $73.00
		"transit-gateway-attachment-hours hub": 7300,
		"transit-gateway-data hub/a":           200, // 100 × $0.02
		"transit-gateway-data hub/b":           600, // 300 × $0.02
		// b sends its 300 GB from ap-southeast-1: 300 × $0.09 = $27.00
		"inter-region-data hub/b": 2700,
	}, 10800) // 73.00 + 2.00 + 6.00 + 27.00 = $108.00
	w := warningText(b)
	for _, want := range []string{
		"transit gateway hub attaches VPCs in us-east-1 and ap-southeast-1",
		"endpoint_gb of b (9 GB) is not priced: b has neither an interface endpoint nor a NAT gateway",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}

// TestTemplatesAdviceIsExactAndRanked: on every built-in template, each
// piece of advice equals estimating the whole changed design, carries its
// risk and edit, and the list is ranked by saving.
func TestTemplatesAdviceIsExactAndRanked(t *testing.T) {
	for _, name := range templates.Names() {
		d, err := templates.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			checkAdviceByWholeEstimate(t, d)
			b := estimate(t, d)
			checkRanked(t, b)
			for _, a := range b.Advice {
				if a.Risk == "" || a.Edit == "" {
					t.Errorf("%s %s%s lacks its risk or edit", a.Kind, a.VPC, a.Connection)
				}
			}
		})
	}
}
