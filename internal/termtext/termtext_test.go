package termtext_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/internal/hostile"
	. "github.com/vpcsmith/vpcsmith/internal/termtext"
)

func TestAllowed(t *testing.T) {
	for _, r := range []rune{0, 0x07, 0x08, '\t', '\n', '\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f,
		0x00ad, 0x061c, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff} {
		if Allowed(r) {
			t.Errorf("Allowed(%U) = true", r)
		}
	}
	for _, r := range []rune{' ', 'a', '~', 0xa0, 'é', '→', '─', '東', '😀', unicode.ReplacementChar} {
		if !Allowed(r) {
			t.Errorf("Allowed(%U) = false", r)
		}
	}
}

func TestClean(t *testing.T) {
	line := Options{Space: true}
	lines := Options{KeepNewline: true, KeepTab: true}
	label := Options{Space: true, DropInvalid: true, PrintableOnly: true}
	aws := Options{Space: true, Sequences: true, DropInvalid: true}
	for _, c := range []struct {
		name string
		o    Options
		in   string
		want string
	}{
		{"plain", Options{}, "prod-vpc", "prod-vpc"},
		{"csi introducer", line, "a\x1b[31mred", "a[31mred"},
		{"osc title", line, "x\x1b]0;pwned\x07y", "x]0;pwnedy"},
		{"osc 52", line, "\x1b]52;c;ZXZpbA==\x1b\\", "]52;c;ZXZpbA==\\"},
		{"c1 csi", line, "a\u009b31mb", "a31mb"},
		{"bidi", line, "abc\u202edcba\u2066x\u2069", "abcdcbax"},
		{"zero width", line, "a\u200bb\ufeffc\u00add", "abcd"},
		{"breaks become spaces", line, "a\nb\tc\rd", "a b c d"},
		{"separators become spaces", line, "a\u2028b\u2029c\u0085d", "a b c d"},
		{"no-break space", line, "nb\u00a0sp", "nb sp"},
		{"del bel bs", line, "a\x7fb\x07c\x08d", "abcd"},
		{"invalid replaced", line, "a\xffb", "a\uFFFDb"},
		{"unicode kept", line, "données ✓ 東京 😀", "données ✓ 東京 😀"},
		{"report keeps lines", lines, "a\nb\tc\r\nd", "a\nb\tc\nd"},
		{"report drops separators", lines, "a\u2028b\u2029c\u0085d", "abcd"},
		{"report drops escapes", lines, "\x1b]0;t\x07x\x1b[2J", "]0;tx[2J"},
		{"report keeps other spaces", lines, "a\u00a0b", "a\u00a0b"},
		{"label drops invalid", label, "bad\xff\xfeutf8", "badutf8"},
		{"label drops private use", label, "pua\ue000x\U000e0001y", "puaxy"},
		{"label C1 NEL", label, "c1\u0085\u009bx", "c1 x"},
		{"sequences: sgr", aws, "\x1b[31mred\x1b[0m", "red"},
		{"sequences: clear, home", aws, "a\x1b[2J\x1b[Hb", "ab"},
		{"sequences: osc bel", aws, "\x1b]0;title\x07name", "name"},
		{"sequences: osc st", aws, "\x1b]52;c;ZXZpbA==\x1b\\x", "x"},
		{"sequences: dcs", aws, "\x1bP1$r\x1b\\ok", "ok"},
		{"sequences: nF", aws, "\x1b(Bascii", "ascii"},
		{"sequences: RIS", aws, "\x1bcreset", "reset"},
		{"sequences: 8-bit csi", aws, "\u009b31mc1\u009b0m", "c1"},
		{"sequences: 8-bit osc", aws, "\u009d0;t\u009cafter", "after"},
		{"sequences: unterminated", aws, "cut \x1b]0;swallows everything", "cut "},
		{"sequences: broken csi", aws, "a\x1b[1\nb", "a b"},
		{"sequences: esc at end", aws, "a\x1b", "a"},
	} {
		got := Clean(c.in, c.o)
		if got != c.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: Clean(%q) is not UTF-8", c.name, c.in)
		}
	}
	if Line("a\u2028b") != "a b" || Lines("a\u2028b\n") != "ab\n" {
		t.Errorf("Line, Lines: %q, %q", Line("a\u2028b"), Lines("a\u2028b\n"))
	}
}

