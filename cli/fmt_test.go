package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFmtWriteRefusesAChangedFile races fmt -w with an editor: between
// fmt's read of a file and its write, the file is saved by someone else
// (or deleted). fmt must leave it as the other writer left it, say so and
// exit ExitChanged, and still format the other files.
func TestFmtWriteRefusesAChangedFile(t *testing.T) {
	src, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	theirs := strings.Replace(string(src), "nat: per-az", "nat: single", 1)
	if theirs == string(src) {
		t.Fatal("the fixture has no per-az NAT to change")
	}
	for _, tc := range []struct {
		name  string
		race  func(path string) error
		wants string
	}{
		{"saved meanwhile", func(p string) error { return os.WriteFile(p, []byte(theirs), 0o644) }, "changed on disk"},
		{"deleted meanwhile", os.Remove, "was deleted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raced := writeFile(t, "raced.yaml", string(src))
			other := writeFile(t, "other.yaml", string(src))
			var after []byte // what the racing writer left
			var out, errb bytes.Buffer
			err := runFmt(Streams{Out: &out, Err: &errb}, &fmtOptions{files: []string{raced, other}, write: true,
				beforeWrite: func(file string) {
					if file != raced {
						return
					}
					if err := tc.race(file); err != nil {
						t.Fatal(err)
					}
					after, _ = os.ReadFile(file)
				}})
			if code := exitCodeOf(err); code != ExitChanged {
				t.Errorf("exit %d, want %d (ExitChanged); err %v", code, ExitChanged, err)
			}
			if !strings.Contains(errb.String(), tc.wants) || !strings.Contains(errb.String(), "nothing was written") {
				t.Errorf("stderr does not say the file changed and was left alone:\n%s", errb.String())
			}
			got, rerr := os.ReadFile(raced)
			if string(got) != string(after) || (after == nil) != os.IsNotExist(rerr) {
				t.Errorf("fmt -w wrote over the other writer's change:\n%s", got)
			}
			formatted, _ := os.ReadFile(other)
			if bytes.Equal(formatted, src) || !strings.Contains(string(formatted), "{az: us-east-1a, cidr: 10.0.16.0/20}") {
				t.Error("the file nobody touched was not formatted")
			}
			// A refused write leaves no temporary file behind.
			entries, _ := os.ReadDir(filepath.Dir(raced))
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
}

// TestFmtWriteUnchangedFile: without a racing writer the checked write
// goes through, and the exit status is 0 (the check does not refuse its
// own read).
func TestFmtWriteUnchangedFile(t *testing.T) {
	src, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "ref.yaml", string(src))
	calls := 0
	var out, errb bytes.Buffer
	err = runFmt(Streams{Out: &out, Err: &errb}, &fmtOptions{files: []string{path}, write: true, beforeWrite: func(string) { calls++ }})
	if exitCodeOf(err) != ExitOK || calls != 1 || errb.Len() != 0 {
		t.Fatalf("exit %d after %d hook calls: %s", exitCodeOf(err), calls, errb.String())
	}
	if got, _ := os.ReadFile(path); bytes.Equal(got, src) {
		t.Error("fmt -w did not write")
	}
}
