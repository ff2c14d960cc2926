package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// acceptedChecksDoc lists, with a reason each, the checkov checks the
// exported templates are allowed to fail.
var acceptedChecksDoc = filepath.Join("..", "..", "docs", "export.md")

// TestCheckov (issue 16) runs checkov offline on every exported template
// (the reference example, the routing example and every built-in
// template, each region, and the stacks of the 8-VPC split, in one scan)
// and wants the checks that fail to be
// exactly those docs/export.md accepts: a newly failing check fails the
// test, and so does a listed check that no longer fails anywhere.
func TestCheckov(t *testing.T) {
	accepted := acceptedChecks(t)
	if len(accepted) == 0 {
		t.Fatalf("%s lists no accepted check: the table was not found", acceptedChecksDoc)
	}
	dir := t.TempDir()
	for _, c := range exportCases(t) {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			if err := os.WriteFile(filepath.Join(dir, c.name+"-"+tpl.Region+".yaml"), render(t, tpl, "yaml"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The stacks of a split template are exported templates too.
	split, err := Build(design.Resolve(splitDesign(8)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range split[0].Stacks {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("split-%02d-%s.yaml", s.Order, s.StackName)), render(t, s, "yaml"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	failing := map[string][]string{} // check → where
	for _, f := range testtools.Checkov(t, dir) {
		failing[f.CheckID] = append(failing[f.CheckID], fmt.Sprintf("%s %s", strings.TrimPrefix(f.File, "/"), f.Resource))
	}
	for _, id := range sortedKeys(failing) {
		if !slices.Contains(accepted, id) {
			sort.Strings(failing[id])
			t.Errorf("checkov %s fails, and %s does not accept it: fix the export, or list it there with the reason:\n  %s", id, acceptedChecksDoc, strings.Join(failing[id], "\n  "))
		}
	}
	for _, id := range accepted {
		if _, ok := failing[id]; !ok {
			t.Errorf("%s accepts checkov %s, which no exported template fails any more: remove it from the list", acceptedChecksDoc, id)
		}
	}
}

// acceptedCheck is a row of the accepted checks' table: | `CKV_…` | … | reason |.
var acceptedCheck = regexp.MustCompile("(?m)^\\| `(CKV2?_[A-Z0-9_]+)` \\|[^|]+\\|\\s*\\S[^|]*\\|\\s*$")

func acceptedChecks(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(acceptedChecksDoc)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range acceptedCheck.FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
