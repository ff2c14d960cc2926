package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// manyFindings is a design of n VPCs that all use the same block, each with
// a tier whose two subnets overlap: every VPC gives a vpc-overlap warning
// and a subnet-overlap error, among others.
func manyFindings(n int) string {
	var b strings.Builder
	b.WriteString("version: 1\nregion: us-east-1\nvpcs:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: v%d\n    cidr: 10.0.0.0/16\n    azs: [us-east-1a]\n    tiers:\n      - name: t\n        kind: isolated\n        subnets:\n          - {az: us-east-1a, cidr: 10.0.0.0/24}\n          - {az: us-east-1a, cidr: 10.0.0.0/25}\n", i)
	}
	return b.String()
}

// countSeverities is the oracle: what design.Validate finds in the file.
func countSeverities(t *testing.T, path string) (errors, warnings, infos int) {
	t.Helper()
	d, err := design.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range design.Validate(d) {
		switch f.Severity {
		case design.Error:
			errors++
		case design.Warning:
			warnings++
		default:
			infos++
		}
	}
	return errors, warnings, infos
}

// TestValidateCapsTextFindings: thousands of findings print as the first
// maxTextFindings and one line counting the rest by severity; the exit code
// and the summary on stderr are those of the whole list, and JSON lists
// every finding.
func TestValidateCapsTextFindings(t *testing.T) {
	path := writeFile(t, "many.yaml", manyFindings(600))
	errs, warns, infos := countSeverities(t, path)
	total := errs + warns + infos
	if errs < 600 || warns < 600 {
		t.Fatalf("the generated design has %d errors and %d warnings; want thousands of findings", errs, warns)
	}
	code, stdout, stderr := run(t, "validate", path)
	if code != ExitFindings {
		t.Errorf("exit %d, want %d (errors)", code, ExitFindings)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != maxTextFindings+1 {
		t.Fatalf("%d lines, want %d findings and the count of the rest", len(lines), maxTextFindings+1)
	}
	for _, l := range lines[:maxTextFindings] {
		if !strings.HasPrefix(l, path+":") {
			t.Fatalf("not a finding: %q", l)
		}
	}
	in := fmt.Sprintf("%d errors, %d warnings", errs, warns)
	switch {
	case infos == 1:
		in += ", 1 info"
	case infos > 1:
		in += fmt.Sprintf(", %d infos", infos)
	}
	want := fmt.Sprintf("… and %d more findings (%s in total); `--format json` lists every one", total-maxTextFindings, in)
	if last := lines[maxTextFindings]; last != want {
		t.Errorf("last line\n%q, want\n%q", last, want)
	}
	if wantSum := fmt.Sprintf("%d errors, %d warnings in 1 file\n", errs, warns); stderr != wantSum {
		t.Errorf("stderr %q, want %q", stderr, wantSum)
	}

	code, stdout, _ = run(t, "validate", "--format", "json", path)
	if code != ExitFindings {
		t.Errorf("json: exit %d, want %d", code, ExitFindings)
	}
	var out struct{ Findings []fileFinding }
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != total {
		t.Errorf("json lists %d findings, want all %d", len(out.Findings), total)
	}
}

// TestValidateCappedWarningsExitZero: a capped list of warnings only still
// exits 0; the cap changes what is printed, never the verdict.
func TestValidateCappedWarningsExitZero(t *testing.T) {
	path := writeFile(t, "warnings.yaml", strings.ReplaceAll(manyFindings(400), "\n          - {az: us-east-1a, cidr: 10.0.0.0/25}", ""))
	errs, warns, _ := countSeverities(t, path)
	if errs != 0 || warns <= maxTextFindings {
		t.Fatalf("the generated design has %d errors and %d warnings; want only warnings, past the cap", errs, warns)
	}
	code, stdout, _ := run(t, "validate", path)
	if code != ExitOK || !strings.Contains(stdout, "more findings (0 errors, ") {
		t.Errorf("exit %d, want %d; output ends %q", code, ExitOK, stdout[max(0, len(stdout)-200):])
	}
}

// TestValidateUncappedBelowLimit: a list that fits is printed whole, with
// no count line, however many files it spans; the cap counts across files.
func TestValidateUncappedBelowLimit(t *testing.T) {
	one := writeFile(t, "one.yaml", manyFindings(1))
	errs, warns, infos := countSeverities(t, one)
	per := errs + warns + infos
	files := maxTextFindings / per // as many files as fit under the cap
	args := []string{"validate"}
	for range files {
		args = append(args, one)
	}
	_, stdout, _ := run(t, args...)
	if n := strings.Count(stdout, "\n"); n != files*per || strings.Contains(stdout, "more finding") {
		t.Errorf("%d lines for %d findings under the cap:\n%s", n, files*per, stdout)
	}
	args = append(args, one)
	_, stdout, _ = run(t, args...)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	more := (files+1)*per - maxTextFindings
	if more <= 0 {
		t.Fatalf("one more file does not pass the cap (%d findings a file)", per)
	}
	noun := "findings"
	if more == 1 {
		noun = "finding"
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, fmt.Sprintf("… and %d more %s (", more, noun)) {
		t.Errorf("last line %q, want %d more over files", last, more)
	}
}

// TestFindingsJSONStreamed: the JSON written one finding at a time is byte
// for byte the list encoded at once, the format `validate --format json`
// has always had, with no findings and with several, names to escape
// included.
func TestFindingsJSONStreamed(t *testing.T) {
	for _, fs := range [][]fileFinding{
		nil,
		{{File: "a.yaml", Severity: "error", Code: "x", Message: "one"}},
		{
			{File: "a.yaml", Severity: "error", Code: "x", Path: "vpcs.a", Message: `quote " and <b> & \ and é`, Line: 3, Column: 5},
			{File: "b.yaml", Severity: "warning", Code: "y", Message: "two\u2028lines"},
		},
	} {
		var once bytes.Buffer
		all := struct {
			Findings []fileFinding `json:"findings"`
		}{Findings: []fileFinding{}}
		for _, f := range fs {
			all.Findings = append(all.Findings, f.sanitized())
		}
		enc := json.NewEncoder(&once)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			t.Fatal(err)
		}
		var streamed bytes.Buffer
		w := &jsonFindings{w: &streamed}
		for _, f := range fs {
			if err := w.add(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.close(); err != nil {
			t.Fatal(err)
		}
		if streamed.String() != once.String() {
			t.Errorf("streamed\n%s\nwant\n%s", streamed.String(), once.String())
		}
	}
}
