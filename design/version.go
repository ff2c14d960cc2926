package design

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Version identifies the content of a design file as an editor read it:
// the SHA-256 of its bytes, or "no file". A save given the Version its
// design was read at refuses to write when the file now holds anything
// else (another editor saved, a tool rewrote it, it was deleted or
// replaced), so that nobody's edit is silently lost. Content, not the
// modification time, decides: times are coarse, and a file replaced by a
// copy of itself is not a conflict. The zero Version is "no file".
type Version struct {
	exists bool
	sum    [sha256.Size]byte
}

// NoFile is the Version of a file that does not exist (yet).
var NoFile = Version{}

// VersionOf returns the Version of a file holding data.
func VersionOf(data []byte) Version { return Version{exists: true, sum: sha256.Sum256(data)} }

// Exists reports whether the file existed.
func (v Version) Exists() bool { return v.exists }

// String is the content's SHA-256 in hex, or "" for NoFile (the form the
// recovery journal records).
func (v Version) String() string {
	if !v.exists {
		return ""
	}
	return hex.EncodeToString(v.sum[:])
}

// CurrentVersion reads the Version of the file at path now.
func CurrentVersion(path string) (Version, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NoFile, nil
	}
	if err != nil {
		return NoFile, err
	}
	return VersionOf(data), nil
}

// ChangedError is a save refused because the file is no longer what the
// editor read.
type ChangedError struct {
	Path string
	// Now is the file's Version found at the save.
	Now Version
	// Deleted: the file was read but is gone; Created: it did not exist
	// when editing began and exists now.
	Deleted, Created bool
}

func (e *ChangedError) Error() string {
	what := "changed on disk since it was read (another editor or program wrote it)"
	switch {
	case e.Deleted:
		what = "was deleted or moved since it was read"
	case e.Created:
		what = "was created by someone else since editing began"
	}
	return fmt.Sprintf("%s %s; nothing was written. Reload it to merge the other change, or save to another file", e.Path, what)
}

// ErrChanged matches every *ChangedError with errors.Is.
var ErrChanged = errors.New("the file changed on disk")

// Is makes errors.Is(err, ErrChanged) true.
func (e *ChangedError) Is(target error) bool { return target == ErrChanged }

// Open reads the design file at path for editing: the design, the bytes
// read (the design is exactly their parse, so nothing changes between a
// read and a check) and their Version, for SaveChecked. It also removes
// temporary files that killed saves of the file left beside it.
func Open(path string, lim Limits) (*Design, []byte, Version, error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		removeStaleTemps(filepath.Dir(target), filepath.Base(target), time.Now())
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, NoFile, LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	if fi.IsDir() {
		return nil, nil, NoFile, LoadErrors{{File: path, Message: "is a directory, not a design file"}}
	}
	if fi.Size() > int64(lim.MaxBytes) {
		return nil, nil, NoFile, LoadErrors{sizeError(path, int(fi.Size()), lim.MaxBytes)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, NoFile, LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	defer f.Close()
	// Bounded even when the file grows between the stat and the read.
	data, err := io.ReadAll(io.LimitReader(f, int64(lim.MaxBytes)+1))
	if err != nil {
		return nil, nil, NoFile, LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	d, err := ParseWithLimits(path, data, lim)
	if err != nil {
		return nil, nil, NoFile, err
	}
	return d, data, VersionOf(data), nil
}

// SaveChecked is Save, refused with a *ChangedError when the file no
// longer has the Version since (what the design was loaded from, or what
// the last save wrote). It returns the Version it wrote.
func SaveChecked(path string, d *Design, since Version) (Version, error) {
	data := Marshal(d)
	return VersionOf(data), WriteFileChecked(path, data, 0o644, since)
}

// WriteFileChecked is WriteFileAtomic with SaveChecked's check. The check
// and the rename happen under an exclusive lock on the file (flock, on
// Unix), so two vpcsmith processes that save the same file at the same
// moment cannot both pass it: the second finds the first one's content. A
// program that takes no lock can still write between the check and the
// rename, a window of microseconds.
func WriteFileChecked(path string, data []byte, perm fs.FileMode, since Version) error {
	return writeFile(path, data, perm, &since)
}

// checkVersion compares the file at target (held under lock as f, or
// absent when f is nil) with since.
func checkVersion(path string, f *os.File, since Version) error {
	if f == nil {
		if since.exists {
			return &ChangedError{Path: path, Deleted: true}
		}
		return nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	now := Version{exists: true}
	h.Sum(now.sum[:0])
	if now == since {
		return nil
	}
	return &ChangedError{Path: path, Now: now, Created: !since.exists}
}
