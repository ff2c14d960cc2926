package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// pane is what the root needs of a side pane (soft-serve's
// common.Component is the model): layout, drawing, toggles, focus and key
// routing go through it, over the slice m.panes, so that a pane added later
// is one more slot, not one more field in each of those places. Callers
// that need a pane's own methods (the inspector's StartEdit, the problems'
// SetProblems) use the typed fields m.inspector, m.problems and m.cost,
// which point at the same values.
type pane interface {
	SetSize(w, h int)
	SetStyles(st *styles.Styles)
	HandleMsg(msg tea.Msg) panes.Action
	View(focused bool) []string
	// Keymap lists the keys the pane answers to: a key it does not use
	// goes to the diagram (paneKey), so that a, ], c and the other
	// diagram keys work wherever the focus is.
	Keymap() []key.Binding
}

// paneSlot is a pane and how the layout treats it.
type paneSlot struct {
	p      pane
	focus  focus // the focus value that means this pane
	hidden bool
	// sideHeight is the pane's height in the column beside the diagram
	// for a body of h lines; nil: it takes what the others leave.
	sideHeight func(h int) int
	// weight is its share of the width in the row under the diagram.
	weight int
}

// Indexes into m.panes, in the order they are drawn, cycled and toggled
// (the keys 1, 2 and 3).
const (
	paneInspector = iota
	paneProblems
	paneCost
)

// newPanes makes the designer's panes: the inspector, problems and cost.
func (m *Model) newPanes() {
	m.inspector = panes.NewInspector(m.st)
	m.problems = panes.NewProblems(m.st)
	m.cost = panes.NewCost(m.st)
	m.panes = []paneSlot{
		paneInspector: {p: m.inspector, focus: focusInspector, weight: 5},
		paneProblems:  {p: m.problems, focus: focusProblems, weight: 3, sideHeight: func(h int) int { return min(max(h/4, 6), 14) }},
		paneCost:      {p: m.cost, focus: focusCost, weight: 4, sideHeight: func(h int) int { return min(max(h/4, 6), 16) }},
	}
}

// paneOf returns the index of the pane focus f means, or -1 (the diagram).
func (m *Model) paneOf(f focus) int {
	for i, s := range m.panes {
		if s.focus == f {
			return i
		}
	}
	return -1
}

// focusedPane returns the focused pane's index, or -1 when the diagram has
// the focus.
func (m *Model) focusedPane() int { return m.paneOf(m.focus) }

// visiblePanes returns the indexes of the panes not hidden.
func (m *Model) visiblePanes() []int {
	var vis []int
	for i, s := range m.panes {
		if !s.hidden {
			vis = append(vis, i)
		}
	}
	return vis
}

// hiddenPanes reports, pane by pane, which are hidden.
func (m *Model) hiddenPanes() []bool {
	out := make([]bool, len(m.panes))
	for i, s := range m.panes {
		out[i] = s.hidden
	}
	return out
}

func (m *Model) setStyles(st *styles.Styles) {
	m.st = st
	for _, s := range m.panes {
		s.p.SetStyles(st)
	}
}

// sizePanes gives each pane the size of its place in r.
func (m *Model) sizePanes(r rects) {
	for i, s := range m.panes {
		s.p.SetSize(r.panes[i].w, r.panes[i].h)
	}
}

func (m *Model) focusHidden() bool {
	i := m.focusedPane()
	return i >= 0 && m.panes[i].hidden
}

// cycleFocus moves the focus step places along the diagram and the visible
// panes.
func (m *Model) cycleFocus(step int) {
	n := len(m.panes) + 1 // the diagram is place 0
	i := m.focusedPane() + 1
	for range n {
		i = (i + step + n) % n
		if i == 0 {
			m.focus = focusDiagram
			m.resized()
			return
		}
		if !m.panes[i-1].hidden {
			m.focus = m.panes[i-1].focus
			m.bottomPane = i - 1
			m.resized()
			return
		}
	}
}

func (m *Model) togglePane(i int) {
	m.panes[i].hidden = !m.panes[i].hidden
	m.resized()
}

// toggleAllPanes hides every pane, or shows them all when all are hidden.
func (m *Model) toggleAllPanes() {
	all := len(m.visiblePanes()) == 0
	for i := range m.panes {
		m.panes[i].hidden = !all
	}
	m.resized()
}

// showPane makes a pane visible and focuses it.
func (m *Model) showPane(f focus) {
	i := m.paneOf(f)
	m.panes[i].hidden = false
	m.focus = f
	m.bottomPane = i
	m.resized()
}

// paneKey gives a key to the focused pane; false: the diagram takes it,
// because the diagram has the focus, or because the pane does not use the
// key, which gives the focus back to the diagram (issue 15: after adding
// a VPC the inspector had the focus, and a, ] and c did nothing).
func (m *Model) paneKey(msg tea.Msg) (tea.Cmd, bool) {
	i := m.focusedPane()
	if i < 0 {
		return nil, false
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !slices.ContainsFunc(m.panes[i].p.Keymap(), func(b key.Binding) bool { return key.Matches(k, b) }) {
		m.focus = focusDiagram
		return nil, false
	}
	return m.onPaneAction(m.panes[i].p.HandleMsg(msg)), true
}

// paneAt returns the index of the pane drawn at (x, y) in r, or -1.
func (r rects) paneAt(x, y int) int {
	for i, p := range r.panes {
		if p.contains(x, y) {
			return i
		}
	}
	return -1
}
