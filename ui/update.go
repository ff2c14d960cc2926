package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Update handles a message. Key presses go to the open dialog, else to the
// help, else to the global keys and then the focused area.
func (m *Model) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer func() {
		// A bug must not end the session: the design states are never
		// changed in place, so the current one is whole, and saving works.
		if r := recover(); r != nil {
			m.setStatus(fmt.Sprintf("%s %v (please report it; ctrl+s still saves)", internalError, r), true)
			cmd = nil
		}
	}()
	return m, m.update(msg)
}

// internalError starts the status line of a recovered panic; tests look
// for it.
const internalError = "internal error:"

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resized()
		return nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setStyles(styles.New(m.dark, !m.opts.NoColor))
		return nil
	case costMsg:
		return m.onCost(msg)
	case validatedMsg:
		return m.onValidated(msg)
	case reachMsg:
		return m.onReach(msg)
	case savedMsg:
		return m.onSaved(msg)
	case reloadedMsg:
		return m.onReloaded(msg)
	case journalMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
		}
		return nil
	case exportedMsg:
		return m.onExported(msg)
	case importMsg:
		if im, ok := m.modal.(*importModal); ok {
			return m.applyDialog(im.onResult(msg))
		}
		return nil
	case spinner.TickMsg:
		// The import's spinner turns while it works, and stops with it.
		if im, ok := m.modal.(*importModal); ok && im.busy() {
			var cmd tea.Cmd
			im.spin, cmd = im.spin.Update(msg)
			return cmd
		}
		return nil
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		if m.modal != nil {
			return m.dialogMsg(msg)
		}
		if m.focus == focusInspector && m.inspector.Editing() {
			return m.onPaneAction(m.inspector.HandleMsg(msg))
		}
		return nil
	case tea.MouseClickMsg:
		return m.onClick(msg.Mouse())
	case tea.MouseWheelMsg:
		m.onWheel(msg.Mouse())
		return nil
	}
	return nil
}

func (m *Model) setStatus(s string, isErr bool) {
	m.status, m.statusErr = s, isErr
}

func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	// A status message lasts until the next key.
	m.status, m.statusErr = "", false
	if m.modal != nil {
		return m.dialogMsg(k)
	}
	if m.picker != nil {
		return m.applyDialog(m.picker.update(m, k))
	}
	if m.help {
		switch {
		case key.Matches(k, m.keys.Help), key.Matches(k, m.dk.Close):
			m.help = false
		case key.Matches(k, m.keys.Down):
			m.helpOffset++
		case key.Matches(k, m.keys.Up):
			m.helpOffset--
		case key.Matches(k, m.keys.PageDown):
			m.helpOffset += m.height - 4
		case key.Matches(k, m.keys.PageUp):
			m.helpOffset -= m.height - 4
		case key.Matches(k, m.dk.Interrupt):
			return m.quit()
		}
		return nil
	}
	if m.swallowCIDR {
		if t := k.Text; t != "" && strings.Trim(t, "0123456789./:") == "" {
			m.setStatus("no CIDR field is open: select a VPC, subnet or network, then press c", true)
			return nil
		}
		m.swallowCIDR = false
	}
	// Typing in the inspector: only quitting and saving are global.
	if m.focus == focusInspector && m.inspector.Editing() {
		switch {
		case key.Matches(k, m.dk.Interrupt):
			return m.quit()
		case key.Matches(k, m.keys.Save):
			return m.save()
		}
		return m.onPaneAction(m.inspector.HandleMsg(k))
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.quit()
	case key.Matches(k, m.keys.Save):
		return m.save()
	case key.Matches(k, m.keys.Undo):
		return m.undo()
	case key.Matches(k, m.keys.Redo):
		return m.redo()
	case key.Matches(k, m.keys.Help):
		m.help = true
		return nil
	case key.Matches(k, m.keys.Palette):
		m.openDialog(newPalette(m))
		return nil
	case key.Matches(k, m.keys.Focus):
		m.cycleFocus(1)
		return nil
	case key.Matches(k, m.keys.FocusBack):
		m.cycleFocus(-1)
		return nil
	case key.Matches(k, m.keys.ToggleInspector):
		m.togglePane(paneInspector)
		return nil
	case key.Matches(k, m.keys.ToggleProblems):
		m.togglePane(paneProblems)
		return nil
	case key.Matches(k, m.keys.ToggleCost):
		m.togglePane(paneCost)
		return nil
	case key.Matches(k, m.keys.TogglePanes):
		m.toggleAllPanes()
		return nil
	case key.Matches(k, m.keys.Mouse):
		m.mouse = !m.mouse
		if m.mouse {
			m.setStatus("mouse on: click selects, the wheel scrolls", false)
		} else {
			m.setStatus("mouse off: the terminal selects text; m turns it back on", false)
		}
		return nil
	case key.Matches(k, m.keys.Reach):
		if m.reach != nil {
			m.endReach()
			return nil
		}
		return m.openReach()
	case key.Matches(k, m.keys.Export):
		return m.openExport()
	case key.Matches(k, m.keys.Import):
		return m.openImport()
	}
	if cmd, ok := m.paneKey(k); ok {
		return cmd
	}
	return m.onDiagramKey(k)
}

