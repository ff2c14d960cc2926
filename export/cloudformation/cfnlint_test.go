package cloudformation

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

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestCfnLint runs AWS's cfn-lint on every template the tests make: every
// case in both formats, the hostile names in both formats, and the
// synthetic egress and multi-region designs. It wants no finding at all:
// no error, no warning, no informational note. The one check a template
// skips (W3010 on subnets in AZs the design names) is skipped on those
// resources only, with the reason in the code that adds the ignore.
func TestCfnLint(t *testing.T) {
	testtools.Require(t, testtools.ToolCfnLint)
	dir := t.TempDir()
	var paths []string
	write := func(name string, tpl *Template, format string) {
		p := filepath.Join(dir, name+"-"+tpl.Region+"."+format)
		if err := os.WriteFile(p, render(t, tpl, format), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	cases := append(exportCases(t), exportCase{"hostile", func() (*design.Design, error) { return design.Load("testdata/hostile.yaml") }})
	for _, c := range cases {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			for _, f := range formats {
				write(c.name, tpl, f)
			}
		}
	}
	for name, src := range map[string]string{"egress": egressDesign, "multi-region": multiRegion, "peering-routes": peeringRoutes, "edge-routes": edgeRoutes, "ipv6-lab": ipv6Lab} {
		d, err := design.Parse(name+".yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ts, err := Build(design.Resolve(d))
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range ts {
			write(name, tpl, "yaml")
		}
	}
	findings := lintFiles(t, paths)
	for _, p := range paths {
		for _, f := range findings[p] {
			t.Errorf("%s: %s %s at line %d (%v): %s", filepath.Base(p), f.Level, f.Rule.Id, f.Location.Start.LineNumber, f.Location.Path, f.Message)
		}
	}
	if len(findings) > 0 && !t.Failed() {
		t.Errorf("findings for files the test did not write: %v", findings)
	}
}

// lintFiles runs one cfn-lint over many templates, since each start of
// cfn-lint costs about 2 s, and returns the findings by file. It reads
// cfn-lint's exit code as testtools.CfnLint does: the bits 2, 4 and 8 say
// what kinds of findings there are; anything else is a broken tool.
func lintFiles(t *testing.T, paths []string) map[string][]testtools.CfnLintFinding {
	t.Helper()
	bin, err := testtools.Lookup(testtools.ToolCfnLint)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// cfn-lint leaves its informational checks out unless asked; without
	// them a log group without a DeletionPolicy (I3011) went unseen.
	args := append([]string{"--format", "json", "--regions", "us-east-1", "--include-checks", "I", "-t"}, paths...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() > 0 && exitErr.ExitCode()&^(2|4|8) == 0) {
		t.Fatalf("cfn-lint: %v\nstderr:\n%s", err, stderr.String())
	}
	var all []testtools.CfnLintFinding
	if err := json.Unmarshal(stdout.Bytes(), &all); err != nil {
		t.Fatalf("cfn-lint output is not JSON findings: %v\n%s", err, stdout.String())
	}
	out := map[string][]testtools.CfnLintFinding{}
	for _, f := range all {
		out[f.Filename] = append(out[f.Filename], f)
	}
	return out
}
