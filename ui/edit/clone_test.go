package edit

import (
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
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
