package ui

import tea "charm.land/bubbletea/v2"

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
		if ref, ok := m.doc.HitTest(x+m.scrollX, y+m.scrollY); ok {
			if m.focus == focusInspector && m.inspector.Editing() {
				m.inspector.Cancel()
			}
			m.focus = focusDiagram
			m.selectRef(ref)
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
