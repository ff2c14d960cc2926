package testtools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// MermaidResult is parse.mjs's verdict on one diagram.
type MermaidResult struct {
	Index int    `json:"index"` // position in the input slice
	OK    bool   `json:"ok"`
	Error string `json:"error"` // Mermaid's parse error, "" when OK
}

// MermaidParse checks diagrams with Mermaid's own parser (mermaid + jsdom in
// Node, no browser), all in one node process since loading mermaid costs
// about 1 s. It returns one result per diagram, in order; a diagram that
// fails to parse is a result with OK false, not a test failure.
func MermaidParse(t testing.TB, diagrams []string) []MermaidResult {
	t.Helper()
	Require(t, ToolMermaid)
	if len(diagrams) == 0 {
		return nil
	}
	in, err := json.Marshal(diagrams)
	if err != nil {
		t.Fatalf("testtools: MermaidParse: %v", err)
	}
	dir := MermaidDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(dir, "parse.mjs"), "--stdin-json")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	// Exit 1 means "some diagram failed"; 2 or a crash is a broken tool.
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		t.Fatalf("testtools: parse.mjs: %v\nstderr:\n%s", err, stderr.String())
	}
	var results []MermaidResult
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil || len(results) != len(diagrams) {
		t.Fatalf("testtools: parse.mjs: want %d results, got %q (%v)\nstderr:\n%s", len(diagrams), stdout.String(), err, stderr.String())
	}
	return results
}

// MermaidRender renders one diagram to SVG with mermaid-cli (mmdc) and the
// chromium named in tools/mermaid/puppeteer.json: proof that a browser can
// lay it out, which the parser alone does not show. It costs a few seconds,
// so render a few representative diagrams, and parse the rest. Any mmdc
// failure fails the test.
func MermaidRender(t testing.TB, diagram string) []byte {
	t.Helper()
	Require(t, ToolMermaidCLI)
	dir := t.TempDir()
	in := filepath.Join(dir, "diagram.mmd")
	out := filepath.Join(dir, "diagram.svg")
	if err := os.WriteFile(in, []byte(diagram), 0o644); err != nil {
		t.Fatalf("testtools: MermaidRender: %v", err)
	}
	output := runMMDC(t, dir, in, out, 2*time.Minute)
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("testtools: mmdc wrote no SVG: %v\n%s", err, output)
	}
	return svg
}

// runMMDC renders in to out with mmdc in dir, failing the test on any
// error, and returns what mmdc printed.
func runMMDC(t testing.TB, dir, in, out string, timeout time.Duration) string {
	t.Helper()
	mmdc, _ := Lookup(ToolMermaidCLI)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, mmdc, "-p", filepath.Join(MermaidDir(), "puppeteer.json"), "-q", "-i", in, "-o", out)
	cmd.Dir = dir
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	// Keep puppeteer from looking for (or fetching) a browser of its own.
	cmd.Env = append(os.Environ(), "PUPPETEER_SKIP_DOWNLOAD=1")
	// On timeout, kill chromium too, not only mmdc.
	setProcAttrs(cmd)
	cmd.Cancel = func() error { killGroup(cmd, true); return nil }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		t.Fatalf("testtools: mmdc: %v\n%s", err, output.String())
	}
	return output.String()
}
