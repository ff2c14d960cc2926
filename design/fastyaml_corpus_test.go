package design_test

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
	"github.com/vpcsmith/vpcsmith/templates"
)

// TestSavedFilesTakeTheFastPath: everything vpcsmith writes is in the
// canonical subset, so it loads on the fast path, and goccy reads each file
// the same: the templates as shipped and as saved, generated designs of
// every shape, and the hostile corpus in every name (its escapes included).
func TestSavedFilesTakeTheFastPath(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range templates.Names() {
		src, err := templates.Source(name)
		if err != nil {
			t.Fatal(err)
		}
		files["template "+name] = src
		d, err := templates.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		files["saved template "+name] = design.Marshal(d)
	}
	for _, s := range []gen.Shape{gen.ForSubnets(100), gen.ForSubnets(2_000), {VPCs: 3, Tiers: 1, AZs: 1}, {VPCs: 1, Tiers: 6, AZs: 6}} {
		files[fmt.Sprintf("generated %+v", s)] = design.Marshal(gen.Design(s))
	}
	for _, p := range hostile.Payloads(t) {
		if !p.UTF8() {
			continue // no design file can hold it
		}
		files["hostile "+p.Name] = design.Marshal(hostile.Design(p.Text, p.Text))
	}
	for name, data := range files {
		accepted, diff := design.CompareParsers(data)
		if !accepted {
			t.Errorf("%s: the fast path declined a file vpcsmith wrote", name)
		}
		if diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}
