package cost

import (
	"errors"
	"strings"
	"testing"
)

// The figures in these tests are computed by hand from cost/prices.yaml;
// each comment gives the arithmetic (730 hours a month).

func TestNATPerAZVersusSingleUSEast1(t *testing.T) {
	const tmpl = `
version: 1
region: us-east-1
vpcs:
  - name: app
    cidr: 10.0.0.0/16
    azs: 3
    nat: NAT
    tiers:
      - {name: web, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 20}
    traffic: {internet_egress_gb: 1000}
`
	perAZ := estimate(t, parseDesign(t, strings.Replace(tmpl, "NAT", "per-az", 1)))
	checkItems(t, perAZ, map[string]Money{
		"nat-gateway-hours app":    9855, // 3 NAT × 730 h × $0.045 = $98.55
		"public-ipv4 app":          1095, // 3 addresses × 730 h × $0.005 = $10.95
		"nat-gateway-data app":     4500, // 1,000 GB × $0.045 = $45.00
		"internet-egress-data app": 9000, // 1,000 GB × $0.09 = $90.00
	}, 24450) // 98.55 + 10.95 + 45.00 + 90.00 = $244.50

	single := estimate(t, parseDesign(t, strings.Replace(tmpl, "NAT", "single", 1)))
	checkItems(t, single, map[string]Money{
		"nat-gateway-hours app": 3285, // 1 × 730 × $0.045 = $32.85
		"public-ipv4 app":       365,  // 1 × 730 × $0.005 = $3.65
		"nat-gateway-data app":  4500, // $45.00
		// Two of three AZs reach the NAT in the third: 1,000 × 2/3 =
		// 666.67 GB, billed $0.01 out and $0.01 in: × $0.02 = $13.33.
		"cross-az-data app":        1333,
		"internet-egress-data app": 9000,
	}, 18483) // 32.85 + 3.65 + 45.00 + 13.33 + 90.00 = $184.83

	// Each design's advice prices the other: 184.83 − 244.50 = −$59.67.
	toSingle := findAdvice(t, perAZ, AdviceSingleNAT, "app")
	if toSingle.MonthlyDifference != -5967 {
		t.Errorf("single-NAT advice = %s, want -$59.67", toSingle.MonthlyDifference)
	}
	toPerAZ := findAdvice(t, single, AdviceNATPerAZ, "app")
	if toPerAZ.MonthlyDifference != 5967 {
		t.Errorf("NAT-per-AZ advice = %s, want $59.67", toPerAZ.MonthlyDifference)
	}
	if !strings.Contains(toSingle.Risk, "outage") || !strings.Contains(toPerAZ.Message, "cross-AZ") {
		t.Errorf("NAT advice should name both sides of the trade: %q / %q", toSingle.Risk, toPerAZ.Message)
	}
	if toSingle.Edit != "vpcs.app.nat: single" || toSingle.Effect != EffectSaving || toPerAZ.Effect != EffectIncrease {
		t.Errorf("edit %q, effects %q / %q", toSingle.Edit, toSingle.Effect, toPerAZ.Effect)
	}
}

func TestS3ThroughNATVersusGatewayEndpointEUCentral1(t *testing.T) {
	const tmpl = `
version: 1
region: eu-central-1
vpcs:
  - name: data
    cidr: 10.0.0.0/16
    azs: 2
    nat: per-az
    ENDPOINTS
    tiers:
      - {name: edge, kind: public, prefix: 24}
      - {name: jobs, kind: private, prefix: 20}
    traffic: {s3_gb: 5000}
`
	viaNAT := estimate(t, parseDesign(t, strings.Replace(tmpl, "ENDPOINTS", "endpoints: []", 1)))
	checkItems(t, viaNAT, map[string]Money{
		"nat-gateway-hours data": 7592,  // 2 × 730 × $0.052 = $75.92
		"public-ipv4 data":       730,   // 2 × 730 × $0.005 = $7.30
		"nat-gateway-data data":  26000, // 5,000 GB of S3 through NAT × $0.052 = $260.00
	}, 34322) // 75.92 + 7.30 + 260.00 = $343.22

	withGW := estimate(t, parseDesign(t, strings.Replace(tmpl, "ENDPOINTS", "endpoints: [s3, dynamodb]", 1)))
	checkItems(t, withGW, map[string]Money{
		"nat-gateway-hours data": 7592,
		"public-ipv4 data":       730,
		"gateway-endpoint data":  0, // free, shown with a note
	}, 8322) // 75.92 + 7.30 = $83.22

	adv := findAdvice(t, viaNAT, AdviceGatewayEndpoints, "data")
	if adv.MonthlyDifference != -26000 { // 83.22 − 343.22
		t.Errorf("gateway endpoint advice = %s, want -$260.00", adv.MonthlyDifference)
	}
	for _, a := range withGW.Advice {
		if a.Kind == AdviceGatewayEndpoints {
			t.Errorf("advice to add gateway endpoints the VPC has: %+v", a)
		}
	}
}

