package diagram

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// topoBlock draws the design's connections as a graph under the list of
// connections (issue 15, "topology drawn"): a peering as a double line
// between two VPC nodes, a transit gateway as a hub with a branch to each
// attachment (VPCs and its VPN networks) and a segment per route table, a
// VPN as a dashed line to its network, PrivateLink as an arrow from
// consumer to provider with its port. VPCs are [boxed], networks outside
// AWS (in parentheses). Each connection's drawing carries its finding
// glyph (a route table's segment its own, see SegmentMark), and is
// highlighted while the connection is selected. Its nodes and edges are
// tokens the cursor moves between (topology_nav.go). It depends on the
// connections and their marks only, like the rest of the tail: tokens
// name VPCs and networks by name, resolved when the cursor lands on them.
type topoBlock struct {
	lines []topoLine
	w     int
}

type topoLine struct {
	ref  edit.Ref // the connection drawn; Kind None for the heading
	sev  int
	text string // safe
	head bool
	toks []topoTok
}

// topoTok is a selectable part of a line: a VPC or network node (by name)
// or the connection itself (its edge, hub or route-table label).
type topoTok struct {
	kind edit.Kind // VPC, Network or Conn
	name string    // the VPC's or network's name as the connection writes it
	x, w int       // cells, within the line's text
}

// maxTopoConns bounds the drawing: past it the list above still names
// every connection, and a line says how many are not drawn.
const maxTopoConns = 200

// topoMaxW keeps a route table's segment within 80 columns (issue 15):
// a hub with many attachments would otherwise draw one very long line.
const topoMaxW = 80

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
		for _, l := range drawConn(c) {
			sev := in.Marks[ref]
			if l.seg > 0 {
				sev = in.Marks[SegmentMark(i, l.seg-1)]
			}
			b.add(topoLine{ref: ref, sev: sev, text: l.text(), toks: l.toks})
		}
	}
	return b
}

func (b *topoBlock) add(l topoLine) {
	b.lines = append(b.lines, l)
	b.w = max(b.w, listIndent+2+safe.Width(l.text))
}

// SegmentMark is the key in Marks of a transit gateway's route table
// (conn's table ti) for its segment's glyph. It is only a key of Marks,
// never a selection: selecting a segment selects its connection.
func SegmentMark(conn, ti int) edit.Ref { return edit.Ref{Kind: edit.Conn, I: conn, T: ti + 1} }

// FindingTable returns the route table of the transit gateway ref names
// that the finding f is about, by where it was written (validation names
// the connection in the path and the table's key in the position), so
// that the designer marks the table's segment as well as the hub.
func FindingTable(d *design.Design, f *design.Finding, ref edit.Ref) (int, bool) {
	if ref.Kind != edit.Conn || ref.I < 0 || ref.I >= len(d.Connections) || f.Pos == (design.Position{}) {
		return 0, false
	}
	c := &d.Connections[ref.I]
	for ti := range c.RouteTables {
		rt := &c.RouteTables[ti]
		for _, k := range []string{"name", "associations", "propagations", "routes"} {
			if rt.Pos(k) == f.Pos {
				return ti, true
			}
		}
		for si := range rt.Routes {
			if rt.Routes[si].Pos("to") == f.Pos || rt.Routes[si].Pos("via") == f.Pos {
				return ti, true
			}
		}
	}
	return 0, false
}

// lineBuilder assembles a line of text and the tokens in it.
type lineBuilder struct {
	b    strings.Builder
	x    int
	toks []topoTok
	seg  int // a route table's segment: its index + 1
}

func (l *lineBuilder) put(s string) {
	l.b.WriteString(s)
	l.x += safe.Width(s)
}

func (l *lineBuilder) tok(kind edit.Kind, name, s string) {
	l.toks = append(l.toks, topoTok{kind: kind, name: name, x: l.x, w: safe.Width(s)})
	l.put(s)
}

func (l *lineBuilder) vpc(name string) { l.tok(edit.VPC, name, vpcNode(name)) }
func (l *lineBuilder) net(name string) { l.tok(edit.Network, name, netNode(name)) }
func (l *lineBuilder) conn(s string)   { l.tok(edit.Conn, "", s) }
func (l *lineBuilder) text() string    { return l.b.String() }

