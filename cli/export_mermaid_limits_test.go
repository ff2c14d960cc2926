package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

// tooLargeForMermaid is a valid design that no Mermaid diagram can hold,
// not even an overview of one node per VPC: 600 VPCs on one transit
// gateway are 600 edges, over Mermaid's 500. (Its security view is one
// small diagram per VPC, which fits.)
func tooLargeForMermaid() string {
	var b strings.Builder
	b.WriteString("version: 1\nname: big\nregion: us-east-1\nvpcs:\n")
	names := make([]string, 600)
	for i := range names {
		names[i] = fmt.Sprintf("vpc-%03d", i)
		fmt.Fprintf(&b, "  - {name: %s, cidr: 10.%d.%d.0/24, azs: 1, nat: none, tiers: [{name: app, kind: private, prefix: 26}],\n"+
			"     security_groups: [{name: app, tier: app, ingress: [{from: \"vpc:vpc-%03d\", ports: 443}]}]}\n",
			names[i], i/256, i%256, (i+1)%600)
	}
	fmt.Fprintf(&b, "connections:\n  - {name: hub, kind: transit-gateway, vpcs: [%s]}\n", strings.Join(names, ", "))
	return b.String()
}

// TestExportMermaidTooLargeExitCode (issue 19): a valid design too large
// to draw exits 1, as a CloudFormation quota does, not 2, which the README
// keeps for files that do not load; stderr says why and what to do, and
// nothing reaches stdout. validate passes the same file, so the 1 is not
// for findings of the design itself.
func TestExportMermaidTooLargeExitCode(t *testing.T) {
	path := mermaidFile(t, "big.yaml", tooLargeForMermaid())
	if code, _, stderr := mermaidRun(t, "validate", path); code != ExitOK {
		t.Fatalf("the design should be valid: validate exits %d: %s", code, stderr)
	}
	for _, view := range []mermaid.View{mermaid.ViewNetwork} {
		code, out, stderr := mermaidRun(t, "export", "mermaid", "--view", string(view), path)
		if code != ExitFindings || out != "" {
			t.Errorf("%s view: exit %d, %d bytes on stdout; want exit %d and nothing", view, code, len(out), ExitFindings)
		}
		if !strings.Contains(stderr, "too large for Mermaid") || !strings.Contains(stderr, "split the design") {
			t.Errorf("%s view: stderr %q should say the diagram is too large and what to do", view, stderr)
		}
	}
}
