package design_test

import (
	"fmt"
	"net/netip"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

func BenchmarkValidateReference(b *testing.B) {
	d, err := design.Load("testdata/reference.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		design.Validate(d)
	}
}

var scales = []int{1_000, 10_000, 100_000}

// BenchmarkLoadCarveValidate is the whole path of opening a design: parse
// the saved YAML, resolve (carve) and validate. Target: 100k subnets in
// under 1 s, and 100k/10k under 15 (near-linear).
func BenchmarkLoadCarveValidate(b *testing.B) {
	for _, n := range scales {
		data := design.Marshal(gen.Design(gen.ForSubnets(n)))
		benchLoad(b, n, data)
	}
}

// BenchmarkLoadCarveValidateRouting is BenchmarkLoadCarveValidate with
// every tier's routes and network ACL written out (gen.Shape.Routing).
// Target: 100k subnets in under 1 s.
func BenchmarkLoadCarveValidateRouting(b *testing.B) {
	for _, n := range scales {
		shape := gen.ForSubnets(n)
		shape.Routing = true
		data := design.Marshal(gen.Design(shape))
		benchLoad(b, n, data)
	}
}

// benchLoad runs one scale of a load-carve-validate benchmark: parse the
// saved YAML (trusted: the 100k files are over the 4 MiB limit), resolve
// and validate, which must find no error.
func benchLoad(b *testing.B, n int, data []byte) {
	b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
		lim := design.Limits{MaxBytes: max(design.MaxFileSize, len(data))}
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d, err := design.ParseWithLimits("bench.yaml", data, lim)
			if err != nil {
				b.Fatal(err)
			}
			if fs := design.ValidateLayout(design.Resolve(d)); design.HasErrors(fs) {
				b.Fatal("generated design has errors")
			}
		}
	})
}

// BenchmarkResolveValidate leaves parsing out: what the editor pays after
// an edit.
func BenchmarkResolveValidate(b *testing.B) {
	for _, n := range scales {
		d := gen.Design(gen.ForSubnets(n))
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				design.ValidateLayout(design.Resolve(d))
			}
		})
	}
}

// BenchmarkCarve measures carving alone, on designs whose tiers give only
// a prefix.
func BenchmarkCarve(b *testing.B) {
	for _, n := range scales {
		s := gen.ForSubnets(n)
		s.Explicit = false
		d := gen.Design(s)
		b.Run(fmt.Sprintf("subnets=%d", n), func(b *testing.B) {
			for b.Loop() {
				design.Resolve(d)
			}
		})
	}
}

// BenchmarkOverlap compares the sort-and-sweep overlap check that
// validation uses with the naive pairwise comparison it replaces, on one
// VPC-sized set of subnets and on the whole design's.
func BenchmarkOverlap(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		prefixes := allSubnets(design.Resolve(gen.Design(gen.ForSubnets(n))))
		b.Run(fmt.Sprintf("naive-pairwise/subnets=%d", n), func(b *testing.B) {
			for b.Loop() {
				naiveOverlaps(prefixes)
			}
		})
		d := gen.Design(gen.ForSubnets(n))
		b.Run(fmt.Sprintf("validate-sweep/subnets=%d", n), func(b *testing.B) {
			for b.Loop() {
				design.Validate(d)
			}
		})
	}
}

func allSubnets(l *design.Layout) []netip.Prefix {
	var out []netip.Prefix
	for _, v := range l.VPCs {
		for _, t := range v.Tiers {
			for _, s := range t.Subnets {
				out = append(out, s.Prefix)
			}
		}
	}
	return out
}

func naiveOverlaps(ps []netip.Prefix) int {
	n := 0
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].Overlaps(ps[j]) {
				n++
			}
		}
	}
	return n
}

// BenchmarkPeakHeap100k reports the heap while the 100k-subnet design is
// loaded from its 13 MiB of YAML, resolved and validated (target: peak
// under 500 MB), and what stays live afterwards with the design, its layout
// and its findings. The peak is sampled every millisecond from
// runtime/metrics, which does not stop the world.
func BenchmarkPeakHeap100k(b *testing.B) {
	benchPeakHeap(b, design.Marshal(gen.Design(gen.ForSubnets(100_000))))
}

// benchPeakHeap loads data (trusted), resolves and validates it, and
// reports the heap's peak meanwhile and what stays live after.
func benchPeakHeap(b *testing.B, data []byte) {
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

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeakHeap watches the heap's objects (live and not yet swept) until
// stop is called, and returns the largest size seen.
func samplePeakHeap() (stop func() uint64, peak *atomic.Uint64) {
	peak = new(atomic.Uint64)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if h := heapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		if h := heapObjects(); h > peak.Load() {
			peak.Store(h)
		}
		return peak.Load()
	}, peak
}
