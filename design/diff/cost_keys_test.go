package diff

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
)

// setTraffic sets one traffic key of VPC vi, creating the block when
// absent. The field is found through the design's own table of keys
// (Traffic.TrafficValue): the field whose value the key reads.
func setTraffic(d *design.Design, vi int, key string, gb float64) {
	v := &d.VPCs[vi]
	if v.Traffic == nil {
		v.Traffic = &design.Traffic{}
	}
	rv := reflect.ValueOf(v.Traffic).Elem()
	for i := range rv.NumField() {
		f := rv.Field(i)
		if !rv.Type().Field(i).IsExported() || f.Kind() != reflect.Float64 {
			continue
		}
		was := f.Float()
		f.SetFloat(-1)
		if v.Traffic.TrafficValue(key) == -1 {
			f.SetFloat(gb)
			return
		}
		f.SetFloat(was)
	}
	panic("no Traffic field for " + key)
}

// TestCostKeyChanges: each traffic key and a workload's public_ipv4, and
// the traffic block as a whole, added, changed and removed, each reported
// with its old and new value, none a replacement.
func TestCostKeyChanges(t *testing.T) {
	const vp = "vpcs/backend" // the peering template's first VPC: internet_egress_gb 100, s3_gb 200, cross_az_gb 50
	type want struct {
		kind     Kind
		path     string
		old, new map[string]any
	}
	type tcase struct {
		name string
		base string
		prep func(d *design.Design) // on both sides, before the edit
		edit func(d *design.Design)
		want want
	}
	cases := []tcase{
		{"public_ipv4 written", "peering", nil, func(d *design.Design) { d.VPCs[0].Workloads[1].PublicIPv4 = 3 },
			want{Changed, vp + "/workloads/api", map[string]any{"public_ipv4": nil}, map[string]any{"public_ipv4": 3}}},
		{"traffic block added", "three-tier", func(d *design.Design) { d.VPCs[0].Traffic = nil }, func(d *design.Design) { setTraffic(d, 0, "flow_logs_gb", 40) },
			want{Added, "vpcs/production/traffic", nil, map[string]any{"flow_logs_gb": 40.0}}},
		{"traffic block removed", "peering", nil, func(d *design.Design) { d.VPCs[0].Traffic = nil },
			want{Removed, vp + "/traffic", map[string]any{"internet_egress_gb": 100.0, "s3_gb": 200.0, "cross_az_gb": 50.0}, nil}},
		{"a key at the bound", "peering", nil, func(d *design.Design) { setTraffic(d, 0, "internet_egress_gb", design.MaxTrafficGB) },
			want{Changed, vp + "/traffic", map[string]any{"internet_egress_gb": 100.0}, map[string]any{"internet_egress_gb": float64(design.MaxTrafficGB)}}},
		{"an old key removed", "peering", nil, func(d *design.Design) { setTraffic(d, 0, "s3_gb", 0) },
			want{Changed, vp + "/traffic", map[string]any{"s3_gb": 200.0}, map[string]any{"s3_gb": nil}}},
	}
	for i, key := range design.TrafficKeys() {
		gb := float64(10 + i)
		cases = append(cases, tcase{key + " written", "peering", nil, func(d *design.Design) { setTraffic(d, 0, key, d.VPCs[0].Traffic.TrafficValue(key)+gb) }, want{}})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, tc.base)
			if tc.prep != nil {
				tc.prep(old)
			}
			new := old.Clone()
			tc.edit(new)
			w := tc.want
			if w.path == "" { // a traffic key's case: its value before and after
				key := strings.TrimSuffix(tc.name, " written")
				o, n := old.VPCs[0].Traffic.TrafficValue(key), new.VPCs[0].Traffic.TrafficValue(key)
				w = want{Changed, vp + "/traffic", map[string]any{key: o}, map[string]any{key: n}}
				if o == 0 {
					w.old[key] = nil
				}
			}
			got := Changes(old, new)
			if len(got) != 1 {
				t.Fatalf("changes %v: want one, %s %s", summary(got), w.kind, w.path)
			}
			c := got[0]
			if c.Kind != w.kind || c.Path != w.path || c.Replaces || !reflect.DeepEqual(c.Old, w.old) || !reflect.DeepEqual(c.New, w.new) {
				t.Errorf("got %s %s replaces=%v old %v new %v\nwant %s %s replaces=false old %v new %v",
					c.Kind, c.Path, c.Replaces, c.Old, c.New, w.kind, w.path, w.old, w.new)
			}
			// And back: the other way round is the mirror change.
			back := Changes(new, old)
			if len(back) != 1 || back[0].Path != w.path || !reflect.DeepEqual(back[0].Old, c.New) || !reflect.DeepEqual(back[0].New, c.Old) {
				t.Errorf("reversed: %v, want the mirror of %s %s", summary(back), c.Kind, c.Path)
			}
			if !reflect.DeepEqual(got, changes(old, new, false)) {
				t.Errorf("fast path %v disagrees with the full comparison %v", summary(got), summary(changes(old, new, false)))
			}
		})
	}
}

