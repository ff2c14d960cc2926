package hostile

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Allow lists the otherwise dangerous characters an output format may
// carry: a YAML file or a line-based report has newlines, YAML comments may
// hold tabs.
type Allow struct {
	Newline, Tab bool
}

// Find returns the first thing in s a terminal could act on, or that hides
// or reorders text: invalid UTF-8 (a raw C1 byte among it), C0 controls
// (ESC, BEL, NUL, CR, BS and the rest, newline and tab only when allowed),
// DEL, C1 controls encoded as UTF-8 (U+0080-U+009F), bidi controls,
// other format (Cf) characters and the line and paragraph separators
// U+2028 and U+2029, which terminals and JavaScript may take as line
// breaks. what describes it; found is false when s is clean.
func Find(s string, allow Allow) (offset int, what string, found bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, fmt.Sprintf("byte 0x%02x, not UTF-8", s[i]), true
		case r == '\n' && allow.Newline, r == '\t' && allow.Tab:
		case r < 0x20, r == 0x7f:
			return i, fmt.Sprintf("control character %U", r), true
		case r >= 0x80 && r <= 0x9f:
			return i, fmt.Sprintf("C1 control %U", r), true
		case unicode.Is(unicode.Bidi_Control, r), unicode.Is(unicode.Cf, r):
			return i, fmt.Sprintf("format character %U", r), true
		case r == 0x2028 || r == 0x2029:
			return i, fmt.Sprintf("line or paragraph separator %U", r), true
		}
		i += size
	}
	return 0, "", false
}

// FindNonSGR returns the first escape sequence in s that is not a
// well-formed SGR (ESC [ params m): the designer styles its text with SGR
// and nothing else, so any other sequence (OSC, DCS, APC, a cursor move, a
// lone ESC) came from somewhere it must not.
func FindNonSGR(s string) (offset int, seq string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		end, ok := sgrEnd(s, i)
		if !ok {
			return i, s[i:min(len(s), i+16)], true
		}
		i = end - 1
	}
	return 0, "", false
}

// StripSGR removes exactly the well-formed SGR sequences from s and leaves
// everything else, so that Find sees any other escape, and any C1 byte,
// that a general-purpose stripper would have eaten silently.
func StripSGR(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			if end, ok := sgrEnd(s, i); ok {
				i = end - 1
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

// sgrEnd returns the index after the SGR sequence starting at s[i]: ESC [,
// digits, ';' and ':' only, then 'm'.
func sgrEnd(s string, i int) (int, bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false
	}
	for j := i + 2; j < len(s); j++ {
		switch c := s[j]; {
		case c == 'm':
			return j + 1, true
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0, false
		}
	}
	return 0, false
}

// Excerpt returns up to 40 bytes of s around offset, quoted, for failure
// messages that show what leaked without flooding the log.
func Excerpt(s string, offset int) string {
	lo, hi := max(0, offset-20), min(len(s), offset+20)
	return fmt.Sprintf("%q", s[lo:hi])
}