// member draws "vpc:NAME" or "network:NAME" as its node.
func (l *lineBuilder) member(m string) {
	name, isVPC := design.TGWMember(m).MemberName()
	if isVPC {
		l.tok(edit.VPC, name, vpcNode(name))
	} else {
		l.tok(edit.Network, name, netNode(name))
	}
}

func vpcNode(name string) string { return "[" + nameOr(name) + "]" }

// memberNode is the node "vpc:NAME" or "network:NAME" is drawn as.
func memberNode(m string) string {
	if name, isVPC := design.TGWMember(m).MemberName(); isVPC {
		return vpcNode(name)
	} else {
		return netNode(name)
	}
}
func netNode(name string) string { return "(" + nameOr(name) + ")" }

// drawConn is a connection's drawing, one or more lines.
func drawConn(c *design.Connection) []*lineBuilder {
	l := &lineBuilder{}
	label := "  " + nameOr(c.Name)
	switch c.Kind {
	case design.ConnPeering:
		if len(c.VPCs) == 2 {
			l.vpc(c.VPCs[0])
			l.put(" ")
			l.conn("══════")
			l.put(" ")
			l.vpc(c.VPCs[1])
			l.put(label)
			return []*lineBuilder{l}
		}
	case design.ConnPrivateLink:
		port := ""
		if c.Port != 0 {
			port = ":" + strconv.Itoa(c.Port)
		}
		l.vpc(c.Consumer)
		l.put(" ")
		l.conn("──" + port + "──▶")
		l.put(" ")
		l.vpc(c.Provider)
		l.put(label + " (PrivateLink)")
		return []*lineBuilder{l}
	case design.ConnVPN:
		l.vpc(c.VPC)
		l.put(" ")
		l.conn("┄┄ VPN ┄┄")
		l.put(" ")
		l.net(c.Network)
		l.put(label)
		return []*lineBuilder{l}
	case design.ConnTransitGateway:
		return drawHub(c)
	}
	// An incomplete connection (validation reports it): its ends as written.
	for i, v := range c.VPCs {
		if i > 0 {
			l.put(" ")
			l.conn("─")
			l.put(" ")
		}
		l.vpc(v)
	}
	if len(c.VPCs) == 0 {
		l.conn("─")
	}
	l.put(label + " (" + safe.Text(string(c.Kind)) + ")")
	return []*lineBuilder{l}
}

// drawHub draws a transit gateway: the hub, a branch per attachment, then,
// for a segmented gateway (design.Connection.Segmented), a segment per
// route table, its default table among them, naming the attachments
// associated with it and where it sends them (the attachments it
// propagates, its static routes' attachments, and ✕ for a blackholed
// destination). A flat hub draws no segment: its one default table sends
// every attachment to every other, which the branches already say.
func drawHub(c *design.Connection) []*lineBuilder {
	hub := &lineBuilder{}
	hub.conn("◆ " + nameOr(c.Name))
	hub.put(" (transit gateway hub)")
	out := []*lineBuilder{hub}
	tables := hubSegments(c)
	n := len(c.VPCs) + len(c.Networks)
	k := 0
	branch := func() string {
		k++
		if k == n && len(tables) == 0 {
			return "  └── "
		}
		return "  ├── "
	}
	for _, v := range c.VPCs {
		l := &lineBuilder{}
		l.put(branch())
		l.vpc(v)
		out = append(out, l)
	}
	for _, nw := range c.Networks {
		l := &lineBuilder{}
		l.put(branch())
		l.net(nw)
		l.put(" via VPN")
		out = append(out, l)
	}
	for ti := range tables {
		out = append(out, drawSegment(&tables[ti], ti, ti == len(tables)-1))
	}
	return out
}

// hubSegments returns the route tables a transit gateway's drawing shows:
// none for a flat hub, else the design's tables and then the default one
// AWS keeps beside them while a default is on. Their indexes are the
// segments' (SegmentMark): the design's tables first, so a finding on one
// marks its own segment.
func hubSegments(c *design.Connection) []design.TGWRouteTable {
	if !c.Segmented() {
		return nil
	}
	tables := c.RouteTables
	if dt, ok := c.DefaultRouteTable(); ok {
		tables = append(slices.Clip(tables), dt)
	}
	return tables
}

