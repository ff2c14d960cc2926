package templates

import (
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestCanonical wants every embedded template in the canonical form Marshal
// writes. -update rewrites them in that form: write a template by hand with
// `prefix` tiers, then run `go test ./templates -run TestCanonical -update` to
// record its carved subnets, so that they never move.
func TestCanonical(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			src, err := Source(name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := design.Parse(FileName(name), src)
			if err != nil {
				t.Fatal(err)
			}
			// The embedded file is its own golden file: it must already be
			// what Marshal writes.
			testtools.Golden(t, filepath.Join(dir, name+".yaml"), design.Marshal(d))
		})
	}
}
