package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTextRunes caps a cleaned name or description: AWS tag values hold at
// most 256 characters, so anything longer is not a name a person wrote.
const maxTextRunes = 256

// cleanText makes a string from AWS (a tag, a group name, a description)
// safe to put in a design and to print: it drops invalid UTF-8, whole ANSI
// escape sequences (CSI, OSC, DCS and the other string commands, in their
// 7-bit and 8-bit forms), every other C0 and C1 control, DEL, bidi overrides
// and isolates and other invisible format characters, turns line breaks and
// tabs into spaces, collapses runs of spaces and trims the ends.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	n := 0
	space := false
	for i := 0; i < len(s) && n < maxTextRunes; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			i++ // invalid UTF-8: drop the byte
			continue
		}
		switch {
		case r == 0x1b: // ESC
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			space = n > 0
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			// other C0/C1 controls and DEL
		case unicode.Is(unicode.Bidi_Control, r) || unicode.Is(unicode.Cf, r):
			// bidi overrides, isolates, zero-width and other format characters
		case unicode.IsSpace(r):
			space = n > 0
		default:
			if space {
				b.WriteByte(' ')
				n++
				space = false
			}
			b.WriteRune(r)
			n++
		}
		i += size
	}
	return b.String()
}

// skipEscape returns the index after the escape sequence whose ESC ended
// just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF sequences: intermediate bytes, then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// skipCSI skips a control sequence's parameter and intermediate bytes and its
// final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c >= 0x7f {
			// Not part of a well-formed sequence: stop here and let the
			// caller look at the byte again.
			return i - 1
		}
	}
	return i
}

// skipString skips a string command (OSC, DCS, SOS, PM, APC) up to and
// including its terminator: BEL, ESC \ or the 8-bit ST. An unterminated
// string runs to the end of the text, as a terminal would swallow it.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// slug turns cleaned text into a design name: lower case, letters and
// digits kept, every other run of characters one hyphen, at most 63
// characters. Names are keys that rules refer to (`sg:VPC/NAME`), so they
// must not hold separators such as '/' or ':'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range cleanText(s) {
		if n >= 63 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			n++
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-._")
}
