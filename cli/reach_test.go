package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// threeTierFile writes the three-tier template to a temporary file.
func threeTierFile(t *testing.T) string {
	t.Helper()
	src, err := templates.Source("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "three-tier.yaml", string(src))
}

func TestReachTextAndExitCodes(t *testing.T) {
	f := threeTierFile(t)
	code, out, errs := run(t, "reach", f, "--from", "internet", "--to", "production/workload:web", "--port", "443")
	if code != ExitOK || !strings.HasPrefix(out, "reachable: internet → production/workload:web on tcp 443\n") || !strings.Contains(out, "internet gateway of production") || errs != "" {
		t.Errorf("reachable: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "reach", f, "--from", "internet", "--to", "production/sg:app", "--port", "8080")
	if code != ExitFindings || !strings.Contains(out, "not reachable") || !strings.Contains(out, "[NAT_OUTBOUND_ONLY]") || !strings.Contains(out, "to open it: ") {
		t.Errorf("blocked: exit %d\n%s", code, out)
	}
}

func TestReachJSON(t *testing.T) {
	f := threeTierFile(t)
	code, out, _ := run(t, "reach", f, "--from", "production/sg:app", "--to", "production/sg:db", "--port", "5432", "--format", "json")
	var got struct {
		Reachable bool                  `json:"reachable"`
		Paths     [][]map[string]string `json:"paths"`
		BlockedBy *map[string]string    `json:"blocked_by"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitOK || !got.Reachable || len(got.Paths) != 4 || got.BlockedBy != nil {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if got.Paths[0][0]["component"] != "security group app (egress)" || got.Paths[0][0]["detail"] == "" {
		t.Errorf("first hop %v", got.Paths[0][0])
	}
	code, out, _ = run(t, "reach", f, "--from", "production/sg:alb", "--to", "production/sg:db", "--port", "5432", "--format", "json")
	var blocked struct {
		Reachable bool              `json:"reachable"`
		BlockedBy map[string]string `json:"blocked_by"`
	}
	if err := json.Unmarshal([]byte(out), &blocked); err != nil || code != ExitFindings || blocked.Reachable || blocked.BlockedBy["code"] != "ENI_SG_RULES_MISMATCH" || blocked.BlockedBy["component"] == "" || blocked.BlockedBy["message"] == "" {
		t.Errorf("exit %d, %v: %s", code, err, out)
	}
}

func TestReachWhoAndExposure(t *testing.T) {
	f := threeTierFile(t)
	code, out, _ := run(t, "reach", f, "--to", "production/sg:db", "--format", "json")
	if code != ExitOK || strings.Join(strings.Fields(out), " ") != `{ "sources": [ { "from": "production/sg:app", "ports": "5432" } ] }` {
		t.Errorf("who: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "reach", f, "--exposure")
	testtools.Golden(t, "testdata/reach/exposure-three-tier.txt", []byte(out))
	if code != ExitFindings {
		t.Errorf("exposure: exit %d, want 1 (something is exposed)", code)
	}
	code, out, _ = run(t, "reach", f, "--exposure", "--format", "json")
	var exp struct {
		Exposed []map[string]string `json:"exposed"`
	}
	if err := json.Unmarshal([]byte(out), &exp); err != nil || code != ExitFindings || len(exp.Exposed) != 2 || exp.Exposed[0]["target"] != "production/sg:alb" || exp.Exposed[0]["from"] != "internet" || exp.Exposed[0]["ports"] != "443" {
		t.Errorf("exposure json: exit %d %v\n%s", code, err, out)
	}
	closed := writeFile(t, "closed.yaml", `version: 1
region: us-east-1
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 1, tiers: [{name: data, kind: isolated, prefix: 24}], security_groups: [{name: db, tier: data, ingress: [{from: tier:data, ports: 5432}]}]}
`)
	if code, out, _ := run(t, "reach", closed, "--exposure"); code != ExitOK || out != "0 exposed:\n" {
		t.Errorf("nothing exposed: exit %d\n%s", code, out)
	}
}

func TestReachBadInput(t *testing.T) {
	f := threeTierFile(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "productoin/sg:ap", "--to", "internet"}, `did you mean "production/sg:app"?`},
		{[]string{"--from", "internet", "--to", "production/workload:webb"}, `did you mean "production/workload:web"?`},
		{[]string{"--from", "internet"}, "needs --to"},
		{[]string{"--exposure", "--to", "internet"}, "--exposure takes no"},
		{[]string{"--to", "internet", "--port", "http"}, "is not a port"},
		{[]string{"--to", "internet", "--protocol", "sctp"}, "unknown --protocol"},
		{[]string{"--to", "internet", "--format", "xml"}, "unknown --format"},
	} {
		code, _, errs := run(t, append([]string{"reach", f}, c.args...)...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, errs, c.want)
		}
	}
	if code, _, _ := run(t, "reach", writeFile(t, "bad.yaml", "version: 1\nvpcs: [\n"), "--exposure"); code != ExitUsage {
		t.Errorf("a file that does not load: exit %d, want 2", code)
	}
}
