// Package diagram lays out a design as a text diagram (a box per VPC with
// its tier × AZ grid, the security-group chain below it, then connections
// and networks) and draws the part of it that is visible.
//
// Build does the layout once per edit: it computes every element's place
// and the texts to draw, but draws nothing. Render draws only the lines in
// the viewport, so a keystroke costs the same at 5,000 subnets as at 50.
// The package knows nothing of Bubble Tea: it is given a design, a layout
// and the findings' marks, and answers with lines, places and moves.
package diagram

import (
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Marks gives the worst finding severity of each element, as
// int(design.Severity)+1; elements without findings are absent.
type Marks map[edit.Ref]int

// Input is what a diagram is built from.
type Input struct {
	Design *design.Design
	Layout *design.Layout
	Marks  Marks
	// Width is the width of the pane the diagram is shown in; gateway
	// endpoints go beside the grid when it fits, below it otherwise.
	Width int
	// Cache, when set, reuses the VPCs that did not change since the last
	// Build with the same cache.
	Cache *Cache
}

// Item is one selectable element and its place in the diagram.
type Item struct {
	Ref        edit.Ref
	X, Y, W, H int
}

// Doc is a laid-out diagram.
type Doc struct {
	blocks []placed
	w, h   int
	rows   [][]Item
	// Where each kind of element's rows start, so that an element is found
	// by arithmetic rather than through a map of every element (which cost
	// as much as the rest of a large diagram's layout).
	vpcRow, stripRow []int // per VPC; stripRow -1 without groups
	connRow, netRow  int
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
	st  *styles.Styles
	sel edit.Ref
}

// builder accumulates blocks and navigation rows.
type builder struct {
	doc *Doc
	y   int
}

// add places a block at the current line, with its navigation rows (Y
// relative to the block), and leaves gap blank lines after it.
func (b *builder) add(bl block, rows [][]Item, gap int) {
	for _, r := range rows {
		for i := range r {
			r[i].Y += b.y
		}
		b.doc.rows = append(b.doc.rows, r)
	}
	b.doc.blocks = append(b.doc.blocks, placed{b.y, bl})
	b.doc.w = max(b.doc.w, bl.width())
	b.y += bl.height() + gap
}

// Build lays out the diagram of in.
func Build(in Input) *Doc {
	d := in.Design
	doc := &Doc{vpcRow: make([]int, len(d.VPCs)), stripRow: make([]int, len(d.VPCs))}
	b := &builder{doc: doc}
	title := newTitle(d, in.Layout)
	b.add(title, [][]Item{{{Ref: edit.Ref{Kind: edit.DesignKind}, X: margin, Y: 0, W: title.width() - margin, H: 2}}}, 1)
	if len(d.VPCs) == 0 {
		b.add(textBlock{lines: []textLine{{text: "No VPCs yet: press a to add one.", dim: true}}}, nil, 1)
	}
	counts := markCounts(in)
	byVPC := marksByVPC(in)
	next := map[uint64]*cachedVPC{}
	for vi := range d.VPCs {
		cv := in.Cache.vpcParts(in, vi, counts, byVPC[vi], next)
		doc.vpcRow[vi] = len(doc.rows)
		b.add(cv.block, copyRows(cv.rows), 0)
		doc.stripRow[vi] = -1
		if cv.strip != nil && len(cv.srow) > 0 {
			doc.stripRow[vi] = len(doc.rows)
			b.add(cv.strip, copyRows([][]Item{cv.srow}), 0)
		}
		b.y++
	}
	if in.Cache != nil {
		in.Cache.vpcs = next
	}
	doc.connRow = len(doc.rows)
	doc.netRow = doc.connRow + len(d.Connections)
	if cb, rows := newConnections(in); cb != nil {
		b.add(cb, rows, 1)
	}
	b.add(legend(), nil, 0)
	doc.h = b.y
	return doc
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
				row += 1 + ref.T
				if ref.T < 0 || row >= len(doc.rows) || doc.rows[row][0].Ref.V != ref.V || doc.rows[row][0].Ref.Kind != edit.Tier {
					return 0, 0, false
				}
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
	if row < 0 || row >= len(doc.rows) || (ref.Kind == edit.Conn || ref.Kind == edit.Network) && ref.I < 0 {
		return 0, 0, false
	}
	for c, it := range doc.rows[row] {
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
	r := &renderer{st: st, sel: sel}
	out := make([]string, 0, h)
	bi := sort.Search(len(doc.blocks), func(i int) bool {
		return doc.blocks[i].y+doc.blocks[i].b.height() > y
	})
	blank := strings.Repeat(" ", max(w, 0))
	for ly := y; ly < y+h; ly++ {
		for bi < len(doc.blocks) && doc.blocks[bi].y+doc.blocks[bi].b.height() <= ly {
			bi++
		}
		if bi >= len(doc.blocks) || ly < doc.blocks[bi].y {
			out = append(out, blank)
			continue
		}
		pb := doc.blocks[bi]
		out = append(out, fit(pb.b.line(ly-pb.y, r), x, w))
	}
	return out
}

// fit cuts a drawn line to the columns [x, x+w) and pads it to w cells.
func fit(line string, x, w int) string {
	lw := safe.Width(line)
	if x > 0 || lw > w {
		line = safe.Cut(line, x, x+w)
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
	return doc.rows[r][c], true
}

// Items returns every selectable element in navigation order.
func (doc *Doc) Items() []Item {
	var out []Item
	for _, r := range doc.rows {
		out = append(out, r...)
	}
	return out
}

// Has reports whether ref is selectable in the diagram.
func (doc *Doc) Has(ref edit.Ref) bool {
	_, _, ok := doc.locate(ref)
	return ok
}