// TestCostKeysNoChange: what the new keys cannot tell apart is no change:
// workloads with public_ipv4 reordered, traffic keys written in another
// order, a key written as 0 and `traffic: {}` against no block.
func TestCostKeysNoChange(t *testing.T) {
	parse := func(t *testing.T, src string) *design.Design {
		t.Helper()
		d, err := design.Parse("t.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const head = "version: 1\nname: t\nregion: us-east-1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    azs: 2\n    nat: single\n" +
		"    tiers:\n      - {name: web, kind: public, prefix: 24}\n      - {name: app, kind: private, prefix: 24}\n" +
		"    security_groups:\n      - {name: web, tier: web, ingress: [{from: internet, ports: 443}]}\n"
	pairs := []struct{ name, a, b string }{
		{"traffic keys reordered", head + "    traffic: {internet_ingress_gb: 5, peering_gb: 6, on_premises_ingress_gb: 7, flow_logs_gb: 8, s3_gb: 1}\n",
			head + "    traffic: {flow_logs_gb: 8, s3_gb: 1, on_premises_ingress_gb: 7, peering_gb: 6, internet_ingress_gb: 5}\n"},
		{"a key written as 0", head + "    traffic: {internet_ingress_gb: 5, flow_logs_gb: 0}\n", head + "    traffic: {internet_ingress_gb: 5}\n"},
		{"empty traffic against none", head + "    traffic: {}\n", head},
		{"workloads reordered", head + "    workloads:\n      - {name: w1, kind: ec2, tier: web, security_group: web, public_ipv4: 2}\n" +
			"      - {name: w2, kind: ec2, tier: web, security_group: web, public_ipv4: 4}\n",
			head + "    workloads:\n      - {name: w2, kind: ec2, tier: web, security_group: web, public_ipv4: 4}\n" +
				"      - {name: w1, kind: ec2, tier: web, security_group: web, public_ipv4: 2}\n"},
	}
	for _, p := range pairs {
		a, b := parse(t, p.a), parse(t, p.b)
		for _, skip := range []bool{true, false} {
			if got := changes(a, b, skip); len(got) != 0 {
				t.Errorf("%s (skip %v): %v, want no change", p.name, skip, summary(got))
			}
		}
	}
	// The same workloads with a count changed is a change: the pairs
	// above are not equal for want of reading public_ipv4.
	a := parse(t, pairs[3].a)
	b := parse(t, strings.Replace(pairs[3].b, "public_ipv4: 4", "public_ipv4: 5", 1))
	if got := Changes(a, b); !slices.Equal(summary(got), []string{"changed vpcs/a/workloads/w2"}) {
		t.Errorf("public_ipv4 4 to 5: %v", summary(got))
	}
}

// TestCostDeltaOfCostKeys: the report's cost delta follows each new key,
// in the category docs/cost.md prices it in, and stays exact and encodable
// at the bound.
func TestCostDeltaOfCostKeys(t *testing.T) {
	withNetwork := func(d *design.Design) {
		// The transit-gateway template's hub reaches a network over its
		// VPN, so on-premises ingress pays the gateway's data processing.
		d.Networks = append(d.Networks, design.Network{Name: "dc", CIDR: "192.168.0.0/16"})
		for i := range d.Connections {
			if d.Connections[i].Kind == design.ConnTransitGateway {
				d.Connections[i].Networks = []string{"dc"}
			}
		}
	}
	cases := []struct {
		name, base string
		prep       func(d *design.Design) // on both sides
		edit       func(d *design.Design)
		cat        cost.Category
	}{
		{"internet_ingress_gb", "three-tier", nil, func(d *design.Design) { setTraffic(d, 0, "internet_ingress_gb", 1000) }, cost.NATGatewayData},
		{"peering_gb", "peering", nil, func(d *design.Design) { setTraffic(d, 0, "peering_gb", 1000) }, cost.CrossAZData},
		{"on_premises_ingress_gb", "transit-gateway", withNetwork, func(d *design.Design) { setTraffic(d, 0, "on_premises_ingress_gb", 1000) }, cost.TransitGatewayData},
		{"flow_logs_gb", "three-tier", nil, func(d *design.Design) { setTraffic(d, 0, "flow_logs_gb", 1000) }, cost.FlowLogsData},
		{"public_ipv4", "peering", nil, func(d *design.Design) { d.VPCs[0].Workloads[1].PublicIPv4 = 4 }, cost.PublicIPv4},
		{"a key at the bound", "three-tier", nil, func(d *design.Design) { setTraffic(d, 0, "internet_ingress_gb", design.MaxTrafficGB) }, cost.NATGatewayData},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, tc.base)
			if tc.prep != nil {
				tc.prep(old)
			}
			new := old.Clone()
			tc.edit(new)
			r, err := Compare(old, new, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Cost == nil {
				t.Fatalf("no cost delta: %s", r.CostNote)
			}
			if r.Cost.Delta <= 0 || r.Cost.Delta != r.Cost.New-r.Cost.Old {
				t.Errorf("delta %v (old %v new %v): want a positive, exact difference", r.Cost.Delta, r.Cost.Old, r.Cost.New)
			}
			var sum cost.Money
			var inCat cost.Money
			for _, c := range r.Cost.Categories {
				sum += c.Delta
				if c.Category == tc.cat {
					inCat = c.Delta
				}
			}
			if inCat <= 0 || sum != r.Cost.Delta {
				t.Errorf("category %s delta %v, categories sum %v of %v: want the increase there and the sum the total", tc.cat, inCat, sum, r.Cost.Delta)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("the report does not encode: %v", err)
			}
		})
	}
}

