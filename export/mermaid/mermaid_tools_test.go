package mermaid_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestMermaidParses runs Mermaid's own parser over both views of the
// reference and of every template, the hostile design, and the collapsed
// large designs, all in one node process. Two synthetic diagrams at and
// just over MaxEdges pin the constant to what the parser enforces.
func TestMermaidParses(t *testing.T) {
	type diagramCase struct {
		name, src string
		wantOK    bool
	}
	var cases []diagramCase
	add := func(name, src string) { cases = append(cases, diagramCase{name, src, true}) }
	for _, s := range samples(t) {
		for _, view := range mermaid.Views {
			add(s.name+"."+string(view), render(t, s.d, mermaid.Options{View: view}).Text)
		}
	}
	for _, view := range mermaid.Views {
		add("hostile."+string(view), render(t, hostileDesign(len(hostileNames)), mermaid.Options{View: view}).Text)
		add("generated-50."+string(view), render(t, generated(50, 3), mermaid.Options{View: view}).Text)
		add("generated-150."+string(view), render(t, generated(150, 3), mermaid.Options{View: view}).Text)
	}
	add("security-tier-collapse", render(t, withWorkers(generated(110, 1), 3), mermaid.Options{View: mermaid.ViewSecurity}).Text)
	edges := func(n int) string {
		var b strings.Builder
		b.WriteString("flowchart LR\n")
		for i := range n {
			fmt.Fprintf(&b, "  a%d --> a%d\n", i, i+1)
		}
		return b.String()
	}
	cases = append(cases,
		diagramCase{"edges-at-limit", edges(mermaid.MaxEdges), true},
		diagramCase{"edges-over-limit", edges(mermaid.MaxEdges + 1), false},
	)
	srcs := make([]string, len(cases))
	for i, c := range cases {
		srcs[i] = c.src
	}
	results := testtools.MermaidParse(t, srcs)
	for i, c := range cases {
		r := results[i]
		switch {
		case c.wantOK && !r.OK:
			t.Errorf("%s: Mermaid cannot parse it: %s\n%s", c.name, r.Error, c.src)
		case !c.wantOK && r.OK:
			t.Errorf("%s: Mermaid parsed it; MaxEdges (%d) no longer matches Mermaid's limit", c.name, mermaid.MaxEdges)
		}
	}
}

// TestMermaidRenders lays out every template's network view, and the
// hostile design's, in a browser with mermaid-cli: proof beyond parsing
// that a page can draw them (about 3 s each).
func TestMermaidRenders(t *testing.T) {
	testtools.Require(t, testtools.ToolMermaidCLI)
	type job struct{ name, src, want string }
	var jobs []job
	for _, s := range samples(t) {
		if strings.HasPrefix(s.name, "template-") {
			jobs = append(jobs, job{s.name, render(t, s.d, mermaid.Options{}).Text, "Internet gateway"})
		}
	}
	// The first hostile names (quote, brackets, end, HTML, emoji, a
	// 200-character and a non-ASCII name) as VPCs, most of the others in
	// their tiers, groups and connections; all 34 VPCs take a browser 18 s.
	jobs = append(jobs, job{"hostile", render(t, hostileDesign(8), mermaid.Options{}).Text, "rocket"})
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			t.Parallel()
			svg := string(testtools.MermaidRender(t, j.src))
			if !strings.Contains(svg, "<svg") || !strings.Contains(svg, j.want) {
				t.Errorf("the SVG does not show %q", j.want)
			}
			for _, bad := range []string{"Syntax error", "Maximum text size", "Edge limit exceeded"} {
				if strings.Contains(svg, bad) {
					t.Errorf("the SVG is Mermaid's error diagram: %q", bad)
				}
			}
		})
	}
}
