package ui

import tea "charm.land/bubbletea/v2"

// The overlay is a stack of dialogs (crush's internal/ui/dialog is the
// model): m.modal is the top, the one that takes every key, and m.under
// the dialogs beneath it, shown again as the ones over them close. A dialog
// keeps its own state (its input, its cursor) and, for what happens to the
// designer, returns a dialogResult that the root applies in one place,
// applyDialog: it does not close itself or change the model.

// modal is a dialog drawn over the designer.
type modal interface {
	// view returns the dialog's title and body lines (styled, at most w
	// cells wide).
	view(m *Model, w int) (string, []string)
}

// dialog is a modal that answers with a result. ctx is the designer, to
// read (keys, styles, the design); changes to it go in the result.
type dialog interface {
	modal
	update(ctx *Model, msg tea.Msg) dialogResult
}

// selfClosingModal is a dialog not yet converted to dialog: it changes the
// model itself and closes by setting m.modal to nil.
type selfClosingModal interface {
	modal
	handle(m *Model, msg tea.Msg) tea.Cmd
}

// dialogResult is what the root does after a dialog's update, in order:
// close the dialog (the one beneath is active again), open another on top
// (over this one, or in its place after close), then run.
type dialogResult struct {
	close bool
	open  modal
	// run is the designer's part: an edit, a save, quitting. It runs after
	// the stack changed, so a dialog it opens goes on top of what is left.
	run func(m *Model) tea.Cmd
}

// closeDialog is the result that closes the dialog and then runs run (nil:
// nothing).
func closeDialog(run func(m *Model) tea.Cmd) dialogResult {
	return dialogResult{close: true, run: run}
}

// over is the result that opens the dialog run opens (if any) on top of
// this one, which is active again when that one closes.
func over(run func(m *Model) tea.Cmd) dialogResult { return dialogResult{run: run} }

// openDialog puts d on top of the open dialogs.
func (m *Model) openDialog(d modal) {
	if m.modal != nil {
		m.under = append(m.under, m.modal)
	}
	m.modal = d
}

// popDialog closes the top dialog; the one beneath, if any, is active.
func (m *Model) popDialog() {
	m.modal = nil
	if n := len(m.under); n > 0 {
		m.modal = m.under[n-1]
		m.under[n-1] = nil
		m.under = m.under[:n-1]
	}
}

// dialogMsg gives msg to the top dialog and applies its result.
func (m *Model) dialogMsg(msg tea.Msg) tea.Cmd {
	switch d := m.modal.(type) {
	case dialog:
		return m.applyDialog(d.update(m, msg))
	case selfClosingModal:
		cmd := d.handle(m, msg)
		if m.modal == nil {
			m.popDialog() // it closed itself: the one beneath is active
		}
		return cmd
	}
	return nil
}

// applyDialog carries out a dialog's result.
func (m *Model) applyDialog(r dialogResult) tea.Cmd {
	if r.close {
		m.popDialog()
	}
	if r.open != nil {
		m.openDialog(r.open)
	}
	if r.run != nil {
		return r.run(m)
	}
	return nil
}
