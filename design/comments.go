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
	if d == nil || (len(anchors) == 0 && len(comments) == 0) {
		return // nothing to attach, nor anything to attach it to
	}
	lines := newLines(data)
	sortAnchors(anchors, lines.count())
	blank := func(line int) bool { // 1-based; out of range is not blank
		return line >= 1 && line <= lines.count() && len(bytes.TrimSpace(lines.text(line))) == 0
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
		ownLine := line <= lines.count() && len(bytes.TrimSpace(lines.text(line)[:min(col-1, len(lines.text(line)))])) == 0
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

// hasBlankLine reports whether a line of data other than its last is blank
// (only spaces, as attachComments's blank counts them): the last line has
// no anchor after it to carry a blank line before.
func hasBlankLine(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return false
		}
		if len(bytes.TrimSpace(data[i:i+j])) == 0 {
			return true
		}
		i += j + 1
	}
}

// lines are the lines of a file, as bytes.Split(data, "\n") cuts them,
// found by where each starts: one int a line instead of a slice header.
type lines struct {
	data   []byte
	starts []int
}

func newLines(data []byte) lines {
	starts := make([]int, 1, bytes.Count(data, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return lines{data: data, starts: starts}
}

func (l lines) count() int { return len(l.starts) }

// text is line n (1-based), without its line break.
func (l lines) text(n int) []byte {
	end := len(l.data)
	if n < len(l.starts) {
		end = l.starts[n] - 1
	}
	return l.data[l.starts[n-1]:end]
}

// sortAnchors sorts anchors by line and column, stably, so that the order
// is the decoder's wherever two anchors could tie. The decoder gives a
// mapping's keys before its children, so they come nearly but not quite
// sorted; a large design has a million of them on a million lines, which a
// counting sort by line orders in two passes, the few anchors of each line
// then sorted by column. (The generic stable sort took a twentieth of a
// large design's load.) Anchors outside lines 1..nLines, which the parsers
// never give, take the generic sort.
func sortAnchors(anchors []anchor, nLines int) {
	byPos := func(a, b anchor) int {
		if a.line != b.line {
			return cmp.Compare(a.line, b.line)
		}
		return cmp.Compare(a.col, b.col)
	}
	if len(anchors) < 256 || nLines > 4*len(anchors) {
		slices.SortStableFunc(anchors, byPos)
		return
	}
	next := make([]int, nLines+2) // next[l]: where line l's next anchor goes
	for _, a := range anchors {
		if a.line < 1 || a.line > nLines {
			slices.SortStableFunc(anchors, byPos)
			return
		}
		next[a.line+1]++
	}
	for l := 1; l < len(next); l++ {
		next[l] += next[l-1]
	}
	sorted := make([]anchor, len(anchors))
	for _, a := range anchors {
		sorted[next[a.line]] = a
		next[a.line]++
	}
	// next[l] is now where line l+1 starts; sort each line's run by column.
	for start := 0; start < len(sorted); {
		end := next[sorted[start].line]
		if end-start > 1 {
			slices.SortStableFunc(sorted[start:end], byPos)
		}
		start = end
	}
	copy(anchors, sorted)
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
