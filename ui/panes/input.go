package panes

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Input is a one-line text editor. It is small on purpose: it accepts only
// printable characters (typed or pasted), so nothing that reaches the
// design or the screen through it can carry a control sequence, and it
// draws the same at every frame (no blinking), which keeps golden files
// stable.
type Input struct {
	value []rune
	pos   int
	// all is set while the whole text is selected (a field's current
	// value, just opened): typing replaces it, as in a form, so "vpc"
	// followed by "staging" gives "staging", not "vpcstaging"; a cursor
	// key keeps the text and edits it instead.
	all bool
	// Limit bounds the length in characters (0: 500).
	Limit int
}

// SetValue replaces the text (sanitized) and puts the cursor at its end.
func (in *Input) SetValue(s string) {
	in.value = []rune(safe.Text(s))
	in.pos = len(in.value)
	in.all = false
}

// SelectAll selects the whole text, so that what is typed next replaces it.
func (in *Input) SelectAll() { in.all = len(in.value) > 0 }

// Selected reports whether the whole text is selected.
func (in *Input) Selected() bool { return in.all }

// Value returns the text.
func (in *Input) Value() string { return string(in.value) }

// Handle applies a key press or a paste; it reports whether it used it.
func (in *Input) Handle(msg tea.Msg) bool {
	all := in.all
	in.all = false
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if all {
			in.clear()
		}
		in.insert(msg.Content)
		return true
	case tea.KeyPressMsg:
		if all {
			switch msg.String() {
			case "backspace", "ctrl+h", "delete", "ctrl+d", "ctrl+u", "ctrl+k", "ctrl+w", "alt+backspace":
				// Deleting a selection deletes all of it.
				in.clear()
				return true
			case "space":
				in.clear()
			case "left", "ctrl+b", "right", "ctrl+f", "home", "ctrl+a", "end", "ctrl+e":
			default:
				if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
					in.all = true // not a key for the text: the selection stays
					return false
				}
				in.clear()
			}
		}
		switch msg.String() {
		case "left", "ctrl+b":
			in.pos = max(in.pos-1, 0)
		case "right", "ctrl+f":
			in.pos = min(in.pos+1, len(in.value))
		case "home", "ctrl+a":
			in.pos = 0
		case "end", "ctrl+e":
			in.pos = len(in.value)
		case "backspace", "ctrl+h":
			if in.pos > 0 {
				in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
				in.pos--
			}
		case "delete", "ctrl+d":
			if in.pos < len(in.value) {
				in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
			}
		case "ctrl+u":
			in.value = append([]rune{}, in.value[in.pos:]...)
			in.pos = 0
		case "ctrl+k":
			in.value = in.value[:in.pos]
		case "ctrl+w", "alt+backspace":
			i := in.pos
			for i > 0 && unicode.IsSpace(in.value[i-1]) {
				i--
			}
			for i > 0 && !unicode.IsSpace(in.value[i-1]) && in.value[i-1] != ',' {
				i--
			}
			in.value = append(in.value[:i], in.value[in.pos:]...)
			in.pos = i
		case "space":
			in.insert(" ")
		default:
			if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
				return false
			}
			in.insert(msg.Text)
		}
		return true
	}
	return false
}

func (in *Input) clear() {
	in.value, in.pos = nil, 0
}

func (in *Input) insert(s string) {
	limit := in.Limit
	if limit <= 0 {
		limit = 500
	}
	var add []rune
	for _, r := range safe.Text(strings.ReplaceAll(s, "\n", " ")) {
		if len(in.value)+len(add) >= limit {
			break
		}
		add = append(add, r)
	}
	if len(add) == 0 {
		return
	}
	v := make([]rune, 0, len(in.value)+len(add))
	v = append(v, in.value[:in.pos]...)
	v = append(v, add...)
	v = append(v, in.value[in.pos:]...)
	in.value = v
	in.pos += len(add)
}

// View draws the text in w cells, scrolled so that the cursor shows; the
// cursor is a reverse-video cell, or "▏" when styles are off (golden files).
func (in *Input) View(st *styles.Styles, w int) string {
	if w <= 0 {
		return ""
	}
	// Scroll by characters; wide characters may make the line a cell short.
	start := 0
	if in.pos >= w {
		start = in.pos - w + 1
	}
	if st.Selected.Plain() {
		s := string(in.value[start:in.pos]) + "▏" + string(in.value[in.pos:])
		return safe.Pad(s, w)
	}
	var b strings.Builder
	width := 0
	for i := start; i <= len(in.value) && width < w; i++ {
		ch := " "
		if i < len(in.value) {
			ch = string(in.value[i])
		}
		cw := max(safe.Width(ch), 1)
		if width+cw > w {
			break
		}
		if i == in.pos || (in.all && i < len(in.value)) {
			b.WriteString(st.Selected.S(ch))
		} else {
			b.WriteString(st.Input.S(ch))
		}
		width += cw
	}
	return safe.Pad(b.String(), w)
}
