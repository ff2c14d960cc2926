package mermaid

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"prod-1.a_b/c", "prod-1.a_b/c"},
		{`a"b`, "a#quot;b"},
		{"#1", "#35;1"},
		{"#quot;", "#35;quot#59;"},
		{"<b>", "#60;b#62;"},
		{"%%{init}%%", "#37;#37;#123;init#125;#37;#37;"},
		{"`md`", "#96;md#96;"},
		{"a:b;c|d[e]", "a#58;b#59;c#124;d#91;e#93;"},
		{"x(y)", "x(y)"},
		{"名前 😀", "名前 😀"},
		{"ﬂ°°60¶ß", "#64258;#176;#176;60#182;#223;"},
	} {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b]52;c;SGVsbG8=\x07x", "]52;c;SGVsbG8=x"},
		{"\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"a\u202Eb\u2066c\u200Dd", "abcd"},
		{"c1\u0085\u009bx", "c1 x"}, // NEL is a line break
		{"bad\xff\xfeutf8", "badutf8"},
		{"line\nbreak\ttab\r", "line break tab "},
		{"sep\u2028\u2029x", "sep  x"},
		{"nb\u00a0sp", "nb sp"},
		{"pua\ue000x", "puax"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShort(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := short(long)
	if utf8.RuneCountInString(got) != maxNameRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("short of a 100-rune name is %d runes: %q", utf8.RuneCountInString(got), got)
	}
	if s := short(strings.Repeat("a", maxNameRunes)); s != strings.Repeat("a", maxNameRunes) {
		t.Errorf("a name of exactly %d runes should be kept whole", maxNameRunes)
	}
	for _, empty := range []string{"", "   ", "\x1b\x07", "\u202E"} {
		if got := short(empty); got != "(unnamed)" {
			t.Errorf("short(%q) = %q, want a placeholder", empty, got)
		}
	}
}

// safeLabel is what a label may hold once escaped.
var safeLabel = regexp.MustCompile(`^(?:[A-Za-z0-9 .,\-/_+=()'!?@]|#quot;|#[0-9]+;|<br/>|[^\x00-\x7f])*$`)

// FuzzText: whatever the input, a label holds only safe characters, no
// quote, no control or format character, and is valid UTF-8.
func FuzzText(f *testing.F) {
	for _, s := range []string{"end", `a"b`, "\x1b]52;c;x\x07", "%%{init}%%", "\u202E", "\xff", "名前", "#quot;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := text(short(s), s)
		if !utf8.ValidString(out) || !safeLabel.MatchString(out) {
			t.Fatalf("text(%q) = %q is not a safe label", s, out)
		}
		for _, r := range out {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u202E' || r == '\u2028' {
				t.Fatalf("text(%q) = %q keeps %U", s, out, r)
			}
		}
	})
}
