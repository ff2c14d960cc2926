package cli

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/templates"
)

// TestReachIPv6 runs the command on the dual-stack template: an IPv6
// address is a source and a destination, the app tier reaches the IPv6
// internet through the egress-only gateway, and the internet cannot open
// a connection back through it (exit 1, the code named).
func TestReachIPv6(t *testing.T) {
	src, err := templates.Source("dual-stack")
	if err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, "dual-stack.yaml", string(src))
	code, out, errs := run(t, "reach", f, "--from", "production/app", "--to", "2606:4700::1111", "--port", "443")
	if code != ExitOK || !strings.Contains(out, "egress-only internet gateway of production") || errs != "" {
		t.Errorf("app → an IPv6 internet address: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "reach", f, "--from", "internet", "--to", "production/workload:web", "--port", "443")
	if code != ExitOK || !strings.Contains(out, "to 2001:db8:8000::4, a global IPv6 address of an interface in production/public/us-east-1a") {
		t.Errorf("internet → web over IPv6 (the Amazon block's stand-in): exit %d\n%s", code, out)
	}
	if _, out, _ = run(t, "reach", f, "--to", "production/sg:app"); !strings.HasPrefix(out, "1 source reaches production/sg:app:\n") {
		t.Errorf("who reaches app: %s", out)
	}
	code, out, _ = run(t, "reach", f, "--from", "2606:4700::1111", "--to", "production/app", "--port", "443")
	if code != ExitFindings || !strings.Contains(out, "[EGRESS_ONLY_OUTBOUND]") {
		t.Errorf("an IPv6 internet address → app: exit %d\n%s", code, out)
	}
}
