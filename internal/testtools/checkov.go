package testtools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// ToolCheckov is checkov, the infrastructure-as-code policy scanner, from
// its own venv (.tools/checkov-venv): it pins boto3 and botocore 1.35,
// which would downgrade the ones moto runs on in .tools/venv.
const ToolCheckov = "checkov"

// CheckovFailure is one failed check of `checkov -o json`.
type CheckovFailure struct {
	CheckID  string `json:"check_id"`   // e.g. "CKV_AWS_158"
	Name     string `json:"check_name"` // what the check asks
	Resource string `json:"resource"`   // "AWS::Logs::LogGroup.ProdFlowLogGroup"
	File     string `json:"file_path"`  // relative to the scanned directory, with a leading /
}

// lookupCheckov finds checkov in $VPCSMITH_TOOLS_DIR/checkov-venv/bin,
// then in <repo root>/.tools/checkov-venv/bin, then on PATH.
func lookupCheckov() (string, error) {
	var dirs []string
	if d := os.Getenv(EnvToolsDir); d != "" {
		dirs = append(dirs, filepath.Join(d, "checkov-venv", "bin"))
	}
	if root, err := RepoRoot(); err == nil {
		dirs = append(dirs, filepath.Join(root, ".tools", "checkov-venv", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, ToolCheckov)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return exec.LookPath(ToolCheckov)
}

// Checkov scans every CloudFormation template in dir, offline
// (--skip-download: no policy or guideline download, no upload), and
// returns the failed checks. It fails the test when checkov cannot run,
// reports a parsing error, or scans no resource at all; without checkov
// it skips, or fails under CI=true.
func Checkov(t testing.TB, dir string) []CheckovFailure {
	t.Helper()
	bin, err := lookupCheckov()
	if err != nil {
		unavailable(t, ToolCheckov, err)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-d", dir, "--framework", "cloudformation", "--skip-download", "-o", "json", "--quiet")
	// No telemetry or version check either: the scan must not need the
	// network.
	cmd.Env = append(os.Environ(), "CHECKOV_RUN_SCA_PACKAGE_SCAN=false", "BC_SKIP_MAPPING=TRUE", "CHECKOV_SKIP_VERSION_CHECK=true")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	// Exit status 1 means "some check failed", which is the result, not
	// an error.
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		t.Fatalf("testtools: checkov %s: %v\nstderr:\n%s", dir, err, stderr.String())
	}
	var report struct {
		Summary struct {
			Failed        int `json:"failed"`
			ParsingErrors int `json:"parsing_errors"`
			ResourceCount int `json:"resource_count"`
		} `json:"summary"`
		Results struct {
			Failed []CheckovFailure `json:"failed_checks"`
		} `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("testtools: checkov %s: output is not one JSON report: %v\n%s", dir, err, firstBytes(stdout.Bytes(), 2000))
	}
	if report.Summary.ParsingErrors > 0 || report.Summary.ResourceCount == 0 {
		t.Fatalf("testtools: checkov %s: %d parsing errors, %d resources scanned", dir, report.Summary.ParsingErrors, report.Summary.ResourceCount)
	}
	if report.Summary.Failed != len(report.Results.Failed) {
		t.Fatalf("testtools: checkov %s: summary counts %d failures, the report lists %d", dir, report.Summary.Failed, len(report.Results.Failed))
	}
	return report.Results.Failed
}

func firstBytes(b []byte, n int) string {
	if len(b) > n {
		return fmt.Sprintf("%s… (%d bytes)", b[:n], len(b))
	}
	return string(b)
}
