package diagram

import (
	"sort"

	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// Dir is a cursor movement.
type Dir int

// Cursor movements.
const (
	Up Dir = iota
	Down
	Left
	Right
)

// First returns the first selectable element, or the zero Ref when the
// diagram has none.
func (doc *Doc) First() edit.Ref {
	if doc.rowCount() == 0 {
		return edit.Ref{}
	}
	return doc.items(0)[0].Ref
}

// Last returns the last selectable element.
func (doc *Doc) Last() edit.Ref {
	if doc.rowCount() == 0 {
		return edit.Ref{}
	}
	return doc.items(doc.rowCount() - 1)[0].Ref
}

// Move returns the element in direction dir from ref. Up and down go to the
// row above or below, to the element nearest to goalX (the column the user
// was in, kept across short rows); left and right stay in the row.
func (doc *Doc) Move(ref edit.Ref, dir Dir, goalX int) edit.Ref {
	row, col, ok := doc.locate(ref)
	if !ok {
		return doc.First()
	}
	switch dir {
	case Left:
		if col > 0 {
			return doc.items(row)[col-1].Ref
		}
	case Right:
		if items := doc.items(row); col+1 < len(items) {
			return items[col+1].Ref
		}
	case Up:
		if row > 0 {
			return nearest(doc.items(row-1), goalX)
		}
	case Down:
		if row+1 < doc.rowCount() {
			return nearest(doc.items(row+1), goalX)
		}
	}
	return ref
}

// MoveRows moves n rows down (negative: up), for page up and page down.
func (doc *Doc) MoveRows(ref edit.Ref, n, goalX int) edit.Ref {
	r, _, ok := doc.locate(ref)
	if !ok {
		return doc.First()
	}
	row := min(max(r+n, 0), doc.rowCount()-1)
	return nearest(doc.items(row), goalX)
}

// RowsIn returns how many rows, from ref's, fit in h lines going down
// (negative n: up): the step of a page movement.
func (doc *Doc) RowsIn(ref edit.Ref, h int, down bool) int {
	r0, _, ok := doc.locate(ref)
	if !ok {
		return 0
	}
	y0 := doc.item(r0, 0).Y
	n := 0
	for r := r0; ; {
		if down {
			r++
		} else {
			r--
		}
		if r < 0 || r >= doc.rowCount() {
			break
		}
		dy := doc.item(r, 0).Y - y0
		if dy < 0 {
			dy = -dy
		}
		if dy >= h {
			break
		}
		n++
	}
	return max(n, 1)
}

// NextOfKind returns the next (or previous) element of the same kind as
// kind after ref in navigation order, e.g. the next VPC.
func (doc *Doc) NextOfKind(ref edit.Ref, kind edit.Kind, forward bool) edit.Ref {
	r0, _, ok := doc.locate(ref)
	if !ok {
		return doc.First()
	}
	step := 1
	if !forward {
		step = -1
	}
	for r := r0 + step; r >= 0 && r < doc.rowCount(); r += step {
		if it := doc.items(r)[0]; it.Ref.Kind == kind {
			return it.Ref
		}
	}
	return ref
}

func nearest(row []Item, x int) edit.Ref {
	best, bestD := row[0].Ref, -1
	for _, it := range row {
		var d int
		switch {
		case x < it.X:
			d = it.X - x
		case x >= it.X+it.W:
			d = x - (it.X + it.W - 1)
		}
		if bestD < 0 || d < bestD {
			best, bestD = it.Ref, d
		}
	}
	return best
}

// Nearest returns ref if it is still in the diagram, else the closest
// element that is: the same element's parent (a tier for a subnet, the VPC
// for a tier or group), a neighbour of the same kind, or the first element.
func (doc *Doc) Nearest(ref edit.Ref) edit.Ref {
	if doc.Has(ref) {
		return ref
	}
	cands := []edit.Ref{}
	switch ref.Kind {
	case edit.Subnet:
		cands = append(cands, edit.Ref{Kind: edit.Tier, V: ref.V, T: ref.T})
	case edit.Tier:
		cands = append(cands, edit.Ref{Kind: edit.Tier, V: ref.V, T: ref.T - 1})
	case edit.SG:
		cands = append(cands, edit.Ref{Kind: edit.SG, V: ref.V, G: ref.G - 1})
	case edit.Conn:
		cands = append(cands, edit.Ref{Kind: edit.Conn, I: ref.I - 1}, edit.Ref{Kind: edit.Network, I: 0})
	case edit.Network:
		cands = append(cands, edit.Ref{Kind: edit.Network, I: ref.I - 1})
	}
	cands = append(cands, edit.Ref{Kind: edit.VPC, V: ref.V}, edit.Ref{Kind: edit.VPC, V: ref.V - 1})
	for _, c := range cands {
		if doc.Has(c) {
			return c
		}
	}
	if ref.Kind == edit.Conn || ref.Kind == edit.Network {
		return doc.Last()
	}
	return doc.First()
}

// HitTest returns the element drawn at (x, y) of the diagram.
func (doc *Doc) HitTest(x, y int) (edit.Ref, bool) {
	// Rows are in Y order; several rows can share lines only in the
	// security-group strip, which is one row.
	// Item Ys are relative to the line their row counts from.
	i := sort.Search(doc.rowCount(), func(i int) bool {
		r, ry, _ := doc.row(i)
		bottom := 0
		for _, it := range r {
			bottom = max(bottom, it.Y+it.H)
		}
		return bottom > y-ry
	})
	for ; i < doc.rowCount(); i++ {
		r, ry, vi := doc.row(i)
		ry = y - ry
		top := r[0].Y
		for _, it := range r {
			top = min(top, it.Y)
		}
		if top > ry {
			break
		}
		for _, it := range r {
			if x >= it.X && x < it.X+it.W && ry >= it.Y && ry < it.Y+it.H {
				return placeItem(it, vi).Ref, true
			}
		}
	}
	return edit.Ref{}, false
}
