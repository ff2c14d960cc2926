package mermaid_test

import (
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// referencePath is the example that uses every key of the format.
const referencePath = "../../examples/reference.yaml"

// routingPath uses every routing key: a transit gateway segmented by route
// tables through an inspection VPC.
const routingPath = "../../design/testdata/routing.yaml"

// sample is a design the golden, parse and render tests draw.
type sample struct {
	name string
	d    *design.Design
}

// samples returns the reference example, the routing design and every
// template.
func samples(t testing.TB) []sample {
	t.Helper()
	ref, err := design.Load(referencePath)
	if err != nil {
		t.Fatalf("load reference: %v", err)
	}
	routing, err := design.Load(routingPath)
	if err != nil {
		t.Fatalf("load routing design: %v", err)
	}
	out := []sample{{"reference", ref}, {"routing", routing}}
	for _, tp := range templates.List() {
		d, err := templates.Load(tp.Name)
		if err != nil {
			t.Fatalf("template %s: %v", tp.Name, err)
		}
		out = append(out, sample{"template-" + tp.Name, d})
	}
	return out
}

func render(t testing.TB, d *design.Design, opts mermaid.Options) mermaid.Result {
	t.Helper()
	r, err := mermaid.Render(design.Resolve(d), opts)
	if err != nil {
		t.Fatalf("Render(%s): %v", opts.View, err)
	}
	return r
}

// TestGolden compares both views of the reference example and of every
// template with testdata/golden; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	ss := samples(t)
	if len(ss) < 2 {
		t.Fatalf("no templates found: the golden files must cover them")
	}
	for _, s := range ss {
		for _, view := range mermaid.Views {
			name := s.name + "." + string(view) + ".mmd"
			t.Run(name, func(t *testing.T) {
				r := render(t, s.d, mermaid.Options{View: view})
				if len(r.Notes) != 0 {
					t.Errorf("notes for a small design: %q", r.Notes)
				}
				testtools.Golden(t, filepath.Join("testdata", "golden", name), []byte(r.Text))
			})
		}
	}
}

// TestGoldenSplit pins the text of the split drawings: the Markdown
// document (overview, one diagram per VPC, subnet tables) of the 8-VPC
// generated design in both views; run with -update to rewrite them.
func TestGoldenSplit(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 8, Tiers: 3, AZs: 3})
	for _, view := range mermaid.Views {
		name := "gen-8." + string(view) + ".md"
		t.Run(name, func(t *testing.T) {
			r := render(t, d, mermaid.Options{View: view, Markdown: true})
			if !r.Split || len(r.Notes) != 1 {
				t.Errorf("split %v, notes %q; want a split and its note", r.Split, r.Notes)
			}
			testtools.Golden(t, filepath.Join("testdata", "golden", name), []byte(r.Text))
		})
	}
}
