package mermaid_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

// jsLen is the diagram's length as Mermaid measures it (UTF-16 units).
func jsLen(s string) int { return len(utf16.Encode([]rune(s))) }

// checkLimits fails when a diagram breaks Mermaid's default limits, counting
// from the text itself rather than trusting Result.
func checkLimits(t *testing.T, r mermaid.Result) *diagram {
	t.Helper()
	if n := jsLen(r.Text); n > mermaid.MaxTextSize || n != r.Chars {
		t.Errorf("diagram has %d characters (Result says %d); the limit is %d", n, r.Chars, mermaid.MaxTextSize)
	}
	d := parseOutput(t, r.Text)
	if len(d.edges) > mermaid.MaxEdges || len(d.edges) != r.Edges {
		t.Errorf("diagram has %d edges (Result says %d); the limit is %d", len(d.edges), r.Edges, mermaid.MaxEdges)
	}
	return d
}

// TestCollapse50VPC: a 50-VPC, 3-AZ, 4-tier design is split: an overview
// with one node per VPC and one full diagram per VPC, each within both
// limits, and a note says so.
func TestCollapse50VPC(t *testing.T) {
	g := generated(50, 3)
	if fs := design.Validate(g); design.HasErrors(fs) {
		t.Fatalf("the generated design should be valid: %v", fs)
	}
	r := render(t, g, mermaid.Options{})
	if !r.Split || len(r.Diagrams) != 51 || r.Detail != mermaid.DetailVPC {
		t.Fatalf("split %v, %d diagrams, overview detail %s; want an overview and 50 diagrams", r.Split, len(r.Diagrams), r.Detail)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "overview and one diagram per VPC") {
		t.Errorf("notes %q should say the diagram was split", r.Notes)
	}
	d := checkLimits(t, r)
	if n := len(d.groups); n != 0 {
		t.Errorf("the overview has %d subgraphs, want one node per VPC", n)
	}
	for _, dg := range r.Diagrams[1:] {
		if dg.Detail != mermaid.DetailFull {
			t.Errorf("VPC %s drawn at %s detail, want full", dg.Name, dg.Detail)
		}
		checkLimits(t, mermaid.Result{Text: dg.Text, Chars: dg.Chars, Edges: dg.Edges})
	}
	// The security view of the same design is one full diagram per VPC.
	s := render(t, g, mermaid.Options{View: mermaid.ViewSecurity})
	if !s.Split || len(s.Diagrams) != 50 || s.Detail != mermaid.DetailFull || len(s.Notes) != 1 {
		t.Errorf("security view: split %v, %d diagrams, detail %s, notes %q; want 50 full diagrams and one note", s.Split, len(s.Diagrams), s.Detail, s.Notes)
	}
	checkLimits(t, s)
}

// TestCollapseToVPCs: the overview of 150 VPCs has one node per VPC, each
// attached to the transit gateway.
func TestCollapseToVPCs(t *testing.T) {
	r := render(t, generated(150, 3), mermaid.Options{})
	if r.Detail != mermaid.DetailVPC {
		t.Fatalf("detail %s, want vpc", r.Detail)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "150 VPCs") {
		t.Errorf("notes %q", r.Notes)
	}
	d := checkLimits(t, r)
	if n := len(d.groups); n != 0 {
		t.Errorf("VPC detail still has %d subgraphs", n)
	}
	tgw := d.one(t, "Transit gateway")
	attached := 0
	for _, e := range d.edges {
		if e.to == tgw {
			attached++
		}
	}
	if attached != 150 {
		t.Errorf("%d VPCs attached to the transit gateway, want 150", attached)
	}
}

// TestEdgeLimitCollapses: a design within the text limit but over the edge
// limit (many peerings) is collapsed too.
func TestEdgeLimitCollapses(t *testing.T) {
	g := generated(40, 1)
	for i := range 520 {
		a, b := i%40, (i/40+i+1)%40
		if a == b {
			b = (b + 1) % 40
		}
		g.Connections = append(g.Connections, design.Connection{Name: fmt.Sprintf("p%d", i), Kind: design.ConnPeering,
			VPCs: []string{g.VPCs[a].Name, g.VPCs[b].Name}})
	}
	_, err := mermaid.Render(design.Resolve(g), mermaid.Options{})
	var tl *mermaid.TooLargeError
	if !errors.As(err, &tl) || tl.Edges <= mermaid.MaxEdges {
		t.Fatalf("560 connections cannot fit in %d edges at any detail: err %v", mermaid.MaxEdges, err)
	}
	g.Connections = g.Connections[:400]
	r := render(t, g, mermaid.Options{})
	if r.Detail == mermaid.DetailFull {
		t.Errorf("full detail with %d edges", r.Edges)
	}
	checkLimits(t, r)
}

