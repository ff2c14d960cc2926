// Package safe makes text from a design file or from AWS harmless to print
// in a terminal, and measures and fits it by display width.
//
// Every name, CIDR, description or message that did not come from vpcsmith
// itself passes through Text before it is drawn: a design file is untrusted
// input, and an escape sequence in a VPC name could otherwise move the
// cursor, retitle the window or write to the clipboard.
package safe

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// Text returns s with everything that could control a terminal removed
// (termtext.Allowed says what): C0 controls (ESC included), DEL, C1
// controls, bidi and other format characters, U+2028 and U+2029. Invalid
// UTF-8 becomes U+FFFD. Line breaks, tabs and other spaces become a space,
// since every caller draws one line.
func Text(s string) string { return termtext.Line(s) }

// Width is the display width of s in terminal cells; styled strings are
// measured without their escape sequences.
func Width(s string) int {
	// Fast path: SGR sequences and characters one cell wide (ASCII, Latin-1,
	// arrows, box drawing, shapes), which is nearly all a diagram holds.
	// Grapheme segmentation, which the general case needs, is an order of
	// magnitude slower.
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			end, ok := sgrEnd(s, i)
			if !ok {
				return ansi.StringWidth(s)
			}
			i = end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// sgrEnd returns the index after the CSI sequence (such as SGR, ESC [ 1 m)
// that starts at s[i]; false when s[i] starts anything else.
func sgrEnd(s string, i int) (int, bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false
	}
	for j := i + 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return j + 1, true
		case c < 0x20 || c > 0x3f:
			return 0, false
		}
	}
	return 0, false
}

// Cut returns the cells [left, right) of a styled line, keeping its style
// sequences (and resetting the style at the end when it carried any).
func Cut(s string, left, right int) string {
	if right <= left {
		return ""
	}
	var b strings.Builder
	b.Grow(min(len(s), (right-left)*4))
	col, styled := 0, false
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			end, ok := sgrEnd(s, i)
			if !ok {
				return ansi.Cut(s, left, right)
			}
			b.WriteString(s[i:end])
			styled = true
			i = end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.Cut(s, left, right)
		}
		if col >= left && col < right {
			b.WriteString(s[i : i+size])
		}
		col++
		i += size
		if col >= right {
			break
		}
	}
	if styled {
		b.WriteString(ansi.ResetStyle)
	}
	return b.String()
}

// narrow reports whether r is certainly one cell wide on its own.
func narrow(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f:
		return true
	case r >= 0xa0 && r < 0x300:
		return r != 0xad // soft hyphen
	case r >= 0x2010 && r < 0x2028, r >= 0x2030 && r < 0x205f:
		return true // punctuation, past the zero-width and bidi controls
	case r >= 0x2070 && r < 0x2c00:
		return true // arrows, maths, box drawing, shapes, dingbats
	}
	return false
}

// Fit sanitizes s and truncates it to at most w cells, ending with "…" when
// it was cut.
func Fit(s string, w int) string { return Truncate(Text(s), w) }

// Truncate cuts an already safe (possibly styled) string to at most w cells,
// ending with "…" when it was cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return Cut(s, 0, w-1) + "…"
}

// Pad truncates s to w cells and pads it with spaces to exactly w cells.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if n := w - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// PadLeft truncates s to w cells and right-aligns it in exactly w cells.
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if n := w - Width(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
