// Package panes holds the designer's side panes: the inspector, the
// problems list and the cost estimate, with the frame they are drawn in and
// a small line editor. Each pane has the same contract: SetSize, a key
// handler that returns an Action for the designer to carry out, and View.
package panes

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// ActionKind is what a pane asks the designer to do.
type ActionKind int

// Pane actions.
const (
	NoAction ActionKind = iota
	Apply               // apply an edit to the design
	Jump                // select an element (problems pane)
	Blur                // give focus back to the diagram
	Status              // show a message
)

// Action is a pane's request to the designer, returned from its key
// handler: panes never change the design themselves.
type Action struct {
	Kind  ActionKind
	Label string                       // Apply: the edit, for undo; Status: the message
	Edit  func(d *design.Design) error // Apply
	Scope edit.Scope                   // Apply: what Edit may change
	Ref   edit.Ref                     // Jump
	Err   bool                         // Status: the message is an error
	Blur  bool                         // Apply: focus goes back to the diagram after it
}

// Frame draws body in a w × h box titled title. Body lines are already
// styled and at most w-4 cells wide; they are cut and padded to fit.
func Frame(st *styles.Styles, title string, body []string, w, h int, focused bool) []string {
	if w < 4 || h < 2 {
		return nil
	}
	bd, tp := st.Border, st.PaneTitle
	if focused {
		bd, tp = st.BorderFocus, st.PaneTitleFocus
	}
	inner := w - 4
	t := safe.Truncate(title, max(inner-1, 0))
	out := make([]string, 0, h)
	top := bd.S("╭─") + " " + tp.S(t) + " " + bd.S(strings.Repeat("─", max(w-5-safe.Width(t), 0))+"╮")
	if focused {
		top = bd.S("┏━") + " " + tp.S(t) + " " + bd.S(strings.Repeat("━", max(w-5-safe.Width(t), 0))+"┓")
	}
	out = append(out, top)
	side := bd.S("│")
	if focused {
		side = bd.S("┃")
	}
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		}
		out = append(out, side+" "+safe.Pad(line, inner)+" "+side)
	}
	if focused {
		out = append(out, bd.S("┗"+strings.Repeat("━", w-2)+"┛"))
	} else {
		out = append(out, bd.S("╰"+strings.Repeat("─", w-2)+"╯"))
	}
	return out
}

// Wrap breaks safe, unstyled text into lines of at most w cells, at spaces
// where it can.
func Wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for { // a word longer than the line goes on lines of its own
				head, long := longWordHead(word, w)
				if !long {
					break
				}
				if line != "" {
					out = append(out, line)
					line = ""
				}
				out = append(out, head)
				word = word[len(head):]
			}
			switch {
			case word == "":
			case line == "":
				line = word
			case safe.Width(line)+1+safe.Width(word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
		}
		if line != "" || len(out) == 0 {
			out = append(out, line)
		}
	}
	return out
}

// longWordHead reports whether word is wider than w cells and, if it is,
// returns the head to put on a line of its own (w-1 cells, as Truncate cuts,
// and at least one byte). It measures a prefix of the word, doubled until it
// is wider than the line, instead of the whole word: breaking a 100 KB name
// into lines then takes time in proportion to its length, not its square
// (seconds for each screen the name was on).
func longWordHead(word string, w int) (string, bool) {
	for limit := 4 * (w + 1); ; limit *= 2 {
		prefix := word
		if limit < len(word) {
			for limit < len(word) && !utf8.RuneStart(word[limit]) {
				limit++
			}
			prefix = word[:limit]
		}
		if safe.Width(prefix) > w {
			head := strings.TrimSuffix(safe.Truncate(prefix, w), "…")
			if head == "" {
				head = word[:1]
			}
			return head, true
		}
		if len(prefix) == len(word) {
			return "", false
		}
	}
}

// scrollTo returns the offset that keeps line cur visible in h lines.
func scrollTo(offset, cur, h int) int {
	if h <= 0 {
		return 0
	}
	if cur < offset {
		return cur
	}
	if cur >= offset+h {
		return cur - h + 1
	}
	return max(offset, 0)
}

// Fold cuts lines to h: when they do not fit, the last line shown says
// what is below instead, hint(hidden) (hidden counts the lines it stands
// for, its own place among them), dim and cut to w cells. The cost pane,
// the inspector and the export notes fold this way, so that nothing below
// the fold goes unmentioned.
func Fold(st *styles.Styles, lines []string, h, w int, hint func(hidden int) string) []string {
	if h < 2 || len(lines) <= h {
		return lines
	}
	return append(lines[:h-1:h-1], st.Dim.S(safe.Truncate(hint(len(lines)-h+1), w)))
}

// MoreLines is the plain hint of n lines below the fold.
func MoreLines(n int) string { return "↓ " + strconv.Itoa(n) + " more lines" }