func TestTransitGatewayWithVPNAPNortheast1(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: ap-northeast-1
networks:
  - {name: corp, cidr: 172.16.0.0/12}
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 2
    nat: none
    tiers: [{name: db, kind: isolated, prefix: 24}]
    traffic: {transit_gateway_gb: 1000}
  - name: b
    cidr: 10.1.0.0/16
    azs: 2
    nat: none
    tiers: [{name: db, kind: isolated, prefix: 24}]
    traffic: {transit_gateway_gb: 500}
connections:
  - {name: hub, kind: transit-gateway, vpcs: [a, b], networks: [corp]}
`)
	b := estimate(t, d)
	checkItems(t, b, map[string]Money{
		// 2 VPC attachments + 1 VPN attachment: 3 × 730 × $0.07 = $153.30
		"transit-gateway-attachment-hours hub": 15330,
		"vpn-connection-hours hub":             3504, // 730 × $0.048 = $35.04
		"transit-gateway-data hub/a":           2000, // 1,000 GB × $0.02 = $20.00
		"transit-gateway-data hub/b":           1000, // 500 GB × $0.02 = $10.00
	}, 21834) // 153.30 + 35.04 + 20.00 + 10.00 = $218.34

	// Instead: peering a–b ($0) and a VPN from each VPC to corp:
	// 2 × 730 × $0.048 = $70.08. The gateway's traffic moves to the
	// peering (transit_gateway_gb → peering_gb), where the share crossing
	// AZs pays inter-AZ transfer both ways: both VPCs span the same 2 AZs,
	// so 1 − 2/(2 × 2) = half of it crosses: a 1,000 × 0.5 × $0.02 =
	// $10.00, b 500 × 0.5 × $0.02 = $5.00. 70.08 + 15.00 − 218.34 =
	// −$133.26 (it was −$148.26 while peering traffic was priced at $0).
	adv := findAdvice(t, b, AdvicePeering, "hub")
	if adv.MonthlyDifference != -13326 {
		t.Errorf("peering advice = %s, want -$133.26", adv.MonthlyDifference)
	}
}

func TestInterfaceEndpointsAcrossThreeAZsAPSoutheast1(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: ap-southeast-1
vpcs:
  - name: svc
    cidr: 10.0.0.0/16
    azs: 3
    nat: single
    endpoints: [sqs, logs, ecr.api, s3]
    tiers:
      - {name: edge, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 20}
    traffic: {endpoint_gb: 1500, internet_egress_gb: 300}
`)
	b := estimate(t, d)
	checkItems(t, b, map[string]Money{
		"nat-gateway-hours svc":    4307, // 730 × $0.059 = $43.07
		"public-ipv4 svc":          365,  // 730 × $0.005 = $3.65
		"nat-gateway-data svc":     1770, // 300 GB × $0.059 = $17.70
		"cross-az-data svc":        400,  // 300 × 2/3 = 200 GB × $0.02 = $4.00
		"internet-egress-data svc": 3600, // 300 GB × $0.12 = $36.00
		// 3 interface endpoints (s3 is a gateway endpoint) × 3 AZs × 730 h
		// × $0.013 = $85.41
		"interface-endpoint-hours svc": 8541,
		"interface-endpoint-data svc":  1500, // 1,500 GB × $0.01 = $15.00
		"gateway-endpoint svc":         0,
	}, 20483) // 43.07 + 3.65 + 17.70 + 4.00 + 36.00 + 85.41 + 15.00 = $204.83

	// One endpoint costs 3 × 730 × $0.013 = $28.47 a month. A GB through
	// the shared NAT costs $0.059 + 2/3 × $0.02 = $0.072333; through the
	// endpoint $0.01; break-even = 28.47 / 0.062333 = 456.74 GB.
	adv := findAdvice(t, b, AdviceEndpointBreakEven, "svc")
	if adv.BreakEvenGB == nil || *adv.BreakEvenGB != 456.74 {
		t.Errorf("break-even = %v, want 456.74 GB", adv.BreakEvenGB)
	}
	// The advice removes all three and sends their 1,500 GB through NAT:
	// hours −$85.41, endpoint data −$15.00, NAT processing 1,500 × $0.059
	// = +$88.50, and behind the single NAT 2/3 of it crosses AZs: 1,000 GB
	// × $0.02 = +$20.00. −85.41 − 15.00 + 88.50 + 20.00 = +$8.09: here the
	// endpoints are cheaper than NAT, and removing them is an increase.
	if adv.MonthlyDifference != 809 || adv.Effect != EffectIncrease {
		t.Errorf("removing the endpoints = %s (%s), want +$8.09, an increase", adv.MonthlyDifference, adv.Effect)
	}
	// 3 × 28.47 = 85.41 / (0.059 + 0.02 × 2/3 − 0.01 = 0.0623333…) = 1,370.21 GB in all.
	for _, want := range []string{"cost $8.09/month less than NAT would", "above 1,370.21 GB/month in all (456.74 GB per endpoint"} {
		if !strings.Contains(adv.Message, want) {
			t.Errorf("message lacks %q: %s", want, adv.Message)
		}
	}
	if got := strings.Join(adv.Services, " "); got != "sqs logs ecr.api" {
		t.Errorf("break-even services = %q, want every interface endpoint", got)
	}
}

