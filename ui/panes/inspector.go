package panes

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Inspector shows the selected element's properties and edits them: it is
// also the designer's form. Fields are edited one at a time; text fields
// are checked on every keystroke and applied on enter.
type Inspector struct {
	st       *styles.Styles
	w, h     int
	ref      edit.Ref
	sheet    edit.Sheet
	findings []design.Finding
	cursor   int
	offset   int
	// readOn is how many lines the view is scrolled past where the cursor
	// keeps it: j on the last field reads on into the routes, the NACL and
	// the findings below the fields, which a short pane (80×24) would
	// otherwise never show.
	readOn  int
	editing bool
	input   Input
	hint    string
	err     error
	keys    InspectorKeys
}

// NewInspector returns an empty inspector.
func NewInspector(st *styles.Styles) *Inspector {
	return &Inspector{st: st, keys: DefaultInspectorKeys()}
}

// SetStyles changes the styles (the terminal's background was detected).
func (in *Inspector) SetStyles(st *styles.Styles) { in.st = st }

// SetSize sets the pane's outer size.
func (in *Inspector) SetSize(w, h int) { in.w, in.h = w, h }

// Keymap lists the keys the inspector answers to (not typing).
func (in *Inspector) Keymap() []key.Binding { return in.keys.All() }

// Keys returns the inspector's key bindings, for help.
func (in *Inspector) Keys() InspectorKeys { return in.keys }

// Editing reports whether a field is being typed into.
func (in *Inspector) Editing() bool { return in.editing }

// Ref is the element shown.
func (in *Inspector) Ref() edit.Ref { return in.ref }

// SetSheet shows an element. The cursor stays on the field with the same
// key when the element is the same one (after an edit); typing in progress
// is dropped when the element changes.
func (in *Inspector) SetSheet(ref edit.Ref, sheet edit.Sheet, findings []design.Finding) {
	same := ref == in.ref
	var curKey string
	if same && in.cursor < len(in.sheet.Fields) {
		curKey = in.sheet.Fields[in.cursor].Key
	}
	in.ref, in.sheet, in.findings = ref, sheet, findings
	if !same {
		in.cursor, in.offset, in.readOn, in.editing = 0, 0, 0, false
		return
	}
	in.cursor = 0
	for i, f := range sheet.Fields {
		if f.Key == curKey {
			in.cursor = i
		}
	}
	if in.editing && (in.cursor >= len(sheet.Fields) || sheet.Fields[in.cursor].Key != curKey) {
		in.editing = false
	}
}

// Field returns the field under the cursor.
func (in *Inspector) Field() (edit.Field, bool) {
	if in.cursor < 0 || in.cursor >= len(in.sheet.Fields) {
		return edit.Field{}, false
	}
	return in.sheet.Fields[in.cursor], true
}

// StartEdit moves the cursor to the field with key and starts typing in it
// (or, for a choice or switch, just selects it). It reports whether the
// sheet has such a field.
func (in *Inspector) StartEdit(key string) bool {
	for i, f := range in.sheet.Fields {
		if f.Key == key || (strings.HasSuffix(key, "*") && strings.HasPrefix(f.Key, strings.TrimSuffix(key, "*"))) {
			in.cursor = i
			if f.Kind == edit.Text || f.Kind == edit.Adder {
				in.begin(f)
			}
			return true
		}
	}
	return false
}

func (in *Inspector) begin(f edit.Field) {
	in.editing, in.readOn = true, 0
	in.input = Input{}
	if f.Kind == edit.Text {
		in.input.SetValue(f.Value)
		in.input.SelectAll()
	}
	in.check(f)
}

func (in *Inspector) check(f edit.Field) {
	in.hint, in.err = "", nil
	if f.Check != nil {
		in.hint, in.err = f.Check(in.input.Value())
	}
}

// CheckError is the field check's complaint about the text being typed,
// or nil.
func (in *Inspector) CheckError() error { return in.err }

// Cancel stops typing without applying.
func (in *Inspector) Cancel() { in.editing = false }

