package design_test

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// BenchmarkParse10k measures the loader alone on a saved 10k-subnet design.
func BenchmarkParse10k(b *testing.B) {
	data := design.Marshal(gen.Design(gen.ForSubnets(10_000)))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := design.Parse("bench.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
