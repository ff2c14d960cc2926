package testtools

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Names of the tools Require and Lookup know. Any other name is looked up
// as an executable (PATH, then the test venv).
const (
	ToolMoto       = "moto_server" // AWS emulator, from the test venv
	ToolCfnLint    = "cfn-lint"    // CloudFormation linter, from the test venv
	ToolNode       = "node"        // Node.js on PATH
	ToolMermaid    = "mermaid"     // node + tools/mermaid/node_modules (mermaid, jsdom) + parse.mjs
	ToolMermaidCLI = "mmdc"        // ToolMermaid + mermaid-cli + the browser named in puppeteer.json
	ToolChromium   = "chromium"    // the browser named in tools/mermaid/puppeteer.json
)

// Lookup reports where a tool is, or why it is not usable. For executables it
// returns the executable's path; for ToolMermaid the tools/mermaid directory.
func Lookup(what string) (string, error) {
	switch what {
	case ToolMoto, ToolCfnLint:
		return findVenvBin(what)
	case ToolNode:
		return exec.LookPath("node")
	case ToolMermaid:
		if _, err := exec.LookPath("node"); err != nil {
			return "", err
		}
		dir := MermaidDir()
		for _, p := range []string{"parse.mjs", "node_modules/mermaid/package.json", "node_modules/jsdom/package.json"} {
			if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
				return "", fmt.Errorf("mermaid tools not installed: %w", err)
			}
		}
		return dir, nil
	case ToolMermaidCLI:
		if _, err := Lookup(ToolMermaid); err != nil {
			return "", err
		}
		if _, err := Lookup(ToolChromium); err != nil {
			return "", err
		}
		mmdc := filepath.Join(MermaidDir(), "node_modules", ".bin", "mmdc")
		if _, err := os.Stat(mmdc); err != nil {
			return "", fmt.Errorf("mermaid-cli not installed: %w", err)
		}
		return mmdc, nil
	case ToolChromium:
		p, err := chromiumPath()
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("browser for mermaid-cli: %w", err)
		}
		return p, nil
	default:
		if p, err := exec.LookPath(what); err == nil {
			return p, nil
		}
		return findVenvBin(what)
	}
}

// chromiumPath reads executablePath from tools/mermaid/puppeteer.json, so the
// check and mmdc agree on which browser is used.
func chromiumPath() (string, error) {
	b, err := os.ReadFile(filepath.Join(MermaidDir(), "puppeteer.json"))
	if err != nil {
		return "", err
	}
	var cfg struct {
		ExecutablePath string `json:"executablePath"`
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		return "", fmt.Errorf("puppeteer.json: %w", err)
	}
	if cfg.ExecutablePath == "" {
		return "", fmt.Errorf("puppeteer.json: no executablePath")
	}
	return cfg.ExecutablePath, nil
}

// Require stops the test when a tool is not usable: with CI=true it fails
// (CI installs everything, so a missing tool there is a real bug), elsewhere
// it skips, naming scripts/test.sh, which installs the tools.
func Require(t testing.TB, what string) {
	t.Helper()
	if _, err := Lookup(what); err != nil {
		unavailable(t, what, err)
	}
}

// unavailable is Require's decision, split out so it can be tested.
func unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("testtools: %s is required under CI=true but not usable: %v", what, err)
		return
	}
	t.Skipf("testtools: %s not available (%v); run scripts/test.sh to install the test tools", what, err)
}