// HandleMsg handles a key press or paste while the inspector has focus.
func (in *Inspector) HandleMsg(msg tea.Msg) Action {
	f, ok := in.Field()
	if in.editing && ok {
		if k, isKey := msg.(tea.KeyPressMsg); isKey {
			switch {
			case key.Matches(k, in.keys.Cancel):
				in.editing = false
				return Action{}
			case key.Matches(k, in.keys.Commit):
				in.check(f)
				var w edit.Warning
				if in.err != nil && !errors.As(in.err, &w) {
					return Action{}
				}
				in.editing = false
				v := strings.TrimSpace(in.input.Value())
				if f.Kind == edit.Text && v == f.Value {
					// Nothing changed: no edit, so no undo step for it.
					return Action{Kind: Blur}
				}
				a := in.apply(f, v)
				// A typed value was asked for from the diagram (c, r, enter):
				// with it applied, the diagram's keys work again.
				a.Blur = true
				return a
			}
		}
		if in.input.Handle(msg) {
			in.check(f)
		}
		return Action{}
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return Action{}
	}
	last := max(len(in.sheet.Fields)-1, 0)
	switch {
	case key.Matches(k, in.keys.Up):
		if in.readOn > 0 {
			in.readOn--
		} else {
			in.cursor = max(in.cursor-1, 0)
		}
	case key.Matches(k, in.keys.Down):
		if in.cursor >= last {
			in.readOn++ // View stops it at the last line
		} else {
			in.cursor++
		}
	case key.Matches(k, in.keys.Top):
		in.cursor, in.readOn = 0, 0
	case key.Matches(k, in.keys.Bottom):
		in.cursor, in.readOn = last, maxLines
	case key.Matches(k, in.keys.Edit):
		if !ok {
			return Action{}
		}
		switch f.Kind {
		case edit.Text, edit.Adder:
			in.begin(f)
		case edit.Toggle:
			return in.apply(f, "")
		case edit.Choice:
			return in.apply(f, cycle(f.ChoiceList(), f.Value, 1))
		}
	case key.Matches(k, in.keys.Prev), key.Matches(k, in.keys.Next):
		if ok && f.Kind == edit.Choice {
			step := 1
			if key.Matches(k, in.keys.Prev) {
				step = -1
			}
			return in.apply(f, cycle(f.ChoiceList(), f.Value, step))
		}
		if ok && f.Kind == edit.Toggle {
			return in.apply(f, "")
		}
	case key.Matches(k, in.keys.Remove):
		if ok && f.Remove != nil {
			return Action{Kind: Apply, Label: "remove " + f.Label + " of " + lowerFirst(in.sheet.Title), Edit: f.Remove, Scope: f.EditScope()}
		}
		if ok {
			return Action{Kind: Status, Label: "only rules are removed here; press esc, then d to remove the " + in.ref.Kind.String(), Err: true}
		}
	case key.Matches(k, in.keys.Back):
		return Action{Kind: Blur}
	}
	return Action{}
}

func (in *Inspector) apply(f edit.Field, v string) Action {
	if f.Apply == nil {
		return Action{}
	}
	label := fmt.Sprintf("%s of %s", f.Label, lowerFirst(in.sheet.Title))
	switch f.Kind {
	case edit.Toggle:
		label = "switch " + label
	case edit.Adder:
		label = strings.TrimPrefix(f.Label, "+ ")
		label = "add " + label + " to " + lowerFirst(in.sheet.Title)
	default:
		label = "set " + label
	}
	apply := f.Apply
	return Action{Kind: Apply, Label: label, Edit: func(d *design.Design) error { return apply(d, v) }, Scope: f.EditScope()}
}

func cycle(choices []string, cur string, step int) string {
	if len(choices) == 0 {
		return cur
	}
	i := slices.Index(choices, cur)
	if i < 0 {
		return choices[0]
	}
	return choices[(i+step+len(choices))%len(choices)]
}

// lowerFirst lowers a title's first letter for the middle of a sentence
// ("Tier app" → "tier app"), but not an acronym's ("VPC prod", not
// "vPC prod").
func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && unicode.IsUpper(rune(s[1]))) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// maxLines stands for "to the end" in readOn; View stops it at the last
// line.
const maxLines = 1 << 30

