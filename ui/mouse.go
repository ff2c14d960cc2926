package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
)

// onClick selects what was clicked: an element of the diagram, or a pane
// (which takes the focus).
func (m *Model) onClick(ms tea.Mouse) tea.Cmd {
	if m.modal != nil || m.picker != nil || m.help || m.tooSmall() || ms.Button != tea.MouseLeft {
		return nil
	}
	r := m.layoutRects()
	switch {
	case r.diagram.contains(ms.X, ms.Y):
		x, y := r.diagram.local(ms.X, ms.Y)
		x, y = x+m.scrollX, y+m.scrollY
		// A node or edge of the topology drawing puts the cursor on it, as
		// the movement keys would; anything else leaves the drawing.
		cur, inTopo := m.doc.TopoHit(x, y)
		ref, ok := m.doc.TopoRef(m.d, cur)
		if !inTopo || !ok {
			cur = diagram.TopoCursor{}
			ref, ok = m.doc.HitTest(x, y)
		}
		if ok {
			if m.focus == focusInspector && m.inspector.Editing() {
				m.inspector.Cancel()
			}
			m.focus = focusDiagram
			m.topo = cur // before selecting, so the view keeps the token in sight
			m.selectRef(ref)
			if it, ok := m.doc.TopoRect(cur); ok {
				m.goalX = it.X + min(it.W/2, 4)
			}
		}
	case r.paneAt(ms.X, ms.Y) >= 0:
		m.focus = m.panes[r.paneAt(ms.X, ms.Y)].focus
	}
	return nil
}

// onWheel scrolls the diagram (shift or the horizontal wheel: sideways).
func (m *Model) onWheel(ms tea.Mouse) {
	if m.modal != nil || m.picker != nil || m.help || m.tooSmall() {
		return
	}
	r := m.layoutRects()
	if !r.diagram.contains(ms.X, ms.Y) {
		return
	}
	const step = 3
	switch {
	case ms.Button == tea.MouseWheelUp && ms.Mod&tea.ModShift != 0, ms.Button == tea.MouseWheelLeft:
		m.scrollX -= 2 * step
	case ms.Button == tea.MouseWheelDown && ms.Mod&tea.ModShift != 0, ms.Button == tea.MouseWheelRight:
		m.scrollX += 2 * step
	case ms.Button == tea.MouseWheelUp:
		m.scrollY -= step
	case ms.Button == tea.MouseWheelDown:
		m.scrollY += step
	}
	m.clampScroll()
}
