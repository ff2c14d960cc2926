package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// dialogKeys are the keys of the dialogs, the template picker and the
// import flow: matched through key.Binding like the designer's own, never
// as raw strings, so that a dialog's key line and its handler name the same
// keys.
type dialogKeys struct {
	Interrupt key.Binding // ctrl+c: quit from anywhere
	Cancel    key.Binding // esc
	Close     key.Binding // esc, q: close a menu
	Confirm   key.Binding // enter
	Yes, No   key.Binding
	// Lists (picker, import).
	Up, Down, Top, Bottom key.Binding
	// The quit dialog.
	SaveQuit, DiscardQuit, KeepEditing key.Binding
	// The recovery dialog.
	Restore, DiscardLog, Later key.Binding
	// The template picker.
	PickerQuit key.Binding
	// The import flow.
	NextField, Pick, PickAll, Done key.Binding
	// The conflict dialog.
	Overwrite, Reload, Elsewhere, KeepConflict key.Binding
}

func defaultDialogKeys() dialogKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return dialogKeys{
		Interrupt: b("ctrl+c", "quit", "ctrl+c"),
		Cancel:    b("esc", "cancel", "esc"),
		Close:     b("esc", "cancel", "esc", "q"),
		Confirm:   b("enter", "ok", "enter"),
		Yes:       b("y", "yes", "y", "enter"),
		No:        b("n", "no", "n", "esc", "q"),

		Up:     b("↑/k", "up", "up", "k"),
		Down:   b("↓/j", "down", "down", "j"),
		Top:    b("g/home", "first", "home", "g"),
		Bottom: b("G/end", "last", "end", "G"),

		SaveQuit:    b("s", "save and quit", "s", "y"),
		DiscardQuit: b("d", "discard the changes and quit", "d"),
		KeepEditing: b("esc", "keep editing", "esc", "n", "c"),

		Restore:    b("r", "restore them", "r", "y", "enter"),
		DiscardLog: b("d", "discard them", "d", "n"),
		Later:      b("q", "quit, decide later", "q", "ctrl+c"),

		PickerQuit: b("q", "quit", "q", "esc", "ctrl+c"),

		NextField: b("tab", "next field", "tab", "down", "up", "shift+tab"),
		Pick:      b("space", "pick", "space", "x"),
		PickAll:   b("a", "all", "a"),
		Done:      b("enter", "close", "enter", "q"),

		Overwrite:    b("o", "overwrite", "o"),
		Reload:       b("r", "reload", "r"),
		Elsewhere:    b("e", "save elsewhere", "e"),
		KeepConflict: b("esc", "nothing", "esc", "c"),
	}
}

// pressed reports whether msg is a press of one of b's keys (a paste or
// any other message is not).
func pressed(msg tea.Msg, b key.Binding) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && key.Matches(k, b)
}

// letterKey is the binding of a menu entry chosen by one key (the add
// menu's letters, the export menu's digits).
func letterKey(k string) key.Binding { return key.NewBinding(key.WithKeys(k)) }
