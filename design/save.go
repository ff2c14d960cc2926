package design

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Save writes d to path in canonical form, atomically: the bytes go to a
// temporary file in the same directory, are synced, and replace the file by
// rename, so a crash leaves either the old file or the new one, never a
// mixture. A symlink at path is followed (the link stays a link) and the
// existing file's mode is kept. Temporary files that killed saves left
// beside the file are removed. Save does not check what the file holds:
// editors use SaveChecked.
func Save(path string, d *Design) error {
	return WriteFileAtomic(path, Marshal(d), 0o644)
}

// WriteFileAtomic replaces the file at path with data as Save does. perm is
// used only when the file does not exist yet.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return writeFile(path, data, perm, nil)
}

// writeFile is WriteFileAtomic, and WriteFileChecked when since is given.
func writeFile(path string, data []byte, perm fs.FileMode, since *Version) (err error) {
	target := path
	if resolved, rerr := filepath.EvalSymlinks(path); rerr == nil {
		target = resolved
	} else if !os.IsNotExist(rerr) {
		return fmt.Errorf("save %s: %w", path, rerr)
	}
	if fi, serr := os.Stat(target); serr == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("save %s: not a regular file", path)
		}
		perm = fi.Mode().Perm()
	}
	dir := filepath.Dir(target)
	removeStaleTemps(dir, filepath.Base(target), time.Now())
	if since != nil {
		held, lerr := lockExisting(target)
		if lerr != nil {
			return fmt.Errorf("save %s: %w", path, lerr)
		}
		if held != nil {
			// Unlocked when the save is over: after the rename, so that a
			// save waiting for the lock checks the new content.
			defer held.Close()
		}
		if err := checkVersion(path, held, *since); err != nil {
			return err
		}
	}
	tmp, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	closed := false
	defer func() {
		if !closed {
			tmp.Close()
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if !canLock {
		// Without locks the file is closed first (Windows cannot rename an
		// open file); with them it stays open, and locked, until the
		// rename, so that no clean-up takes it for a killed save's.
		closed = true
		if err = tmp.Close(); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
	}
	if since != nil && !since.exists {
		// A new file: created only if nobody created it meanwhile.
		if err = createFrom(path, tmp.Name(), target); err != nil {
			return err
		}
	} else if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// Sync the directory so the rename itself survives a power loss.
	if dh, derr := os.Open(dir); derr == nil {
		dh.Sync()
		dh.Close()
	}
	return nil
}

// createFrom makes tmp the new file target, failing with a *ChangedError
// when target exists: a hard link cannot replace a file, a rename would.
func createFrom(path, tmp, target string) error {
	lerr := os.Link(tmp, target)
	switch {
	case lerr == nil:
		os.Remove(tmp)
		return nil
	case errors.Is(lerr, fs.ErrExist):
		now, _ := CurrentVersion(target)
		return &ChangedError{Path: path, Now: now, Created: true}
	}
	// A file system without hard links: a rename, checked just before.
	if _, serr := os.Lstat(target); serr == nil {
		now, _ := CurrentVersion(target)
		return &ChangedError{Path: path, Now: now, Created: true}
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// lockExisting opens target and locks it, or returns nil when it does not
// exist. A save that replaced the file while this one waited for the lock
// leaves the old file locked: then the new one is opened and locked.
func lockExisting(target string) (*os.File, error) {
	for range 100 {
		f, err := os.Open(target)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		if stillAt(f, target) {
			return f, nil
		}
		f.Close()
	}
	return nil, errors.New("the file keeps being replaced by another program")
}

// stillAt reports whether f is the file named path.
func stillAt(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// createTemp creates the temporary file of a save of base in dir, locked
// for as long as it is open. A clean-up that removed it between its
// creation and the lock (taking it for a killed save's) is noticed, and
// another one is made.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
		if err != nil {
			return nil, err
		}
		if err := lockFile(tmp); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil, err
		}
		if stillAt(tmp, tmp.Name()) {
			return tmp, nil
		}
		tmp.Close()
	}
	return nil, errors.New("cannot keep a temporary file: something removes them")
}

// staleTempAge is, where files cannot be locked, how old a temporary file
// of an earlier save must be before a save removes it. A save takes
// milliseconds, so one that old was left by a process killed between
// creating it and the rename (which no code can prevent), not by a save
// still running in another process.
const staleTempAge = time.Minute

// removeStaleTemps removes the temporary files that killed saves of base
// left in dir: regular files named as createTemp names them (.BASE.tmp-
// and digits) that no live save holds (its lock died with its process), or
// where there are no locks, last written more than staleTempAge before
// now. Failures are ignored: the save itself does not depend on them.
func removeStaleTemps(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + ".tmp-"
	for _, e := range entries {
		suffix, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || suffix == "" || strings.Trim(suffix, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if canLock {
			removeUnlocked(name)
		} else if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleTempAge {
			os.Remove(name)
		}
	}
}

// removeUnlocked removes the file at name if no process holds its lock.
func removeUnlocked(name string) {
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	if tryLockFile(f) && stillAt(f, name) {
		os.Remove(name)
	}
}
