package panes

import "charm.land/bubbles/v2/key"

// InspectorKeys are the inspector's bindings.
type InspectorKeys struct {
	Up, Down, Top, Bottom key.Binding
	Edit, Prev, Next      key.Binding
	Remove                key.Binding
	Commit, Cancel, Back  key.Binding
}

// DefaultInspectorKeys returns the inspector's bindings.
func DefaultInspectorKeys() InspectorKeys {
	return InspectorKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous field")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next field")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first field")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last field")),
		Edit:   key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "edit · switch · next choice")),
		Prev:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous choice")),
		Next:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next choice")),
		Remove: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "remove rule")),
		Commit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the diagram")),
	}
}

// All lists the bindings the inspector answers to while no field is being
// typed into (Commit and Cancel are for typing): every other key is the
// diagram's.
func (k InspectorKeys) All() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.Edit, k.Prev, k.Next, k.Remove, k.Back}
}

// ShortHelp lists the bindings for the footer.
func (k InspectorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Edit, k.Prev, k.Next, k.Remove, k.Back}
}

// ListKeys are the bindings of the problems and cost panes.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Jump, Back                              key.Binding
	// DetailDown and DetailUp scroll the problems pane's detail (unbound
	// in the cost pane).
	DetailDown, DetailUp key.Binding
}

// All lists the bindings of a list pane (the detail's, unbound in the cost
// pane, match nothing): every other key is the diagram's.
func (k ListKeys) All() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Jump, k.Back, k.DetailDown, k.DetailUp}
}

// DefaultListKeys returns the list panes' bindings.
func DefaultListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
		Jump:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to the element")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the diagram")),
	}
}

// DefaultProblemsKeys returns the problems pane's bindings: the list's,
// and J/K to scroll the selected finding's detail when it is cut.
func DefaultProblemsKeys() ListKeys {
	k := DefaultListKeys()
	k.DetailDown = key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "detail down"))
	k.DetailUp = key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "detail up"))
	return k
}
