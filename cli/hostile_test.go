package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/cli"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
)

// The hostile-corpus tests of the command line: every payload of
// testdata/hostile, in every name, description and reference of a design
// file (and in the file's name, its comments, its invalid values and its
// unknown keys), run through every command that prints what a file holds.
// No output may carry anything a terminal would act on; payloads in YAML
// may appear only escaped; a report stays one finding per line; and no
// command may take long over a 100 KB name.

// commandTimeLimit is a sanity bound, generous for a loaded machine: the
// slowest command on the largest file takes well under a second.
const commandTimeLimit = 5 * time.Second

// output is what a command printed and how it exited.
type output struct {
	code     int
	out, err string
}

func execute(t *testing.T, tty bool, args ...string) output {
	t.Helper()
	var out, errb bytes.Buffer
	start := time.Now()
	code := cli.Execute(context.Background(), args, cli.Streams{In: strings.NewReader(""), Out: &out, Err: &errb, OutIsTTY: tty})
	if el := time.Since(start); el > commandTimeLimit {
		t.Errorf("%s took %v", args[0], el)
	}
	return output{code, out.String(), errb.String()}
}

// kind is what a command writes to standard output, which decides what
// may appear in it besides text.
type kind int

const (
	textOut    kind = iota // a report for a person: lines, tabs in names
	jsonOut                // JSON: newlines between tokens only
	yamlOut                // the design in canonical form
	diagramOut             // Mermaid: lines only
)

var hostileCommands = []struct {
	name string
	args []string // FILE is appended
	kind kind
}{
	{"validate", []string{"validate"}, textOut},
	{"validate-json", []string{"validate", "--format", "json"}, jsonOut},
	{"validate-security", []string{"validate", "--security"}, textOut},
	{"cost", []string{"cost"}, textOut},
	{"cost-json", []string{"cost", "--format", "json"}, jsonOut},
	{"fmt", []string{"fmt"}, yamlOut},
	{"fmt-list", []string{"fmt", "-l"}, textOut},
	{"mermaid", []string{"export", "mermaid"}, diagramOut},
	{"mermaid-security", []string{"export", "mermaid", "--view", "security", "--markdown"}, diagramOut},
	{"cloudformation", []string{"export", "cloudformation"}, diagramOut},
	{"cloudformation-json", []string{"export", "cloudformation", "--format", "json"}, jsonOut},
}

// variant is one hostile design file and the exit status each command
// must end with (-1: any; the output is checked all the same).
type variant struct {
	name string
	path string
	want func(command string) int
	// design is what the file holds, for checking fmt's output reads back
	// as the same strings; nil when the file is not the hostile design.
	design *design.Design
}

func exits(validate, cost, fmt, export int) func(string) int {
	return func(c string) int {
		switch {
		case strings.HasPrefix(c, "validate"):
			return validate
		case strings.HasPrefix(c, "cost"):
			return cost
		case strings.HasPrefix(c, "fmt"):
			return fmt
		}
		return export
	}
}

var (
	clean    = exits(cli.ExitOK, cli.ExitOK, cli.ExitOK, cli.ExitOK)
	unusable = exits(cli.ExitUsage, cli.ExitUsage, cli.ExitUsage, cli.ExitUsage)
	// A design with validation errors: validate and export refuse it; cost
	// prices it all the same (it never refuses a design that loads).
	invalid   = exits(cli.ExitFindings, cli.ExitOK, cli.ExitOK, cli.ExitFindings)
	anyStatus = func(string) int { return -1 }
)

// TestHostileCorpusCLI runs every command on every variant of every
// payload and checks the output. For each payload the variants are:
//   - the hostile design file (payload escaped in every text), saved under
//     a file name that is the payload itself where a file name can be;
//   - for payloads that are not UTF-8 (no design file can hold them), the
//     canonical form of the Go-value design, in a file named by the bytes;
//   - the payload raw in the file's comments, which fmt keeps;
//   - the payload as an unknown key and an invalid NAT mode: load errors;
//   - the payload as a CIDR: validation errors, which cost and export print;
//   - the payload as the region.
func TestHostileCorpusCLI(t *testing.T) {
	if os.Getenv("NO_COLOR") != "" {
		t.Setenv("NO_COLOR", "") // the coloured report is checked too
	}
	for _, p := range hostile.Payloads(t) {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			for _, v := range variants(t, p) {
				for _, c := range hostileCommands {
					args := append(append([]string(nil), c.args...), v.path)
					o := execute(t, false, args...)
					where := v.name + ": " + strings.Join(c.args, " ")
					if want := v.want(c.name); want >= 0 && o.code != want {
						t.Errorf("%s: exit %d, want %d; stderr: %s", where, o.code, want, hostile.Excerpt(o.err, 0))
					}
					checkOutput(t, where, c.kind, o, v)
					if c.kind == textOut && c.name != "fmt-list" {
						// The same report on a terminal, in colour.
						co := execute(t, true, args...)
						checkStyled(t, where+" (colour)", co.out)
						checkStyled(t, where+" (colour) stderr", co.err)
					}
				}
			}
		})
	}
}

