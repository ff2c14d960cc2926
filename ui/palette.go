package ui

import (
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// The command palette (ctrl+p or :) lists every action of the designer
// with its key, filtered as you type; enter runs the chosen one. Its
// entries are the bindings of the full help (keyMap.helpGroups), and
// running one sends the binding's own key, so the palette, the help and
// the keys cannot drift apart.

// paletteKeys are the palette's own keys.
type paletteKeys struct {
	Up, Down, Run, Close key.Binding
}

func defaultPaletteKeys() paletteKeys {
	return paletteKeys{
		Up:    key.NewBinding(key.WithKeys("up", "ctrl+k"), key.WithHelp("↑", "previous")),
		Down:  key.NewBinding(key.WithKeys("down", "ctrl+j"), key.WithHelp("↓", "next")),
		Run:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run")),
		Close: key.NewBinding(key.WithKeys("esc", "ctrl+p"), key.WithHelp("esc", "close")),
	}
}

// paletteEntry is one action: its binding and the group it is listed in.
type paletteEntry struct {
	group string
	b     key.Binding
}

// text is what the filter matches: the description and the key.
func (e paletteEntry) text() string { return describe(e.b) + " " + e.b.Help().Key }

type paletteModal struct {
	keys    paletteKeys
	all     []paletteEntry
	shown   []paletteEntry
	input   panes.Input
	cursor  int
	maxRows int
}

// newPalette lists every binding of the help but those that open or close
// the palette and the help's "back".
func newPalette(m *Model) *paletteModal {
	p := &paletteModal{keys: defaultPaletteKeys(), maxRows: 10}
	for _, g := range m.keys.helpGroups() {
		for _, b := range g.keys {
			if b.Help().Key == m.keys.Palette.Help().Key || b.Help().Key == m.keys.Back.Help().Key || len(b.Keys()) == 0 {
				continue
			}
			p.all = append(p.all, paletteEntry{group: g.title, b: b})
		}
	}
	p.filter()
	return p
}

// filter keeps the entries the query matches, best first (stable within
// a score, so the help's order breaks ties).
func (p *paletteModal) filter() {
	q := strings.TrimSpace(p.input.Value())
	type scored struct {
		e     paletteEntry
		score int
	}
	var hits []scored
	for _, e := range p.all {
		if s, ok := fuzzyScore(q, e.text()); ok {
			hits = append(hits, scored{e, s})
		}
	}
	// Insertion sort: a few dozen entries, stable by construction.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].score > hits[j-1].score; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	p.shown = p.shown[:0]
	for _, h := range hits {
		p.shown = append(p.shown, h.e)
	}
	p.cursor = min(p.cursor, max(len(p.shown)-1, 0))
}

// fuzzyScore matches q's letters in order anywhere in s, ignoring case
// and spaces in q (a subsequence, as editors' palettes do). The score
// favours matches at word starts and runs of consecutive letters, so
// "nat" ranks "cycle the VPC's NAT" above "… interface endpoints".
func fuzzyScore(q, s string) (int, bool) {
	if q == "" {
		return 0, true
	}
	rs := []rune(strings.ToLower(s))
	score, at, prev := 0, 0, -2
	for _, qr := range strings.ToLower(q) {
		if unicode.IsSpace(qr) {
			continue
		}
		found := -1
		for i := at; i < len(rs); i++ {
			if rs[i] == qr {
				found = i
				break
			}
		}
		if found < 0 {
			return 0, false
		}
		switch {
		case found == prev+1:
			score += 3 // a run
		case found == 0 || !unicode.IsLetter(rs[found-1]):
			score += 2 // a word start
		default:
			score -= min(found-at, 3) // a gap
		}
		prev, at = found, found+1
	}
	return score, true
}

func (p *paletteModal) update(_ *Model, msg tea.Msg) dialogResult {
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey {
		switch {
		case key.Matches(k, p.keys.Close):
			return closeDialog(nil)
		case key.Matches(k, p.keys.Up):
			p.cursor = max(p.cursor-1, 0)
			return dialogResult{}
		case key.Matches(k, p.keys.Down):
			p.cursor = min(p.cursor+1, max(len(p.shown)-1, 0))
			return dialogResult{}
		case key.Matches(k, p.keys.Run):
			if p.cursor >= len(p.shown) {
				return dialogResult{}
			}
			b := p.shown[p.cursor].b
			return closeDialog(func(m *Model) tea.Cmd {
				// As if pressed on the diagram, where every action has its
				// meaning (in a pane, a letter may be that pane's key).
				m.focus = focusDiagram
				return m.onKey(keyMsgOf(b.Keys()[0]))
			})
		}
	}
	if p.input.Handle(msg) {
		p.filter()
	}
	return dialogResult{}
}

func (p *paletteModal) view(m *Model, w int) (string, []string) {
	st := m.st
	out := []string{st.Key.S("> ") + p.input.View(st, w-2), ""}
	rows := min(p.maxRows, max(m.height-12, 3))
	start := max(0, min(p.cursor-rows+1, len(p.shown)-rows))
	for i := start; i < len(p.shown) && i < start+rows; i++ {
		e := p.shown[i]
		gw := safe.Width(e.group)
		keyCol := safe.Pad(e.b.Help().Key, 14)
		desc := safe.Pad(safe.Truncate(describe(e.b), max(w-16-gw, 8)), max(w-15-gw, 8))
		if i == p.cursor {
			out = append(out, st.Selected.S(keyCol+" "+desc+e.group))
		} else {
			out = append(out, st.Key.S(keyCol)+" "+desc+st.Dim.S(e.group))
		}
	}
	if len(p.shown) == 0 {
		out = append(out, st.Dim.S("no action matches"))
	}
	if more := len(p.shown) - (start + rows); more > 0 {
		out = append(out, st.Dim.S("↓ "+strconv.Itoa(more)+" more"))
	}
	out = append(out, "")
	out = append(out, keyLines(st, w, p.keys.Up.Help().Key+"/"+p.keys.Down.Help().Key, "choose", p.keys.Run.Help().Key, p.keys.Run.Help().Desc, p.keys.Close.Help().Key, p.keys.Close.Help().Desc)...)
	return "Commands", out
}

// keyMsgOf is the key press a binding's key name stands for ("ctrl+s",
// "shift+tab", "pgup", "K", "?"): the inverse of tea.KeyPressMsg.String
// for the names the keymaps use.
func keyMsgOf(name string) tea.KeyPressMsg {
	var k tea.Key
	parts := strings.Split(name, "+")
	base := parts[len(parts)-1]
	if name == "+" {
		parts, base = []string{"+"}, "+"
	}
	for _, mod := range parts[:len(parts)-1] {
		switch mod {
		case "ctrl":
			k.Mod |= tea.ModCtrl
		case "alt":
			k.Mod |= tea.ModAlt
		case "shift":
			k.Mod |= tea.ModShift
		}
	}
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"delete": tea.KeyDelete, "space": tea.KeySpace,
	}
	if c, ok := named[base]; ok {
		k.Code = c
		if base == "space" {
			k.Text = " "
		}
		return tea.KeyPressMsg(k)
	}
	k.Code = []rune(base)[0]
	if k.Mod == 0 {
		k.Text = base
	}
	return tea.KeyPressMsg(k)
}
