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
	index  map[edit.Ref][2]int // row, column
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
	doc := &Doc{index: map[edit.Ref][2]int{}}
	b := &builder{doc: doc}
	title := newTitle(d, in.Layout)
	b.add(title, [][]Item{{{Ref: edit.Ref{Kind: edit.DesignKind}, X: margin, Y: 0, W: title.width() - margin, H: 2}}}, 1)
	if len(d.VPCs) == 0 {
		b.add(textBlock{lines: []textLine{{text: "No VPCs yet: press a to add one.", dim: true}}}, nil, 1)
	}
	counts := markCounts(in)
	for vi := range d.VPCs {
		vb, rows := newVPC(in, vi, counts)
		b.add(vb, rows, 0)
		if sb, srow := newStrip(in, vi); sb != nil {
			b.add(sb, [][]Item{srow}, 0)
		}
		b.y++
	}
	if cb, rows := newConnections(in); cb != nil {
		b.add(cb, rows, 1)
	}
	b.add(legend(), nil, 0)
	doc.h = b.y
	n := 0
	for _, r := range doc.rows {
		n += len(r)
	}
	doc.index = make(map[edit.Ref][2]int, n)
	for ri, r := range doc.rows {
		for ci, it := range r {
			doc.index[it.Ref] = [2]int{ri, ci}
		}
	}
	return doc
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
	p, ok := doc.index[ref]
	if !ok {
		return Item{}, false
	}
	return doc.rows[p[0]][p[1]], true
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
	_, ok := doc.index[ref]
	return ok
}
