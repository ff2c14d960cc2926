package design

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// writeDesign writes src to a new file and opens it for editing.
func openFixture(t *testing.T, src string) (string, *Design, Version) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "net.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, data, v, err := Open(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != src || v != VersionOf(data) || !v.Exists() {
		t.Fatalf("Open returned other bytes or version")
	}
	return path, d, v
}

// TestSaveCheckedRefusesAChangedFile is the lost update of issue 19: a save
// over a file that someone else wrote, deleted or created since it was
// read is refused, and the other content stays.
func TestSaveCheckedRefusesAChangedFile(t *testing.T) {
	path, d, v := openFixture(t, baseDesign)
	mine := Marshal(d)
	// Unchanged: the save goes through and returns the new version.
	nv, err := SaveChecked(path, d, v)
	if err != nil || nv != VersionOf(mine) {
		t.Fatalf("save of an unchanged file: %v", err)
	}
	// Someone else saves: refused, their bytes stay.
	theirs := []byte(string(mine) + "# theirs\n")
	if err := os.WriteFile(path, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = SaveChecked(path, d, nv)
	var ce *ChangedError
	if !errors.As(err, &ce) || !errors.Is(err, ErrChanged) || ce.Deleted || ce.Created || ce.Now != VersionOf(theirs) {
		t.Fatalf("save over another's change: %v, want a ChangedError with their version", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(theirs) {
		t.Fatal("the other save was overwritten")
	}
	// Replaced by a copy of the same bytes (a new inode): not a conflict.
	os.Remove(path)
	os.WriteFile(path, theirs, 0o644)
	if _, err := SaveChecked(path, d, VersionOf(theirs)); err != nil {
		t.Fatalf("same content, new file: %v", err)
	}
	// Deleted.
	os.Remove(path)
	if _, err := SaveChecked(path, d, VersionOf(mine)); !errors.As(err, &ce) || !ce.Deleted {
		t.Fatalf("save of a deleted file: %v, want Deleted", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a deleted file was written back")
	}
	// Created by someone else while a new design was being edited.
	os.WriteFile(path, theirs, 0o644)
	if _, err := SaveChecked(path, d, NoFile); !errors.As(err, &ce) || !ce.Created {
		t.Fatalf("save over a file created meanwhile: %v, want Created", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(theirs) {
		t.Fatal("a file created meanwhile was overwritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestSaveCheckedConcurrent saves from two goroutines given the same
// version, many times: exactly one wins each round, as two designers on
// one file saving at once would need. The check runs under a lock;
// without it both pass the check now and then.
func TestSaveCheckedConcurrent(t *testing.T) {
	if !canLock {
		t.Skip("no file locks on this system")
	}
	path, d, v := openFixture(t, baseDesign)
	a, b := d.Clone(), d.Clone()
	for round := range 50 {
		// Each round's contents differ from the last: saving the same
		// bytes again is no conflict.
		a.Name, b.Name = fmt.Sprintf("a%d", round), fmt.Sprintf("b%d", round)
		var wg sync.WaitGroup
		var errs [2]error
		var vs [2]Version
		for i, dd := range []*Design{a, b} {
			wg.Go(func() { vs[i], errs[i] = SaveChecked(path, dd, v) })
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one save", round, errs[0], errs[1])
		}
		won := 0
		if errs[0] != nil {
			won = 1
		}
		if !errors.Is(errs[1-won], ErrChanged) {
			t.Fatalf("round %d: the loser got %v", round, errs[1-won])
		}
		if now, _ := CurrentVersion(path); now != vs[won] {
			t.Fatalf("round %d: the file is not the winner's", round)
		}
		v = vs[won]
	}
}

// TestOpenRemovesStaleTemps: a temporary file that a killed save left is
// removed by the next Open, however young (no process holds its lock),
// while one a live save holds stays.
func TestOpenRemovesStaleTemps(t *testing.T) {
	if !canLock {
		t.Skip("no file locks on this system: removal goes by age (TestSaveSurvivesSIGKILL)")
	}
	path, _, _ := openFixture(t, baseDesign)
	dir := filepath.Dir(path)
	stale := filepath.Join(dir, ".net.yaml.tmp-123")
	os.WriteFile(stale, []byte("half a save"), 0o644)
	live, err := createTemp(dir, "net.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	other := filepath.Join(dir, ".other.yaml.tmp-5") // another file's
	os.WriteFile(other, nil, 0o644)
	if _, _, _, err := Open(path, DefaultLimits()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("Open left a killed save's temporary file")
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Error("Open removed a live save's temporary file")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("Open removed another file's temporary file")
	}
	// And a save removes one too.
	os.WriteFile(stale, nil, 0o644)
	if err := WriteFileAtomic(path, []byte(baseDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a save left a killed save's temporary file")
	}
}
