package diagram

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// textBlock is lines of fixed text; the title block is the design element.
type textBlock struct {
	lines  []textLine
	design bool // selecting the design highlights these lines
}

type textLine struct {
	text string // safe
	dim  bool
	bold bool
}

func (b textBlock) height() int { return len(b.lines) }
func (b textBlock) width() int {
	w := 0
	for _, l := range b.lines {
		w = max(w, margin+safe.Width(l.text))
	}
	return w
}

func (b textBlock) line(i int, r *renderer) string {
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	l := b.lines[i]
	switch {
	case b.design && r.sel.Kind == edit.DesignKind:
		return " " + r.st.Selected.S(l.text)
	case l.bold:
		return " " + r.st.Title.S(l.text)
	case l.dim:
		return " " + r.st.Dim.S(l.text)
	}
	return " " + l.text
}

// newTitle is the design's name, description and a count of what it
// holds (subnets: the number of subnets).
func newTitle(d *design.Design, subnets int) textBlock {
	name := safe.Text(d.Name)
	if name == "" {
		name = "(untitled design)"
	}
	if desc := safe.Text(d.Description); desc != "" {
		name += " — " + desc
	}
	var facts []string
	if d.Region != "" {
		facts = append(facts, "region "+safe.Text(d.Region))
	}
	facts = append(facts, plural(len(d.VPCs), "VPC"), plural(subnets, "subnet"))
	if n := len(d.Connections); n > 0 {
		facts = append(facts, plural(n, "connection"))
	}
	return textBlock{design: true, lines: []textLine{{text: name, bold: true}, {text: strings.Join(facts, " · "), dim: true}}}
}

func legend() textBlock {
	return textBlock{lines: []textLine{{
		text: "NAT gateway · ENI×n interface endpoints · ▪ workload · ◁ gateway endpoint · " +
			styles.GlyphError + " error · " + styles.GlyphWarning + " warning · " + styles.GlyphInfo + " info",
		dim: true,
	}}}
}

// listBlock is the connections and networks sections: one line per
// element, under a heading.
type listBlock struct {
	lines []listLine
	nameW int
	kindW int
	w     int
}

type listLine struct {
	heading string
	ref     edit.Ref
	sev     int
	name    string
	kind    string
	desc    string
}

const listIndent = margin + 2

func newConnections(in Input) (*listBlock, [][]Item) {
	d := in.Design
	if len(d.Connections) == 0 && len(d.Networks) == 0 {
		return nil, nil
	}
	b := &listBlock{nameW: 8, kindW: 7}
	var rows [][]Item
	add := func(l listLine) {
		b.nameW = max(b.nameW, min(maxLabel+8, safe.Width(l.name)))
		b.kindW = max(b.kindW, safe.Width(l.kind))
		b.lines = append(b.lines, l)
	}
	if len(d.Connections) > 0 {
		b.lines = append(b.lines, listLine{heading: "Connections"})
		for i := range d.Connections {
			c := &d.Connections[i]
			ref := edit.Ref{Kind: edit.Conn, I: i}
			add(listLine{ref: ref, sev: in.Marks[ref], name: nameOr(c.Name), kind: safe.Text(string(c.Kind)), desc: connDesc(c)})
		}
	}
	if len(d.Networks) > 0 {
		b.lines = append(b.lines, listLine{heading: "Networks outside AWS"})
		for i := range d.Networks {
			n := &d.Networks[i]
			ref := edit.Ref{Kind: edit.Network, I: i}
			add(listLine{ref: ref, sev: in.Marks[ref], name: nameOr(n.Name), kind: "network", desc: safe.Text(n.CIDR) + networkUsers(d, n.Name)})
		}
	}
	for y, l := range b.lines {
		if l.heading != "" {
			continue
		}
		w := 2 + b.nameW + 2 + b.kindW + 2 + safe.Width(l.desc)
		b.w = max(b.w, listIndent+w)
		rows = append(rows, []Item{{Ref: l.ref, X: listIndent, Y: y, W: w, H: 1}})
	}
	return b, rows
}

func nameOr(s string) string {
	if s = safe.Text(s); s == "" {
		return "(unnamed)"
	}
	return s
}

// connDesc says what a connection joins, kind by kind.
func connDesc(c *design.Connection) string {
	names := func(list []string) string {
		out := make([]string, len(list))
		for i, n := range list {
			out[i] = safe.Text(n)
		}
		return strings.Join(out, ", ")
	}
	switch c.Kind {
	case design.ConnPeering:
		if len(c.VPCs) == 2 {
			return safe.Text(c.VPCs[0]) + " ⇄ " + safe.Text(c.VPCs[1])
		}
		return names(c.VPCs)
	case design.ConnTransitGateway:
		s := "hub for " + names(c.VPCs)
		if len(c.Networks) > 0 {
			s += " · VPN to " + names(c.Networks)
		}
		return s
	case design.ConnPrivateLink:
		s := safe.Text(c.Consumer) + " → " + safe.Text(c.Provider)
		if c.Port != 0 {
			s += " :" + strconv.Itoa(c.Port)
		}
		return s + " (service)"
	case design.ConnVPN:
		return safe.Text(c.VPC) + " ⇄ " + safe.Text(c.Network) + " (site-to-site)"
	}
	return names(append(append([]string{}, c.VPCs...), c.Networks...))
}

// networkUsers names the connections that reach a network.
func networkUsers(d *design.Design, name string) string {
	var via []string
	for _, c := range d.Connections {
		hit := c.Network == name
		for _, n := range c.Networks {
			hit = hit || n == name
		}
		if hit {
			via = append(via, safe.Text(c.Name))
		}
	}
	if len(via) == 0 {
		return ""
	}
	return " · via " + strings.Join(via, ", ")
}

func (b *listBlock) height() int { return len(b.lines) }
func (b *listBlock) width() int  { return b.w }

func (b *listBlock) line(i int, r *renderer) string {
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	st := r.st
	l := b.lines[i]
	if l.heading != "" {
		return " " + st.Title.S(l.heading)
	}
	name := safe.Pad(safe.Truncate(l.name, b.nameW), b.nameW)
	kind := safe.Pad(l.kind, b.kindW)
	if r.sel == l.ref {
		return strings.Repeat(" ", listIndent) + st.Selected.S(glyphText(l.sev)+" "+name+"  "+kind+"  "+l.desc)
	}
	return strings.Repeat(" ", listIndent) + markGlyph(st, l.sev) + " " + st.Conn.S(name) + "  " + st.Dim.S(kind) + "  " + l.desc
}
