package hostile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

func validUTF8(s string) bool { return utf8.ValidString(s) }

// escape writes s for the inside of a YAML double-quoted scalar using only
// printable ASCII: every other character as \xNN, \uNNNN or \UNNNNNNNN.
// It is deliberately independent of design.Marshal's quoting, so that a bug
// there cannot hide a payload from the tests (and the test files stay
// readable in any terminal and any code review).
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02X`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	return b.String()
}
