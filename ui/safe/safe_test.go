package safe

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "prod-vpc", "prod-vpc"},
		{"csi colour", "a\x1b[31mred", "a[31mred"},
		{"osc title", "x\x1b]0;pwned\x07y", "x]0;pwnedy"},
		{"osc 52 clipboard", "\x1b]52;c;ZXZpbA==\x1b\\", "]52;c;ZXZpbA==\\"},
		{"c1 csi", "a\u009b31mb", "a31mb"},
		{"c1 osc", "a\u009d0;t\u009cb", "a0;tb"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"bidi isolate", "a\u2066b\u2069", "ab"},
		{"zero width", "a\u200bb\ufeffc", "abc"},
		{"newline tab", "a\nb\tc\rd", "a b c d"},
		{"del bell backspace", "a\x7fb\x07c\x08d", "abcd"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"line separator", "a\u2028b\u2029c", "a b c"},
		{"unicode kept", "données ✓ 東京", "données ✓ 東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Text(%q) is not valid UTF-8", tt.in)
			}
		})
	}
}

func TestFitAndPad(t *testing.T) {
	if got := Fit("abcdefgh", 5); got != "abcd…" {
		t.Errorf("Fit = %q", got)
	}
	if got := Fit("東京東京", 5); Width(got) > 5 {
		t.Errorf("Fit wide = %q (width %d)", got, Width(got))
	}
	if got := Pad("ab", 4); got != "ab  " {
		t.Errorf("Pad = %q", got)
	}
	if got := PadLeft("ab", 4); got != "  ab" {
		t.Errorf("PadLeft = %q", got)
	}
	if got := Pad("abcdef", 3); Width(got) != 3 {
		t.Errorf("Pad truncation = %q", got)
	}
	if got := Truncate("abc", 0); got != "" {
		t.Errorf("Truncate 0 = %q", got)
	}
}

func TestWidthFastPathAgrees(t *testing.T) {
	for _, s := range []string{"abc", "10.0.0.0/24 · 251 IPs", "╭─ ▪web ENI×4 ⇅ ◁ ✗ ▲ •", "données", "東京", "e\u0301", "a\u200db", "\x1b[31mred\x1b[m", "👍🏽", "a\u00adb"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestCutAgrees(t *testing.T) {
	st := "\x1b[1m"
	for _, s := range []string{"abcdef", st + "ab\x1b[mcd" + st + "ef\x1b[m", "╭─ prod ─╮", "東京abc", "a\x1b]0;t\x07b"} {
		for _, lr := range [][2]int{{0, 3}, {2, 5}, {0, 20}, {4, 4}, {1, 2}} {
			got := ansi.Strip(Cut(s, lr[0], lr[1]))
			want := ansi.Strip(ansi.Cut(s, lr[0], lr[1]))
			if got != want {
				t.Errorf("Cut(%q, %d, %d) = %q, want %q", s, lr[0], lr[1], got, want)
			}
		}
	}
	if got := Cut(st+"abc", 0, 2); got != st+"ab\x1b[m" {
		t.Errorf("a cut styled line is not reset: %q", got)
	}
}