// TestHostileCorpus: every payload, through every combination of options,
// leaves nothing a terminal acts on (by the tests' shared definition, not
// Allowed), and cleaning twice changes nothing.
func TestHostileCorpus(t *testing.T) {
	for _, p := range hostile.Payloads(t) {
		for mask := range 1 << 5 {
			o := Options{KeepNewline: mask&1 != 0, KeepTab: mask&2 != 0, Space: mask&4 != 0, Sequences: mask&8 != 0, DropInvalid: mask&16 != 0}
			got := Clean(p.Text, o)
			if off, what, found := hostile.Find(got, hostile.Allow{Newline: o.KeepNewline, Tab: o.KeepTab}); found {
				t.Errorf("%s %+v: %s at %d: %s", p.Name, o, what, off, hostile.Excerpt(got, off))
			}
			if again := Clean(got, o); again != got {
				t.Errorf("%s %+v: not idempotent", p.Name, o)
			}
		}
	}
}

func TestEscapeJSON(t *testing.T) {
	for _, p := range hostile.Payloads(t) {
		data, err := json.MarshalIndent(map[string]string{"name": p.Text}, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		out := EscapeJSON(data)
		if off, what, found := hostile.Find(string(out), hostile.Allow{Newline: true, Tab: true}); found {
			t.Errorf("%s: %s at %d: %s", p.Name, what, off, hostile.Excerpt(string(out), off))
		}
		var back, want map[string]string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s: escaped JSON does not parse: %v", p.Name, err)
		}
		_ = json.Unmarshal(data, &want)
		if back["name"] != want["name"] {
			t.Errorf("%s: escaping changed the string", p.Name)
		}
	}
	if got := string(EscapeJSON([]byte(`"a` + "\u202e\U000e0001\u0085" + `"`))); got != `"a\u202e\udb40\udc01\u0085"` {
		t.Errorf("EscapeJSON = %s", got)
	}
	if got := string(EscapeJSON([]byte("\"\xff\""))); got != "\"\uFFFD\"" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

// TestCleanLinear: 1 MB of escape sequences and separators is cleaned in
// one pass (a quadratic cleaner would take minutes).
func TestCleanLinear(t *testing.T) {
	s := strings.Repeat("n\x1b[2J\u202e\u0085\u2028\xff\x1b]0;", 1<<16)
	for _, o := range []Options{{}, {Space: true, Sequences: true}} {
		if got := Clean(s, o); len(got) > len(s)+len(s)/2 {
			t.Errorf("%+v: %d bytes from %d", o, len(got), len(s))
		}
	}
}

// FuzzClean: whatever the input, the output is valid UTF-8 with nothing
// Allowed refuses beyond what the options keep, and cleaning is
// idempotent.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"\x1b[31mx", "\u009b1m", "\x1b]0;\x07", "a\u202eb", "\xff\xfe", "a\u2028b\u0085"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(31))
	}
	f.Fuzz(func(t *testing.T, s string, mask uint8) {
		o := Options{KeepNewline: mask&1 != 0, KeepTab: mask&2 != 0, Space: mask&4 != 0, Sequences: mask&8 != 0, DropInvalid: mask&16 != 0, PrintableOnly: mask&32 != 0}
		out := Clean(s, o)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if !Allowed(r) && !(r == '\n' && o.KeepNewline) && !(r == '\t' && o.KeepTab) {
				t.Fatalf("Clean(%q, %+v) kept %U", s, o, r)
			}
		}
		if again := Clean(out, o); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}
