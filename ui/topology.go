package ui

import (
	"github.com/vpcsmith/vpcsmith/ui/diagram"
)

// The cursor in the topology drawing (issue 15): m.topo says where in the
// drawing the cursor is while m.sel is the element there. An element is
// drawn many times (a VPC in each of its connections), so the element
// alone cannot say where the cursor is.

// inTopo reports whether the cursor is in the topology drawing: m.topo is
// on a token that still selects m.sel (any other way of selecting, a click,
// a jump from the problems pane, an edit that removed the token, leaves
// the drawing).
func (m *Model) inTopo() bool {
	if !m.topo.On {
		return false
	}
	r, ok := m.doc.TopoRef(m.d, m.topo)
	return ok && r == m.sel
}

// topoCursor is the cursor to draw in the topology, if it is there.
func (m *Model) topoCursor() diagram.TopoCursor {
	if m.inTopo() {
		return m.topo
	}
	return diagram.TopoCursor{}
}

// topoMove moves the cursor within, into or out of the drawing, and
// reports whether it did: down from the diagram's last element enters it,
// up from its first line leaves it for that element.
func (m *Model) topoMove(dir diagram.Dir) bool {
	if !m.inTopo() {
		m.topo = diagram.TopoCursor{}
		if dir != diagram.Down || m.sel != m.doc.Last() {
			return false
		}
		cur, ok := m.doc.TopoEnter(m.goalX)
		if !ok {
			return false
		}
		m.topo = cur
	} else if cur, ok := m.doc.TopoMove(m.topo, dir, m.goalX); ok {
		m.topo = cur
	} else {
		m.topo = diagram.TopoCursor{}
		m.sel = m.doc.Last()
		return true
	}
	m.sel, _ = m.doc.TopoRef(m.d, m.topo)
	if it, ok := m.doc.TopoRect(m.topo); ok && (dir == diagram.Left || dir == diagram.Right) {
		m.goalX = it.X + min(it.W/2, 4)
	}
	return true
}

// selRect is where the cursor is drawn: its token in the topology, or the
// selected element's place.
func (m *Model) selRect() (diagram.Item, bool) {
	if m.inTopo() {
		return m.doc.TopoRect(m.topo)
	}
	return m.doc.Rect(m.sel)
}
