package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandTypos: a mistyped command or subcommand is a usage error (exit
// 2) naming the closest command, never the help with exit 0, the
// designer's argument count, or a new design named after the typo.
func TestCommandTypos(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(file, []byte("version: 1\nregion: us-east-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir) // "validat" alone must be no file here either
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"export", "mermad", file}, `unknown command "mermad" for "vpcsmith export"; did you mean "mermaid"?`},
		{[]string{"export", "cloudformaton", file}, `did you mean "cloudformation"?`},
		{[]string{"export"}, "vpcsmith export needs one of: cloudformation, mermaid"},
		{[]string{"validat", file}, `unknown command "validat" for "vpcsmith"; did you mean "validate"?`},
		{[]string{"validat"}, `unknown command "validat" for "vpcsmith"; did you mean "validate"?`},
		{[]string{"exprot"}, `did you mean "export"?`},
		{[]string{"validate", "--fromat", "json", file}, `unknown flag: --fromat; did you mean --format?`},
		{[]string{"export", "cloudformation", "--fromat", "json", file}, `did you mean --format?`},
		{[]string{file, file}, "the designer opens one design file, got 2 arguments"},
	}
	for _, c := range cases {
		code, out, errOut := run(t, c.args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", c.args, code, ExitUsage)
		}
		if !strings.Contains(errOut, c.want) {
			t.Errorf("%v: stderr %q, want it to contain %q", c.args, errOut, c.want)
		}
		if strings.Contains(errOut, "the designer needs a terminal") || strings.Contains(out, "Usage:") {
			t.Errorf("%v: read as the designer or answered with the help: %q %q", c.args, out, errOut)
		}
	}
}

// TestNotTypos: names that may be new designs stay designs (they reach the
// designer, which without a terminal says so): far from every command, or
// with an extension, or an existing file a slip from a command.
func TestNotTypos(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("validat", []byte("version: 1\nregion: us-east-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"foo", "validat.yaml", "shop", "validat"} {
		code, _, errOut := run(t, arg)
		if code != ExitUsage || !strings.Contains(errOut, "the designer needs a terminal") {
			t.Errorf("%s: exit %d, stderr %q; want the designer's no-terminal message", arg, code, errOut)
		}
	}
}