func TestEndpointDataTiersCountTheRegionTotal(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-west-2
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 1, nat: none, endpoints: [sqs], tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {endpoint_gb: 800000}}
  - {name: b, cidr: 10.1.0.0/16, azs: 1, nat: none, endpoints: [sqs], tiers: [{name: x, kind: isolated, prefix: 24}], traffic: {endpoint_gb: 800000}}
`)
	b := estimate(t, d)
	// The region's 1,600,000 GB: 1,048,576 × $0.01 + 551,424 × $0.006 =
	// 10,485.76 + 3,308.544 = $13,794.304, shared in proportion: half each
	// = $6,897.152 → $6,897.15. Tiers applied per VPC would give $8,000.00
	// each (800,000 GB is inside the first PB).
	checkItems(t, b, map[string]Money{
		"interface-endpoint-hours a": 730, // 1 × 1 AZ × 730 × $0.01 = $7.30
		"interface-endpoint-hours b": 730,
		"interface-endpoint-data a":  689715,
		"interface-endpoint-data b":  689715,
	}, 1380890) // 7.30 × 2 + 6,897.15 × 2 = $13,808.90
}

func TestLoadBalancersPrivateLinkPeeringAndFlowLogs(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: sa-east-1
vpcs:
  - name: front
    cidr: 10.0.0.0/16
    azs: 2
    nat: none
    flow_logs: true
    tiers:
      - {name: pub, kind: public, prefix: 24}
      - {name: app, kind: isolated, prefix: 24}
    security_groups:
      - {name: lb, tier: pub}
    workloads:
      - {name: web, kind: alb, tier: pub, security_group: lb}
      - {name: inner, kind: nlb, tier: app, security_group: lb}
  - name: back
    cidr: 10.1.0.0/16
    azs: 3
    nat: none
    tiers: [{name: app, kind: isolated, prefix: 24}]
connections:
  - {name: fb, kind: peering, vpcs: [front, back]}
  - {name: api, kind: privatelink, provider: front, consumer: back, port: 443}
`)
	b := estimate(t, d)
	checkItems(t, b, map[string]Money{
		// Only the ALB is internet-facing: one address per AZ of its tier,
		// 2 × 730 × $0.005 = $7.30.
		"public-ipv4 front":             730,
		"load-balancer-hours front ALB": 2482, // 730 × $0.034 = $24.82
		"load-balancer-hours front NLB": 2482, // the same rate
		"flow-logs-data front":          0,    // no volume in the format: shown, not priced
		"vpc-peering fb":                0,
		// back's endpoint for the service, in each of its 3 AZs:
		// 3 × 730 × $0.017 = $37.23
		"interface-endpoint-hours api": 3723,
	}, 730+2482+2482+3723)
	for _, it := range b.Items {
		if it.Category == FlowLogsData && (it.Quantity != 0 || it.UnitPrice != 900_000 || !strings.Contains(it.Description, "not estimated")) {
			t.Errorf("flow logs item should show the $0.90/GB rate at quantity 0 and say why: %+v", it)
		}
	}
}

