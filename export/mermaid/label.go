package mermaid

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// maxNameRunes bounds how much of one name a label shows: long names would
// make boxes unreadably wide and eat into Mermaid's text limit.
const maxNameRunes = 64

// lineBreak separates the lines of a label. It is written raw, after
// escaping, so it is the only markup a label can carry.
const lineBreak = "<br/>"

// labelText is what a label keeps of untrusted text: what termtext.Allowed
// refuses is dropped, invalid UTF-8 too, and so are private-use and
// unassigned code points, which a browser may draw as anything; line
// breaks (U+2028, U+2029 and NEL among them) and other spaces become a
// plain space, as a label's own breaks are lineBreak.
var labelText = termtext.Options{Space: true, DropInvalid: true, PrintableOnly: true}

// clean makes untrusted text safe to show in a label.
func clean(s string) string { return termtext.Clean(s, labelText) }

// short is a name from the design as a label shows it: cleaned, cut to
// maxNameRunes with an ellipsis, and a placeholder when nothing is left.
func short(s string) string {
	s = strings.TrimSpace(clean(s))
	if s == "" {
		return "(unnamed)"
	}
	if utf8.RuneCountInString(s) <= maxNameRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxNameRunes-1 {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		n++
	}
	return s
}

// escape encodes text for the inside of a quoted Mermaid label. Letters,
// digits, spaces and a few harmless marks pass; every other ASCII character
// becomes an entity code (#quot; for the quote, #<decimal>; otherwise), so
// that nothing can end the string, start a comment or directive (%%),
// open a Markdown string (`), form HTML (<, >, &) or an entity of its own
// (#…;), or trip Mermaid's style-line rewriting (style…:…#…;). Non-ASCII
// printable text is kept as it is, except the four characters Mermaid uses
// internally to carry entity codes through its parser.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && safeASCII(byte(r)):
			b.WriteRune(r)
		case r == '"':
			b.WriteString("#quot;")
		case r < utf8.RuneSelf, r == 'ﬂ', r == '°', r == '¶', r == 'ß':
			b.WriteByte('#')
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func safeASCII(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte(" .,-/_+=()'!?@", c) >= 0
}

// text is a label: its non-empty lines, each cleaned and escaped, joined
// by line breaks. Names in the lines should already have been through short.
func text(lines ...string) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = clean(l); l != "" {
			parts = append(parts, escape(l))
		}
	}
	return strings.Join(parts, lineBreak)
}
