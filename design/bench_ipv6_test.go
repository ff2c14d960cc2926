package design_test

import (
	"runtime"
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
	data := dualStack(100_000)
	lim := design.Limits{MaxBytes: len(data)}
	for b.Loop() {
		runtime.GC()
		stop, _ := samplePeakHeap()
		d, err := design.ParseWithLimits("bench.yaml", data, lim)
		if err != nil {
			b.Fatal(err)
		}
		l := design.Resolve(d)
		fs := design.ValidateLayout(l)
		peakBytes := stop()
		runtime.GC()
		b.ReportMetric(float64(peakBytes)/(1<<20), "MB-peak-heap")
		b.ReportMetric(float64(heapObjects())/(1<<20), "MB-live-after")
		runtime.KeepAlive(fs)
		runtime.KeepAlive(l)
	}
}
