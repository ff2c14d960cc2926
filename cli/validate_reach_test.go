package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validate runs the checks built on the reachability engine: a group in a
// private tier admitting the internet is reported (the NAT gateway carries
// only outbound connections); the same rule on the public tier's group is not.
func TestValidateReportsUnreachableRule(t *testing.T) {
	src, err := os.ReadFile("../templates/designs/three-tier.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.yaml")
	if err := os.WriteFile(clean, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := run(t, "validate", "--format", "json", clean); strings.Contains(out, "sg-rule-unreachable") {
		t.Fatalf("the template reports an unreachable rule:\n%s", out)
	}
	bad := strings.Replace(string(src), "{from: sg:alb, ports: 8080", "{from: internet, ports: 8080", 1)
	if bad == string(src) {
		t.Fatal("the template no longer has the app rule this test edits")
	}
	file := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, out, _ := run(t, "validate", file)
	if !strings.Contains(out, "[sg-rule-unreachable]") || !strings.Contains(out, "NAT_OUTBOUND_ONLY") {
		t.Errorf("want sg-rule-unreachable with NAT_OUTBOUND_ONLY:\n%s", out)
	}
}
