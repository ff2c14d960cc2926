package mermaid

import (
	"strconv"
	"strings"
)

// write serialises g as Mermaid flowchart source. Ids come from the
// builders (generated, never names); labels are already escaped.
func (g *graph) write() string {
	w := &writer{classes: map[string][]string{}}
	if t := titleText(g.title); t != "" {
		// Front matter is YAML: the title keeps only characters that need
		// no quoting rules, inside double quotes.
		w.b.WriteString("---\ntitle: \"" + t + "\"\n---\n")
	}
	w.b.WriteString("flowchart ")
	w.b.WriteString(g.dir)
	w.b.WriteByte('\n')
	if g.empty() {
		// Mermaid draws nothing for a diagram without nodes; say why.
		w.line(1, `empty["`+text("The design has no VPCs or networks")+`"]`)
	}
	w.items(1, g.root.items)
	if len(g.legend) > 0 {
		w.line(1, `legend["`+text(g.legend...)+`"]`)
		w.tag("legend", classLegend)
	}
	for _, e := range g.edges {
		w.edge(e)
	}
	if len(g.edges) > 0 {
		// A mid-grey line shows on the light page, the dark page and the
		// mid-tone boxes; each theme's own edge colour fails on one of them.
		w.line(1, "linkStyle default "+linkStyle)
		// The default style would draw the layout-only edges: hide them
		// again (a later declaration wins in the edge's inline style).
		var hidden []string
		for i, e := range g.edges {
			if e.arrow == invisible {
				hidden = append(hidden, strconv.Itoa(i))
			}
		}
		if len(hidden) > 0 {
			w.line(1, "linkStyle "+strings.Join(hidden, ",")+" "+hiddenLinkStyle)
		}
		// The default style sets the stroke width too, so the thick
		// (peering) edges get theirs back, later and so winning.
		var thicks []string
		for i, e := range g.edges {
			if e.arrow == thick || e.arrow == thickBoth {
				thicks = append(thicks, strconv.Itoa(i))
			}
		}
		if len(thicks) > 0 {
			w.line(1, "linkStyle "+strings.Join(thicks, ",")+" "+thickLinkStyle)
		}
	}
	for _, c := range classOrder {
		ids := w.classes[c.name]
		if len(ids) == 0 {
			continue
		}
		w.line(1, "classDef "+c.name+" "+c.style)
		w.line(1, "class "+strings.Join(ids, ",")+" "+c.name)
	}
	return w.b.String()
}

type writer struct {
	b       strings.Builder
	classes map[string][]string // class name → ids, in drawing order
}

func (w *writer) line(depth int, s string) {
	for range depth {
		w.b.WriteString("  ")
	}
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) items(depth int, items []item) {
	for _, it := range items {
		if it.node != nil {
			w.node(depth, it.node)
			continue
		}
		sg := it.group
		if len(sg.items) == 0 {
			// An empty subgraph is drawn as a plain box: Mermaid's layout
			// of childless clusters is unreliable.
			w.node(depth, &node{id: sg.id, label: sg.label, class: sg.class, shape: box})
			continue
		}
		w.line(depth, "subgraph "+sg.id+`["`+sg.label+`"]`)
		w.items(depth+1, sg.items)
		w.line(depth, "end")
		w.tag(sg.id, sg.class)
	}
}

// shapes are the opening and closing brackets of each shape, quotes included.
var shapes = [...][2]string{
	box:       {`["`, `"]`},
	round:     {`("`, `")`},
	stadium:   {`(["`, `"])`},
	hexagon:   {`{{"`, `"}}`},
	cylinder:  {`[("`, `")]`},
	circle:    {`(("`, `"))`},
	trapezoid: {`[/"`, `"\]`},
}

func (w *writer) node(depth int, n *node) {
	sh := shapes[n.shape]
	w.line(depth, n.id+sh[0]+n.label+sh[1])
	w.tag(n.id, n.class)
}

func (w *writer) tag(id, class string) {
	if class != "" {
		w.classes[class] = append(w.classes[class], id)
	}
}

var arrows = [...]string{
	solid:      "-->",
	solidBoth:  "<-->",
	dotted:     "-.->",
	dottedBoth: "<-.->",
	thick:      "==>",
	thickBoth:  "<==>",
	invisible:  "~~~",
}

func (w *writer) edge(e edge) {
	s := e.from + " " + arrows[e.arrow]
	if e.label != "" {
		s += `|"` + e.label + `"|`
	}
	w.line(1, s+" "+e.to)
}

// titleText is what a diagram's title keeps of a name: letters, digits
// and a few marks that YAML and Mermaid read literally; the rest become
// spaces, and runs of spaces one.
func titleText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" .,_-()/+", r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	if len(t) > 120 {
		t = strings.TrimSpace(t[:120])
	}
	return t
}
