package diagram

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// topoBlock draws the design's connections as a graph under the list of
// connections (issue 15, "topology drawn"): a peering as a double line
// between two VPC nodes, a transit gateway as a hub with a branch to each
// attachment (VPCs and its VPN networks), a VPN as a dashed line to its
// network, PrivateLink as an arrow from consumer to provider with its
// port. VPCs are [boxed], networks outside AWS (in parentheses). Each
// connection's drawing carries its finding glyph, and is highlighted while
// the cursor is on the connection in the list above, so moving through the
// list walks the graph. It depends on the connections and their marks
// only, like the rest of the tail.
type topoBlock struct {
	lines []topoLine
	w     int
}

type topoLine struct {
	ref  edit.Ref // the connection drawn; Kind None for the heading
	sev  int
	text string // safe
	head bool
}

// maxTopoConns bounds the drawing: past it the list above still names
// every connection, and a line says how many are not drawn.
const maxTopoConns = 200

func newTopology(in Input) *topoBlock {
	d := in.Design
	if len(d.Connections) == 0 {
		return nil
	}
	b := &topoBlock{}
	b.add(topoLine{head: true, text: "Topology"})
	for i := range d.Connections {
		if i == maxTopoConns {
			b.add(topoLine{text: "    … " + strconv.Itoa(len(d.Connections)-i) + " more connections (listed above)"})
			break
		}
		c := &d.Connections[i]
		ref := edit.Ref{Kind: edit.Conn, I: i}
		for _, t := range drawConn(c) {
			b.add(topoLine{ref: ref, sev: in.Marks[ref], text: t})
		}
	}
	return b
}

func (b *topoBlock) add(l topoLine) {
	b.lines = append(b.lines, l)
	b.w = max(b.w, listIndent+2+safe.Width(l.text))
}

func vpcNode(name string) string { return "[" + nameOr(name) + "]" }
func netNode(name string) string { return "(" + nameOr(name) + ")" }

// drawConn is a connection's drawing, one or more lines.
func drawConn(c *design.Connection) []string {
	label := "  " + nameOr(c.Name)
	switch c.Kind {
	case design.ConnPeering:
		if len(c.VPCs) == 2 {
			return []string{vpcNode(c.VPCs[0]) + " ══════ " + vpcNode(c.VPCs[1]) + label}
		}
	case design.ConnPrivateLink:
		port := ""
		if c.Port != 0 {
			port = ":" + strconv.Itoa(c.Port)
		}
		return []string{vpcNode(c.Consumer) + " ──" + port + "──▶ " + vpcNode(c.Provider) + label + " (PrivateLink)"}
	case design.ConnVPN:
		return []string{vpcNode(c.VPC) + " ┄┄ VPN ┄┄ " + netNode(c.Network) + label}
	case design.ConnTransitGateway:
		var ends []string
		for _, v := range c.VPCs {
			ends = append(ends, vpcNode(v))
		}
		for _, n := range c.Networks {
			ends = append(ends, netNode(n)+" via VPN")
		}
		out := []string{"◆ " + nameOr(c.Name) + " (transit gateway hub)"}
		for i, e := range ends {
			branch := "├── "
			if i == len(ends)-1 {
				branch = "└── "
			}
			out = append(out, "  "+branch+e)
		}
		return out
	}
	// An incomplete connection (validation reports it): its ends as written.
	var ends []string
	for _, v := range c.VPCs {
		ends = append(ends, vpcNode(v))
	}
	return []string{strings.Join(ends, " ─ ") + label + " (" + safe.Text(string(c.Kind)) + ")"}
}

func (b *topoBlock) height() int { return len(b.lines) }
func (b *topoBlock) width() int  { return b.w }

func (b *topoBlock) line(i int, r *renderer) string {
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	st := r.st
	l := b.lines[i]
	switch {
	case l.head:
		return " " + st.Title.S(l.text)
	case l.ref.Kind == edit.None:
		return " " + st.Dim.S(l.text)
	case r.sel == l.ref:
		return strings.Repeat(" ", listIndent) + st.Selected.S(glyphText(l.sev)+" "+l.text)
	}
	return strings.Repeat(" ", listIndent) + markGlyph(st, l.sev) + " " + st.Conn.S(l.text)
}

// TopologyY returns the first line of the topology drawing, if the
// diagram has one (to scroll it into view).
func (doc *Doc) TopologyY() (int, bool) {
	for _, p := range doc.tail.blocks {
		if _, ok := p.b.(*topoBlock); ok {
			return doc.tailY + p.y, true
		}
	}
	return 0, false
}