// variants writes the files of one payload.
func variants(t *testing.T, p hostile.Payload) []variant {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// A file name that is the payload, where the file system allows it.
	fileName := "hostile.yaml"
	if len(p.Text) <= 200 && !strings.ContainsAny(p.Text, "/\x00") && p.Text != "." && p.Text != ".." {
		fileName = p.Text + ".yaml"
	}
	var vs []variant
	r := p.Text
	if p.Long() {
		// In every name the 100 KB payload takes the file over the 4 MiB
		// limit: each command must refuse it at once, naming the limit.
		if data, ok, err := hostile.YAML(p.Text, p.Text); err == nil && ok {
			vs = append(vs, variant{name: "oversized", path: write("oversized.yaml", data), want: unusable})
		}
		r = "r"
	}
	data, ok, err := hostile.YAML(p.Text, r)
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		vs = append(vs, variant{name: "escaped", path: write(fileName, data), want: clean, design: hostile.Design(p.Text, r)})
		if !strings.ContainsAny(p.Text, "\n\r\x00") && !p.Long() {
			raw := "# " + p.Text + "\n" + strings.Replace(string(data), "\nregion:", "\n# "+p.Text+"\nregion: # "+p.Text+"\n ", 1)
			vs = append(vs, variant{name: "raw-comments", path: write("comments.yaml", []byte(raw)), want: clean, design: hostile.Design(p.Text, r)})
		}
		short, _, _ := hostile.YAML("x", "x")
		q := `"` + quoteYAML(p.Text) + `"`
		bad := strings.Replace(string(short), "nat: per-az", "nat: "+q, 1) + q + ": 1\n"
		vs = append(vs, variant{name: "load-errors", path: write("load-errors.yaml", []byte(bad)), want: unusable})
		cidr := strings.Replace(string(short), "cidr: 10.1.0.0/16", "cidr: "+q, 1)
		vs = append(vs, variant{name: "bad-cidr", path: write("bad-cidr.yaml", []byte(cidr)), want: invalid})
		region := strings.Replace(string(short), "region: us-east-1", "region: "+q, 1)
		vs = append(vs, variant{name: "region", path: write("region.yaml", []byte(region)), want: anyStatus})
	} else {
		d := hostile.Design(p.Text, p.Text)
		vs = append(vs, variant{name: "canonical", path: write(fileName, design.Marshal(d)), want: clean})
	}
	return vs
}

// quoteYAML escapes s for a YAML double-quoted scalar (JSON's escapes are
// a subset of YAML's).
func quoteYAML(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// finding is one line of validate's text report.
var finding = regexp.MustCompile(`^.+: (error|warning|info): .+ \[[a-z0-9-]+\]$`)

func checkOutput(t *testing.T, where string, k kind, o output, v variant) {
	t.Helper()
	checkClean(t, where+" stderr", o.err, hostile.Allow{Newline: true, Tab: true})
	switch k {
	case textOut:
		checkClean(t, where, o.out, hostile.Allow{Newline: true, Tab: true})
		if strings.HasPrefix(where, v.name+": validate") {
			for _, line := range strings.Split(strings.TrimSuffix(o.out, "\n"), "\n") {
				if line != "" && !finding.MatchString(line) {
					t.Errorf("%s: a line that is not a finding (a name broke the report's lines): %s", where, hostile.Excerpt(line, 0))
				}
			}
		}
	case jsonOut:
		checkClean(t, where, o.out, hostile.Allow{Newline: true})
		if o.code == cli.ExitOK && !json.Valid([]byte(o.out)) {
			t.Errorf("%s: output is not JSON", where)
		}
	case yamlOut:
		checkClean(t, where, o.out, hostile.Allow{Newline: true, Tab: true})
		if o.code != cli.ExitOK || v.design == nil {
			return
		}
		// Escaped, not lost: the output reads back as the same strings.
		back, err := design.Parse("fmt output", []byte(o.out))
		if err != nil {
			t.Errorf("%s: output does not load: %v", where, err)
			return
		}
		got := map[string]string{}
		for _, f := range hostile.Fields(back) {
			got[f.Path] = f.Value
		}
		for _, f := range hostile.Fields(v.design) {
			if got[f.Path] != f.Value {
				t.Errorf("%s: %s reads back as %s, want %s", where, f.Path, hostile.Excerpt(got[f.Path], 0), hostile.Excerpt(f.Value, 0))
				return
			}
		}
	case diagramOut:
		checkClean(t, where, o.out, hostile.Allow{Newline: true})
	}
}

func checkClean(t *testing.T, where, s string, allow hostile.Allow) {
	t.Helper()
	if off, what, found := hostile.Find(s, allow); found {
		t.Errorf("%s: %s at byte %d: %s", where, what, off, hostile.Excerpt(s, off))
	}
}

// checkStyled checks a coloured report: its own SGR colours and nothing
// else.
func checkStyled(t *testing.T, where, s string) {
	t.Helper()
	if off, seq, found := hostile.FindNonSGR(s); found {
		t.Errorf("%s: escape sequence %q at byte %d", where, seq, off)
	}
	checkClean(t, where, hostile.StripSGR(s), hostile.Allow{Newline: true, Tab: true})
}

// TestHostileLongNameCLI: a design whose name, description, rule
// descriptions, workload and connection names are each 100 KB goes through
// every command in bounded time, and the report quotes none of it whole.
func TestHostileLongNameCLI(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	data, _, err := hostile.YAML(long, "r")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "long.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range hostileCommands {
		start := time.Now()
		o := execute(t, false, append(append([]string(nil), c.args...), path)...)
		if o.code != cli.ExitOK {
			t.Errorf("%s: exit %d: %s", c.name, o.code, hostile.Excerpt(o.err, 0))
		}
		t.Logf("%-20s %6.1f ms, %7d bytes out", c.name, float64(time.Since(start).Microseconds())/1000, len(o.out))
	}
}
