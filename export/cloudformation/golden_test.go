package cloudformation

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
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
					testtools.Golden(t, filepath.Join("testdata", c.name+"-"+tpl.Region+"."+f), got)
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
