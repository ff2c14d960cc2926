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
// does. Target: under 100 ms at 10k subnets, near-linear growth.
func BenchmarkWhoCanReach(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		l := design.Resolve(gen.Design(gen.ForSubnets(n)))
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
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
