package testtools

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// SARIFDir is tools/sarif: the SARIF 2.1.0 JSON schema (shipped in the npm
// package @microsoft/jest-sarif) and validate.mjs, which checks a log
// against it with ajv.
func SARIFDir() string {
	root, err := RepoRoot()
	if err != nil {
		return ""
	}
	return filepath.Join(root, "tools", "sarif")
}

// SARIFValidate checks log against the SARIF 2.1.0 schema and returns the
// schema's complaints ("" when the log is valid). Without node or the
// installed package it skips, or fails under CI=true (see Require).
func SARIFValidate(t testing.TB, log []byte) string {
	t.Helper()
	dir := SARIFDir()
	if _, err := exec.LookPath("node"); err != nil {
		unavailable(t, "node (for the SARIF schema)", err)
	}
	for _, p := range []string{"validate.mjs", "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json", "node_modules/ajv/package.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			unavailable(t, "tools/sarif", fmt.Errorf("not installed: %w", err))
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "validate.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(log)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	if err == nil {
		return ""
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 && stderr.Len() == 0 {
		return out.String()
	}
	t.Fatalf("testtools: validate.mjs: %v\n%s%s", err, out.String(), stderr.String())
	return ""
}