func drawSegment(rt *design.TGWRouteTable, ti int, last bool) *lineBuilder {
	// Parts of the segment in order, so that one too many for the width is
	// where it stops and says how many are left.
	type part struct {
		sep  string
		node string // a member; "" for text
		text string
	}
	parts := []part{}
	for _, m := range rt.Associations {
		parts = append(parts, part{sep: " ", node: m})
	}
	if len(rt.Associations) == 0 {
		parts = append(parts, part{sep: " ", text: "(no association)"})
	}
	parts = append(parts, part{sep: " ", text: "→"})
	seen := map[string]bool{}
	dests := 0
	for _, m := range rt.Propagations {
		if !seen[m] {
			seen[m] = true
			parts = append(parts, part{sep: " ", node: m})
			dests++
		}
	}
	for _, r := range rt.Routes {
		switch {
		case r.Via == design.ViaBlackhole:
			parts = append(parts, part{sep: " ", text: "✕" + safe.Text(r.To)})
			dests++
		case !seen[r.Via]:
			seen[r.Via] = true
			parts = append(parts, part{sep: " ", node: r.Via})
			dests++
		}
	}
	if dests == 0 {
		parts = append(parts, part{sep: " ", text: "nothing"})
	}
	l := &lineBuilder{seg: ti + 1}
	if last {
		l.put("  └┄ ")
	} else {
		l.put("  ├┄ ")
	}
	l.conn("[" + nameOr(rt.Name) + "]")
	// The text starts after the glyph and its space at listIndent.
	room := topoMaxW - listIndent - 2
	widths := make([]int, len(parts))
	total := l.x
	for i, p := range parts {
		widths[i] = safe.Width(p.sep) + safe.Width(p.text)
		if p.node != "" {
			widths[i] += safe.Width(memberNode(p.node))
		}
		total += widths[i]
	}
	for i, p := range parts {
		if total > room {
			// Cut: keep a part only if the sign of the rest still fits after it.
			if more := " …+" + strconv.Itoa(len(parts)-i-1); l.x+widths[i]+safe.Width(more) > room {
				l.put(" …+" + strconv.Itoa(len(parts)-i))
				break
			}
		}
		l.put(p.sep)
		if p.node != "" {
			l.member(p.node)
		} else {
			l.put(p.text)
		}
	}
	return l
}

func (b *topoBlock) height() int { return len(b.lines) }
func (b *topoBlock) width() int  { return b.w }

func (b *topoBlock) line(i int, r *renderer) string {
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	st := r.st
	l := b.lines[i]
	indent := strings.Repeat(" ", listIndent)
	switch {
	case l.head:
		return " " + st.Title.S(l.text)
	case l.ref.Kind == edit.None:
		return " " + st.Dim.S(l.text)
	case r.topo.On && r.topo.Line == i && r.topo.Tok >= 0 && r.topo.Tok < len(l.toks):
		// The cursor is on a token of this line: that token in reverse
		// video, the rest as usual (lit when its connection is selected).
		t := l.toks[r.topo.Tok]
		paint := st.Conn
		if r.sel == l.ref {
			paint = st.SelectedDim
		}
		end := safe.Width(l.text)
		return indent + markGlyph(st, l.sev) + " " + paint.S(safe.Cut(l.text, 0, t.x)) +
			st.Selected.S(safe.Cut(l.text, t.x, t.x+t.w)) + paint.S(safe.Cut(l.text, t.x+t.w, end))
	case r.sel == l.ref:
		return indent + st.Selected.S(glyphText(l.sev)+" "+l.text)
	}
	return indent + markGlyph(st, l.sev) + " " + st.Conn.S(l.text)
}

// TopologyY returns the first line of the topology drawing, if the
// diagram has one (to scroll it into view).
func (doc *Doc) TopologyY() (int, bool) {
	if b, y := doc.topo(); b != nil {
		return y, true
	}
	return 0, false
}