func TestUnknownRegionNamesTheRegionsWithPrices(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-east-1
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 1, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}]}
  - {name: far, region: ap-south-1, cidr: 10.1.0.0/16, azs: 1, nat: none, tiers: [{name: x, kind: isolated, prefix: 24}]}
`)
	_, err := Estimate(d, builtinPrices(t))
	var mr *MissingRegionError
	if !errors.As(err, &mr) {
		t.Fatalf("want a MissingRegionError, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{`"ap-south-1" (VPC far)`, "us-east-1, us-west-2", "sa-east-1", "--prices"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q should contain %q", msg, want)
		}
	}
}

func TestEstimateIsDeterministicAndLeavesTheDesignAlone(t *testing.T) {
	d := parseDesign(t, referenceYAML(t))
	before := d.VPCs[0].Endpoints[len(d.VPCs[0].Endpoints)-1]
	a, b := estimate(t, d), estimate(t, d)
	if len(a.Items) != len(b.Items) || len(a.Advice) != len(b.Advice) {
		t.Fatal("two estimates of one design differ")
	}
	for i := range a.Items {
		if a.Items[i] != b.Items[i] {
			t.Errorf("item %d differs: %+v / %+v", i, a.Items[i], b.Items[i])
		}
	}
	if len(d.VPCs[0].Endpoints) != 6 || d.VPCs[0].Endpoints[5] != before || d.VPCs[1].NAT != "single" {
		t.Error("advice changed the design it was given")
	}
}

// TestEstimateOfUnvalidatedDesigns: Estimate is also called on designs
// being edited, which need not validate. Dangling references, odd counts
// and negative traffic must neither panic nor break the total.
func TestEstimateOfUnvalidatedDesigns(t *testing.T) {
	d := parseDesign(t, `
version: 1
region: us-east-1
networks: [{name: corp, cidr: 172.16.0.0/12}]
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 0
    nat: per-az
    endpoints: [sqs, sqs, s3, s3]
    tiers:
      - {name: p, kind: private, prefix: 24, azs: [us-east-1z]}
      - {name: q, kind: private, prefix: 24, azs: [us-east-1z, us-east-1y]}
    workloads:
      - {name: lb, kind: alb, tier: nowhere}
    traffic: {internet_egress_gb: -5, s3_gb: 10, cross_az_gb: -3, endpoint_gb: 0.001}
  - name: a
    cidr: 10.1.0.0/16
    azs: 1
    nat: single
    tiers: []
connections:
  - {name: t, kind: transit-gateway, vpcs: [ghost, a, a], networks: [corp, nowhere]}
  - {name: t2, kind: transit-gateway, vpcs: [], networks: [corp]}
  - {name: p, kind: peering, vpcs: [a]}
  - {name: l, kind: privatelink, provider: ghost, consumer: ghost, port: 1}
  - {name: v, kind: vpn, vpc: ghost, network: corp}
`)
	b := estimate(t, d)
	if Total(b.Items) != b.MonthlyTotal {
		t.Error("total is not the sum of the items")
	}
	// Two private tiers over us-east-1z and us-east-1y: 2 NAT gateways,
	// although the VPC's own AZ count is 0; sqs and s3 are counted once.
	for _, it := range b.Items {
		if it.Category == NATGatewayHours && it.VPC == "a" && it.Quantity != 2*730 {
			t.Errorf("NAT hours = %v, want 2 gateways", it.Quantity)
		}
		if it.Category == GatewayEndpoint && it.Quantity != 1 {
			t.Errorf("gateway endpoints = %v, want s3 once", it.Quantity)
		}
		if it.Monthly < 0 {
			t.Errorf("negative item %+v", it)
		}
	}
}

func TestEstimateWithNilPricesUsesTheBuiltInOnes(t *testing.T) {
	d := parseDesign(t, referenceYAML(t))
	a, err := Estimate(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := estimate(t, d); a.MonthlyTotal != b.MonthlyTotal {
		t.Errorf("nil prices: %s, built-in: %s", a.MonthlyTotal, b.MonthlyTotal)
	}
}
