package ui

import "charm.land/bubbles/v2/key"

// keyMap is the designer's key bindings. The full help (?) lists them in
// the groups of helpGroups; the footer shows the ones for what is selected.
type keyMap struct {
	// Moving.
	Up, Down, Left, Right   key.Binding
	PageUp, PageDown        key.Binding
	Top, Bottom             key.Binding
	PrevVPC, NextVPC        key.Binding
	ScrollLeft, ScrollRight key.Binding
	// Editing.
	Edit, Add, Remove, Rename key.Binding
	CIDR, AZs, NAT, FlowLogs  key.Binding
	Kind, Bigger, Smaller     key.Binding
	MoveUp, MoveDown          key.Binding
	Endpoints, Traffic        key.Binding
	Reach                     key.Binding // who can reach the selection (ui/reach.go)
	Undo, Redo                key.Binding
	// Files.
	Save, Export, Import, Quit key.Binding
	// View.
	Focus, FocusBack                key.Binding
	ToggleInspector, ToggleProblems key.Binding
	ToggleCost, TogglePanes, Mouse  key.Binding
	Help, Back                      key.Binding
	Palette                         key.Binding // ui/palette.go
}

func defaultKeys() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		Left:        b("←/h", "left", "left", "h"),
		Right:       b("→/l", "right", "right", "l"),
		PageUp:      b("pgup", "page up", "pgup", "ctrl+b"),
		PageDown:    b("pgdn", "page down", "pgdown", "ctrl+f"),
		Top:         b("g/home", "first element", "g", "home"),
		Bottom:      b("G/end", "last element", "G", "end"),
		PrevVPC:     b("[", "previous VPC", "["),
		NextVPC:     b("]", "next VPC", "]"),
		ScrollLeft:  b("H", "scroll left", "H", "shift+left"),
		ScrollRight: b("L", "scroll right", "L", "shift+right"),

		Edit:      b("enter", "edit", "enter", "e"),
		Add:       b("a", "add", "a"),
		Remove:    b("d", "remove", "d", "delete"),
		Rename:    b("r", "rename", "r"),
		CIDR:      b("c", "CIDR", "c"),
		AZs:       b("z", "AZs", "z"),
		NAT:       b("n", "NAT", "n"),
		FlowLogs:  b("f", "flow logs", "f"),
		Kind:      b("t", "kind", "t"),
		Bigger:    b("+", "bigger", "+", "="),
		Smaller:   b("-", "smaller", "-"),
		MoveUp:    b("K", "tier up", "K", "shift+up"),
		MoveDown:  b("J", "tier down", "J", "shift+down"),
		Endpoints: b("E", "endpoints", "E"),
		Traffic:   b("T", "traffic", "T"),
		Reach:     b("w", "who can reach", "w"),
		Undo:      b("u/ctrl+z", "undo", "u", "ctrl+z"),
		Redo:      b("ctrl+r/ctrl+y", "redo", "ctrl+r", "ctrl+y"),

		Save:   b("ctrl+s", "save", "ctrl+s"),
		Export: b("x", "export", "x"),
		Import: b("i", "import", "i"),
		Quit:   b("q/ctrl+c", "quit", "q", "ctrl+c"),

		Focus:           b("tab", "next pane", "tab"),
		FocusBack:       b("shift+tab", "previous pane", "shift+tab"),
		ToggleInspector: b("1", "inspector", "1"),
		ToggleProblems:  b("2", "problems", "2"),
		ToggleCost:      b("3", "cost", "3"),
		TogglePanes:     b("0", "all panes", "0"),
		Mouse:           b("m", "mouse", "m"),
		Help:            b("?", "help", "?"),
		Back:            b("esc", "back", "esc"),
		Palette:         b(":/ctrl+p", "commands", ":", "ctrl+p"),
	}
}

// helpGroups are the sections of the full help.
func (k keyMap) helpGroups() []helpGroup {
	return []helpGroup{
		{"Move", []key.Binding{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Top, k.Bottom, k.PrevVPC, k.NextVPC, k.ScrollLeft, k.ScrollRight}},
		{"Edit", []key.Binding{k.Edit, k.Add, k.Remove, k.Rename, k.CIDR, k.AZs, k.NAT, k.FlowLogs, k.Kind, k.Bigger, k.Smaller, k.MoveUp, k.MoveDown, k.Endpoints, k.Traffic, k.Reach, k.Undo, k.Redo}},
		{"File", []key.Binding{k.Save, k.Export, k.Import, k.Quit}},
		{"View", []key.Binding{k.Focus, k.FocusBack, k.ToggleInspector, k.ToggleProblems, k.ToggleCost, k.TogglePanes, k.Mouse, k.Help, k.Palette, k.Back}},
	}
}

type helpGroup struct {
	title string
	keys  []key.Binding
}

// longHelp is the full help's description of a binding (by its help key),
// where the footer's short one says too little.
var longHelp = map[string]string{
	"enter":         "edit the selected element in the inspector",
	"a":             "add a VPC, tier, security group, rule, connection or network",
	"d":             "remove the selected element (asks first)",
	"r":             "rename (references follow)",
	"c":             "change the CIDR (VPC, subnet, network) or a tier's prefix",
	"z":             "change the AZs of the VPC or tier",
	"n":             "cycle the VPC's NAT: none, single, per-az",
	"f":             "switch the VPC's flow logs",
	"t":             "cycle the tier's kind: public, private, isolated",
	"+":             "bigger subnets for the tier (prefix − 1)",
	"-":             "smaller subnets for the tier (prefix + 1)",
	"K":             "move the tier up (subnets stay)",
	"J":             "move the tier down (subnets stay)",
	"E":             "switch the VPC's endpoints",
	"T":             "edit the VPC's traffic assumptions",
	"w":             "who can reach the tier, subnet, group or workload (to NAME), on a protocol and port: marks them ◆, the inspector shows the path (w again ends it)",
	"u/ctrl+z":      "undo the last edit",
	"ctrl+r/ctrl+y": "redo",
	"ctrl+s":        "save (atomic; the file's mode is kept)",
	"x":             "export Mermaid or CloudFormation beside the file",
	"i":             "import VPCs from an AWS account (region, profile, VPC picker)",
	"q/ctrl+c":      "quit (asks when there are unsaved changes)",
	"1":             "show or hide the inspector",
	"2":             "show or hide the problems",
	"3":             "show or hide the cost",
	"0":             "hide or show every pane",
	"m":             "mouse capture on/off (off: the terminal selects text)",
	"?":             "this help",
	":/ctrl+p":      "command palette: every action with its key, filtered as you type",
	"esc":           "back out (to the diagram, out of a field)",
}

// describe returns a binding's full-help description.
func describe(b key.Binding) string {
	if d, ok := longHelp[b.Help().Key]; ok {
		return d
	}
	return b.Help().Desc
}
