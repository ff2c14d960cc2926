package hostile

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestCorpusCoversTheThreats checks the corpus holds at least 30 payloads
// and at least one of each kind of attack the tests are meant to stop, so
// that trimming payloads.json cannot quietly weaken every hostile test.
func TestCorpusCoversTheThreats(t *testing.T) {
	ps := Payloads(t)
	if len(ps) < 30 {
		t.Fatalf("%d payloads, want at least 30", len(ps))
	}
	has := func(sub string) func(string) bool { return func(s string) bool { return strings.Contains(s, sub) } }
	threats := []struct {
		what string
		in   func(string) bool
	}{
		{"OSC 52 clipboard write", has("\x1b]52;")},
		{"OSC 8 link", has("\x1b]8;")},
		{"OSC 0 title", has("\x1b]0;")},
		{"OSC 2 title", has("\x1b]2;")},
		{"CSI cursor move", regexp.MustCompile(`\x1b\[[0-9;]*[ABCDHG]`).MatchString},
		{"CSI screen clear", has("\x1b[2J")},
		{"DCS", has("\x1bP")},
		{"APC", has("\x1b_")},
		{"PM", has("\x1b^")},
		{"SOS", has("\x1bX")},
		{"raw C1 byte", has("\x9b")},
		{"UTF-8 C1", has("\u009b")},
		{"CR overwrite", has("\r")},
		{"BS overwrite", has("\b")},
		{"bidi override", has("\u202e")},
		{"bidi isolate", has("\u2066")},
		{"zero-width character", has("\u200b")},
		{"other Cf character", has("\u00ad")},
		{"NUL", has("\x00")},
		{"BEL", has("\a")},
		{"DEL", has("\x7f")},
		{"invalid UTF-8", func(s string) bool { return strings.ToValidUTF8(s, "") != s }},
		{"100 KB name", func(s string) bool { return len(s) >= 100_000 }},
		{"tab in a name", has("\t")},
		{"newline in a name", has("\n")},
		{"YAML keyword", func(s string) bool { return s == "yes" || s == "~" }},
		{"YAML syntax", has("&a *a !!str")},
		{"Mermaid end", func(s string) bool { return s == "end" }},
		{"Mermaid directive", has("%%{init")},
		{"double quote", has(`"`)},
		{"HTML", has("<script>")},
	}
	for _, th := range threats {
		found := false
		for _, p := range ps {
			if th.in(p.Text) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no payload is a %s", th.what)
		}
	}
	for _, p := range ps {
		if p.Why == "" {
			t.Errorf("%s: say why it is hostile", p.Name)
		}
	}
}

// TestYAMLIsTheGoDesign loads every payload's design file through
// design.Parse and compares it, string by string, with the design built as
// Go values: proof that each payload reaches the program intact, so the
// other packages' hostile tests exercise what they claim to.
func TestYAMLIsTheGoDesign(t *testing.T) {
	for _, p := range Payloads(t) {
		t.Run(p.Name, func(t *testing.T) {
			r := p.Text
			if p.Long() {
				// In every referenced name the payload takes the file over
				// the loader's limit: that must be refused, quickly and
				// by name; the long text goes in the P fields instead.
				if p.UTF8() {
					data, _, err := YAML(p.Text, p.Text)
					if err != nil {
						t.Fatal(err)
					}
					start := time.Now()
					_, perr := design.Parse("hostile.yaml", data)
					if perr == nil || !strings.Contains(perr.Error(), "limit") {
						t.Errorf("%d bytes: want the size limit error, got %v", len(data), perr)
					}
					if el := time.Since(start); el > time.Second {
						t.Errorf("refusing an oversized file took %v", el)
					}
				}
				r = "r"
			}
			data, ok, err := YAML(p.Text, r)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if p.UTF8() {
					t.Fatal("a UTF-8 payload was not written as YAML")
				}
				// A file cannot carry these bytes: the loader must refuse
				// them raw, and name where they are.
				raw := []byte(strings.Replace(string(mustYAML(t, "x", "x")), "\"x\"", "\""+p.Text+"\"", 1))
				_, perr := design.Parse("hostile.yaml", raw)
				var le design.LoadErrors
				if !errors.As(perr, &le) || !strings.Contains(perr.Error(), "UTF-8") || le[0].Pos.Line == 0 {
					t.Errorf("raw invalid UTF-8 in a file: want a positioned UTF-8 error, got %v", perr)
				}
				return
			}
			if strings.ContainsFunc(string(data), func(c rune) bool { return c > 0x7e || (c < 0x20 && c != '\n') }) {
				t.Error("the design file is not printable ASCII")
			}
			got, err := design.Parse("hostile.yaml", data)
			if err != nil {
				t.Fatalf("the design file does not load: %v", err)
			}
			gf, wf := Fields(got), Fields(Design(p.Text, r))
			if len(gf) != len(wf) {
				t.Fatalf("loaded %d strings, built %d", len(gf), len(wf))
			}
			for i := range wf {
				if gf[i] != wf[i] {
					t.Errorf("%s: loaded %s, built %s", wf[i].Path, Excerpt(gf[i].Value, 0), Excerpt(wf[i].Value, 0))
				}
			}
		})
	}
}

