package testtools

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordTB captures what Require's decision would do, without stopping the
// real test.
type recordTB struct {
	testing.TB
	skipped, failed string
}

func (r *recordTB) Helper()                           {}
func (r *recordTB) Skipf(format string, args ...any)  { r.skipped = fmt.Sprintf(format, args...) }
func (r *recordTB) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestUnavailableSkipsLocallyAndFailsInCI(t *testing.T) {
	t.Setenv("CI", "")
	r := &recordTB{TB: t}
	unavailable(r, "frobnicator", errors.New("not found"))
	if r.failed != "" || r.skipped == "" {
		t.Fatalf("outside CI: want skip, got skip=%q fail=%q", r.skipped, r.failed)
	}
	if want := "scripts/test.sh"; !strings.Contains(r.skipped, want) {
		t.Errorf("skip message %q does not name %s", r.skipped, want)
	}

	t.Setenv("CI", "true")
	r = &recordTB{TB: t}
	unavailable(r, "frobnicator", errors.New("not found"))
	if r.skipped != "" || r.failed == "" {
		t.Fatalf("CI=true: want failure, got skip=%q fail=%q", r.skipped, r.failed)
	}
}

func TestLookupUnknownTool(t *testing.T) {
	if p, err := Lookup("vpcsmith-no-such-tool"); err == nil {
		t.Fatalf("Lookup found a tool that does not exist: %s", p)
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "scripts", "test.sh")); err != nil {
		t.Errorf("repo root %s has no scripts/test.sh: %v", root, err)
	}
}

// TestToolsPresentInCI makes CI fail loudly if scripts/test.sh did not
// install everything, even if no other test happened to need a tool.
func TestToolsPresentInCI(t *testing.T) {
	for _, tool := range []string{ToolMoto, ToolCfnLint, ToolNode, ToolMermaid, ToolMermaidCLI, ToolChromium} {
		t.Run(tool, func(t *testing.T) { Require(t, tool) })
	}
}
