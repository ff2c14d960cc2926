package diagram

import (
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// TopoCursor is a place in the topology drawing: a token (a VPC or network
// node, or a connection's edge, hub or route table) of one of its lines.
// The cursor of the diagram is an element (edit.Ref), and an element can
// be drawn many times in the topology (a VPC in each of its connections),
// so the designer keeps where in the drawing the cursor is beside the
// element it selects. The zero TopoCursor is outside the drawing.
type TopoCursor struct {
	On        bool
	Line, Tok int // the line of the drawing (0 is its heading) and the token in it
}

// topo returns the topology block and its first line, or nil.
func (doc *Doc) topo() (*topoBlock, int) {
	for _, p := range doc.tail.blocks {
		if b, ok := p.b.(*topoBlock); ok {
			return b, doc.tailY + p.y
		}
	}
	return nil, 0
}

// tokAt returns the token under cur, if it is one.
func (b *topoBlock) tokAt(cur TopoCursor) (topoLine, topoTok, bool) {
	if b == nil || !cur.On || cur.Line < 0 || cur.Line >= len(b.lines) {
		return topoLine{}, topoTok{}, false
	}
	l := b.lines[cur.Line]
	if cur.Tok < 0 || cur.Tok >= len(l.toks) {
		return topoLine{}, topoTok{}, false
	}
	return l, l.toks[cur.Tok], true
}

// TopoRef returns the element the token under cur selects: the VPC or
// network its node names (the first of that name, as paths resolve), or
// its connection (for an edge, a hub, a route table, or a node naming
// nothing of the design).
func (doc *Doc) TopoRef(d *design.Design, cur TopoCursor) (edit.Ref, bool) {
	b, _ := doc.topo()
	l, t, ok := b.tokAt(cur)
	if !ok {
		return edit.Ref{}, false
	}
	switch t.kind {
	case edit.VPC:
		for i := range d.VPCs {
			if d.VPCs[i].Name == t.name {
				return edit.Ref{Kind: edit.VPC, V: i}, true
			}
		}
	case edit.Network:
		for i := range d.Networks {
			if d.Networks[i].Name == t.name {
				return edit.Ref{Kind: edit.Network, I: i}, true
			}
		}
	}
	return l.ref, true
}

// TopoRect returns where the token under cur is drawn.
func (doc *Doc) TopoRect(cur TopoCursor) (Item, bool) {
	b, y := doc.topo()
	l, t, ok := b.tokAt(cur)
	if !ok {
		return Item{}, false
	}
	return Item{Ref: l.ref, X: listIndent + 2 + t.x, Y: y + cur.Line, W: t.w, H: 1}, true
}

// TopoEnter returns the token of the drawing's first line with any that
// is nearest column goalX: where the cursor goes down into the drawing
// from the last element of the list above it.
func (doc *Doc) TopoEnter(goalX int) (TopoCursor, bool) {
	b, _ := doc.topo()
	if b == nil {
		return TopoCursor{}, false
	}
	return b.nearestLine(0, 1, goalX)
}

// nearestLine searches from line i in steps of step for a line with
// tokens, and returns its token nearest goalX.
func (b *topoBlock) nearestLine(i, step, goalX int) (TopoCursor, bool) {
	for ; i >= 0 && i < len(b.lines); i += step {
		toks := b.lines[i].toks
		if len(toks) == 0 {
			continue
		}
		best, bestD := 0, -1
		for k, t := range toks {
			x := listIndent + 2 + t.x
			d := 0
			switch {
			case goalX < x:
				d = x - goalX
			case goalX >= x+t.w:
				d = goalX - (x + t.w - 1)
			}
			if bestD < 0 || d < bestD {
				best, bestD = k, d
			}
		}
		return TopoCursor{On: true, Line: i, Tok: best}, true
	}
	return TopoCursor{}, false
}

// TopoMove moves the cursor in the drawing: left and right between the
// tokens of a line, up and down to the nearest token (to goalX) of the
// line above or below with any. It returns false when the move leaves
// the drawing upwards (to the list above); at its other edges it stays.
func (doc *Doc) TopoMove(cur TopoCursor, dir Dir, goalX int) (TopoCursor, bool) {
	b, _ := doc.topo()
	if _, _, ok := b.tokAt(cur); !ok {
		return TopoCursor{}, false
	}
	switch dir {
	case Left:
		if cur.Tok > 0 {
			cur.Tok--
		}
	case Right:
		if cur.Tok+1 < len(b.lines[cur.Line].toks) {
			cur.Tok++
		}
	case Up:
		next, ok := b.nearestLine(cur.Line-1, -1, goalX)
		if !ok {
			return TopoCursor{}, false
		}
		cur = next
	case Down:
		if next, ok := b.nearestLine(cur.Line+1, 1, goalX); ok {
			cur = next
		}
	}
	return cur, true
}

// TopoHit returns the token drawn at (x, y) of the diagram, if one is:
// where a click in the drawing puts the cursor.
func (doc *Doc) TopoHit(x, y int) (TopoCursor, bool) {
	b, by := doc.topo()
	if b == nil || y < by || y >= by+len(b.lines) {
		return TopoCursor{}, false
	}
	line := y - by
	for k, t := range b.lines[line].toks {
		if tx := listIndent + 2 + t.x; x >= tx && x < tx+t.w {
			return TopoCursor{On: true, Line: line, Tok: k}, true
		}
	}
	return TopoCursor{}, false
}