// TestTooLarge: when even one node per VPC exceeds the limits, Render
// returns an error instead of a diagram Mermaid would refuse.
func TestTooLarge(t *testing.T) {
	g := generated(400, 1)
	for i := range g.VPCs {
		g.VPCs[i].Name = fmt.Sprintf("%03d-%s", i, strings.Repeat("x", 200))
	}
	// The network view's overview is one node per VPC, and too large; the
	// security view has no overview, one small diagram per VPC.
	_, err := mermaid.Render(design.Resolve(g), mermaid.Options{})
	var tl *mermaid.TooLargeError
	if !errors.As(err, &tl) || tl.Chars <= mermaid.MaxTextSize {
		t.Errorf("network view: err %v, want a TooLargeError over the text limit", err)
	}
	if r, err := mermaid.Render(design.Resolve(g), mermaid.Options{View: mermaid.ViewSecurity}); err != nil || len(r.Diagrams) != 400 {
		t.Errorf("security view: err %v, want 400 diagrams", err)
	}
}

// BenchmarkMermaid50VPC exports the 50-VPC design (target: under 100 ms),
// including the full drawing Render measures before collapsing it.
func BenchmarkMermaid50VPC(b *testing.B) {
	l := design.Resolve(generated(50, 3))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mermaid.Render(l, mermaid.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMermaid50VPCSecurity is the security view of the same design.
func BenchmarkMermaid50VPCSecurity(b *testing.B) {
	l := design.Resolve(generated(50, 3))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mermaid.Render(l, mermaid.Options{View: mermaid.ViewSecurity}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSecurityCollapse: the security view collapses like the network view:
// to one node per tier when groups sharing a tier make too many edges; a
// design of many VPCs is drawn one VPC per diagram instead, each in full.
func TestSecurityCollapse(t *testing.T) {
	r := render(t, withWorkers(generated(3, 1), 200), mermaid.Options{View: mermaid.ViewSecurity})
	if r.Split || r.Detail != mermaid.DetailTier || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "one node per tier instead of one per security group") {
		t.Fatalf("split %v, detail %s, notes %q; want one diagram at tier detail and a note", r.Split, r.Detail, r.Notes)
	}
	d := checkLimits(t, r)
	alb, app := d.find("public tier"), d.find("app · private tier")
	if len(alb) != 3 || len(app) != 3 {
		t.Fatalf("%d public and %d app tier nodes, want 3 each", len(alb), len(app))
	}
	if e := d.edgesBetween(alb[0], app[0]); len(e) != 1 || e[0].label != "8080" {
		t.Errorf("the 201 alb → app rules should merge into one 8080 edge: %v", e)
	}
	if !strings.Contains(d.label[app[0]], "sg app, worker-0, worker-1, worker-2 +197 more") {
		t.Errorf("the app tier node should name its groups: %q", d.label[app[0]])
	}

	r = render(t, generated(150, 3), mermaid.Options{View: mermaid.ViewSecurity})
	if !r.Split || len(r.Diagrams) != 150 || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "one diagram per VPC") {
		t.Fatalf("150 VPCs: split %v, %d diagrams, notes %q; want one diagram per VPC and a note", r.Split, len(r.Diagrams), r.Notes)
	}
	for _, dg := range r.Diagrams {
		if dg.Detail != mermaid.DetailFull {
			t.Errorf("VPC %s at %s detail, want full", dg.Name, dg.Detail)
		}
		checkLimits(t, mermaid.Result{Text: dg.Text, Chars: dg.Chars, Edges: dg.Edges})
	}
	d = parseOutput(t, r.Diagrams[0].Text)
	if e := d.edgesBetween("inet", d.one(t, "sg alb")); len(e) != 1 || e[0].label != "443" {
		t.Errorf("internet → vpc-000's alb: %v", e)
	}
}
