package cli

import (
	"strings"
	"unicode"
)

// sanitizeLine removes control characters, escape sequences' introducers,
// C1 controls and bidi overrides from text that came from a file or from AWS,
// so that it cannot move the cursor, retitle the window or write to the
// clipboard when printed to a terminal.
func sanitizeLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		case unicode.Is(unicode.Bidi_Control, r), unicode.Is(unicode.Cf, r):
			return -1
		case r == unicode.ReplacementChar:
			return r
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
