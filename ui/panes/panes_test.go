package panes

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "ctrl+w":
		return tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl}
	case "ctrl+k":
		return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestInputEditing(t *testing.T) {
	var in Input
	in.SetValue("10.0.0.0/16")
	for _, k := range []string{"backspace", "backspace", "2", "4"} {
		in.Handle(press(k))
	}
	if in.Value() != "10.0.0.0/24" {
		t.Fatalf("value %q", in.Value())
	}
	in.Handle(press("home"))
	in.Handle(press("ctrl+k"))
	if in.Value() != "" {
		t.Errorf("ctrl+k at the start left %q", in.Value())
	}
	in.SetValue("sg:alb 8080")
	in.Handle(press("ctrl+w"))
	if in.Value() != "sg:alb " {
		t.Errorf("ctrl+w left %q", in.Value())
	}
	// Control characters never get in, typed or pasted.
	in.SetValue("")
	in.Handle(tea.PasteMsg{Content: "a\x1b[31mb\nc\u202ed"})
	if v := in.Value(); v != "a[31mb cd" {
		t.Errorf("paste gave %q", v)
	}
	in.Handle(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	if strings.ContainsRune(in.Value(), 'x') {
		t.Error("ctrl+x was typed")
	}
	in.Limit = 3
	in.SetValue("")
	in.Handle(tea.PasteMsg{Content: "abcdef"})
	if in.Value() != "abc" {
		t.Errorf("limit: %q", in.Value())
	}
}

func TestInputViewScrollsToTheCursor(t *testing.T) {
	var in Input
	in.SetValue(strings.Repeat("a", 30) + "XYZ")
	v := in.View(styles.Plain(), 10)
	if ansi.StringWidth(v) != 10 || !strings.Contains(v, "XYZ▏") {
		t.Errorf("view %q", v)
	}
	colour := in.View(styles.New(true, true), 10)
	if ansi.StringWidth(colour) != 10 || !strings.Contains(ansi.Strip(colour), "XYZ") {
		t.Errorf("styled view %q", colour)
	}
}

func TestWrapAndFrame(t *testing.T) {
	lines := Wrap("one two three four fivesixseveneight", 10)
	for _, l := range lines {
		if ansi.StringWidth(l) > 10 {
			t.Errorf("wrapped line %q is too wide", l)
		}
	}
	if strings.Join(lines, " ") != "one two three four fivesixse veneight" {
		t.Errorf("wrap lost words: %q", lines)
	}
	f := Frame(styles.Plain(), "Title that is far too long for the box", []string{"a very long body line indeed"}, 20, 4, true)
	if len(f) != 4 {
		t.Fatalf("frame has %d lines", len(f))
	}
	for _, l := range f {
		if ansi.StringWidth(l) != 20 {
			t.Errorf("frame line %q is %d wide", l, ansi.StringWidth(l))
		}
	}
}
