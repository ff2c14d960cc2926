package importer

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/internal/hostile"
)

func TestCleanText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain name", "plain name"},
		{"\x1b[31mred\x1b[0m", "red"},                               // CSI (SGR)
		{"a\x1b[2J\x1b[Hb", "ab"},                                   // clear screen, cursor home
		{"\x1b]0;title\x07name", "name"},                            // OSC window title, BEL
		{"\x1b]52;c;ZXZpbA==\x1b\\x", "x"},                          // OSC 52 clipboard, ST
		{"\x1bP1$r\x1b\\ok", "ok"},                                  // DCS
		{"\x1b(Bascii", "ascii"},                                    // nF charset selection
		{"\x1bcreset", "reset"},                                     // RIS
		{"\u009b31mc1\u009b0m", "c1"},                               // 8-bit CSI
		{"\u009d0;t\u009cafter", "after"},                           // 8-bit OSC, 8-bit ST
		{"bidi\u202eevil\u202c", "bidievil"},                        // RLO, PDF
		{"iso\u2066late\u2069", "isolate"},                          // LRI, PDI
		{"zero\u200bwidth\ufeff", "zerowidth"},                      // ZWSP, BOM
		{"nul\x00del\x7fbs\x08", "nuldelbs"},                        // C0, DEL
		{"bad\xffutf8\xc3", "badutf8"},                              // invalid UTF-8
		{"two\nlines\r\nand\ttab", "two lines and tab"},             // breaks become spaces
		{"  many   spaces  ", "many spaces"},                        // collapsed, trimmed
		{"line\u2028sep\u0085nel", "line sep nel"},                  // Unicode line breaks
		{"unterminated \x1b]0;swallows everything", "unterminated"}, // as a terminal would
		{"Grüße ünïcödé 名前", "Grüße ünïcödé 名前"},                    // printable text stays
	} {
		if got := cleanText(c.in); got != c.want {
			t.Errorf("cleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanTextLimits(t *testing.T) {
	long := strings.Repeat("é", 1000)
	if n := utf8.RuneCountInString(cleanText(long)); n != maxTextRunes {
		t.Errorf("cleaned length %d runes, want %d", n, maxTextRunes)
	}
}

// FuzzCleanText: whatever the input, the output is valid UTF-8 with no
// control, escape or bidi character, and cleaning is idempotent.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"\x1b[31mx", "\u009b1m", "\x1b]0;\x07", "a\u202eb", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := cleanText(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("cleanText(%q) kept %U", s, r)
			}
		}
		if again := cleanText(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}

func TestSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Production VPC", "production-vpc"},
		{"shop/app:tier", "shop-app-tier"},
		{"--x--", "x"},
		{"\x1b[1m", ""},
		{"ecr.api", "ecr.api"},
	} {
		if got := slug(c.in); got != c.want {
			t.Errorf("slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCleanTextHostileCorpus: every payload of the project's hostile
// corpus comes out of cleanText with nothing a terminal could act on, and
// as a name (slug) with nothing but letters, digits and separators.
func TestCleanTextHostileCorpus(t *testing.T) {
	for _, p := range hostile.Payloads(t) {
		out := cleanText(p.Text)
		if off, what, found := hostile.Find(out, hostile.Allow{}); found {
			t.Errorf("%s: cleanText kept %s at %d: %s", p.Name, what, off, hostile.Excerpt(out, off))
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("%s: cleanText kept an ESC", p.Name)
		}
		for _, r := range slug(p.Text) {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.' || r == '_') {
				t.Errorf("%s: slug kept %U", p.Name, r)
				break
			}
		}
	}
}
