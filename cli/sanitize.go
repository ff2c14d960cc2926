package cli

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
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

// escapeJSONText rewrites, in encoding/json's output, the characters it
// leaves raw that a terminal acts on or that reorder text (DEL, C1
// controls, bidi and other format characters) as \uXXXX escapes: names in
// the JSON stay exactly what the file says, and printing the JSON stays
// harmless. Such characters can only stand inside strings, where the
// escape means the same.
func escapeJSONText(data []byte) []byte {
	unsafe := func(r rune) bool {
		return r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.Is(unicode.Cf, r)
	}
	if !bytes.ContainsFunc(data, unsafe) {
		return data
	}
	var b bytes.Buffer
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
