package mermaid_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestHostileCorpus exports, in both views, the design of testdata/hostile
// with each payload of the corpus in every name and description (as Go
// values, so the payloads that are not UTF-8 are there too). Each diagram
// must carry no character a terminal acts on, keep every line one the
// exporter writes (no label broke out of its quotes), have the same shape
// as the design with harmless names (no element lost or made up by a
// name), render quickly whatever the name's length, and parse with
// Mermaid's own parser.
func TestHostileCorpus(t *testing.T) {
	var sources []string
	var labels []string
	for _, view := range mermaid.Views {
		benign := shape(parseOutput(t, render(t, corpusDesign("x"), mermaid.Options{View: view}).Text))
		for _, p := range hostile.Payloads(t) {
			name := string(view) + "/" + p.Name
			start := time.Now()
			r := render(t, corpusDesign(p.Text), mermaid.Options{View: view})
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("%s: took %v", name, el)
			}
			if off, what, found := hostile.Find(r.Text, hostile.Allow{Newline: true}); found {
				t.Errorf("%s: %s at byte %d: %s", name, what, off, hostile.Excerpt(r.Text, off))
				continue
			}
			if got := shape(parseOutput(t, r.Text)); got != benign {
				t.Errorf("%s: the diagram's shape changed with the names:\n%s\nwant\n%s", name, got, benign)
			}
			sources = append(sources, r.Text)
			labels = append(labels, name)
		}
	}
	for i, res := range testtools.MermaidParse(t, sources) {
		if !res.OK {
			t.Errorf("%s: Mermaid does not parse the diagram: %s", labels[i], res.Error)
		}
	}
}

// corpusDesign is the corpus's hostile design with p in every text.
func corpusDesign(p string) *design.Design { return hostile.Design(p, p) }

// shape is a diagram without its names: for each element in order, its
// depth and whether it is a group, and the edges by the positions of their
// ends and their arrow.
func shape(d *diagram) string {
	pos := map[string]int{}
	var b strings.Builder
	for i, id := range d.order {
		pos[id] = i
		depth := 0
		for p := d.parent[id]; p != ""; p = d.parent[p] {
			depth++
		}
		fmt.Fprintf(&b, "%s%v\n", strings.Repeat(" ", depth), d.groups[id])
	}
	for _, e := range d.edges {
		fmt.Fprintf(&b, "%d %s %d\n", pos[e.from], e.arrow, pos[e.to])
	}
	return b.String()
}
