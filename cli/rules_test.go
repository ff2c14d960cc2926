package cli

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

const (
	securityClean    = "../design/testdata/security/clean.yaml"
	securityWarnings = "../design/testdata/security/warnings.yaml"
)

// `validate --rules` prints one line per code of design.Rules(), with its
// severities and source, under a header.
func TestValidateRulesText(t *testing.T) {
	code, out, _ := run(t, "validate", "--rules")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if got := strings.Fields(lines[0]); !slices.Equal(got, []string{"CODE", "SEVERITY", "SOURCE", "SUMMARY"}) {
		t.Errorf("header %q", lines[0])
	}
	rules := design.Rules()
	if len(lines) != len(rules)+1 {
		t.Fatalf("%d lines for %d rules:\n%s", len(lines), len(rules), out)
	}
	for i, r := range rules {
		line := lines[i+1]
		fields := strings.Fields(line)
		sevs := make([]string, len(r.Severities))
		for j, s := range r.Severities {
			sevs[j] = s.String()
		}
		if fields[0] != r.Code || fields[1] != strings.Join(sevs, "/") || !strings.Contains(line, r.Source) || !strings.HasSuffix(line, r.Summary) {
			t.Errorf("line %q does not list %+v", line, r)
		}
	}
	for _, want := range []string{"cfn-nag-w2  ", "cfn-nag W2  ", "securityhub-ec2-19  ", "Security Hub EC2.19  ", "error/warning"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// ruleJSON is one rule of `validate --rules --format json`, as a script
// reads it.
type ruleJSON struct {
	Code         string   `json:"code"`
	Severities   []string `json:"severities"`
	Source       string   `json:"source"`
	Ref          string   `json:"ref"`
	SecurityLint bool     `json:"security_lint"`
	Summary      string   `json:"summary"`
}

type rulesJSON struct {
	Rules []ruleJSON `json:"rules"`
}

func TestValidateRulesJSON(t *testing.T) {
	code, out, _ := run(t, "validate", "--rules", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var doc rulesJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	rules := design.Rules()
	if len(doc.Rules) != len(rules) {
		t.Fatalf("%d rules, want %d", len(doc.Rules), len(rules))
	}
	sources := map[string]bool{}
	for i, got := range doc.Rules {
		r := rules[i]
		if got.Code != r.Code || got.Source != r.Source || got.Ref != r.Ref || got.Summary != r.Summary ||
			got.SecurityLint != r.IsSecurityLint() || len(got.Severities) != len(r.Severities) || got.Severities[0] != r.Severities[0].String() {
			t.Errorf("rule %d: %+v, want %+v", i, got, r)
		}
		sources[got.Source] = true
	}
	if len(sources) != 3 {
		t.Errorf("sources %v, want vpcsmith, cfn-nag and Security Hub", sources)
	}
	// The code the CLI reports unreadable files under is listed too.
	if !slices.ContainsFunc(doc.Rules, func(r ruleJSON) bool { return r.Code == loadErrorCode }) {
		t.Errorf("%s is not listed", loadErrorCode)
	}
}

// --rules with --security lists the lint's rules only.
func TestValidateRulesSecurityOnly(t *testing.T) {
	_, out, _ := run(t, "validate", "--rules", "--security", "--format", "json")
	var doc rulesJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range design.Rules() {
		if r.IsSecurityLint() {
			want++
		}
	}
	if len(doc.Rules) != want || want < 17 {
		t.Errorf("%d rules, want the %d of the lint", len(doc.Rules), want)
	}
	for _, r := range doc.Rules {
		if !r.SecurityLint || r.Ref == "" {
			t.Errorf("not a lint rule: %+v", r)
		}
	}
}

func TestValidateRulesUsage(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "--rules", securityClean},
		{"validate", "--rules", "--format", "xml"},
		{"validate", "--security"},
	} {
		if code, _, stderr := run(t, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

// Without --security, validate reports no lint code; with it, the lint's
// findings come with the others, and its errors set the exit status.
func TestValidateSecurity(t *testing.T) {
	lintCodes := map[string]bool{}
	for _, r := range design.Rules() {
		lintCodes[r.Code] = r.IsSecurityLint()
	}
	codes := func(args ...string) (int, []string) {
		t.Helper()
		code, out, _ := run(t, append([]string{"validate", "--format", "json"}, args...)...)
		var doc struct {
			Findings []struct {
				Code     string `json:"code"`
				Severity string `json:"severity"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: not JSON: %v\n%s", args, err, out)
		}
		var lint []string
		for _, f := range doc.Findings {
			if lintCodes[f.Code] {
				lint = append(lint, f.Severity+" "+f.Code)
			}
		}
		return code, lint
	}
	if code, lint := codes(securityWarnings); code != ExitOK || len(lint) != 0 {
		t.Errorf("without --security: exit %d, lint findings %v", code, lint)
	}
	code, lint := codes("--security", securityWarnings)
	if code != ExitOK || !slices.Contains(lint, "warning cfn-nag-f1000") || !slices.Contains(lint, "info cfn-nag-w9") || !slices.Contains(lint, "warning securityhub-ec2-15") {
		t.Errorf("--security on warnings: exit %d, lint findings %v", code, lint)
	}
	if code, lint := codes("--security", securityClean); code != ExitOK || len(lint) != 0 {
		t.Errorf("--security on the clean design: exit %d, %v", code, lint)
	}
	src, err := os.ReadFile(securityClean)
	if err != nil {
		t.Fatal(err)
	}
	ssh := writeFile(t, "ssh.yaml", strings.Replace(string(src), "from: 10.0.0.10/32, ports: 22", "from: internet, ports: 22", 1))
	code, lint = codes("--security", ssh)
	if code != ExitFindings || !slices.Contains(lint, "error securityhub-ec2-13") || !slices.Contains(lint, "error securityhub-ec2-19") {
		t.Errorf("--security with SSH open to the world: exit %d, %v", code, lint)
	}
	// Text output carries the code in brackets, like every finding.
	_, out, stderr := run(t, "validate", "--security", ssh)
	if !strings.Contains(out, "lets the whole internet reach SSH (tcp 22; Security Hub EC2.13)") || !strings.Contains(out, "[securityhub-ec2-13]") {
		t.Errorf("text output:\n%s", out)
	}
	if !strings.Contains(stderr, "errors, ") {
		t.Errorf("summary: %s", stderr)
	}
}
