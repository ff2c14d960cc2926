package testtools

import (
	"fmt"
	"os"
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
	output := runMMDC(t, dir, in, filepath.Join(dir, "out.svg"), time.Duration(30+5*len(diagrams))*time.Second)
	out := make([][]byte, len(diagrams))
	for i := range diagrams {
		svg, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("out-%d.svg", i+1)))
		if err != nil {
			t.Fatalf("testtools: mmdc wrote no SVG for diagram %d: %v\n%s", i+1, err, output)
		}
		out[i] = svg
	}
	return out
}