func mustYAML(t *testing.T, p, r string) []byte {
	t.Helper()
	data, ok, err := YAML(p, r)
	if err != nil || !ok {
		t.Fatalf("YAML(%q): %v", p, err)
	}
	return data
}

// textFields are the fields that name something or refer to a name: each
// must carry the payload in the hostile design.
var textFields = regexp.MustCompile(`(Name|Description|Tier|SecurityGroup|From|VPC|Network|Provider|Consumer|VPCs\[\d\]|Networks\[\d\])$`)

// TestEveryTextCarriesThePayload: the payload is in every name,
// description and reference of the design, and the design is valid, so no
// command refuses it before the names reach its output.
func TestEveryTextCarriesThePayload(t *testing.T) {
	const marker = "\x1b]0;MARK\a"
	d := Design(marker, marker)
	n := 0
	for _, f := range Fields(d) {
		if !textFields.MatchString(f.Path) || f.Value == "internet" || f.Value == "" {
			continue
		}
		n++
		if !strings.Contains(f.Value, marker) {
			t.Errorf("%s = %q does not carry the payload", f.Path, f.Value)
		}
	}
	if n < 45 {
		t.Errorf("only %d text fields in the hostile design", n)
	}
	for _, p := range Payloads(t) {
		for _, f := range design.Validate(Design(p.Text, p.Text)) {
			if f.Severity == design.Error {
				t.Errorf("%s: the hostile design has an error: %s %s", p.Name, f.Code, Excerpt(f.Message, 0))
			}
		}
	}
}

// TestFind: the shared definition of dangerous catches every terminal
// payload of the corpus and lets ordinary text through.
func TestFind(t *testing.T) {
	benign := map[string]bool{"long-100kb": true, "yaml-keywords": true, "yaml-null": true, "yaml-numbers": true,
		"quotes-backslashes": true, "mermaid-end": true, "mermaid-init": true, "html": true, "cfn-substitution": true}
	for _, p := range Payloads(t) {
		_, what, found := Find(p.Text, Allow{Newline: true, Tab: true})
		multiline := strings.ContainsAny(p.Text, "\n\t")
		if _, _, strict := Find(p.Text, Allow{}); multiline && !strict {
			t.Errorf("%s: newline or tab not found without Allow", p.Name)
		}
		switch {
		case benign[p.Name] && found:
			t.Errorf("%s: flagged %s in text that is harmless to a terminal", p.Name, what)
		case !benign[p.Name] && !found && !multiline:
			t.Errorf("%s: nothing dangerous found", p.Name)
		}
	}
	for _, s := range []string{"prod-vpc 10.0.0.0/16", "名前 😀 ünï", "a\u00a0b\u3000c"} {
		if _, what, found := Find(s, Allow{}); found {
			t.Errorf("%q: flagged %s", s, what)
		}
	}
	// Issue 19: the separators reached stdout raw while Find let them pass.
	for _, s := range []string{"a\u2028b", "a\u2029b", "a\u0085b"} {
		if _, _, found := Find(s, Allow{Newline: true, Tab: true}); !found {
			t.Errorf("%q: not flagged", s)
		}
	}
}

func TestSGR(t *testing.T) {
	styled := "\x1b[1;38;2;95;175;255mvpcsmith\x1b[m plain \x1b[0m"
	if _, seq, found := FindNonSGR(styled); found {
		t.Errorf("SGR reported as %q", seq)
	}
	if got := StripSGR(styled); got != "vpcsmith plain " {
		t.Errorf("StripSGR = %q", got)
	}
	for _, s := range []string{"a\x1b]0;t\a", "\x1b[2J", "\x1b[?25l", "\x1bP$qm\x1b\\", "x\x1b", "\x1b[1m\x1b[31;1H", "\x1b[38;5;1"} {
		if _, _, found := FindNonSGR(s); !found {
			t.Errorf("%q: not reported", s)
		}
		if _, _, found := Find(StripSGR(s), Allow{}); !found {
			t.Errorf("%q: StripSGR removed more than SGR", s)
		}
	}
}
