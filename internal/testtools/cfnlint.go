package testtools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// CfnLintFinding is one entry of `cfn-lint --format json` output. Field names
// mirror cfn-lint's JSON keys (so Rule.Id, not Rule.ID).
type CfnLintFinding struct {
	Rule struct {
		Id               string // e.g. "E3003"
		Description      string
		ShortDescription string
		Source           string
	}
	Level    string // "Error", "Warning" or "Informational"
	Message  string
	Filename string // empty (JSON null) for configuration errors
	Location struct {
		Start CfnLintPos
		End   CfnLintPos
		Path  []any // e.g. ["Resources", "Subnet", "Properties"]; numbers for list indexes
	}
}

// CfnLintPos is a 1-based position in the template.
type CfnLintPos struct {
	LineNumber   int
	ColumnNumber int
}

// cfn-lint exit code bits: the kinds of findings, not a failure of the tool.
const (
	cfnLintErrorBit   = 2
	cfnLintWarningBit = 4
	cfnLintInfoBit    = 8
)

// CfnLint lints a template file with AWS's schemas for us-east-1 (the region
// tests deploy to) and returns every finding; an empty slice means clean. A
// non-zero exit code made only of the finding bits (2 error, 4 warning,
// 8 info) is normal; anything else, or output that is not the JSON list,
// fails the test. Template parse errors come back as an E0000 finding.
func CfnLint(t testing.TB, templatePath string) []CfnLintFinding {
	t.Helper()
	return CfnLintFiles(t, templatePath)
}

// CfnLintFiles is CfnLint over several files in one cfn-lint run (its
// start-up is most of a small file's time); each finding's Filename says
// which file it is in.
func CfnLintFiles(t testing.TB, templatePaths ...string) []CfnLintFinding {
	t.Helper()
	Require(t, ToolCfnLint)
	for _, p := range templatePaths {
		if _, err := os.Stat(p); err != nil {
			// cfn-lint would report this as an E0003 "finding"; fail clearly instead.
			t.Fatalf("testtools: CfnLint: %v", err)
		}
	}
	bin, _ := Lookup(ToolCfnLint)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(2*len(templatePaths))*time.Minute)
	defer cancel()
	args := append([]string{"-t"}, templatePaths...)
	cmd := exec.CommandContext(ctx, bin, append(args, "--format", "json", "--regions", "us-east-1")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0 &&
		exitErr.ExitCode()&^(cfnLintErrorBit|cfnLintWarningBit|cfnLintInfoBit) == 0:
	default:
		t.Fatalf("testtools: cfn-lint %v: %v\nstderr:\n%s\nstdout:\n%s", templatePaths, err, stderr.String(), stdout.String())
	}
	findings := []CfnLintFinding{}
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatalf("testtools: cfn-lint %v: output is not JSON findings: %v\n%s", templatePaths, err, stdout.String())
	}
	return findings
}
