package mermaid_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// box is a rectangle in the SVG's coordinates.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	const eps = 0.5 // touching edges do not hide anything
	return a.x0+eps < b.x1 && b.x0+eps < a.x1 && a.y0+eps < b.y1 && b.y0+eps < a.y1
}

// svgGeometry is what TestRenderedGeometry reads from a rendered diagram:
// its size, every node's box by diagram id, every subgraph title's box,
// and every non-empty edge label's box with the ids of the edge's ends.
type svgGeometry struct {
	width, height float64
	nodes         map[string]box
	clusters      map[string]box // subgraphs' boxes by diagram id
	titles        []box
	labels        []edgeLabel
}

type edgeLabel struct {
	from, to string
	box      box
}

var (
	reTranslate = regexp.MustCompile(`translate\(\s*(-?[0-9.e+-]+)[ ,]+(-?[0-9.e+-]+)\s*\)`)
	reNodeID    = regexp.MustCompile(`-flowchart-([A-Za-z][A-Za-z0-9_]*)-[0-9]+$`)
	reLabelID   = regexp.MustCompile(`^L_([A-Za-z][A-Za-z0-9]*(?:_[0-9]+)*)_([A-Za-z][A-Za-z0-9]*(?:_[0-9]+)*)_[0-9]+$`)
)

