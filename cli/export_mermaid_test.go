package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const mermaidReference = "../examples/reference.yaml"

func mermaidRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Execute(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func mermaidFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportMermaidViews(t *testing.T) {
	code, out, stderr := mermaidRun(t, "export", "mermaid", mermaidReference)
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(out, "---\ntitle: \"shop network\"\n---\nflowchart TB\n") || !strings.Contains(out, `"Internet gateway"`) {
		t.Errorf("the default view should be the network diagram:\n%s", out)
	}
	code, out, _ = mermaidRun(t, "export", "mermaid", "--view", "security", mermaidReference)
	if code != ExitOK || !strings.Contains(out, "---\nflowchart LR\n") || !strings.Contains(out, `-->|"5432"|`) {
		t.Errorf("security view: exit %d\n%s", code, out)
	}
	code, out, _ = mermaidRun(t, "export", "mermaid", "--markdown", mermaidReference)
	if code != ExitOK || !strings.HasPrefix(out, "# shop · network\n") || !strings.Contains(out, "```mermaid\n---\ntitle: \"shop network\"\n---\nflowchart TB\n") || !strings.Contains(out, "## Subnets\n") {
		t.Errorf("--markdown should be a document with the fenced diagram and the subnet tables: exit %d\n%s", code, out)
	}
}

func TestExportMermaidUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export", "mermaid"},
		{"export", "mermaid", mermaidReference, mermaidReference},
		{"export", "mermaid", "--view", "sideways", mermaidReference},
		{"export", "mermaid", "--bogus", mermaidReference},
	} {
		code, out, stderr := mermaidRun(t, args...)
		if code != ExitUsage || out != "" || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, nothing, a message", args, code, out, stderr)
		}
	}
}

// TestExportMermaidLoadErrors: a missing or broken file exits 2 naming
// where the problem is; nothing is drawn.
func TestExportMermaidLoadErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	broken := mermaidFile(t, "broken.yaml", "version: 1\nvpcz: []\n")
	for _, tc := range []struct{ file, want string }{
		{missing, missing + ": error: "},
		{broken, broken + ":2:1: error: "},
	} {
		code, out, stderr := mermaidRun(t, "export", "mermaid", tc.file)
		if code != ExitUsage || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", tc.file, code, out, stderr, tc.want)
		}
	}
}

// mermaidInvalid has a subnet outside its VPC and a security group in a tier
// that does not exist; its VPC's name carries an escape sequence.
const mermaidInvalid = `version: 1
region: us-east-1
vpcs:
  - name: "evil\e]52;c;aGk=\a\u202e"
    cidr: 10.0.0.0/16
    azs: 1
    nat: none
    tiers:
      - name: t
        kind: isolated
        subnets:
          - {az: us-east-1a, cidr: 10.9.0.0/24}
    security_groups:
      - name: g
        tier: nowhere
`

// TestExportMermaidValidationErrors: a design with errors exits 1, lists
// them as file:line:col: error: message [code] with the names made safe,
// and writes no diagram, not even to -o.
func TestExportMermaidValidationErrors(t *testing.T) {
	bad := mermaidFile(t, "bad.yaml", mermaidInvalid)
	outFile := filepath.Join(filepath.Dir(bad), "out.mmd")
	code, out, stderr := mermaidRun(t, "export", "mermaid", bad, "-o", outFile)
	if code != ExitFindings || out != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	if !strings.Contains(stderr, bad+":12:") || !strings.Contains(stderr, ": error: ") || !strings.Contains(stderr, "[") {
		t.Errorf("stderr should list the errors with their position and code:\n%s", stderr)
	}
	for _, b := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(stderr, b) {
			t.Errorf("stderr carries %q", b)
		}
	}
	if _, err := os.Stat(outFile); !os.IsNotExist(err) {
		t.Errorf("-o file written for an invalid design (%v)", err)
	}
}

// TestExportMermaidOutputFile: -o writes exactly what stdout would get,
// atomically (no temporary file left), and replaces an existing file.
func TestExportMermaidOutputFile(t *testing.T) {
	_, want, _ := mermaidRun(t, "export", "mermaid", "--markdown", mermaidReference)
	dir := t.TempDir()
	outFile := filepath.Join(dir, "network.md")
	if err := os.WriteFile(outFile, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := mermaidRun(t, "export", "mermaid", "--markdown", mermaidReference, "-o", outFile)
	if code != ExitOK || out != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	got, err := os.ReadFile(outFile)
	if err != nil || string(got) != want {
		t.Errorf("file holds %q (%v), want the stdout output", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after the write, want only the output", len(entries))
	}
	code, _, stderr = mermaidRun(t, "export", "mermaid", mermaidReference, "-o", filepath.Join(dir, "no", "such", "dir", "x.mmd"))
	if code != ExitUsage || stderr == "" {
		t.Errorf("unwritable -o: exit %d, stderr %q", code, stderr)
	}
}

// mermaidLargeDesign writes a valid design of n VPCs with 3 AZs and 4 tiers.
func mermaidLargeDesign(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("version: 1\nname: large\nregion: us-east-1\nvpcs:\n")
	for i := range n {
		fmt.Fprintf(&b, `  - name: vpc-%03d
    cidr: 10.%d.0.0/16
    azs: 3
    nat: per-az
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 22}
      - {name: data, kind: isolated, prefix: 24}
      - {name: cache, kind: private, prefix: 24}
    workloads:
      - {name: web, kind: alb, tier: public}
      - {name: api, kind: ecs, tier: app}
      - {name: db, kind: rds, tier: data}
`, i, i)
	}
	return mermaidFile(t, "large.yaml", b.String())
}

// TestExportMermaidCollapseNote: a design of 50 VPCs is split into an
// overview and one diagram per VPC, stated on stderr; without -o DIR the
// files cannot go to stdout, --markdown puts them in one document there.
func TestExportMermaidCollapseNote(t *testing.T) {
	file := mermaidLargeDesign(t, 50)
	code, out, stderr := mermaidRun(t, "export", "mermaid", file)
	if code != ExitUsage || out != "" || !strings.Contains(stderr, "-o DIRECTORY") || !strings.Contains(stderr, "and 48 more") {
		t.Errorf("51 diagrams to stdout: exit %d, stderr %q; want 2 asking for -o DIRECTORY", code, stderr)
	}
	dir := t.TempDir()
	code, _, stderr = mermaidRun(t, "export", "mermaid", file, "-o", dir)
	if code != ExitOK || !strings.HasPrefix(stderr, "vpcsmith: note: the network view of 50 VPCs is drawn as an overview and one diagram per VPC") {
		t.Fatalf("-o DIR: exit %d, stderr %q", code, stderr)
	}
	for _, name := range []string{"large-overview.mmd", "large-vpc-000.mmd", "large-vpc-049.mmd"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !strings.Contains(string(b), "flowchart TB\n") || len(b) > 50000 {
			t.Errorf("%s: %v", name, err)
		}
	}
	code, out, _ = mermaidRun(t, "export", "mermaid", "--markdown", file)
	if code != ExitOK || strings.Count(out, "```mermaid\n") != 51 || !strings.Contains(out, "| data | isolated | ") {
		t.Errorf("--markdown: exit %d, %d diagrams", code, strings.Count(out, "```mermaid\n"))
	}
}
