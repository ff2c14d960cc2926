package testtools

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records errors instead of failing the test,
// so that the test can check what Golden reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) { r.TB.Fatal(args...) }

func TestGoldenMatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	golden(r, path, []byte("one\ntwo\n"), false)
	if len(r.errors) != 0 {
		t.Errorf("equal bytes reported: %q", r.errors)
	}
}

// TestGoldenDiff: a mismatch names the file, the flag that rewrites it, and
// shows a unified diff of only the lines that changed, even when a line was
// inserted (a line-by-line comparison would report every line after it).
func TestGoldenDiff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.golden")
	want := "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n"
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	golden(r, path, []byte("l1\nnew\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n"), false)
	if len(r.errors) != 1 {
		t.Fatalf("want one error, got %q", r.errors)
	}
	msg := r.errors[0]
	for _, s := range []string{path, "-update", "--- " + path, "+++ output", "@@ -1,4 +1,5 @@", "\n+new\n"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q:\n%s", s, msg)
		}
	}
	if n := strings.Count(msg, "\n+") + strings.Count(msg, "\n-"); n != 3 { // "+++", "---" and "+new"
		t.Errorf("diff has %d changed lines, want only the inserted one:\n%s", n-2, msg)
	}
	// A difference in the last newline alone is shown too.
	r = &recorder{TB: t}
	golden(r, path, []byte(strings.TrimSuffix(want, "\n")), false)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "No newline at end of file") {
		t.Errorf("a missing final newline: %q", r.errors)
	}
}

func TestGoldenMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.golden")
	r := &recorder{TB: t}
	golden(r, path, []byte("x"), false)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "-update") {
		t.Errorf("a missing file: %q", r.errors)
	}
}

func TestGoldenUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "a.golden")
	r := &recorder{TB: t}
	golden(r, path, []byte("fresh\n"), true)
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "fresh\n" || len(r.errors) != 0 {
		t.Fatalf("update wrote %q, %v; errors %q", got, err, r.errors)
	}
	golden(r, path, []byte("fresh\n"), false)
	if len(r.errors) != 0 {
		t.Errorf("the rewritten file does not match: %q", r.errors)
	}
}

// TestUpdateFlag: the flag exists, is off by default, and Golden reads it.
func TestUpdateFlag(t *testing.T) {
	if updateFlag == nil || updateFlag.Name != "update" {
		t.Fatalf("no -update flag: %v", updateFlag)
	}
	if Updating() {
		t.Skip("running with -update")
	}
	path := filepath.Join(t.TempDir(), "a.golden")
	r := &recorder{TB: t}
	Golden(r, path, []byte("x"))
	if _, err := os.Stat(path); err == nil || len(r.errors) != 1 {
		t.Errorf("without -update Golden wrote the file or did not report it missing: %q", r.errors)
	}
}

func TestDiff(t *testing.T) {
	if d := Diff("a\nb\n", "a\nb\n"); d != "" {
		t.Errorf("equal texts: %q", d)
	}
	d := Diff("a\nb\nc\n", "a\nB\nc\n")
	for _, s := range []string{"--- want", "+++ got", "\n-b\n", "\n+B\n", "\n a\n"} {
		if !strings.Contains(d, s) {
			t.Errorf("diff lacks %q:\n%s", s, d)
		}
	}
}
