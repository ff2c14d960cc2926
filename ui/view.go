package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// View draws the designer.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	title := "vpcsmith — " + safe.Text(m.fileName())
	if m.Dirty() {
		title += " •"
	}
	v.WindowTitle = title
	if m.quitting {
		return v
	}
	v.SetContent(m.Render())
	return v
}

// Render returns the screen as text: exactly height lines of exactly width
// cells.
func (m *Model) Render() (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fitLine(fmt.Sprintf(" %s %v while drawing (please report it; ctrl+s still saves)", internalError, r), m.width)
		}
	}()
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.tooSmall() {
		return strings.Join(m.tooSmallView(), "\n")
	}
	lines := make([]string, 0, h)
	lines = append(lines, m.titleBar(w))
	var body []string
	switch {
	case m.picker != nil:
		body = m.picker.view(m, w, h-2)
	case m.help:
		body = m.helpView(w, h-2)
	default:
		body = m.bodyView()
	}
	if m.modal != nil {
		body = m.overlay(body, w)
	}
	lines = append(lines, body...)
	lines = append(lines, m.footer(w))
	for i := range lines {
		lines[i] = fitLine(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// fitLine cuts or pads a styled line to exactly w cells.
func fitLine(s string, w int) string {
	sw := safe.Width(s)
	if sw > w {
		return safe.Cut(s, 0, w)
	}
	return s + strings.Repeat(" ", w-sw)
}

func (m *Model) tooSmallView() []string {
	msg := []string{
		fmt.Sprintf("The terminal is %d×%d.", m.width, m.height),
		fmt.Sprintf("vpcsmith needs at least %d×%d:", minWidth, minHeight),
		"enlarge the window, or press q to quit.",
	}
	out := make([]string, m.height)
	top := max((m.height-len(msg))/2, 0)
	for i, l := range msg {
		if top+i < len(out) {
			pad := max((m.width-safe.Width(l))/2, 0)
			out[top+i] = safe.Truncate(strings.Repeat(" ", pad)+l, m.width)
		}
	}
	for i := range out {
		out[i] = fitLine(out[i], m.width)
	}
	return out
}

func (m *Model) titleBar(w int) string {
	st := m.st
	parts := []string{st.Title.S("vpcsmith"), safe.Text(m.fileName())}
	switch {
	case m.picker != nil:
		parts = append(parts, st.Dim.S("new file"))
	case m.Dirty():
		parts = append(parts, st.Dirty.S("● unsaved"))
	default:
		parts = append(parts, st.Dim.S("saved"))
	}
	if m.picker == nil {
		e, wn := m.errors, m.warnings
		counts := st.Error.S(fmt.Sprintf("%s %d", styles.GlyphError, e)) + " " + st.Warning.S(fmt.Sprintf("%s %d", styles.GlyphWarning, wn))
		switch {
		case m.validating():
			counts = st.Dim.S("validating…")
		case e == 0 && wn == 0:
			counts = st.OK.S("✓ valid")
		}
		parts = append(parts, counts)
		if t := m.cost.Total(); t != "" {
			parts = append(parts, t+"/mo")
		}
	}
	left := " " + strings.Join(parts, st.Dim.S("  │  "))
	right := st.Dim.S("? help ")
	gap := w - safe.Width(left) - safe.Width(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) footer(w int) string {
	st := m.st
	if m.status != "" {
		p := st.Dim
		prefix := ""
		if m.statusErr {
			p, prefix = st.Error, styles.GlyphError+" "
		}
		return " " + p.S(safe.Truncate(prefix+safe.Text(m.status), w-2))
	}
	var bs []key.Binding
	switch {
	case m.modal != nil:
		return "" // a dialog lists its own keys (over the picker too, where q is typed)
	case m.picker != nil:
		return " " + keyLine(st, "↑/↓", "choose", "enter", "start from it", "q", "quit")
	case m.help:
		return " " + keyLine(st, "?/esc", "close help")
	case m.focus == focusInspector:
		if m.inspector.Editing() {
			return " " + keyLine(st, "enter", "apply", "esc", "cancel", "ctrl+u", "clear")
		}
		bs = m.inspector.Keys().ShortHelp()
	case m.focus == focusProblems:
		k := m.problems.Keys()
		bs = []key.Binding{k.Up, k.Down, k.Jump, k.DetailDown, k.Back}
	case m.focus == focusCost:
		k := m.cost
		_ = k
		lk := panes.DefaultListKeys()
		bs = []key.Binding{lk.Up, lk.Down, lk.Back}
	default:
		bs = m.contextKeys()
	}
	bs = append(bs, m.keys.Focus, m.keys.Help)
	return " " + m.helpLine(bs, w-2)
}

// contextKeys are the diagram keys that apply to the selected element.
func (m *Model) contextKeys() []key.Binding {
	k := m.keys
	switch m.sel.Kind {
	case edit.VPC:
		return []key.Binding{k.Edit, k.CIDR, k.AZs, k.NAT, k.Add, k.Remove, k.Undo, k.Save}
	case edit.Tier:
		return []key.Binding{k.Edit, k.Kind, k.Bigger, k.Smaller, k.MoveUp, k.MoveDown, k.Add, k.Remove, k.Undo}
	case edit.Subnet:
		return []key.Binding{withHelp(k.Edit, "edit CIDR"), k.Kind, k.Bigger, k.Smaller, k.Add, k.Undo, k.Save}
	case edit.SG, edit.Conn, edit.Network:
		return []key.Binding{k.Edit, k.Rename, k.Add, k.Remove, k.Undo, k.Save}
	}
	return []key.Binding{k.Edit, k.Add, k.Undo, k.Save}
}

func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// helpLine lists bindings as "key desc", as many as fit in w.
func (m *Model) helpLine(bs []key.Binding, w int) string {
	var out string
	for _, b := range bs {
		h := b.Help()
		desc := h.Desc
		if i := strings.Index(desc, " ("); i > 0 {
			desc = desc[:i]
		}
		item := m.st.Key.S(h.Key) + " " + m.st.KeyDesc.S(desc)
		sep := ""
		if out != "" {
			sep = m.st.Dim.S(" · ")
		}
		if safe.Width(out)+safe.Width(sep)+safe.Width(item) > w {
			break
		}
		out += sep + item
	}
	return out
}

// bodyView draws the diagram and the panes between title and footer.
func (m *Model) bodyView() []string {
	r := m.layoutRects()
	h := m.height - 2
	lines := make([]string, h)
	diag := m.doc.RenderCursor(m.st, m.sel, m.topoCursor(), m.scrollX, m.scrollY, r.diagram.w, r.diagram.h)
	for i, l := range diag {
		lines[r.diagram.y-1+i] = l
	}
	draw := func(rc rect, pane []string) {
		for i, l := range pane {
			y := rc.y - 1 + i
			if y < 0 || y >= h || i >= rc.h {
				break
			}
			lines[y] = fitLine(lines[y], rc.x) + l
		}
	}
	// Panes are drawn left to right on each line: in the row layout the
	// inspector is leftmost, in the column layout they share one x.
	m.sizePanes(r)
	for i, s := range m.panes {
		if !r.panes[i].empty() {
			draw(r.panes[i], s.p.View(m.focus == s.focus))
		}
	}
	return lines
}

// overlay draws the open dialog over the middle of the diagram's area, so
// that it never cuts into a pane's border; when the diagram's area is too
// small for it, the panes give way for as long as the dialog is open and
// it goes over the middle of the diagram drawn on the whole body.
func (m *Model) overlay(body []string, w int) []string {
	full := rect{0, 0, w, len(body)}
	area := m.layoutRects().diagram
	area.y-- // body lines start under the title bar
	if m.picker != nil || m.help {
		area = full // no panes behind it
	}
	title, lines := m.modalView(area.w)
	if area != full && (area.w-2 < 40 || len(lines)+2 > area.h) {
		area = full
		title, lines = m.modalView(w)
		body = m.doc.RenderCursor(m.st, m.sel, m.topoCursor(), m.scrollX, m.scrollY, w, len(body))
	}
	bw := dialogWidth(area.w)
	box := panes.Frame(m.st, title, lines, bw, len(lines)+2, true)
	top := area.y + max((area.h-len(box))/2, 0)
	x := area.x + (area.w-bw)/2
	out := append([]string(nil), body...)
	for i, l := range box {
		y := top + i
		if y >= len(out) {
			break
		}
		line := fitLine(out[y], w)
		left := safe.Cut(line, 0, x)
		right := safe.Cut(line, x+bw, w)
		if m.st.Selected.Plain() {
			out[y] = left + l + right
		} else {
			// The dialog must not inherit a style cut open on its left.
			out[y] = left + ansi.ResetStyle + l + ansi.ResetStyle + right
		}
	}
	return out
}

// dialogWidth is the width of a dialog over an area aw cells wide.
func dialogWidth(aw int) int { return min(max(aw*2/3, 40), 76, aw-2) }

// modalView is the open dialog's title and lines for an area aw wide.
func (m *Model) modalView(aw int) (string, []string) {
	return m.modal.view(m, dialogWidth(aw)-4)
}

// helpView is the full key reference.
func (m *Model) helpView(w, h int) []string {
	st := m.st
	var cols [][]string
	for _, g := range m.keys.helpGroups() {
		col := []string{st.Title.S(g.title)}
		for _, b := range g.keys {
			col = append(col, st.Key.S(safe.Pad(b.Help().Key, 14))+" "+describe(b))
		}
		cols = append(cols, col)
	}
	ins := m.inspector.Keys()
	col := []string{st.Title.S("Inspector")}
	for _, b := range []key.Binding{ins.Up, ins.Down, ins.Edit, ins.Prev, ins.Next, ins.Remove, ins.Commit, ins.Cancel, ins.Back} {
		hh := b.Help()
		col = append(col, st.Key.S(safe.Pad(hh.Key, 14))+" "+hh.Desc)
	}
	col = append(col, "", st.Title.S("Problems"), st.Key.S(safe.Pad("enter", 14))+" go to the element")
	cols = append(cols, col)

	// Columns of groups side by side when the terminal is wide enough.
	colW := min(w-2, 80)
	per := max((w-2)/colW, 1)
	var out []string
	for i := 0; i < len(cols); i += per {
		rowH := 0
		for j := i; j < i+per && j < len(cols); j++ {
			rowH = max(rowH, len(cols[j]))
		}
		for y := range rowH {
			var line string
			for j := i; j < i+per && j < len(cols); j++ {
				cell := ""
				if y < len(cols[j]) {
					cell = cols[j][y]
				}
				line += "  " + fitLine(cell, colW-2)
			}
			out = append(out, line)
		}
		out = append(out, "")
	}
	out = append(out, st.Dim.S("  Glyphs: "+styles.GlyphError+" error  "+styles.GlyphWarning+" warning  "+styles.GlyphInfo+" info · cells: NAT gateway, ENI×n interface endpoints, ▪ workload, ◁ gateway endpoint"))
	// The help scrolls when it is taller than the screen.
	head := []string{st.Title.S(" vpcsmith designer — keys"), ""}
	if len(out) > h-2 {
		head[1] = st.Dim.S(" ↑/↓ pgup/pgdn scroll")
	}
	m.helpOffset = min(max(m.helpOffset, 0), max(len(out)-(h-2), 0))
	out = append(head, out[m.helpOffset:]...)
	if len(out) > h {
		out = out[:h]
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}
