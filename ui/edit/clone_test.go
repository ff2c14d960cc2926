package edit

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
)

func BenchmarkClone5000(b *testing.B) {
	d := fixture.Big(b, 5000)
	for b.Loop() {
		d.Clone()
	}
}

// BenchmarkReparse5000 measures the alternative snapshot (Marshal, then
// Parse), for comparison with design.Design.Clone.
func BenchmarkReparse5000(b *testing.B) {
	d := fixture.Big(b, 5000)
	for b.Loop() {
		if _, err := design.Parse("", design.Marshal(d)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClone100k and BenchmarkCloneFor100k compare the copy an edit of
// one VPC makes at 100,000 subnets: the whole design, or the VPC list and
// that VPC (CloneFor).
func BenchmarkClone100k(b *testing.B) {
	d := gen.Design(gen.ForSubnets(100_000))
	b.ReportAllocs()
	for b.Loop() {
		d.Clone()
	}
}

func BenchmarkCloneFor100k(b *testing.B) {
	d := gen.Design(gen.ForSubnets(100_000))
	s := InVPC(len(d.VPCs) / 2)
	b.ReportAllocs()
	for b.Loop() {
		CloneFor(d, s)
	}
}
