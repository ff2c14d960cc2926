package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// diffPair writes the three-tier template and an edit of it: a subnet's
// CIDR (a replacement), NAT per AZ (a cost delta and a resolved warning),
// a rule's description, an added rule open to the world on 22 (an
// introduced finding) and a removed workload.
func diffPair(t *testing.T) (oldFile, newFile string) {
	t.Helper()
	src, err := templates.Source("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	edited := string(src)
	for _, r := range [][2]string{
		{"cidr: 10.0.10.0/24", "cidr: 10.0.12.0/24"},
		{"nat: single", "nat: per-az"},
		{"description: HTTPS from anywhere}", "description: TLS from anywhere}\n          - {from: internet, ports: 22, description: SSH}"},
		{"      - {name: postgres, kind: rds, tier: data, security_group: db}\n", ""},
	} {
		if !strings.Contains(edited, r[0]) {
			t.Fatalf("the template no longer has %q", r[0])
		}
		edited = strings.Replace(edited, r[0], r[1], 1)
	}
	return writeFile(t, "old.yaml", string(src)), writeFile(t, "new.yaml", edited)
}

// TestDiffGolden: the three formats of one pair, byte for byte.
func TestDiffGolden(t *testing.T) {
	oldFile, newFile := diffPair(t)
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, stderr := run(t, "diff", oldFile, newFile, "--format", format)
			if code != ExitFindings {
				t.Fatalf("exit %d, want 1 (changes)\n%s", code, stderr)
			}
			// The temporary directory differs per run; the golden file
			// names the files as the command was given them.
			out = strings.ReplaceAll(out, strings.TrimSuffix(oldFile, "old.yaml"), "")
			out = strings.ReplaceAll(out, strings.TrimSuffix(newFile, "new.yaml"), "")
			testtools.Golden(t, "testdata/diff/three-tier."+map[string]string{"text": "txt", "markdown": "md", "json": "json"}[format], []byte(out))
		})
	}
}

func TestDiffJSONShape(t *testing.T) {
	oldFile, newFile := diffPair(t)
	_, out, _ := run(t, "diff", oldFile, newFile, "--format", "json")
	var r struct {
		Changes []struct {
			Path     string         `json:"path"`
			Kind     string         `json:"kind"`
			Replaces bool           `json:"replaces"`
			Old      map[string]any `json:"old"`
			New      map[string]any `json:"new"`
		} `json:"changes"`
		Cost     struct{ Old, New, Delta float64 } `json:"cost"`
		Findings struct{ Added, Resolved []map[string]any }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range r.Changes {
		if c.Path == "vpcs/production/tiers/app/subnets/us-east-1a" {
			found = c.Kind == "changed" && c.Replaces && c.Old["cidr"] == "10.0.10.0/24" && c.New["cidr"] == "10.0.12.0/24"
		}
	}
	if !found {
		t.Errorf("no replacement of the app subnet in %s", out)
	}
	if r.Cost.Delta <= 0 || r.Cost.New-r.Cost.Old-r.Cost.Delta > 0.001 {
		t.Errorf("cost %+v", r.Cost)
	}
	if len(r.Findings.Added) == 0 || len(r.Findings.Resolved) == 0 {
		t.Errorf("findings %+v: want SSH from the world introduced, the single NAT resolved", r.Findings)
	}
}

func TestDiffExitStatus(t *testing.T) {
	oldFile, newFile := diffPair(t)
	if code, out, stderr := run(t, "diff", oldFile, oldFile); code != ExitOK || !strings.Contains(out, "0 changes") {
		t.Errorf("identical files: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, _ := run(t, "diff", oldFile, newFile); code != ExitFindings {
		t.Errorf("changed: exit %d, want 1", code)
	}
	bad := writeFile(t, "bad.yaml", "version: 1\nvpcs: [\n")
	for _, args := range [][]string{
		{"diff", oldFile}, {"diff", oldFile, newFile, "extra"}, {"diff", oldFile, newFile, "--format", "xml"},
		{"diff", oldFile, bad}, {"diff", bad, newFile}, {"diff", oldFile, newFile, "--region", "us-east-1"},
		{"diff", oldFile, newFile, "--live"},
	} {
		if code, _, stderr := run(t, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, want 2 with a message\n%s", args, code, stderr)
		}
	}
}
