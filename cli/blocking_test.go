package cli

import (
	"strings"
	"testing"
)

// openALB is a network as published samples ship it: the load balancer's
// group open to the internet on every port, an error for `validate` that
// AWS would nonetheless build.
const openALB = `version: 1
name: sample
region: us-east-1
vpcs:
  - name: app
    cidr: 10.0.0.0/16
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: private, kind: private, prefix: 24}
    security_groups:
      - name: alb
        tier: public
        ingress:
          - {from: internet, ports: all}
    workloads:
      - {name: web, kind: alb, tier: public, security_group: alb}
`

// Security findings fail validate but never block export or cost; errors
// that make a template undeployable block export, and cost still prices
// whatever loads.
func TestOnlyUndeployableFindingsBlockExport(t *testing.T) {
	open := cfnFile(t, openALB)
	if code, _, _ := run(t, "validate", open); code != ExitFindings {
		t.Fatalf("validate of a world-open group: exit %d, want %d", code, ExitFindings)
	}
	code, out, stderr := cfnRun(t, open)
	if code != ExitOK || !strings.Contains(out, "AWS::EC2::SecurityGroup") {
		t.Fatalf("export cloudformation of a world-open group: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "sg-world-open") {
		t.Errorf("the security error should still be printed on stderr, got %q", stderr)
	}
	if code, _, stderr := mermaidRun(t, "export", "mermaid", open); code != ExitOK {
		t.Errorf("export mermaid of a world-open group: exit %d, stderr %q", code, stderr)
	}
	if code, out, stderr := run(t, "cost", open); code != ExitOK || !strings.Contains(out, "NAT") {
		t.Errorf("cost of a world-open group: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	overlap := cfnFile(t, strings.Replace(openALB, "      - {name: private, kind: private, prefix: 24}", "      - {name: private, kind: private, prefix: 24}\n      - name: data\n        kind: isolated\n        subnets: [{az: us-east-1a, cidr: 10.0.200.0/24}, {az: us-east-1b, cidr: 10.0.200.128/25}]", 1))
	code, out, stderr = cfnRun(t, overlap)
	if code != ExitFindings || out != "" || !strings.Contains(stderr, "subnet-overlap") || !strings.Contains(stderr, "undeployable") {
		t.Errorf("export of overlapping subnets: exit %d, stdout %d bytes, stderr %q", code, len(out), stderr)
	}
	code, out, stderr = run(t, "cost", overlap)
	if code != ExitOK || !strings.Contains(out, "NAT") || !strings.Contains(stderr, "subnet-overlap") {
		t.Errorf("cost never refuses a design that loads: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
