package reach

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// BenchmarkWhoCanReach asks "who can reach vpc00000/sg:app" (the first
// hub VPC's app group, which admits the load balancer and the on-premises
// network) on a generated design, with a fresh engine each time, as the CLI
// does. Target: under 100 ms at 10k subnets, near-linear growth (the
// 1k, 10k and 100k figures, whose ratios BENCHMARKS.md states).
func BenchmarkWhoCanReach(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		l := design.Resolve(gen.Design(gen.ForSubnets(n)))
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e := New(l)
				to, err := e.Resolve("vpc00000/sg:app")
				if err != nil {
					b.Fatal(err)
				}
				if len(e.Sources(to, Query{})) == 0 {
					b.Fatal("nobody reaches the app group")
				}
			}
		})
	}
}

// BenchmarkExposure lists what the internet and the network reach on a
// generated design. Target: under 2 s at 100k subnets, near-linear.
func BenchmarkExposure(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		l := design.Resolve(gen.Design(gen.ForSubnets(n)))
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				if len(New(l).Exposure(Query{})) == 0 {
					b.Fatal("nothing exposed")
				}
			}
		})
	}
}

// BenchmarkCheckRules is what sg-rule-unreachable adds to validation: an
// engine and every rule of every group of a generated design. Compare with
// design's BenchmarkResolveValidate at the same size (BENCHMARKS.md);
// BenchmarkLoadCarveValidate's target is 100k subnets under 1 s in all.
// The generated design's app groups admit network:corp, which only every
// tenth VPC (on the hub gateway) reaches: the other nine are findings, so
// the slow case (every pair tried, none passing) is measured too.
func BenchmarkCheckRules(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		l := design.Resolve(gen.Design(gen.ForSubnets(n)))
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if fs := CheckRules(l); len(fs) == 0 {
					b.Fatal("the non-hub VPCs' rules from network:corp are not reported")
				}
			}
		})
	}
}

// BenchmarkLoadCarveValidateWithReach is design's BenchmarkLoadCarveValidate
// (parse the saved YAML, resolve, validate) with the engine's check, as the
// CLI's validate and the designer run it. Target: as design's, 100k subnets
// under 1 s.
func BenchmarkLoadCarveValidateWithReach(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := design.Marshal(gen.Design(gen.ForSubnets(n)))
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			lim := design.Limits{MaxBytes: max(design.MaxFileSize, len(data))}
			b.ReportAllocs()
			for b.Loop() {
				d, err := design.ParseWithLimits("bench.yaml", data, lim)
				if err != nil {
					b.Fatal(err)
				}
				if fs := ValidateLayout(design.Resolve(d)); design.HasErrors(fs) {
					b.Fatal("generated design has errors")
				}
			}
		})
	}
}
