package termtext

import "strings"

// sequenceEnd reports whether the character r (size bytes at s[i]) starts
// an escape sequence, and the index after that sequence.
func sequenceEnd(s string, i int, r rune, size int) (int, bool) {
	switch r {
	case 0x1b: // ESC
		return escapeEnd(s, i+size), true
	case 0x9b: // 8-bit CSI
		return csiEnd(s, i+size), true
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f: // 8-bit DCS, SOS, OSC, PM, APC
		return stringEnd(s, i+size), true
	}
	return 0, false
}

// escapeEnd returns the index after the escape sequence whose ESC ended
// just before i.
func escapeEnd(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return csiEnd(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return stringEnd(s, i+1)
	}
	// nF sequences: intermediate bytes, then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] < 0x7f {
		i++
	}
	return i
}

// csiEnd skips a control sequence's parameter and intermediate bytes and
// its final byte.
func csiEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c >= 0x7f {
			// Not part of a well-formed sequence: stop before it, so that
			// the caller looks at the byte as text.
			return i
		}
		i++
	}
	return i
}

// stringEnd skips a string command (OSC, DCS, SOS, PM, APC) up to and
// including its terminator: BEL, ESC \ or the 8-bit ST. An unterminated
// string runs to the end of the text, as a terminal would swallow it.
func stringEnd(s string, i int) int {
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
