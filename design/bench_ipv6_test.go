package design_test

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// dualStack is the production shape of ForSubnets(n) with every VPC
// dual-stack and every subnet's /64 index written (a saved design).
func dualStack(n int) []byte {
	s := gen.ForSubnets(n)
	s.DualStack = true
	return design.Marshal(gen.Design(s))
}

// BenchmarkLoadCarveValidateDualStack is BenchmarkLoadCarveValidate on a
// dual-stack design: the /64 indexes parsed and checked, the IPv6 routes
// derived and checked. Target: 100k subnets in under 1 s.
func BenchmarkLoadCarveValidateDualStack(b *testing.B) {
	for _, n := range scales {
		data := dualStack(n)
		benchLoad(b, n, data)
	}
}

// BenchmarkPeakHeap100kDualStack is BenchmarkPeakHeap100k on the
// dual-stack design (target: peak under 500 MB).
func BenchmarkPeakHeap100kDualStack(b *testing.B) {
	benchPeakHeap(b, dualStack(100_000))
}