// onPaneAction carries out what a pane asked for.
func (m *Model) onPaneAction(a panes.Action) tea.Cmd {
	switch a.Kind {
	case panes.Apply:
		gen := m.gen
		cmd := m.apply(a.Label, a.Scope, a.Edit, nil)
		if a.Blur && m.gen != gen {
			m.focus = focusDiagram
			m.setStatus(m.status+" · back on the diagram", false)
		}
		return cmd
	case panes.Jump:
		m.focus = focusDiagram
		m.selectRef(a.Ref)
	case panes.Blur:
		m.focus = focusDiagram
	case panes.Status:
		m.setStatus(a.Label, a.Err)
	}
	return nil
}

// selectRef moves the cursor to ref (or the nearest element there is).
func (m *Model) selectRef(ref edit.Ref) {
	m.sel = m.doc.Nearest(ref)
	if it, ok := m.doc.Rect(m.sel); ok {
		m.goalX = it.X + min(it.W/2, 4)
	}
	m.syncInspector()
	m.ensureVisible()
}

func (m *Model) onDiagramKey(k tea.KeyPressMsg) tea.Cmd {
	km := m.keys
	move := func(dir diagram.Dir) {
		if m.topoMove(dir) {
			m.syncInspector()
			m.ensureVisible()
			return
		}
		m.sel = m.doc.Move(m.sel, dir, m.goalX)
		if it, ok := m.doc.Rect(m.sel); ok && (dir == diagram.Left || dir == diagram.Right) {
			m.goalX = it.X + min(it.W/2, 4)
		}
		m.syncInspector()
		m.ensureVisible()
	}
	r := m.layoutRects().diagram
	switch {
	case key.Matches(k, km.Up):
		move(diagram.Up)
	case key.Matches(k, km.Down):
		move(diagram.Down)
	case key.Matches(k, km.Left):
		move(diagram.Left)
	case key.Matches(k, km.Right):
		move(diagram.Right)
	case key.Matches(k, km.PageDown):
		m.sel = m.doc.MoveRows(m.sel, m.doc.RowsIn(m.sel, max(r.h-2, 1), true), m.goalX)
		m.scrollY += max(r.h-2, 1)
		m.clampScroll()
		m.syncInspector()
		m.ensureVisible()
	case key.Matches(k, km.PageUp):
		m.sel = m.doc.MoveRows(m.sel, -m.doc.RowsIn(m.sel, max(r.h-2, 1), false), m.goalX)
		m.scrollY -= max(r.h-2, 1)
		m.clampScroll()
		m.syncInspector()
		m.ensureVisible()
	case key.Matches(k, km.Top):
		m.selectRef(m.doc.First())
	case key.Matches(k, km.Bottom):
		m.selectRef(m.doc.Last())
	case key.Matches(k, km.NextVPC):
		m.selectRef(m.doc.NextOfKind(m.sel, edit.VPC, true))
	case key.Matches(k, km.PrevVPC):
		m.selectRef(m.doc.NextOfKind(m.sel, edit.VPC, false))
	case key.Matches(k, km.ScrollLeft):
		m.scrollX -= 8
		m.clampScroll()
	case key.Matches(k, km.ScrollRight):
		m.scrollX += 8
		m.clampScroll()
	default:
		return m.onEditKey(k)
	}
	return nil
}
