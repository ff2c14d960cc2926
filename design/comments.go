package design

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// yamlComment is one comment of the file: where its '#' is and the text
// after it.
type yamlComment struct {
	pos  Position
	text string
}

// footerKey holds, on the Design's source, the comments after the last
// element of the file.
const footerKey = "#footer"

// attachComments gives each comment of the file to the element or key it
// belongs to: a comment at the end of a line to the last anchor on that
// line, a comment on a line of its own to the next anchor below it. Blank
// lines before an anchor, or between its comment lines, are kept as well, so
// that a saved file keeps the author's grouping.
func attachComments(d *Design, anchors []anchor, comments []yamlComment, data []byte) {
	if d == nil {
		return
	}
	// Stable, so that the order is the decoder's wherever two anchors
	// could tie; the generic sort is several times faster than sort.Slice
	// on the hundreds of thousands of anchors of a large design.
	slices.SortStableFunc(anchors, func(a, b anchor) int {
		if a.line != b.line {
			return cmp.Compare(a.line, b.line)
		}
		return cmp.Compare(a.col, b.col)
	})
	lines := bytes.Split(data, []byte("\n"))
	blank := func(line int) bool { // 1-based; out of range is not blank
		return line >= 1 && line <= len(lines) && len(bytes.TrimSpace(lines[line-1])) == 0
	}
	type pending struct {
		line int
		text string
	}
	// Own-line comments, grouped by the anchor they precede.
	heads := map[int][]pending{}
	var footer []pending
	for _, c := range comments {
		line, col := c.pos.Line, c.pos.Column
		text := "#" + commentText(strings.TrimRight(c.text, " \t\r"))
		ownLine := line <= len(lines) && len(bytes.TrimSpace(lines[line-1][:min(col-1, len(lines[line-1]))])) == 0
		if !ownLine {
			// The last anchor on this line that starts before the comment.
			i := sort.Search(len(anchors), func(i int) bool {
				return anchors[i].line > line || (anchors[i].line == line && anchors[i].col >= col)
			}) - 1
			if i >= 0 && anchors[i].line == line {
				anchors[i].src.decorFor(anchors[i].key).line = text
				continue
			}
		}
		i := sort.Search(len(anchors), func(i int) bool { return anchors[i].line > line })
		if i == len(anchors) {
			footer = append(footer, pending{line, text})
			continue
		}
		heads[i] = append(heads[i], pending{line, text})
	}
	withBlanks := func(cs []pending, until int) (out []string, blankBefore bool) {
		blankBefore = blank(cs[0].line - 1)
		for k, c := range cs {
			if k > 0 && hasBlankBetween(blank, cs[k-1].line, c.line) {
				out = append(out, "")
			}
			out = append(out, c.text)
		}
		if hasBlankBetween(blank, cs[len(cs)-1].line, until) {
			out = append(out, "")
		}
		return out, blankBefore
	}
	for i, a := range anchors {
		if i > 0 && anchors[i-1].line == a.line {
			continue // only the first anchor of a line owns what is above it
		}
		if cs := heads[i]; len(cs) > 0 {
			dd := a.src.decorFor(a.key)
			dd.head, dd.blankBefore = withBlanks(cs, a.line)
		} else if blank(a.line-1) && a.line > 1 {
			a.src.decorFor(a.key).blankBefore = true
		}
	}
	if len(footer) > 0 && d.src != nil {
		dd := d.src.decorFor(footerKey)
		dd.head, dd.blankBefore = withBlanks(footer, footer[len(footer)-1].line)
	}
}

func hasBlankBetween(blank func(int) bool, from, to int) bool {
	for l := from + 1; l < to; l++ {
		if blank(l) {
			return true
		}
	}
	return false
}

// commentText spells out, as the escapes a quoted value would use (\x1B,
// \u202E), the characters of a comment that a terminal would act on or
// that reorder or hide text: comments are written back verbatim, so a raw
// escape sequence in one would otherwise reach the terminal of whoever runs
// `vpcsmith fmt` on the file. Tabs stay; what is escaped is what
// termtext.Allowed refuses, U+2028 and U+2029 among it.
func commentText(s string) string {
	clean := func(r rune) bool {
		return r == '\t' || termtext.Allowed(r)
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return !clean(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case clean(r):
			b.WriteRune(r)
		case r < 0x80:
			b.WriteString(`\x` + hex2(byte(r)))
		default:
			b.WriteString(escapeRune(r))
		}
	}
	return b.String()
}
