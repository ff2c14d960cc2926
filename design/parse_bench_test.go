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

// BenchmarkParse100kRouting measures the loader alone on the file of
// BenchmarkLoadCarveValidateRouting at 100k subnets (22.6 MiB: routes and
// network ACLs written out), the part of that benchmark this loader owns.
// "serial" decodes the VPCs on one goroutine, as before they were decoded
// in chunks: the ratio of the two in one run is the chunks' gain.
func BenchmarkParse100kRouting(b *testing.B) {
	s := gen.ForSubnets(100_000)
	s.Routing = true
	data := design.Marshal(gen.Design(s))
	lim := design.Limits{MaxBytes: len(data)}
	for _, c := range []struct {
		name  string
		parse func(string, []byte, design.Limits) (*design.Design, error)
	}{{"chunked", design.ParseWithLimits}, {"serial", design.ParseSerial}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.parse("bench.yaml", data, lim); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