// maxLabelW is the width of field labels when the pane is wide enough.
const maxLabelW = 18

// View draws the pane.
func (in *Inspector) View(focused bool) []string {
	st := in.st
	inner := in.w - 4
	if inner <= 0 {
		return nil
	}
	var body []string
	cursorLine := 0
	labelW := min(maxLabelW, max(10, inner*2/5))
	valW := max(inner-labelW-1, 4)
	for i, f := range in.sheet.Fields {
		label := safe.Pad(safe.Text(f.Label), labelW)
		if i == in.cursor {
			cursorLine = len(body)
		}
		if in.editing && i == in.cursor {
			body = append(body, st.Bold.S(label)+" "+in.input.View(st, valW))
			if in.err != nil {
				for _, l := range Wrap(styles.GlyphError+" "+safe.Text(in.err.Error()), inner) {
					body = append(body, st.Error.S(l))
				}
			} else if in.hint != "" {
				for _, l := range Wrap("✓ "+safe.Text(in.hint), inner) {
					body = append(body, st.OK.S(l))
				}
			}
			body = append(body, st.Dim.S(safe.Truncate("enter apply · esc cancel", inner)))
			continue
		}
		val := fieldValue(st, f, valW)
		if focused && i == in.cursor {
			body = append(body, st.Selected.S(label)+" "+val)
		} else {
			body = append(body, st.Dim.S(label)+" "+val)
		}
	}
	if len(in.sheet.Info) > 0 {
		body = append(body, st.Border.S(strings.Repeat("─", inner)))
		for _, inf := range in.sheet.Info {
			label := safe.Pad(safe.Text(inf.Label), labelW)
			lines := Wrap(safe.Text(inf.Value), valW)
			for j, l := range lines {
				if j > 0 {
					label = strings.Repeat(" ", labelW)
				}
				body = append(body, st.Dim.S(label)+" "+l)
			}
		}
	}
	if len(in.findings) > 0 {
		body = append(body, st.Border.S(strings.Repeat("─", inner)))
		for _, f := range in.findings {
			sev := int(f.Severity)
			for j, l := range Wrap(styles.Glyph(sev)+" "+safe.Text(f.Message)+" ["+safe.Text(f.Code)+"]", inner) {
				if j == 0 {
					body = append(body, st.Severity(sev).S(l))
				} else {
					body = append(body, l)
				}
			}
		}
	}
	if len(in.sheet.Fields) == 0 && len(in.sheet.Info) == 0 {
		body = append(body, st.Dim.S("Select an element in the diagram."))
	}
	h := in.h - 2
	view := h // the lines the cursor is kept in: not the hint's below
	if h > 1 && len(body) > h {
		view = h - 1
	}
	in.offset = scrollTo(in.offset, cursorLine, view)
	if in.editing {
		in.offset = scrollTo(in.offset, min(cursorLine+2, len(body)-1), view)
	}
	in.readOn = min(in.readOn, max(len(body)-h-in.offset, 0))
	if off := in.offset + in.readOn; off > 0 && off < len(body) {
		body = body[off:]
	}
	// Lines below the pane: the last line says how many, and how to read
	// on (j past the last field).
	body = Fold(st, body, h, inner, func(n int) string { return MoreLines(n) + " (" + in.keys.Down.Help().Key + ")" })
	return Frame(st, safe.Text(in.sheet.Title), body, in.w, in.h, focused)
}

func fieldValue(st *styles.Styles, f edit.Field, w int) string {
	v := safe.Text(f.Value)
	switch f.Kind {
	case edit.Toggle:
		box := "[ ] off"
		if f.Value == "on" {
			box = "[x] on"
		}
		s := box
		if f.Placeholder != "" {
			s += st.Dim.S(" · " + safe.Text(f.Placeholder))
		}
		return safe.Truncate(s, w)
	case edit.Choice:
		return safe.Truncate("‹ "+v+" ›", w)
	case edit.Adder:
		return st.Dim.S(safe.Truncate(safe.Text(f.Placeholder), w))
	}
	if v == "" {
		return st.Dim.S(safe.Truncate(safe.Text(f.Placeholder), w))
	}
	return safe.Truncate(v, w)
}
