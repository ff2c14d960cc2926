package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/templates"
)

// tplExec runs the command line against buffers; the prefix keeps the
// helper's name clear of other commands' tests in this package.
func tplExec(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Execute(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

func TestTemplatesCommandText(t *testing.T) {
	code, out, errOut := tplExec(t, "templates")
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	list := templates.List()
	if len(lines) != len(list) {
		t.Fatalf("%d lines for %d templates:\n%s", len(lines), len(list), out)
	}
	descCol := -1
	for i, tpl := range list {
		line := lines[i]
		if !strings.HasPrefix(line, tpl.Name+" ") || !strings.HasSuffix(line, "  "+tpl.Description) {
			t.Errorf("line %q: want %s, padding, then %q", line, tpl.Name, tpl.Description)
		}
		// Names are padded so that descriptions line up.
		col := len(line) - len(tpl.Description)
		if descCol >= 0 && col != descCol {
			t.Errorf("description of %s starts at column %d, others at %d", tpl.Name, col, descCol)
		}
		descCol = col
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("colour codes in output to a non-terminal: %q", out)
	}
}

func TestTemplatesCommandJSON(t *testing.T) {
	code, out, errOut := tplExec(t, "templates", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []templateEntry
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	list := templates.List()
	if len(got) != len(list) {
		t.Fatalf("%d entries, want %d", len(got), len(list))
	}
	defaults := 0
	for i, e := range got {
		if e.Name != list[i].Name || e.Description != list[i].Description {
			t.Errorf("entry %d = %+v, want %+v", i, e, list[i])
		}
		if e.Default {
			defaults++
			if e.Name != templates.Default {
				t.Errorf("%s marked default, want %s", e.Name, templates.Default)
			}
		}
	}
	if defaults != 1 {
		t.Errorf("%d templates marked default, want 1", defaults)
	}
}

func TestTemplatesCommandUsage(t *testing.T) {
	for _, args := range [][]string{
		{"templates", "--format", "yaml"},
		{"templates", "extra"},
		{"templates", "--no-such-flag"},
	} {
		code, out, errOut := tplExec(t, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if out != "" || errOut == "" {
			t.Errorf("%v: stdout %q, stderr %q: want the error on stderr only", args, out, errOut)
		}
	}
	_, _, errOut := tplExec(t, "templates", "--format", "yaml")
	if !strings.Contains(errOut, "text or json") {
		t.Errorf("stderr %q should name the formats", errOut)
	}
}
