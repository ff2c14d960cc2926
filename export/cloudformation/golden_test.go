package cloudformation

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestGolden compares every case's templates with testdata/<case>-<region>.
// {yaml,json}; `go test -update` rewrites them. A change to the exporter
// shows up as a reviewable diff of real CloudFormation.
func TestGolden(t *testing.T) {
	for _, c := range exportCases(t) {
		t.Run(c.name, func(t *testing.T) {
			_, ts := buildCase(t, c)
			for _, tpl := range ts {
				for _, f := range formats {
					got := render(t, tpl, f)
					path := filepath.Join("testdata", c.name+"-"+tpl.Region+"."+f)
					if *update {
						if err := os.MkdirAll("testdata", 0o755); err != nil {
							t.Fatal(err)
						}
						if err := design.WriteFileAtomic(path, got, 0o644); err != nil {
							t.Fatal(err)
						}
						continue
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatalf("%v (run go test -update to create it)", err)
					}
					if !bytes.Equal(got, want) {
						t.Errorf("%s differs from the export (run go test -update and review the diff)\n%s", path, firstDiff(want, got))
					}
				}
			}
		})
	}
}

// TestDeterministic builds every case twice, from two separate loads, and
// wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range exportCases(t) {
		_, a := buildCase(t, c)
		_, b := buildCase(t, c)
		if len(a) != len(b) {
			t.Fatalf("%s: %d templates, then %d", c.name, len(a), len(b))
		}
		for i := range a {
			for _, f := range formats {
				if !bytes.Equal(render(t, a[i], f), render(t, b[i], f)) {
					t.Errorf("%s %s %s: two builds differ", c.name, a[i].Region, f)
				}
			}
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}
