package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cfnReference = "../examples/reference.yaml"

func cfnRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Execute(context.Background(), append([]string{"export", "cloudformation"}, args...), Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func cfnFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "design.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportCloudFormationStdout(t *testing.T) {
	code, out, stderr := cfnRun(t, cfnReference)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"AWSTemplateFormatVersion: '2010-09-09'\n", "  ProdVPC:\n    Type: AWS::EC2::VPC\n", "VpcId: !Ref ProdVPC", "!GetAtt ProdAlbSecurityGroup.GroupId"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	if !strings.Contains(stderr, "CAPABILITY_IAM") || !strings.Contains(stderr, "parameter CorpCustomerGatewayIp has no default") {
		t.Errorf("stderr should note the IAM capability and the parameter to supply, got %q", stderr)
	}

	code, out, _ = cfnRun(t, "--format", "json", cfnReference)
	var tpl struct {
		AWSTemplateFormatVersion string
		Resources                map[string]struct{ Type string }
	}
	if code != ExitOK || !json.Valid([]byte(out)) || json.Unmarshal([]byte(out), &tpl) != nil {
		t.Fatalf("--format json: exit %d, not valid JSON:\n%.300s", code, out)
	}
	if tpl.AWSTemplateFormatVersion != "2010-09-09" || tpl.Resources["ProdVPC"].Type != "AWS::EC2::VPC" {
		t.Errorf("--format json: unexpected template %+v", tpl.Resources["ProdVPC"])
	}
	if !strings.Contains(out, `"Ref": "ProdVPC"`) || !strings.Contains(out, `"Fn::GetAtt": [`) {
		t.Error("JSON should use the long intrinsic forms")
	}
}

func TestExportCloudFormationOutputFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.yaml")
	code, out, stderr := cfnRun(t, "-o", path, cfnReference)
	if code != ExitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	_, want, _ := cfnRun(t, cfnReference)
	if got, err := os.ReadFile(path); err != nil || string(got) != want {
		t.Errorf("-o FILE should hold what stdout gets (%v)", err)
	}
	// An existing directory gets <file>-<region>.<ext>, <file> the design
	// file's name without .yaml, as the designer names it.
	code, _, _ = cfnRun(t, "--format", "json", "-o", dir, cfnReference)
	if _, err := os.Stat(filepath.Join(dir, "reference-us-east-1.json")); code != ExitOK || err != nil {
		t.Errorf("-o DIR: exit %d, %v", code, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

const cfnTwoRegions = `version: 1
name: "Two Regions/../x"
region: us-east-1
vpcs:
  - name: east
    cidr: 10.0.0.0/16
    azs: 2
    nat: none
    tiers:
      - {name: app, kind: isolated, prefix: 24}
  - name: west
    region: eu-west-1
    cidr: 10.1.0.0/16
    azs: 2
    nat: none
    tiers:
      - {name: app, kind: isolated, prefix: 24}
`

// TestExportCloudFormationRegions: several regions need -o naming a
// directory, which gets one template per region.
func TestExportCloudFormationRegions(t *testing.T) {
	file := cfnFile(t, cfnTwoRegions)
	code, out, stderr := cfnRun(t, file)
	if code != ExitUsage || out != "" || !strings.Contains(stderr, "-o DIRECTORY") || !strings.Contains(stderr, "design-eu-west-1.yaml, design-us-east-1.yaml") {
		t.Fatalf("no -o: exit %d, stdout %q, stderr %q; want 2 asking for -o", code, out, stderr)
	}
	existing := filepath.Join(t.TempDir(), "file.yaml")
	os.WriteFile(existing, nil, 0o644)
	if code, _, stderr := cfnRun(t, "-o", existing, file); code != ExitUsage || !strings.Contains(stderr, "is a file") {
		t.Errorf("-o an existing file: exit %d, %q", code, stderr)
	}
	dir := filepath.Join(t.TempDir(), "templates")
	code, _, stderr = cfnRun(t, "-o", dir, file)
	if code != ExitOK {
		t.Fatalf("-o DIR: exit %d, %q", code, stderr)
	}
	for _, name := range []string{"design-eu-west-1.yaml", "design-us-east-1.yaml"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !strings.Contains(string(b), "AWS::EC2::VPC") {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s: %q", name, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("want exactly 2 files, got %d", len(entries))
	}
}

func TestExportCloudFormationExitCodes(t *testing.T) {
	invalid := cfnFile(t, strings.Replace(cfnTwoRegions, "10.1.0.0/16", "10.1.0.0/33", 1))
	code, out, stderr := cfnRun(t, invalid)
	if code != ExitFindings || out != "" || !strings.Contains(stderr, "error:") || !strings.Contains(stderr, "[cidr-invalid]") {
		t.Errorf("invalid design: exit %d, stdout %q, stderr %q; want 1 listing the errors", code, out, stderr)
	}

	var many strings.Builder
	many.WriteString("version: 1\nname: many\nregion: us-east-1\nvpcs:\n")
	for i := range 15 {
		fmt.Fprintf(&many, "  - name: v%d\n    cidr: 10.%d.0.0/16\n    azs: 3\n    nat: per-az\n    endpoints: [sqs, sns, logs]\n    tiers:\n      - {name: pub, kind: public, prefix: 24}\n      - {name: app, kind: private, prefix: 24}\n      - {name: db, kind: isolated, prefix: 24}\n", i, i)
	}
	// Over 500 resources the template is split into one stack per VPC
	// (issue 16): several files, so -o DIR is needed, and the note says so.
	manyFile := cfnFile(t, many.String())
	code, out, stderr = cfnRun(t, manyFile)
	if code != ExitUsage || out != "" || !strings.Contains(stderr, "split into 15 stacks") || !strings.Contains(stderr, "-o DIR") {
		t.Errorf("over 500 resources without -o: exit %d, stderr %q; want 2, the split and -o DIR", code, stderr)
	}
	dir := t.TempDir()
	if code, _, stderr = cfnRun(t, "-o", dir, manyFile); code != ExitOK {
		t.Errorf("over 500 resources, -o DIR: exit %d, %q", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 16 {
		t.Errorf("over 500 resources: %d files, want 15 stacks and the README", len(entries))
	}
	// One VPC alone over the quota cannot be split: refused, with advice.
	var one strings.Builder
	one.WriteString("version: 1\nname: big\nregion: us-east-1\nvpcs:\n  - name: big\n    cidr: 10.0.0.0/16\n    azs: 6\n    tiers:\n")
	for i := range 45 {
		fmt.Fprintf(&one, "      - {name: t%d, kind: isolated, prefix: 25}\n", i)
	}
	code, out, stderr = cfnRun(t, cfnFile(t, one.String()))
	if code != ExitFindings || out != "" || !strings.Contains(stderr, "500") || !strings.Contains(stderr, "split the design") {
		t.Errorf("one VPC over 500 resources: exit %d, stderr %q; want 1 and advice to split", code, stderr)
	}

	for _, args := range [][]string{
		{filepath.Join(t.TempDir(), "missing.yaml")},
		{cfnFile(t, "version: 1\nvpcz: []\n")},
		{},
		{cfnReference, cfnReference},
		{"--format", "xml", cfnReference},
		{"--bogus", cfnReference},
	} {
		code, out, stderr := cfnRun(t, args...)
		if code != ExitUsage || out != "" || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, nothing, a message", args, code, out, stderr)
		}
	}
}
