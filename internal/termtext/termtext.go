// Package termtext makes text that vpcsmith did not write itself (names,
// descriptions and messages from a design file or from AWS) harmless to
// print in a terminal. It is the one sanitizer of the CLI, the designer,
// the exporters' labels and the importer: each caller picks what it needs
// to keep with Options, so that the rule of what may reach a terminal
// lives in one place (Allowed).
package termtext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Allowed reports whether r may reach a terminal as it is. It may not when
// it is a C0 control (ESC, BEL, CR, BS, newline and tab included), DEL, a
// C1 control (CSI, OSC, NEL and the rest as U+0080-U+009F), a bidi control
// or another invisible format (Cf) character, or the line and paragraph
// separators U+2028 and U+2029, which some terminals and every JavaScript
// reader treat as line breaks.
func Allowed(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return false
	case r < 0x80:
		return true
	case r <= 0x9f:
		return false
	case r == 0x2028 || r == 0x2029:
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Bidi_Control, r):
		return false
	}
	return true
}

// Options says what Clean keeps, or turns into what, of the characters
// Allowed refuses. The zero value drops them all and replaces invalid
// UTF-8 with U+FFFD.
type Options struct {
	// KeepNewline and KeepTab keep '\n' and '\t' as they are, for output
	// made of lines (a report) or columns.
	KeepNewline, KeepTab bool
	// Space turns every other white space (unicode.IsSpace: tabs, CR, VT,
	// FF, NEL, U+2028, U+2029, no-break and other spaces) into a plain
	// space, for text drawn on one line, where a line break between two
	// words should still separate them.
	Space bool
	// Sequences drops whole escape sequences (CSI, OSC, DCS, SOS, PM, APC
	// and nF sequences, 7-bit and 8-bit) rather than their introducers
	// alone, so that no parameters are left behind as noise; an
	// unterminated string command runs to the end, as a terminal would
	// swallow it.
	Sequences bool
	// DropInvalid drops the bytes that are not UTF-8 instead of replacing
	// each with U+FFFD.
	DropInvalid bool
	// PrintableOnly also drops private-use, unassigned and other code points
	// that unicode.IsPrint refuses, for formats whose renderers may draw
	// them as anything.
	PrintableOnly bool
}

// Clean returns s with every character Allowed refuses dropped or, as o
// says, kept or turned into a space; invalid UTF-8 is replaced (or
// dropped). Its time and memory are linear in len(s).
func Clean(s string, o Options) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			if !o.DropInvalid {
				b.WriteRune(unicode.ReplacementChar)
			}
			i += max(size, 1)
			continue
		}
		if o.Sequences {
			if end, ok := sequenceEnd(s, i, r, size); ok {
				i = end
				continue
			}
		}
		i += size
		switch {
		case r == '\n' && o.KeepNewline, r == '\t' && o.KeepTab:
			b.WriteRune(r)
		case o.Space && unicode.IsSpace(r):
			b.WriteByte(' ')
		case !Allowed(r):
			// dropped
		case o.PrintableOnly && (unicode.Is(unicode.Co, r) || !unicode.IsPrint(r)):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Line is text for one line of a screen or a label: line breaks, tabs and
// other spaces become a space, everything else Allowed refuses is dropped.
func Line(s string) string { return Clean(s, Options{Space: true}) }

// Lines is text for a report made of lines: newlines and tabs stay,
// everything else Allowed refuses is dropped (CR among it, so that no line
// can overwrite another).
func Lines(s string) string { return Clean(s, Options{KeepNewline: true, KeepTab: true}) }

// isPlain reports whether s is printable ASCII, the common case, which
// needs no copy.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// EscapeJSON rewrites, in encoding/json's output, every character Allowed
// refuses that it leaves raw (DEL, C1 controls, bidi and other format
// characters) as a \uXXXX escape, so that the strings in the JSON stay
// exactly what the file says while printing the JSON stays harmless. Such
// characters can only stand inside strings, where the escape means the
// same; the newlines and tabs between tokens are kept.
func EscapeJSON(data []byte) []byte {
	unsafe := func(r rune) bool { return r != '\n' && r != '\t' && r != '\r' && !Allowed(r) }
	if utf8.Valid(data) && !bytes.ContainsFunc(data, unsafe) {
		return data
	}
	var b bytes.Buffer
	b.Grow(len(data) + 16)
	for _, r := range string(data) {
		if !unsafe(r) {
			b.WriteRune(r)
			continue
		}
		if r1, r2 := utf16.EncodeRune(r); r1 != unicode.ReplacementChar {
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		} else {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.Bytes()
}
