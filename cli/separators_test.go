package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/cli"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
)

// separators are the line breaks that are not '\n': U+2028 and U+2029
// reached stdout and stderr of validate, cost and export raw (issue 19),
// since the CLI's sanitizer, unlike the designer's, let them through.
var separators = []string{"\u2028", "\u2029", "\u0085"}

// TestSeparatorsNeverRaw puts U+2028, U+2029 and NEL in every name,
// description and reference of a design (and in its file name) and runs
// every command that prints: none of them may reach stdout or stderr raw,
// on a terminal or not. The JSON outputs escape them, so there the names
// survive exactly.
func TestSeparatorsNeverRaw(t *testing.T) {
	const name = "a\u2028b\u2029c\u0085d"
	data, ok, err := hostile.YAML(name, name)
	if err != nil || !ok {
		t.Fatalf("hostile.YAML: %v", err)
	}
	path := filepath.Join(t.TempDir(), "sep\u2028\u2029\u0085.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		json bool
	}{
		{[]string{"validate", path}, false},
		{[]string{"validate", "--security", path}, false},
		{[]string{"validate", "--format", "json", path}, true},
		{[]string{"validate", "--security", "--format", "json", path}, true},
		{[]string{"cost", path}, false},
		{[]string{"cost", "--format", "json", path}, true},
		{[]string{"export", "mermaid", path}, false},
		{[]string{"export", "mermaid", "--view", "security", path}, false},
		{[]string{"export", "cloudformation", path}, false},
		{[]string{"export", "cloudformation", "--format", "json", path}, true},
		{[]string{"fmt", path}, false},
		{[]string{"fmt", "-l", path}, false},
		{[]string{"templates"}, false},
		{[]string{"templates", "--format", "json"}, true},
		{[]string{"templates", name}, false},             // a usage error quoting the argument
		{[]string{"templates", "--format", name}, false}, // an unknown format, quoted
		{[]string{"validate", path + name}, false},       // a file that does not exist
	} {
		where := fmt.Sprintf("%q", c.args) // quoted: the test log stays clean too
		for _, tty := range []bool{false, true} {
			o := execute(t, tty, c.args...)
			for _, sep := range separators {
				if i := strings.Index(o.out, sep); i >= 0 {
					t.Errorf("%s (tty %v): %U raw on stdout: %s", where, tty, []rune(sep)[0], hostile.Excerpt(o.out, i))
				}
				if i := strings.Index(o.err, sep); i >= 0 {
					t.Errorf("%s (tty %v): %U raw on stderr: %s", where, tty, []rune(sep)[0], hostile.Excerpt(o.err, i))
				}
			}
			if c.json && !tty && o.code == cli.ExitOK && !json.Valid([]byte(o.out)) {
				t.Errorf("%s: not JSON", where)
			}
		}
	}
	// Escaped, not lost: the JSON report names the design's VPC exactly.
	o := execute(t, false, "cost", "--format", "json", path)
	var report any
	if err := json.Unmarshal([]byte(o.out), &report); err != nil || !strings.Contains(o.out, `a\u2028b\u2029c\u0085d`) {
		t.Errorf("cost --format json should carry the name escaped (err %v): %s", err, hostile.Excerpt(o.out, 0))
	}
}

// TestHostileCorpusTemplates: templates reads no design, so the corpus
// reaches it as arguments, which its usage errors quote.
func TestHostileCorpusTemplates(t *testing.T) {
	for _, p := range hostile.Payloads(t) {
		for _, args := range [][]string{{"templates", p.Text}, {"templates", "--format", p.Text}} {
			o := execute(t, false, args...)
			if o.code != cli.ExitUsage {
				t.Errorf("%s: %v: exit %d, want %d", p.Name, args[1:], o.code, cli.ExitUsage)
			}
			checkClean(t, p.Name+": templates stdout", o.out, hostile.Allow{Newline: true, Tab: true})
			checkClean(t, p.Name+": templates stderr", o.err, hostile.Allow{Newline: true, Tab: true})
		}
	}
}
