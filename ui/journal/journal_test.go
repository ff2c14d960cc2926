package journal

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteReadRemove(t *testing.T) {
	dir := t.TempDir()
	j := Open(filepath.Join(dir, "journal"))
	path := filepath.Join(dir, "shop.yaml")
	if e, err := j.Read(path); e != nil || err != nil {
		t.Fatalf("empty journal: %v %v", e, err)
	}
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if err := j.Write(path, 2, "abc", []byte("version: 1\n"), now); err != nil {
		t.Fatal(err)
	}
	// An older write that finishes later is skipped.
	if err := j.Write(path, 1, "abc", []byte("stale\n"), now); err != nil {
		t.Fatal(err)
	}
	e, err := j.Read(path)
	if err != nil || e == nil || e.Design != "version: 1\n" || e.Base != "abc" || !e.SavedAt.Equal(now) {
		t.Fatalf("read %+v, %v", e, err)
	}
	fi, err := os.Stat(j.file(path))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal file mode %v, %v; want 0600 (designs can be private)", fi.Mode().Perm(), err)
	}
	if err := j.Remove(path, 3); err != nil {
		t.Fatal(err)
	}
	if e, _ := j.Read(path); e != nil {
		t.Error("entry survived Remove")
	}
	// Another file's entry is separate.
	other := filepath.Join(dir, "other.yaml")
	if err := j.Write(other, 1, "", []byte("x"), now); err != nil {
		t.Fatal(err)
	}
	if e, _ := j.Read(path); e != nil {
		t.Error("another file's entry was read")
	}
}

func TestUnreadableEntry(t *testing.T) {
	dir := t.TempDir()
	j := Open(dir)
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(j.file(path), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Read(path); err == nil {
		t.Error("a corrupt entry read without error")
	}
}
