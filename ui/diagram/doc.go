// Package diagram lays out a design as a text diagram (a box per VPC with
// its tier × AZ grid, the security-group chain below it, then connections
// and networks) and draws the part of it that is visible.
//
// Build does the layout once per edit: it computes every element's place
// and the texts to draw, but draws nothing; with a Cache, only for what the
// edit changed. Render draws only the lines in the viewport, so a
// keystroke costs the same at 100,000 subnets as at 50.
// The package knows nothing of Bubble Tea: it is given a design, a layout
// and the findings' marks, and answers with lines, places and moves.
package diagram

import (
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Marks gives the worst finding severity of each element, as
// int(design.Severity)+1; elements without findings are absent.
type Marks map[edit.Ref]int

// MarkReach marks, in place of a severity, an element that reaches the
// element of the designer's reachability question ("who can reach this?").
// It shows as GlyphReach where a finding's glyph would be, and counts as
// no finding.
const MarkReach = 16

// GlyphReach is the mark of an element that reaches the question's.
const GlyphReach = "◆"

// Input is what a diagram is built from.
type Input struct {
	Design *design.Design
	Layout *design.Layout
	// Marks must not change once given to a Build with a Cache: the cache
	// keeps it, to compare the next build's marks with (when they are the
	// same map, without looking at them).
	Marks Marks
	// Width is the width of the pane the diagram is shown in; gateway
	// endpoints go beside the grid when it fits, below it otherwise.
	Width int
	// Cache, when set, reuses the VPCs that did not change since the last
	// Build with the same cache (see Dirty).
	Cache *Cache
	// Dirty runs parallel to Design.VPCs and marks the VPCs that may have
	// changed since the last Build with Cache; the others are reused
	// unless their marks, name, the width or the design's region changed.
	// nil means every VPC may have changed (a new design; VPCs moved in
	// ways From does not say).
	Dirty []bool
	// From, when set, runs parallel to Design.VPCs and gives each VPC's
	// index in the last Build with Cache (-1: a VPC it did not have), for
	// an edit that inserted or removed VPCs; nil means every VPC kept its
	// index. Read only when Dirty is set.
	From []int
	// ConnsDirty says that connections or networks may have changed since
	// the last Build with Cache (read only when Dirty is set).
	ConnsDirty bool
}

// Item is one selectable element and its place in the diagram.
type Item struct {
	Ref        edit.Ref
	X, Y, W, H int
}

// Doc is a laid-out diagram: a head (the title), a box and a group strip
// per VPC, and a tail (connections, networks, the legend).
//
// The VPCs' parts are shared by the Docs of successive builds (see Cache),
// and where each starts is kept in arrays by VPC, so that patching a Doc
// after an edit of one VPC copies an array of pointers rather than every
// block and navigation row of the design. A Doc never changes once built.
type Doc struct {
	w, h       int
	head, tail segment
	vpcs       []*cachedVPC
	vpcW       int   // the widest VPC box or strip
	vpcY       []int // the first line of each VPC's box
	// Navigation rows are numbered: the head's, then each VPC's (its box's
	// header and tiers, then its strip's), then the tail's; vpcRow and
	// stripRow (-1 without groups) number each VPC's first rows, and the
	// tail's rows are its connections', from connRow, then its networks',
	// from netRow. Rows are found by arithmetic and binary search rather
	// than through a map of every element (which cost as much as the rest
	// of a large diagram's layout).
	vpcRow, stripRow []int
	connRow, netRow  int
	// The tail's lines and rows count from tailY, so that a tail can be
	// reused below VPCs that moved (see Cache).
	tailY int
}

// segment is a run of blocks and their navigation rows.
type segment struct {
	blocks []placed
	rows   [][]Item // Y relative to rowY
	rowY   []int
	w      int
	h      int // the lines it takes, with the gap after its last block
}

type placed struct {
	y int
	b block
}

// block is a run of lines of the diagram. Lines are drawn on demand.
type block interface {
	height() int
	width() int
	line(i int, r *renderer) string
}

// renderer carries what drawing needs besides the layout.
type renderer struct {
	st   *styles.Styles
	sel  edit.Ref
	topo TopoCursor // where in the topology drawing the cursor is, if it is
}

// builder lays blocks out one after the other in a segment.
type builder struct {
	seg *segment
	y   int
}

// add places a block at the current line, with its navigation rows (Y
// relative to the block), and leaves gap blank lines after it.
func (b *builder) add(bl block, rows [][]Item, gap int) {
	for _, r := range rows {
		b.seg.rows = append(b.seg.rows, r)
		b.seg.rowY = append(b.seg.rowY, b.y)
	}
	b.seg.blocks = append(b.seg.blocks, placed{b.y, bl})
	b.seg.w = max(b.seg.w, bl.width())
	b.y += bl.height() + gap
	b.seg.h = b.y
}

// line draws line ly of the segment, if one of its blocks holds it.
func (s *segment) line(ly int, r *renderer) (string, bool) {
	for _, p := range s.blocks {
		if ly >= p.y && ly < p.y+p.b.height() {
			return p.b.line(ly-p.y, r), true
		}
	}
	return "", false
}

// newHead lays out the title (which counts the subnets) and, for a design
// without VPCs, a line that says so; it returns the line after it.
func newHead(d *design.Design, subnets int) (segment, int) {
	var s segment
	b := &builder{seg: &s}
	title := newTitle(d, subnets)
	b.add(title, [][]Item{{{Ref: edit.Ref{Kind: edit.DesignKind}, X: margin, Y: 0, W: title.width() - margin, H: 2}}}, 1)
	if len(d.VPCs) == 0 {
		b.add(textBlock{lines: []textLine{{text: "No VPCs yet: press a to add one.", dim: true}}}, nil, 1)
	}
	return s, b.y
}

// newTail lays out connections, networks and the legend, from line 0 of
// the tail (see Doc.tailY). It depends on connections, networks and their
// marks only.
func newTail(in Input) segment {
	var s segment
	b := &builder{seg: &s}
	if cb, rows := newConnections(in); cb != nil {
		b.add(cb, rows, 1)
	}
	if tb := newTopology(in); tb != nil {
		b.add(tb, nil, 1) // no rows: its cursor is a TopoCursor (topology_nav.go)
	}
	b.add(legend(), nil, 0)
	return s
}

// Build lays out the diagram of in.
func Build(in Input) *Doc {
	if doc := in.Cache.patch(in); doc != nil {
		return doc
	}
	d := in.Design
	n := len(d.VPCs)
	doc := &Doc{vpcs: make([]*cachedVPC, n), vpcY: make([]int, n), vpcRow: make([]int, n), stripRow: make([]int, n)}
	byVPC, conns := splitMarks(in)
	subnets := 0
	for vi := range d.VPCs {
		cv := in.Cache.vpcParts(in, vi, byVPC[vi])
		doc.vpcs[vi] = cv
		subnets += cv.subnets
	}
	var y int
	doc.head, y = newHead(d, subnets)
	row := len(doc.head.rows)
	for vi, cv := range doc.vpcs {
		doc.vpcY[vi], doc.vpcRow[vi], doc.stripRow[vi] = y, row, -1
		row += len(cv.rows)
		y += cv.block.height()
		if cv.hasStrip() {
			doc.stripRow[vi] = row
			row++
			y += cv.strip.height()
		}
		y++
		doc.vpcW = max(doc.vpcW, cv.w)
	}
	doc.connRow, doc.netRow = row, row+len(d.Connections)
	doc.tailY = y
	doc.tail = in.Cache.tailParts(in, conns)
	doc.h = y + doc.tail.h
	doc.w = max(doc.head.w, doc.vpcW, doc.tail.w)
	in.Cache.store(in, doc, subnets, conns)
	return doc
}

// rowCount is the number of navigation rows.
func (doc *Doc) rowCount() int { return doc.connRow + len(doc.tail.rows) }

// row returns navigation row r, the line its items' Y counts from, and
// the index of the VPC whose parts hold it (-1 for the head's and the
// tail's rows). A VPC's items name their elements with V = 0: placeItem
// gives them the VPC's index (see local.go).
func (doc *Doc) row(r int) ([]Item, int, int) {
	switch {
	case r < len(doc.head.rows):
		return doc.head.rows[r], doc.head.rowY[r], -1
	case r >= doc.connRow:
		return doc.tail.rows[r-doc.connRow], doc.tailY + doc.tail.rowY[r-doc.connRow], -1
	}
	vi := sort.Search(len(doc.vpcRow), func(i int) bool { return doc.vpcRow[i] > r }) - 1
	cv := doc.vpcs[vi]
	if k := r - doc.vpcRow[vi]; k < len(cv.rows) {
		return cv.rows[k], doc.vpcY[vi], vi
	}
	return cv.srow, doc.vpcY[vi] + cv.block.height(), vi
}

// items returns the items of row r, each naming its element fully.
func (doc *Doc) items(r int) []Item {
	row, _, vi := doc.row(r)
	if vi < 0 {
		return row
	}
	out := make([]Item, len(row))
	for i, it := range row {
		out[i] = placeItem(it, vi)
	}
	return out
}

// locate returns the row and column of ref's item.
func (doc *Doc) locate(ref edit.Ref) (row, col int, ok bool) {
	row = -1
	switch ref.Kind {
	case edit.DesignKind:
		row = 0
	case edit.VPC, edit.Tier, edit.Subnet:
		if ref.V >= 0 && ref.V < len(doc.vpcRow) {
			row = doc.vpcRow[ref.V]
			if ref.Kind != edit.VPC {
				if ref.T < 0 || 1+ref.T >= len(doc.vpcs[ref.V].rows) {
					return 0, 0, false
				}
				row += 1 + ref.T
			}
		}
	case edit.SG:
		if ref.V >= 0 && ref.V < len(doc.stripRow) {
			row = doc.stripRow[ref.V]
		}
	case edit.Conn:
		row = doc.connRow + ref.I
	case edit.Network:
		row = doc.netRow + ref.I
	}
	if row < 0 || row >= doc.rowCount() || (ref.Kind == edit.Conn || ref.Kind == edit.Network) && ref.I < 0 {
		return 0, 0, false
	}
	items, _, vi := doc.row(row)
	if vi >= 0 {
		// The row is VPC vi's (ref.V's): its items name ref locally.
		var ok bool
		if ref, ok = localRef(ref, vi); !ok {
			return 0, 0, false
		}
	}
	for c, it := range items {
		if it.Ref == ref {
			return row, c, true
		}
	}
	return 0, 0, false
}

// Size is the diagram's width and height in cells.
func (doc *Doc) Size() (w, h int) { return doc.w, doc.h }

// Render draws the w × h window of the diagram whose top-left corner is
// (x, y), with sel highlighted. Every line is exactly w cells wide.
func (doc *Doc) Render(st *styles.Styles, sel edit.Ref, x, y, w, h int) []string {
	return doc.RenderCursor(st, sel, TopoCursor{}, x, y, w, h)
}

// RenderCursor is Render with the cursor at cur in the topology drawing
// (the token there drawn as the cursor).
func (doc *Doc) RenderCursor(st *styles.Styles, sel edit.Ref, cur TopoCursor, x, y, w, h int) []string {
	r := &renderer{st: st, sel: sel, topo: cur}
	out := make([]string, 0, h)
	blank := strings.Repeat(" ", max(w, 0))
	for ly := y; ly < y+h; ly++ {
		if l, ok := doc.line(ly, r); ok {
			out = append(out, fit(st, l, x, w))
		} else {
			out = append(out, blank)
		}
	}
	return out
}

// line draws line ly of the diagram; false for a blank line.
func (doc *Doc) line(ly int, r *renderer) (string, bool) {
	switch {
	case ly >= doc.tailY:
		return doc.tail.line(ly-doc.tailY, r)
	case len(doc.vpcY) == 0 || ly < doc.vpcY[0]:
		return doc.head.line(ly, r)
	}
	vi := sort.Search(len(doc.vpcY), func(i int) bool { return doc.vpcY[i] > ly }) - 1
	cv := doc.vpcs[vi]
	off := ly - doc.vpcY[vi]
	if bh := cv.block.height(); off < bh {
		return cv.block.line(off, r.inVPC(vi)), true
	} else if cv.hasStrip() && off-bh < cv.strip.height() {
		return cv.strip.line(off-bh, r.inVPC(vi)), true
	}
	return "", false
}

// fit cuts a drawn line to the columns [x, x+w) and pads it to w cells.
// A line that goes on past the right edge ends in "›", and one cut on the
// left (scrolled) starts with "‹", so that a cut diagram says there is
// more and which way (H and L scroll).
func fit(st *styles.Styles, line string, x, w int) string {
	lw := safe.Width(line)
	if x > 0 || lw > w {
		more := lw > x+w && w > 2 && strings.TrimSpace(ansi.Strip(safe.Cut(line, x+w, lw))) != ""
		less := x > 0 && w > 2 && strings.TrimSpace(ansi.Strip(safe.Cut(line, 0, x))) != ""
		from, to := x, x+w
		if more {
			to--
		}
		if less {
			from++
		}
		cut := safe.Cut(line, from, to)
		if n := to - from - safe.Width(cut); n > 0 {
			cut += strings.Repeat(" ", n)
		}
		if less {
			cut = st.Dim.S("‹") + cut
		}
		if more {
			cut += st.Dim.S("›")
		}
		line = cut
		lw = safe.Width(line)
	}
	if n := w - lw; n > 0 {
		line += strings.Repeat(" ", n)
	}
	return line
}

// Rect returns where the element is drawn.
func (doc *Doc) Rect(ref edit.Ref) (Item, bool) {
	r, c, ok := doc.locate(ref)
	if !ok {
		return Item{}, false
	}
	return doc.item(r, c), true
}

// item returns the item at row r, column c, with its Y in the diagram.
func (doc *Doc) item(r, c int) Item {
	row, y, vi := doc.row(r)
	it := placeItem(row[c], vi)
	it.Y += y
	return it
}

// Items returns every selectable element in navigation order.
func (doc *Doc) Items() []Item {
	var out []Item
	for r := range doc.rowCount() {
		for c := range doc.items(r) {
			out = append(out, doc.item(r, c))
		}
	}
	return out
}

// Has reports whether ref is selectable in the diagram.
func (doc *Doc) Has(ref edit.Ref) bool {
	_, _, ok := doc.locate(ref)
	return ok
}
