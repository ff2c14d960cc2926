package cloudformation

import (
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

// exportCase is a design the exporter's proofs run on: the reference
// example and every built-in template.
type exportCase struct {
	name string
	load func() (*design.Design, error)
}

func exportCases(t testing.TB) []exportCase {
	t.Helper()
	cases := []exportCase{{"reference", func() (*design.Design, error) {
		return design.Load(filepath.Join("..", "..", "design", "testdata", "reference.yaml"))
	}}}
	// The routing keys (design/testdata/routing.yaml, with the one route
	// the exporter refuses changed: TestRefuseCoveredBlackhole).
	cases = append(cases, exportCase{"routing", func() (*design.Design, error) {
		return design.Load(filepath.Join("testdata", "routing-export.yaml"))
	}})
	list := templates.List()
	if len(list) == 0 {
		t.Fatal("templates.List() is empty: the proofs would cover only the reference design")
	}
	for _, tpl := range list {
		name := tpl.Name
		cases = append(cases, exportCase{"template-" + name, func() (*design.Design, error) { return templates.Load(name) }})
	}
	return cases
}

// buildCase loads and exports a case.
func buildCase(t testing.TB, c exportCase) (*design.Design, []*Template) {
	t.Helper()
	d, err := c.load()
	if err != nil {
		t.Fatalf("%s: load: %v", c.name, err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatalf("%s: Build: %v", c.name, err)
	}
	return d, ts
}

// render returns a template in a format ("yaml" or "json").
func render(t testing.TB, tpl *Template, format string) []byte {
	t.Helper()
	var b []byte
	var err error
	if format == "json" {
		b, err = tpl.JSON()
	} else {
		b, err = tpl.YAML()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", tpl.Region, format, err)
	}
	return b
}

var formats = []string{"yaml", "json"}