// costKeyEdits change one VPC's cost keys alone, for
// TestFastPathAgreesWithFull and TestFastPathSeesCostKeys: the VPC they
// edit must not be skipped as unchanged.
var costKeyEdits = []struct {
	name string
	edit func(d *design.Design)
}{
	{"internet_ingress_gb on the first VPC", func(d *design.Design) { setTraffic(d, 0, "internet_ingress_gb", 70) }},
	{"peering_gb on the last VPC", func(d *design.Design) { setTraffic(d, len(d.VPCs)-1, "peering_gb", 71) }},
	{"on_premises_ingress_gb on the first VPC", func(d *design.Design) { setTraffic(d, 0, "on_premises_ingress_gb", 72) }},
	{"flow_logs_gb on the last VPC", func(d *design.Design) { setTraffic(d, len(d.VPCs)-1, "flow_logs_gb", 73) }},
	{"traffic removed from the first VPC", func(d *design.Design) {
		if d.VPCs[0].Traffic == nil { // a base without traffic: the change is the other way
			setTraffic(d, 0, "cross_az_gb", 5)
			return
		}
		d.VPCs[0].Traffic = nil
	}},
	{"public_ipv4 on the last VPC", func(d *design.Design) {
		v := &d.VPCs[len(d.VPCs)-1]
		if len(v.Workloads) == 0 {
			v.Workloads = []design.Workload{{Name: "w", Kind: "ec2", Tier: v.Tiers[0].Name}}
		}
		v.Workloads[len(v.Workloads)-1].PublicIPv4 += 2
	}},
	{"reserve on the first VPC's first tier", func(d *design.Design) { d.VPCs[0].Tiers[0].Reserve++ }},
}

// TestFastPathSeesCostKeys: an edit of a cost key alone is a change on the
// fast path, on every base of TestFastPathAgreesWithFull (which holds the
// values against the full comparison): the VPC is not skipped.
func TestFastPathSeesCostKeys(t *testing.T) {
	for bname, base := range fastBases(t) {
		for _, e := range costKeyEdits {
			new := base.Clone()
			e.edit(new)
			if got := Changes(base, new); len(got) == 0 {
				t.Errorf("%s, %s: no change on the fast path", bname, e.name)
			}
		}
	}
}
