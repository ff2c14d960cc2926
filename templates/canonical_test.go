package templates

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// -update rewrites the embedded files in canonical form: write a template by
// hand with `prefix` tiers, then run `go test ./templates -run TestCanonical
// -update` to record its carved subnets, so that they never move.
var update = flag.Bool("update", false, "rewrite the template files in canonical form")

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
			got := design.Marshal(d)
			if *update {
				if err := os.WriteFile(filepath.Join(dir, name+".yaml"), got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(got, src) {
				t.Errorf("%s.yaml is not in canonical form (run go test ./templates -run TestCanonical -update):\n%s", name, firstDiff(src, got))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ, with its number.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  file:      %s\n  canonical: %s", i+1, w, g)
		}
	}
	return "(lengths differ)"
}
