// Package journal keeps the designer's crash-recovery journal: after every
// edit the current design is written, atomically, to a file in the user's
// cache directory, keyed by the design file's absolute path. A clean save
// or quit removes it; after a crash or a kill it is still there, and the
// next start offers to restore it.
package journal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
)

// Journal is a directory of recovery entries. Its methods are safe to call
// from concurrent commands.
type Journal struct {
	dir  string
	mu   sync.Mutex
	last map[string]uint64 // newest sequence number written, per file
}

// Entry is one file's unsaved state.
type Entry struct {
	Version int       `json:"version"`
	Path    string    `json:"path"`     // absolute path of the design file
	SavedAt time.Time `json:"saved_at"` // when the entry was written
	// Base is the SHA-256 of the file on disk when editing began ("" when it
	// did not exist), so that a restore can say the file changed since.
	Base string `json:"base_sha256"`
	// Design is the design in canonical YAML.
	Design string `json:"design"`
}

// DefaultDir is where journals live: $XDG_CACHE_HOME/vpcsmith/recovery (or
// the platform's cache directory).
func DefaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(c, "vpcsmith", "recovery"), nil
}

// Open returns the journal kept in dir (created on first write).
func Open(dir string) *Journal { return &Journal{dir: dir, last: map[string]uint64{}} }

// Dir is the journal's directory.
func (j *Journal) Dir() string { return j.dir }

func abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

func (j *Journal) file(path string) string {
	sum := sha256.Sum256([]byte(abs(path)))
	return filepath.Join(j.dir, hex.EncodeToString(sum[:12])+".json")
}

// Hash returns the SHA-256 of data as Entry.Base records it.
func Hash(data []byte) string {
	if data == nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Write records design (canonical YAML) as the unsaved state of path. seq
// orders writes: a write older than one already done is skipped, since
// commands can finish out of order.
func (j *Journal) Write(path string, seq uint64, base string, yaml []byte, now time.Time) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	p := abs(path)
	if seq < j.last[p] {
		return nil
	}
	data, err := json.MarshalIndent(Entry{Version: 1, Path: p, SavedAt: now.UTC(), Base: base, Design: string(yaml)}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(j.dir, 0o700); err != nil {
		return fmt.Errorf("recovery journal: %w", err)
	}
	if err := design.WriteFileAtomic(j.file(path), data, 0o600); err != nil {
		return fmt.Errorf("recovery journal: %w", err)
	}
	j.last[p] = seq
	return nil
}

// Remove deletes path's entry (after a save, or when the user discards the
// edits). seq is the sequence of the state that made the entry obsolete;
// an entry written later stays.
func (j *Journal) Remove(path string, seq uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	p := abs(path)
	if seq < j.last[p] {
		return nil
	}
	// A write of the same state that finishes after the removal is stale.
	j.last[p] = seq + 1
	err := os.Remove(j.file(path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("recovery journal: %w", err)
	}
	return nil
}

// Read returns path's entry, or nil when there is none.
func (j *Journal) Read(path string) (*Entry, error) {
	data, err := os.ReadFile(j.file(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recovery journal: %w", err)
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil || e.Version != 1 {
		return nil, fmt.Errorf("recovery journal %s is not readable", j.file(path))
	}
	if e.Path != abs(path) {
		return nil, nil // a hash collision would be astonishing; never mix files
	}
	return &e, nil
}
