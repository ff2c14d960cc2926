package mermaid_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

// TestHostileNames: names built to break the diagram or the terminal leave
// its structure intact (every line is one the exporter writes, every label
// stays inside its quotes), reach the output as visible text, and carry no
// control, C1 or bidi characters.
func TestHostileNames(t *testing.T) {
	for _, view := range mermaid.Views {
		t.Run(string(view), func(t *testing.T) {
			r := render(t, hostileDesign(len(hostileNames)), mermaid.Options{View: view})
			// Split into one diagram per VPC: the names are spread over all.
			var all strings.Builder
			for _, dg := range r.Diagrams {
				checkNoControls(t, dg.Text)
				d := parseOutput(t, dg.Text)
				for _, id := range d.order {
					all.WriteString(d.label[id])
					all.WriteByte('\n')
				}
				for _, e := range d.edges {
					all.WriteString(e.label)
					all.WriteByte('\n')
				}
			}
			labels := all.String()
			// Escaped, not dropped: the names read back as written.
			for _, want := range []string{`a"b`, "x(y)", "#1", "<b>bold</b>", "😀🚀 rocket", "ünïcödé 名前",
				`%%{init: {"theme":"dark"}}%%`, "`md`", "style x:#quot;y;", "ﬂ°°60¶ß", "&amp;", `back\slash`} {
				if !strings.Contains(labels, want) {
					t.Errorf("label text %q is missing from the diagram", want)
				}
			}
			if view == mermaid.ViewNetwork && !strings.Contains(labels, "evilgnp.exe") {
				t.Errorf("bidi override not removed from %q", "evil\u202Egnp.exe")
			}
			if strings.Contains(labels, strings.Repeat("long", 17)) {
				t.Errorf("a 200-character name is not shortened")
			}
			if !strings.Contains(labels, strings.Repeat("long", 15)+"lon…") {
				t.Errorf("a 200-character name should be cut to 64 characters with an ellipsis")
			}
		})
	}
}

// checkNoControls fails on any byte sequence a terminal could act on.
func checkNoControls(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output is not valid UTF-8")
	}
	for i, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			t.Fatalf("control character %U at byte %d", r, i)
		case unicode.Is(unicode.Bidi_Control, r), unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
			t.Fatalf("format/bidi character %U at byte %d", r, i)
		}
	}
}
