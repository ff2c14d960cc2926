package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// workflowStep is a GitHub Actions step, as much of it as the test reads.
type workflowStep struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

var fence = regexp.MustCompile("(?ms)^```(yaml|sh)\n(.*?)^```$")

// ciDoc returns docs/ci.md's workflow (its first yaml block) and the sh
// blocks after it.
func ciDoc(t *testing.T) ([]workflowStep, []string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	var workflow string
	var shell []string
	for _, m := range fence.FindAllStringSubmatch(string(src), -1) {
		switch {
		case m[1] == "yaml" && workflow == "":
			workflow = m[2]
		case m[1] == "sh":
			shell = append(shell, m[2])
		}
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []workflowStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(workflow), &wf); err != nil {
		t.Fatalf("docs/ci.md's workflow: %v", err)
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("docs/ci.md's workflow has %d jobs, want one", len(wf.Jobs))
	}
	for _, j := range wf.Jobs {
		return j.Steps, shell
	}
	return nil, nil
}

// buildVpcsmith builds the binary into a directory for PATH.
func buildVpcsmith(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "vpcsmith"), "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// prRepo makes a git repository whose main branch (also as origin/main,
// as a fetch-depth 0 checkout has it) holds base as net.yaml and whose
// HEAD, a commit on top, holds head.
func prRepo(t *testing.T, env []string, base, head []byte) string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(b []byte) {
		if err := os.WriteFile(filepath.Join(dir, "net.yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write(base)
	git("add", "net.yaml")
	git("commit", "-q", "-m", "base")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	write(head)
	git("commit", "-q", "-am", "pull request")
	return dir
}

// stepEnv resolves a step's env: the only expression the workflow uses is
// the pull request's base branch.
func stepEnv(t *testing.T, s workflowStep) []string {
	t.Helper()
	var out []string
	for k, v := range s.Env {
		switch v {
		case "${{ github.base_ref }}":
			v = "main"
		default:
			if strings.Contains(v, "${{") {
				t.Fatalf("step %q: env %s=%s: the test knows no value for it", s.Name, k, v)
			}
		}
		out = append(out, k+"="+v)
	}
	return out
}

// runBash runs a script as Actions runs a bash step, returning its exit
// status and output.
func runBash(t *testing.T, dir string, env []string, script string) (int, string) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("bash: %v", err)
	return 0, ""
}

// TestCIWorkflowRuns runs docs/ci.md's workflow, step by step, on a pull
// request that changes the NAT mode (a clean design: every step passes,
// the comment carries the cost delta) and on one that adds an overlap (the
// SARIF step passes with the finding in it, the last step fails), then the
// page's git commands.
func TestCIWorkflowRuns(t *testing.T) {
	steps, shell := ciDoc(t)
	bin := buildVpcsmith(t)
	home := t.TempDir()
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1")
	base, err := templates.Source("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	natPerAZ := bytes.Replace(base, []byte("nat: single"), []byte("nat: per-az"), 1)
	overlap := bytes.Replace(base, []byte("cidr: 10.0.11.0/24"), []byte("cidr: 10.0.10.0/24"), 1)
	if bytes.Equal(natPerAZ, base) || bytes.Equal(overlap, base) {
		t.Fatal("the three-tier template changed: the edits match nothing")
	}

	cases := []struct {
		name     string
		head     []byte
		failLast bool // the design has errors: only the last step fails
	}{
		{"NAT per AZ", natPerAZ, false},
		{"an overlap", overlap, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := prRepo(t, env, base, tc.head)
			installed := false
			for i, s := range steps {
				switch {
				case s.ID == "install":
					// The built binary is on PATH instead; the step must
					// install this module.
					if !strings.Contains(s.Run, "go install github.com/vpcsmith/vpcsmith@") {
						t.Errorf("install step %q: want go install of github.com/vpcsmith/vpcsmith", s.Run)
					}
					installed = true
				case s.Run != "":
					code, out := runBash(t, dir, append(env, stepEnv(t, s)...), s.Run)
					want := 0
					if tc.failLast && i == len(steps)-1 {
						want = 1
					}
					if code != want {
						t.Errorf("step %q exited %d, want %d:\n%s", s.Name, code, want, out)
					}
				case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
					log, err := os.ReadFile(filepath.Join(dir, s.With["sarif_file"].(string)))
					if err != nil {
						t.Fatalf("upload-sarif reads %v: %v", s.With["sarif_file"], err)
					}
					if errs := testtools.SARIFValidate(t, log); errs != "" {
						t.Errorf("the uploaded SARIF does not validate: %s", errs)
					}
					if got := bytes.Contains(log, []byte(`"ruleId": "subnet-overlap"`)); got != tc.failLast {
						t.Errorf("SARIF has the overlap: %v, want %v", got, tc.failLast)
					}
				case strings.HasPrefix(s.Uses, "marocchino/sticky-pull-request-comment@"):
					body, err := os.ReadFile(filepath.Join(dir, s.With["path"].(string)))
					if err != nil {
						t.Fatalf("the comment reads %v: %v", s.With["path"], err)
					}
					for _, want := range []string{"### vpcsmith diff: base.yaml → net.yaml", "| Monthly cost |", "vpcs/production"} {
						if !bytes.Contains(body, []byte(want)) {
							t.Errorf("the comment lacks %q:\n%s", want, body)
						}
					}
					if !tc.failLast && !regexp.MustCompile(`\| Monthly cost \| .* \(\*\*\+`).Match(body) {
						t.Errorf("the comment has no positive cost delta for a second NAT gateway:\n%s", body)
					}
				}
			}
			if !installed {
				t.Error("the workflow has no step with id install")
			}
		})
	}

	// The page's git commands, in a repository whose last commit changed
	// the NAT mode.
	if len(shell) < 3 {
		t.Fatalf("docs/ci.md has %d sh blocks, want the process substitution and the two difftool ways", len(shell))
	}
	dir := prRepo(t, env, base, natPerAZ)
	for _, script := range shell {
		code, out := runBash(t, dir, env, script)
		want := 0
		if !strings.Contains(script, "difftool") {
			want = 1 // vpcsmith diff's own status: changes
		}
		if code != want || !strings.Contains(out, "→") || !strings.Contains(out, "~ vpcs/production") {
			t.Errorf("%s\nexited %d (want %d), output:\n%s", script, code, want, out)
		}
	}
}
