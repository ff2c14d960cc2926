package testtools

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// MermaidRenderMany renders many diagrams to SVG in one mmdc run (one
// browser, instead of a few seconds each): they go into a Markdown file as
// fences, which mmdc renders to out-1.svg, out-2.svg, …. It returns the
// SVGs in order; any mmdc failure fails the test.
func MermaidRenderMany(t testing.TB, diagrams []string) [][]byte {
	t.Helper()
	Require(t, ToolMermaidCLI)
	if len(diagrams) == 0 {
		return nil
	}
	mmdc, _ := Lookup(ToolMermaidCLI)
	dir := t.TempDir()
	var md strings.Builder
	for _, d := range diagrams {
		md.WriteString("```mermaid\n" + d)
		if !strings.HasSuffix(d, "\n") {
			md.WriteByte('\n')
		}
		md.WriteString("```\n\n")
	}
	in := filepath.Join(dir, "diagrams.md")
	if err := os.WriteFile(in, []byte(md.String()), 0o644); err != nil {
		t.Fatalf("testtools: MermaidRenderMany: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(30+5*len(diagrams))*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, mmdc, "-p", filepath.Join(MermaidDir(), "puppeteer.json"), "-q", "-i", in, "-o", filepath.Join(dir, "out.svg"))
	cmd.Dir = dir
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	cmd.Env = append(os.Environ(), "PUPPETEER_SKIP_DOWNLOAD=1")
	setProcAttrs(cmd)
	cmd.Cancel = func() error { killGroup(cmd, true); return nil }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		t.Fatalf("testtools: mmdc: %v\n%s", err, output.String())
	}
	out := make([][]byte, len(diagrams))
	for i := range diagrams {
		svg, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("out-%d.svg", i+1)))
		if err != nil {
			t.Fatalf("testtools: mmdc wrote no SVG for diagram %d: %v\n%s", i+1, err, output.String())
		}
		out[i] = svg
	}
	return out
}