// readGeometry walks the SVG with a stack of translations (Mermaid nests
// subgraphs in translated groups and uses no other transform).
func readGeometry(t *testing.T, svg []byte) svgGeometry {
	t.Helper()
	g := svgGeometry{nodes: map[string]box{}, clusters: map[string]box{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose // labels hold HTML: <br> unclosed
	type frame struct {
		dx, dy  float64
		node    string // the node this group draws, "" if none
		kind    string // "label" (edge), "title", or ""
		cluster string // the subgraph this group draws, "" if none
		from    string
		to      string
	}
	stack := []frame{{}}
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	num := func(e xml.StartElement, name string) float64 {
		f, _ := strconv.ParseFloat(attr(e, name), 64)
		return f
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG does not parse: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			top := stack[len(stack)-1]
			f := frame{dx: top.dx, dy: top.dy, node: top.node, kind: top.kind, from: top.from, to: top.to}
			if m := reTranslate.FindStringSubmatch(attr(e, "transform")); m != nil {
				x, _ := strconv.ParseFloat(m[1], 64)
				y, _ := strconv.ParseFloat(m[2], 64)
				f.dx, f.dy = f.dx+x, f.dy+y
			}
			class := attr(e, "class")
			switch {
			case e.Name.Local == "svg" && top.dx == 0 && len(stack) == 1:
				vb := strings.Fields(attr(e, "viewBox"))
				if len(vb) == 4 {
					g.width, _ = strconv.ParseFloat(vb[2], 64)
					g.height, _ = strconv.ParseFloat(vb[3], 64)
				}
			case e.Name.Local == "g" && strings.HasPrefix(class, "node "):
				if m := reNodeID.FindStringSubmatch(attr(e, "id")); m != nil {
					f.node = m[1]
				}
			case e.Name.Local == "g" && strings.HasPrefix(class, "cluster") && class != "cluster-label":
				f.cluster = attr(e, "id")
			case e.Name.Local == "rect" && top.cluster != "":
				if _, seen := g.clusters[top.cluster]; !seen {
					g.clusters[top.cluster] = box{f.dx + num(e, "x"), f.dy + num(e, "y"), f.dx + num(e, "x") + num(e, "width"), f.dy + num(e, "y") + num(e, "height")}
				}
			case e.Name.Local == "g" && class == "cluster-label":
				f.kind = "title"
			case e.Name.Local == "g" && class == "label" && strings.HasPrefix(attr(e, "data-id"), "L_"):
				if m := reLabelID.FindStringSubmatch(attr(e, "data-id")); m != nil {
					f.kind, f.from, f.to = "label", m[1], m[2]
				}
			case e.Name.Local == "foreignObject":
				w, h := num(e, "width"), num(e, "height")
				b := box{f.dx, f.dy, f.dx + w, f.dy + h}
				switch {
				case w == 0 || h == 0:
				case f.kind == "title":
					g.titles = append(g.titles, b)
				case f.kind == "label":
					g.labels = append(g.labels, edgeLabel{f.from, f.to, b})
				}
			case f.node != "" && top.node == f.node && (e.Name.Local == "rect" || e.Name.Local == "circle" || e.Name.Local == "polygon" || e.Name.Local == "path"):
				if _, seen := g.nodes[f.node]; seen {
					break
				}
				var b box
				switch e.Name.Local {
				case "rect":
					b = box{f.dx + num(e, "x"), f.dy + num(e, "y"), f.dx + num(e, "x") + num(e, "width"), f.dy + num(e, "y") + num(e, "height")}
				case "circle":
					r := num(e, "r")
					b = box{f.dx - r, f.dy - r, f.dx + r, f.dy + r}
				default:
					continue // shapes drawn as paths: their label box stands in below
				}
				g.nodes[f.node] = b
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	return g
}

// geometryCase is one diagram to render.
type geometryCase struct {
	name, src string
}

// geometryDesigns are the sizes, every VPC peered with its
// neighbour and every tenth on the transit gateway with the network.
func geometryCases(t *testing.T) []geometryCase {
	var out []geometryCase
	for _, n := range []int{2, 8, 30} {
		d := gen.Design(gen.Shape{VPCs: n, Tiers: 3, AZs: 3})
		if n == 2 {
			// Two VPCs on the transit gateway too, so the smallest has one.
			d.Connections[len(d.Connections)-1].VPCs = []string{d.VPCs[0].Name, d.VPCs[1].Name}
		}
		for _, view := range mermaid.Views {
			r, err := mermaid.Render(design.Resolve(d), mermaid.Options{View: view})
			if err != nil {
				t.Fatalf("%d VPCs, %s: %v", n, view, err)
			}
			for i, dg := range r.Diagrams {
				out = append(out, geometryCase{fmt.Sprintf("%d-vpcs.%s.%d", n, view, i), dg.Text})
			}
		}
	}
	return out
}

// TestRenderedGeometry renders every diagram of the 2-, 8- and 30-VPC
// designs in both views with mmdc and reads the SVG: no diagram is more
// than 4 times wider than high or higher than wide, and no edge label's
// box lies on a subgraph's title or on a node that is not one of the
// edge's ends.
func TestRenderedGeometry(t *testing.T) {
	testtools.Require(t, testtools.ToolMermaidCLI)
	cases := geometryCases(t)
	srcs := make([]string, len(cases))
	for i, c := range cases {
		srcs[i] = c.src
	}
	svgs := testtools.MermaidRenderMany(t, srcs)
	if dir := os.Getenv("VPCSMITH_KEEP_SVG"); dir != "" {
		for i, c := range cases {
			os.WriteFile(filepath.Join(dir, c.name+".svg"), svgs[i], 0o644)
		}
	}
	labels := 0
	for i, c := range cases {
		g := readGeometry(t, svgs[i])
		labels += len(g.labels)
		if g.width == 0 || g.height == 0 || len(g.nodes) == 0 {
			t.Errorf("%s: no drawing read from the SVG (%gx%g, %d nodes)", c.name, g.width, g.height, len(g.nodes))
			continue
		}
		if g.width > 4*g.height || g.height > 4*g.width {
			t.Errorf("%s: %.0f × %.0f px, more than 4:1", c.name, g.width, g.height)
		}
		for _, l := range g.labels {
			for _, tb := range g.titles {
				if l.box.overlaps(tb) {
					t.Errorf("%s: the label of edge %s→%s lies on a subgraph title", c.name, l.from, l.to)
				}
			}
			for id, nb := range g.nodes {
				if id != l.from && id != l.to && l.box.overlaps(nb) {
					t.Errorf("%s: the label of edge %s→%s lies on node %s", c.name, l.from, l.to, id)
				}
			}
		}
	}
	if rows := checkAZOrder(t, cases, svgs); rows == 0 {
		t.Error("no tier row with two AZs read from the network diagrams: the AZ order check checked nothing")
	}
	// The overviews' peerings and the security view's ports are labels:
	// a reading that found none would check nothing.
	if labels < len(cases) {
		t.Errorf("only %d edge labels read from %d diagrams", labels, len(cases))
	}
}

var reSubnetCluster = regexp.MustCompile(`(?:^|-)sn([0-9]+)_([0-9]+)_([0-9]+)$`) // mmdc prefixes ids with the SVG's id

// checkAZOrder reads the network diagrams' subnet subgraphs (sn<v>_<t>_<az>)
// and checks each tier is one row across its AZs, left to right in AZ
// order (issue 16: AZs were drawn right to left in 7 of 8 diagrams). It
// returns how many rows of two AZs or more it checked.
func checkAZOrder(t *testing.T, cases []geometryCase, svgs [][]byte) int {
	t.Helper()
	rows := 0
	for i, c := range cases {
		if !strings.Contains(c.name, ".network.") {
			continue
		}
		g := readGeometry(t, svgs[i])
		type cell struct {
			az int
			b  box
		}
		byRow := map[string][]cell{}
		for id, b := range g.clusters {
			m := reSubnetCluster.FindStringSubmatch(id)
			if m == nil {
				continue
			}
			az, _ := strconv.Atoi(m[3])
			byRow[m[1]+"_"+m[2]] = append(byRow[m[1]+"_"+m[2]], cell{az, b})
		}
		for row, cells := range byRow {
			if len(cells) < 2 {
				continue
			}
			rows++
			slices.SortFunc(cells, func(a, b cell) int { return a.az - b.az })
			for j := 1; j < len(cells); j++ {
				prev, cur := cells[j-1], cells[j]
				if cur.b.x0 < prev.b.x1 {
					t.Errorf("%s: tier row %s: AZ %d (x %.0f) is not right of AZ %d (x %.0f–%.0f)", c.name, row, cur.az, cur.b.x0, prev.az, prev.b.x0, prev.b.x1)
				}
				if math.Abs(cur.b.y0-prev.b.y0) > 1 {
					t.Errorf("%s: tier row %s: AZ %d at y %.0f, AZ %d at y %.0f: not one row", c.name, row, cur.az, cur.b.y0, prev.az, prev.b.y0)
				}
			}
		}
	}
	return rows
}
