package design

import (
	"strings"
	"testing"
)

const trafficDesign = `version: 1
name: t
region: us-east-1
vpcs:
  - name: prod
    cidr: 10.0.0.0/16
    azs: 2
    nat: single
    tiers:
      - {name: web, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 24}
    workloads:
      - {name: bastion, kind: ec2, tier: web, public_ipv4: 2}
    traffic:
      internet_egress_gb: VALUE
`

// TestTrafficBoundAtLoad: a traffic value over MaxTrafficGB is a load error
// at its line and column that states the bound; 1e308 (which the YAML
// scanner leaves as a string) and 1.79e308 (a float to it) are treated
// alike, and values within the bound load as numbers in either spelling.
func TestTrafficBoundAtLoad(t *testing.T) {
	for _, c := range []struct {
		value string
		want  float64 // when it loads
		err   bool
	}{
		{"1500", 1500, false},
		{"1e9", 1e9, false},
		{"1.5e3", 1500, false},
		{"1000000000", 1e9, false},
		{"1000000001", 0, true},
		{"1e17", 0, true},
		{"1e19", 0, true},
		{"1e308", 0, true},
		{"1.79e308", 0, true},
		{"1e400", 0, true}, // past float64: still the bound's error
	} {
		d, err := Parse("t.yaml", []byte(strings.Replace(trafficDesign, "VALUE", c.value, 1)))
		if !c.err {
			if err != nil {
				t.Errorf("%s: %v", c.value, err)
			} else if got := d.VPCs[0].Traffic.InternetEgressGB; got != c.want {
				t.Errorf("%s: loaded %v, want %v", c.value, got, c.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: loaded; want the bound's error", c.value)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"t.yaml:15:27:", "internet_egress_gb in traffic is " + c.value + " GB, over the bound of 1,000,000,000 GB a month", "write at most 1,000,000,000 GB"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: error %q lacks %q", c.value, msg, want)
			}
		}
	}
}

// TestTrafficKeysRoundTrip: the new keys load, validate and save in
// canonical order, and a negative public_ipv4 is an error.
func TestTrafficKeysRoundTrip(t *testing.T) {
	src := strings.Replace(trafficDesign, "      internet_egress_gb: VALUE\n",
		"      flow_logs_gb: 7\n      internet_ingress_gb: 300\n      peering_gb: 40\n      on_premises_ingress_gb: 50\n      internet_egress_gb: 100\n", 1)
	d, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tr := d.VPCs[0].Traffic
	if tr.InternetIngressGB != 300 || tr.PeeringGB != 40 || tr.OnPremisesIngressGB != 50 || tr.FlowLogsGB != 7 || tr.InternetEgressGB != 100 {
		t.Fatalf("traffic %+v", *tr)
	}
	if w := d.VPCs[0].Workloads[0]; w.PublicIPv4 != 2 {
		t.Fatalf("public_ipv4 %d, want 2", w.PublicIPv4)
	}
	out := string(Marshal(d))
	for _, want := range []string{"public_ipv4: 2", "internet_ingress_gb: 300", "peering_gb: 40", "on_premises_ingress_gb: 50", "flow_logs_gb: 7"} {
		if !strings.Contains(out, want) {
			t.Errorf("saved file lacks %q:\n%s", want, out)
		}
	}
	again, err := Parse("t.yaml", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range TrafficKeys() {
		if got, want := again.VPCs[0].Traffic.TrafficValue(k), tr.TrafficValue(k); got != want {
			t.Errorf("round trip: %s %v, want %v", k, got, want)
		}
	}
	d.VPCs[0].Workloads[0].PublicIPv4 = -1
	d.VPCs[0].Traffic.PeeringGB = 2e9 // a design built in memory, not loaded
	var codes []string
	for _, f := range Validate(d) {
		if f.Code == "traffic-invalid" {
			codes = append(codes, f.Message)
		}
	}
	if len(codes) != 2 || !strings.Contains(strings.Join(codes, "\n"), "public_ipv4 of workload bastion is -1") || !strings.Contains(strings.Join(codes, "\n"), "peering_gb of VPC prod is 2e+09") {
		t.Errorf("findings %q", codes)
	}
}
