package testtools

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// Environment variables set by scripts/test.sh. Without them the helpers fall
// back to the default locations under the repository root, so `go test` run
// by hand after one scripts/test.sh run finds the same tools.
const (
	EnvToolsDir   = "VPCSMITH_TOOLS_DIR"   // absolute path of .tools
	EnvMermaidDir = "VPCSMITH_MERMAID_DIR" // absolute path of tools/mermaid
)

var (
	rootOnce sync.Once
	rootDir  string
	rootErr  error
)

// RepoRoot returns the directory holding go.mod, found by walking up from the
// working directory (go test runs each package in its own directory).
func RepoRoot() (string, error) {
	rootOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			rootErr = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				rootDir = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				rootErr = errors.New("testtools: no go.mod above the working directory")
				return
			}
			dir = parent
		}
	})
	return rootDir, rootErr
}

// MermaidDir is $VPCSMITH_MERMAID_DIR, else <repo root>/tools/mermaid.
func MermaidDir() string {
	if d := os.Getenv(EnvMermaidDir); d != "" {
		return d
	}
	root, err := RepoRoot()
	if err != nil {
		return ""
	}
	return filepath.Join(root, "tools", "mermaid")
}

// findVenvBin finds an executable of the Python test venv: on PATH first
// (scripts/test.sh puts .tools/venv/bin there), then in
// $VPCSMITH_TOOLS_DIR/venv/bin, then in <repo root>/.tools/venv/bin.
func findVenvBin(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	var dirs []string
	if d := os.Getenv(EnvToolsDir); d != "" {
		dirs = append(dirs, filepath.Join(d, "venv", "bin"))
	}
	if root, err := RepoRoot(); err == nil {
		dirs = append(dirs, filepath.Join(root, ".tools", "venv", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
}
