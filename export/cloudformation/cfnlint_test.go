package cloudformation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestCfnLint runs AWS's cfn-lint on every case's templates in both
// formats and wants no finding at all: no error, no warning, no
// informational note. The one check a template skips (W3010 on subnets in
// AZs the design names) is skipped on those resources only, with the
// reason in the code that adds the ignore.
func TestCfnLint(t *testing.T) {
	testtools.Require(t, testtools.ToolCfnLint)
	for _, c := range exportCases(t) {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			for _, f := range formats {
				t.Run(c.name+"-"+tpl.Region+"-"+f, func(t *testing.T) {
					t.Parallel()
					lintClean(t, render(t, tpl, f), f)
				})
			}
		}
	}
}

// lintClean writes a template and fails the test on any cfn-lint finding.
func lintClean(t *testing.T, body []byte, format string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "template."+format)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range testtools.CfnLint(t, path) {
		t.Errorf("%s %s at line %d (%v): %s", f.Level, f.Rule.Id, f.Location.Start.LineNumber, f.Location.Path, f.Message)
	}
}
