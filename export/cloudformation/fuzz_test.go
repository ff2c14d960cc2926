package cloudformation

import (
	"errors"
	"os"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

// FuzzBuild feeds arbitrary design files through Build and both writers:
// whatever the file says, the exporter returns templates or an error, never
// panics, and what it returns renders. `go test` runs the seeds; run
// `go test -fuzz FuzzBuild ./export/cloudformation` to search further.
func FuzzBuild(f *testing.F) {
	for _, p := range []string{"../../design/testdata/reference.yaml", "testdata/hostile.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, name := range templates.Names() {
		b, err := templates.Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(egressDesign))
	f.Add([]byte(multiRegion))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := design.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		ts, err := Build(design.Resolve(d))
		if err != nil {
			var fe *FindingsError
			if errors.As(err, &fe) && !design.HasErrors(fe.Findings) {
				t.Fatalf("a FindingsError without errors: %v", fe.Findings)
			}
			return
		}
		for _, tpl := range ts {
			if _, err := tpl.YAML(); err != nil {
				var le *LimitError
				if !errors.As(err, &le) {
					t.Fatalf("YAML: %v", err)
				}
			}
			if _, err := tpl.JSON(); err != nil {
				var le *LimitError
				if !errors.As(err, &le) {
					t.Fatalf("JSON: %v", err)
				}
			}
		}
	})
}
