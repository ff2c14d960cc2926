package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Execute(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const reference = "../design/testdata/reference.yaml"

const overlapping = `version: 1
region: us-east-1
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 2
    tiers:
      - name: t
        kind: isolated
        subnets:
          - {az: us-east-1a, cidr: 10.0.0.0/24}
          - {az: us-east-1b, cidr: "10.0.0.128/25"}
`

func TestValidateExitCodes(t *testing.T) {
	bad := writeFile(t, "bad.yaml", overlapping)
	broken := writeFile(t, "broken.yaml", "version: 1\nvpcs: [\n")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"validate", reference}, ExitOK},
		{[]string{"validate", reference, bad}, ExitFindings},
		{[]string{"validate", broken}, ExitUsage},
		{[]string{"validate", bad, broken}, ExitUsage},
		{[]string{"validate", filepath.Join(t.TempDir(), "missing.yaml")}, ExitUsage},
		{[]string{"validate"}, ExitUsage},
		{[]string{"validate", "--format", "xml", reference}, ExitUsage},
	}
	for _, tc := range cases {
		if code, _, stderr := run(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %s)", tc.args, code, tc.code, stderr)
		}
	}
}

func TestValidateText(t *testing.T) {
	bad := writeFile(t, "bad.yaml", overlapping)
	_, out, stderr := run(t, "validate", bad)
	want := bad + ":12:36: error: subnet 10.0.0.128/25 (tier t, us-east-1b) overlaps 10.0.0.0/24 (tier t, us-east-1a); 10.0.1.0/25 is free [subnet-overlap]\n"
	if !strings.Contains(out, want) {
		t.Errorf("output:\n%s\nwant line:\n%s", out, want)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}
	if !strings.Contains(stderr, "1 error, ") {
		t.Errorf("summary: %s", stderr)
	}
}

func TestValidateColourOnlyOnTTYAndNotWithNoColor(t *testing.T) {
	bad := writeFile(t, "bad.yaml", overlapping)
	var out bytes.Buffer
	s := Streams{In: strings.NewReader(""), Out: &out, Err: &bytes.Buffer{}, OutIsTTY: true}
	t.Setenv("NO_COLOR", "")
	Execute(context.Background(), []string{"validate", bad}, s)
	if !strings.Contains(out.String(), "\x1b[") {
		t.Error("no colour on a terminal")
	}
	out.Reset()
	t.Setenv("NO_COLOR", "1")
	Execute(context.Background(), []string{"validate", bad}, s)
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}

func TestValidateJSON(t *testing.T) {
	bad := writeFile(t, "bad.yaml", overlapping)
	broken := writeFile(t, "broken.yaml", "version: 1\nvpcz: []\n")
	code, out, _ := run(t, "validate", "--format", "json", bad, broken)
	if code != ExitUsage {
		t.Errorf("exit %d", code)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	keys := []string{"file", "severity", "code", "path", "message", "line", "column"}
	var codes []string
	for _, f := range doc.Findings {
		for _, k := range keys {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
		codes = append(codes, f["code"].(string))
	}
	if strings.Join(codes, ",") != "subnet-overlap,load-error" {
		t.Errorf("codes %v", codes)
	}
	if doc.Findings[1]["line"].(float64) != 2 || !strings.Contains(doc.Findings[1]["message"].(string), `did you mean "vpcs"?`) {
		t.Errorf("load error finding: %v", doc.Findings[1])
	}
}

func TestValidateStripsEscapeSequencesFromOutput(t *testing.T) {
	hostile := strings.Replace(overlapping, "name: t\n", "name: \"t\\e]52;c;aGk=\\a\\e[2J\\u202e\"\n", 1)
	bad := writeFile(t, "bad.yaml", hostile)
	for _, format := range []string{"text", "json"} {
		_, out, stderr := run(t, "validate", "--format", format, bad)
		for _, b := range []string{"\x1b", "\x07", "\u202e", `\u001b`, `\u0007`} {
			if strings.Contains(out+stderr, b) {
				t.Errorf("%s output carries %q:\n%s", format, b, out)
			}
		}
		if !strings.Contains(out, "52;c;aGk=") {
			t.Errorf("%s: the visible part of the name is gone:\n%s", format, out)
		}
	}
}

func TestFmt(t *testing.T) {
	src, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "ref.yaml", string(src))
	code, out, _ := run(t, "fmt", path)
	if code != 0 || !strings.Contains(out, "{az: us-east-1a, cidr: 10.0.16.0/20}") {
		t.Fatalf("exit %d, output lacks carved subnets:\n%s", code, out)
	}
	if _, listed, _ := run(t, "fmt", "-l", path); strings.TrimSpace(listed) != path {
		t.Errorf("-l printed %q", listed)
	}
	if code, _, _ := run(t, "fmt", "-w", path); code != 0 {
		t.Fatal("fmt -w failed")
	}
	written, _ := os.ReadFile(path)
	if string(written) != out {
		t.Error("fmt -w wrote something other than fmt printed")
	}
	if _, listed, _ := run(t, "fmt", "-l", path); listed != "" {
		t.Errorf("formatted file still listed: %q", listed)
	}
	broken := writeFile(t, "broken.yaml", "version: 1\nvpcs: [\n")
	if code, _, stderr := run(t, "fmt", "-w", broken); code != ExitUsage || !strings.Contains(stderr, "broken.yaml:2:7") {
		t.Errorf("broken file: exit %d, stderr %s", code, stderr)
	}
	if got, _ := os.ReadFile(broken); string(got) != "version: 1\nvpcs: [\n" {
		t.Error("fmt -w touched a file it could not parse")
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := run(t, args...)
		if code != 0 || !strings.Contains(out, "vpcsmith") || !strings.Contains(out, Version) {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}

func TestValidateRefusesBadFilesWithExit2(t *testing.T) {
	bomb := "version: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	cases := map[string]struct{ content, want string }{
		"malformed.yaml": {"version: 1\nvpcs: [\n", "malformed.yaml:2:7: error: invalid YAML"},
		"unknown.yaml":   {"version: 1\nvpcs:\n  - name: a\n    cidrr: 10.0.0.0/16\n", `unknown.yaml:4:5: error: unknown key "cidrr" in a VPC; did you mean "cidr"?`},
		"bomb.yaml":      {bomb, "bomb.yaml:2:4: error: YAML anchors and aliases"},
		"big.yaml":       {"version: 1\ndescription: " + strings.Repeat("x", 5<<20) + "\n", "big.yaml: error: file is 5.0 MiB, over the 4 MiB limit"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, name, tc.content)
			start := time.Now()
			code, out, _ := run(t, "validate", path)
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("took %v", elapsed)
			}
			if code != ExitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(out, filepath.Dir(path)+"/"+tc.want) {
				t.Errorf("output %q lacks %q", out, tc.want)
			}
		})
	}
}
