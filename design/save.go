package design

import (
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
// beside the file are removed once they are a minute old.
func Save(path string, d *Design) error {
	return WriteFileAtomic(path, Marshal(d), 0o644)
}

// WriteFileAtomic replaces the file at path with data as Save does. perm is
// used only when the file does not exist yet.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
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
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
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
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// Sync the directory so the rename itself survives a power loss.
	if dh, derr := os.Open(dir); derr == nil {
		dh.Sync()
		dh.Close()
	}
	return nil
}

// staleTempAge is how old a temporary file of an earlier save must be
// before a save removes it. A save takes milliseconds, so one that old was
// left by a process killed between creating it and the rename (which no
// code can prevent), not by a save still running in another process.
const staleTempAge = time.Minute

// removeStaleTemps removes the temporary files that killed saves of base
// left in dir: regular files named as WriteFileAtomic names them
// (.BASE.tmp- and digits), last written more than staleTempAge before now.
// Failures are ignored: the save itself does not depend on them.
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
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleTempAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
