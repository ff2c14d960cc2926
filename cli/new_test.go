package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

func templateSource(t *testing.T, name string) string {
	t.Helper()
	src, err := templates.Source(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

func TestNewToStdout(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new"}, templates.Default},
		{[]string{"new", "-o", "-"}, templates.Default},
		{[]string{"new", "--template", "ecs-alb"}, "ecs-alb"},
		{[]string{"new", "-t", "saas-production"}, "saas-production"},
	} {
		code, out, errOut := tplExec(t, tc.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", tc.args, code, errOut)
		}
		if out != templateSource(t, tc.want) {
			t.Errorf("%v: stdout is not the %s template", tc.args, tc.want)
		}
	}
}

func TestNewToFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.yaml")
	code, out, errOut := tplExec(t, "new", "--template", "peering", "-o", path)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing when writing a file", out)
	}
	if !strings.Contains(errOut, path) {
		t.Errorf("stderr %q should say where the design went", errOut)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != templateSource(t, "peering") {
		t.Errorf("file content is not the peering template")
	}
	// What `new` writes opens and validates.
	d, err := design.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if fs := design.Validate(d); design.HasErrors(fs) {
		t.Errorf("written design has errors: %v", fs)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want just the design (no temporary files left)", len(entries))
	}
}

func TestNewNeverOverwritesWithoutForce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	const mine = "# my own work\n"
	if err := os.WriteFile(path, []byte(mine), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := tplExec(t, "new", "-o", path)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if out != "" || !strings.Contains(errOut, path) || !strings.Contains(errOut, "--force") {
		t.Errorf("stdout %q, stderr %q: want a message naming the file and --force", out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != mine {
		t.Fatalf("the existing file was changed: %q", got)
	}

	// A symlink counts as an existing file, even when it dangles.
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(filepath.Join(dir, "nowhere.yaml"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if code, _, _ := tplExec(t, "new", "-o", link); code != ExitUsage {
		t.Errorf("dangling symlink: exit %d, want %d", code, ExitUsage)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere.yaml")); err == nil {
		t.Errorf("new wrote through a dangling symlink without --force")
	}

	code, _, errOut = tplExec(t, "new", "--template", "backend-db", "-o", path, "--force")
	if code != ExitOK {
		t.Fatalf("--force: exit %d, stderr %q", code, errOut)
	}
	got, _ := os.ReadFile(path)
	if string(got) != templateSource(t, "backend-db") {
		t.Errorf("--force did not replace the file with the template")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("--force changed the file's mode to %v; the existing mode is kept", fi.Mode().Perm())
	}
}

func TestNewUnknownTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.yaml")
	code, out, errOut := tplExec(t, "new", "--template", "thre-tier", "-o", path)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	for _, n := range templates.Names() {
		if !strings.Contains(errOut, n) {
			t.Errorf("stderr %q does not name %s", errOut, n)
		}
	}
	if !strings.Contains(errOut, `did you mean "three-tier"`) {
		t.Errorf("stderr %q does not suggest three-tier", errOut)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("a file was written for an unknown template")
	}
}

func TestNewName(t *testing.T) {
	for _, name := range []string{"billing", "shop: prod #1", "quote\"d\nand two lines"} {
		code, out, errOut := tplExec(t, "new", "--template", "saas-production", "--name", name)
		if code != ExitOK {
			t.Fatalf("--name %q: exit %d, stderr %q", name, code, errOut)
		}
		d, err := design.Parse("out", []byte(out))
		if err != nil {
			t.Fatalf("--name %q: output does not load: %v", name, err)
		}
		if d.Name != name {
			t.Errorf("name %q, want %q", d.Name, name)
		}
		// Only the name changes: the rest is the template, canonical.
		orig, _ := templates.Load("saas-production")
		orig.Name = name
		if string(design.Marshal(orig)) != out {
			t.Errorf("--name %q changed more than the name", name)
		}
		if !strings.HasPrefix(out, "# saas-production:") {
			t.Errorf("--name dropped the template's header comment")
		}
	}
	if code, _, errOut := tplExec(t, "new", "--name", "  "); code != ExitUsage || !strings.Contains(errOut, "--name") {
		t.Errorf("blank --name: exit %d, stderr %q", code, errOut)
	}
}

func TestNewUsage(t *testing.T) {
	code, out, errOut := tplExec(t, "new", "net.yaml")
	if code != ExitUsage || out != "" || !strings.Contains(errOut, "-o net.yaml") {
		t.Errorf("positional file: exit %d, stdout %q, stderr %q: want exit 2 suggesting -o", code, out, errOut)
	}
	if code, _, _ := tplExec(t, "new", "--bogus"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, ExitUsage)
	}
	// Writing into a directory that does not exist fails cleanly.
	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "x.yaml")
	if code, _, errOut := tplExec(t, "new", "-o", missing); code != ExitUsage || !strings.Contains(errOut, missing) {
		t.Errorf("missing directory: exit %d, stderr %q", code, errOut)
	}
}
