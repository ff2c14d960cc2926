package cloudformation

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// BenchmarkCloudFormation50VPC exports a generated design of 50 VPCs, five
// per region (AWS's default VPC quota) in ten regions, each with three tiers
// in three AZs, per-AZ NAT, endpoints, flow logs, security groups and
// peerings: resolve, validate, build and render every template as YAML.
// Target: under 100 ms.
func BenchmarkCloudFormation50VPC(b *testing.B) {
	d, err := design.Parse("many.yaml", []byte(manyVPCs(50, 5)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ts, err := Build(design.Resolve(d))
		if err != nil {
			b.Fatal(err)
		}
		if len(ts) != 10 {
			b.Fatalf("want 10 templates, got %d", len(ts))
		}
		for _, tpl := range ts {
			if _, err := tpl.YAML(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCloudFormation50VPCJSON is the same export rendered as JSON.
func BenchmarkCloudFormation50VPCJSON(b *testing.B) {
	d, err := design.Parse("many.yaml", []byte(manyVPCs(50, 5)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ts, err := Build(design.Resolve(d))
		if err != nil {
			b.Fatal(err)
		}
		for _, tpl := range ts {
			if _, err := tpl.JSON(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
