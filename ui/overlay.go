package ui

import tea "charm.land/bubbletea/v2"

// The overlay is a stack of dialogs (crush's internal/ui/dialog is the
// model): m.modal is the top, the one that takes every key, and m.under
// the dialogs beneath it, shown again as the ones over them close. A dialog
// keeps its own state (its input, its cursor) and, for what happens to the
// designer, returns a dialogResult that the root applies in one place,
// applyDialog: it does not close itself or change the model. (Before,
// each dialog changed the model and closed itself by setting m.modal to
// nil, which let no dialog open over another.)

// modal is a dialog on the overlay stack. update gives it a message (a
// key, a paste, its own command's result); ctx is the designer, to read
// (keys, styles, the design): changes to it go in the result, which the
// root applies.
type modal interface {
	update(ctx *Model, msg tea.Msg) dialogResult
	// view returns the dialog's title and body lines (styled, at most w
	// cells wide).
	view(m *Model, w int) (string, []string)
}

// dialogResult is what the root does after a dialog's update, in order:
// close the dialog (the one beneath is active again), then run, where a
// dialog opened (m.openDialog) goes on top: over this one, or in its place.
type dialogResult struct {
	close bool
	// run is the designer's part: an edit, a save, quitting. It runs after
	// the stack changed, so a dialog it opens goes on top of what is left.
	run func(m *Model) tea.Cmd
	// cmd is the dialog's own work (a listing, its spinner), whose
	// messages come back to it.
	cmd tea.Cmd
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
	if m.modal == nil {
		return nil
	}
	return m.applyDialog(m.modal.update(m, msg))
}

// applyDialog carries out a dialog's result.
func (m *Model) applyDialog(r dialogResult) tea.Cmd {
	if r.close {
		m.popDialog()
	}
	if r.run != nil {
		return tea.Batch(r.cmd, r.run(m))
	}
	return r.cmd
}
