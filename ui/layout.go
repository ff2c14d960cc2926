package ui

// Screen geometry. The title bar is the first line and the footer the last;
// between them the diagram and the visible panes. Wide terminals get the
// panes in a column on the right; narrower ones get them in a row under the
// diagram, so the diagram keeps the full width its VPC boxes need.

// Minimum terminal size; below it the designer shows only a message.
const (
	minWidth  = 60
	minHeight = 16
	// sideLayoutWidth is the width from which panes go beside the diagram.
	sideLayoutWidth = 150
	// rowLayoutWidth is the width from which the panes under the diagram
	// sit side by side; below it one pane shows at a time (tab switches).
	rowLayoutWidth = 110
)

type rect struct{ x, y, w, h int }

func (r rect) empty() bool               { return r.w <= 0 || r.h <= 0 }
func (r rect) contains(x, y int) bool    { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }
func (r rect) local(x, y int) (int, int) { return x - r.x, y - r.y }

type rects struct {
	diagram rect
	panes   []rect // where each of m.panes goes (empty: not shown)
	side    bool   // panes beside the diagram (else under it)
}

// tooSmall reports whether the terminal is below the minimum size.
func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// layoutRects computes where everything goes at the current size.
func (m *Model) layoutRects() rects {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		w, h = 120, 40 // before the first WindowSizeMsg: lay out for a common size
	}
	body := rect{0, 1, w, h - 2}
	r := rects{panes: make([]rect, len(m.panes))}
	vis := m.visiblePanes()
	if len(vis) == 0 || body.h < 6 {
		r.diagram = body
		return r
	}
	if w >= sideLayoutWidth {
		r.side = true
		sw := min(max(w/3, 44), 64)
		r.diagram = rect{0, body.y, w - sw, body.h}
		// Heights: panes with a sideHeight get it (problems and cost a
		// quarter each, within bounds), the one without the rest; a lone
		// pane gets the whole column, and without the filler the others
		// share the column evenly.
		heights := make([]int, len(m.panes))
		filler := -1
		used := 0
		for _, i := range vis {
			if f := m.panes[i].sideHeight; f != nil {
				heights[i] = f(body.h)
				used += heights[i]
			} else {
				filler = i
			}
		}
		switch {
		case len(vis) == 1:
			heights[vis[0]] = body.h
		case filler >= 0:
			heights[filler] = body.h - used
		default:
			left := body.h
			for n, i := range vis {
				heights[i] = body.h / len(vis)
				if n == len(vis)-1 {
					heights[i] = left
				}
				left -= heights[i]
			}
		}
		y, rest := body.y, body.h
		for _, i := range vis {
			hh := min(heights[i], rest)
			r.panes[i] = rect{w - sw, y, sw, hh}
			y += hh
			rest -= hh
		}
		return r
	}
	if w < rowLayoutWidth {
		show := m.bottomPane
		if i := m.focusedPane(); i >= 0 {
			show = i
		}
		if show < 0 || show >= len(m.panes) || m.panes[show].hidden {
			show = vis[0]
		}
		vis = []int{show}
	}
	bh := min(max(body.h*2/5, 8), 16)
	if body.h-bh < 6 {
		bh = body.h - 6
	}
	r.diagram = rect{0, body.y, w, body.h - bh}
	y := body.y + body.h - bh
	// The inspector gets more width than the others when it is shown.
	total := 0
	for _, i := range vis {
		total += m.panes[i].weight
	}
	x := 0
	for n, i := range vis {
		pw := w * m.panes[i].weight / total
		if n == len(vis)-1 {
			pw = w - x
		}
		r.panes[i] = rect{x, y, pw, bh}
		x += pw
	}
	return r
}

// resized applies a new terminal size: panes get their sizes, and the
// diagram is laid out again when its width changed.
func (m *Model) resized() {
	r := m.layoutRects()
	m.sizePanes(r)
	if r.diagram.w != m.docW {
		m.buildDiagram(make([]bool, len(m.d.VPCs)), nil, false) // the same design at another width
	}
	if m.focusHidden() {
		m.focus = focusDiagram
	}
	m.ensureVisible()
}

// ensureVisible scrolls the diagram so that the selected element shows.
func (m *Model) ensureVisible() {
	r := m.layoutRects().diagram
	it, ok := m.selRect()
	if !ok || r.empty() {
		return
	}
	// Vertically: the element, with a line of context when there is room.
	top, bottom := it.Y, it.Y+it.H
	if it.Y > 0 {
		top--
	}
	if bottom-top < r.h {
		bottom++
	}
	if top < m.scrollY {
		m.scrollY = top
	}
	if bottom > m.scrollY+r.h {
		m.scrollY = bottom - r.h
	}
	if it.Y < m.scrollY {
		m.scrollY = it.Y
	}
	// Horizontally: the element's left edge, and its right edge if it fits.
	if it.X+it.W > m.scrollX+r.w {
		m.scrollX = it.X + it.W - r.w + 1
	}
	if it.X < m.scrollX || it.W >= r.w {
		m.scrollX = max(it.X-1, 0)
	}
	m.clampScroll()
}

func (m *Model) clampScroll() {
	r := m.layoutRects().diagram
	w, h := m.doc.Size()
	m.scrollX = min(max(m.scrollX, 0), max(w-r.w+1, 0))
	m.scrollY = min(max(m.scrollY, 0), max(h-r.h+1, 0))
}
