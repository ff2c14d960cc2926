package testtools

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

// updateFlag is the -update flag of every test binary that imports this
// package. x/exp/golden (imported by teatest in the ui tests) defines a flag of
// the same name and meaning; Go initialises it first (its import path sorts
// before ours), so we reuse it rather than define it twice, which would panic.
var updateFlag = func() *flag.Flag {
	if f := flag.Lookup("update"); f != nil {
		return f
	}
	flag.Bool("update", false, "rewrite the golden files from the current output")
	return flag.Lookup("update")
}()

// Updating reports whether the test binary runs with -update.
func Updating() bool { return updateFlag.Value.String() == "true" }

// Golden compares got with the file at path, byte for byte, and reports a
// unified diff (file → output) when they differ. With -update it writes got
// to path instead (creating its directory), so that the change is reviewed
// as a git diff of the golden file.
func Golden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	golden(tb, path, got, Updating())
}

// golden is Golden with the flag as an argument, so that its tests do not
// have to set a process-wide flag.
func golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Errorf("%v (run go test -update in this package to create it)", err)
		return
	}
	if !bytes.Equal(want, got) {
		tb.Errorf("%s differs from the output (go test -update rewrites it; review the diff):\n%s",
			path, udiff.Unified(path, "output", string(want), string(got)))
	}
}

// Diff is a unified diff from want to got, for tests that compare two texts
// without a golden file; "" when they are equal.
func Diff(want, got string) string {
	return udiff.Unified("want", "got", want, got)
}
