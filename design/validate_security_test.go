package design

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// securityBase passes the security lint with no finding at all, so that
// each case below shows that its one change triggers its code.
const securityBase = "testdata/security/clean.yaml"

func secLoad(t testing.TB, path string) *Design {
	t.Helper()
	d, err := Load(path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return d
}

// The groups of securityBase's one VPC.
func secALB(d *Design) *SecurityGroup { return &d.VPCs[0].SecurityGroups[0] }
func secApp(d *Design) *SecurityGroup { return &d.VPCs[0].SecurityGroups[1] }
func secDB(d *Design) *SecurityGroup  { return &d.VPCs[0].SecurityGroups[2] }

// secRenameDB renames securityBase's db group and every reference to it.
func secRenameDB(d *Design, name string) {
	secDB(d).Name = name
	secApp(d).Egress[0].To = "sg:" + name
	d.VPCs[0].Workloads[2].SecurityGroup = name
}

// securityCases: for each code of the security lint, a change to
// securityBase that must trigger it (with the severity and a fragment of
// the message) and a nearby change that must not.
var securityCases = []codeCase{
	{"cfn-nag-w2", Warning, "security group app lets the whole internet in on tcp 8080 but fronts no load balancer",
		func(d *Design) { secApp(d).Ingress[0].From = "internet" },
		func(d *Design) { // a second world rule on the load balancer's group
			secALB(d).Ingress = append(secALB(d).Ingress, Rule{From: "internet", Ports: "80", Description: "HTTP"})
		}},
	{"cfn-nag-w2", Warning, "security group alb lets the whole internet in on tcp 443",
		func(d *Design) { // an instance shares the load balancer's group
			d.VPCs[0].Workloads = append(d.VPCs[0].Workloads, Workload{Name: "box", Kind: "ec2", Tier: "public", SecurityGroup: "alb"})
		},
		func(d *Design) {
			d.VPCs[0].Workloads = append(d.VPCs[0].Workloads, Workload{Name: "edge", Kind: "nlb", Tier: "public", SecurityGroup: "alb"})
		}},
	{"cfn-nag-w5", Info, "sends tcp 443 to the whole internet",
		func(d *Design) { secApp(d).Egress[1].To = "internet" },
		func(d *Design) { secApp(d).Egress[1].To = "52.94.0.10/32" }},
	{"cfn-nag-w5", Info, "to the whole internet",
		func(d *Design) { secApp(d).Egress[1].To = "0.0.0.0/0" }, nil},
	{"cfn-nag-w9", Info, "takes ingress from 10.0.0.0/24, a range of addresses",
		func(d *Design) { secApp(d).Ingress[1].From = "10.0.0.0/24" },
		func(d *Design) { secApp(d).Ingress[1].From = "10.0.0.11/32" }},
	{"cfn-nag-w9", Info, "takes ingress from tier:public",
		func(d *Design) { secApp(d).Ingress[1].From = "tier:public" },
		func(d *Design) { secApp(d).Ingress[1].From = "sg:alb" }},
	{"cfn-nag-w9", Info, "takes ingress from network:corp",
		func(d *Design) {
			d.Networks = []Network{{Name: "corp", CIDR: "172.16.0.0/12"}}
			secApp(d).Ingress[1].From = "network:corp"
		},
		func(d *Design) { // a network of one host
			d.Networks = []Network{{Name: "corp", CIDR: "172.16.0.1/32"}}
			secApp(d).Ingress[1].From = "network:corp"
		}},
	{"cfn-nag-w27", Warning, "opens a port range (tcp 22-23) to 10.0.0.10/32",
		func(d *Design) { secApp(d).Ingress[1].Ports = "22-23" },
		func(d *Design) { secApp(d).Ingress[1].Ports = "23-23" }},
	{"cfn-nag-w27", Warning, "port range (udp all)",
		func(d *Design) { secApp(d).Ingress[1].Ports = "all"; secApp(d).Ingress[1].Protocol = "udp" },
		func(d *Design) { // icmp ports are an ICMP type, not a port range
			secApp(d).Ingress[1].Ports = "all"
			secApp(d).Ingress[1].Protocol = "icmp"
		}},
	{"cfn-nag-w29", Info, "egress to a port range (tcp 5432-5433) towards sg:db",
		func(d *Design) { secApp(d).Egress[0].Ports = "5432-5433" },
		func(d *Design) { secApp(d).Egress[0].Ports = "5433" }},
	{"cfn-nag-w36", Warning, "an ingress rule of security group db (from sg:app, tcp 5432) has no description",
		func(d *Design) { secDB(d).Ingress[0].Description = "" },
		func(d *Design) { secDB(d).Ingress[0].Description = "x" }},
	{"cfn-nag-w36", Warning, "an egress rule of security group app (to 10.0.0.0/16, tcp 443) has no description",
		func(d *Design) { secApp(d).Egress[1].Description = " \t" }, nil},
	{"cfn-nag-w36", Warning, "the description of an ingress rule of security group db has no character AWS accepts",
		func(d *Design) { secDB(d).Ingress[0].Description = "→ ✓" },
		func(d *Design) { secDB(d).Ingress[0].Description = "→ db" }},
	{"cfn-nag-w40", Info, "sends every protocol and port to 10.0.0.0/16",
		func(d *Design) { secApp(d).Egress[1].Protocol = "all" },
		func(d *Design) { // loopback: how the export says "no egress"
			secApp(d).Egress[1] = Rule{To: "127.0.0.1/32", Protocol: "all", Description: "nothing leaves"}
		}},
	{"cfn-nag-w42", Warning, "takes every protocol and port from sg:alb",
		func(d *Design) { secApp(d).Ingress[0].Protocol = "all" },
		func(d *Design) { secApp(d).Ingress[0].Protocol = "udp" }},
	{"cfn-nag-w60", Warning, "VPC prod has no flow log",
		func(d *Design) { d.VPCs[0].FlowLogs = false }, nil},
	{"cfn-nag-f1000", Warning, "security group alb has no `egress`, so AWS allows all outbound traffic",
		func(d *Design) { secALB(d).Egress = nil },
		func(d *Design) { secALB(d).Egress = []Rule{} }},
	{"securityhub-ec2-2", Warning, "security group default of VPC prod is exported as an ordinary group",
		func(d *Design) { secRenameDB(d, "default") },
		func(d *Design) { secRenameDB(d, "default-db") }},
	{"securityhub-ec2-2", Warning, "security group Default of VPC prod",
		func(d *Design) { secRenameDB(d, "Default") }, nil},
	{"securityhub-ec2-6", Warning, "VPC prod has no flow log, so Security Hub EC2.6 fails",
		func(d *Design) { d.VPCs[0].FlowLogs = false }, nil},
	{"securityhub-ec2-13", Error, "lets the whole internet reach SSH (tcp 22",
		func(d *Design) { secApp(d).Ingress[1].From = "internet" },
		func(d *Design) { secApp(d).Ingress[1].From = "10.0.0.0/8" }},
	{"securityhub-ec2-13", Error, "reach SSH (all traffic",
		func(d *Design) {
			secApp(d).Ingress[0] = Rule{From: "0.0.0.0/0", Protocol: "all", Description: "anything"}
		},
		func(d *Design) { // ICMP has no ports
			secApp(d).Ingress[0] = Rule{From: "0.0.0.0/0", Protocol: "icmp", Ports: "all", Description: "ping"}
		}},
	{"securityhub-ec2-14", Error, "reach RDP (tcp 3389",
		func(d *Design) { secApp(d).Ingress[1] = Rule{From: "internet", Ports: "3389", Description: "RDP"} },
		func(d *Design) { secApp(d).Ingress[1] = Rule{From: "internet", Ports: "3390", Description: "not RDP"} }},
	{"securityhub-ec2-14", Error, "reach RDP (tcp 3000-4000",
		func(d *Design) {
			secApp(d).Ingress[1] = Rule{From: "internet", Ports: "3000-4000", Description: "a range"}
		}, nil},
	{"securityhub-ec2-15", Warning, "workload api (ecs) is in public tier public",
		func(d *Design) { d.VPCs[0].Workloads[1].Tier = "public" },
		func(d *Design) { // load balancers take no auto-assigned address
			d.VPCs[0].Workloads = append(d.VPCs[0].Workloads, Workload{Name: "edge", Kind: "nlb", Tier: "public", SecurityGroup: "alb"})
		}},
	{"securityhub-ec2-18", Warning, "reach tcp 8443, and Security Hub EC2.18 authorizes only TCP 80 and 443",
		func(d *Design) { secALB(d).Ingress[0].Ports = "8443" },
		func(d *Design) { secALB(d).Ingress[0].Ports = "80" }},
	{"securityhub-ec2-18", Warning, "reach udp 443",
		func(d *Design) { secALB(d).Ingress[0].Protocol = "udp" },
		func(d *Design) { secALB(d).Ingress[0].Ports = "443-443" }},
	{"securityhub-ec2-18", Warning, "reach tcp 80-443",
		func(d *Design) { secALB(d).Ingress[0].Ports = "80-443" }, nil},
	{"securityhub-ec2-19", Error, "high-risk ports 5432 (tcp 5432; Security Hub EC2.19)",
		func(d *Design) { secALB(d).Ingress[0].Ports = "5432" },
		func(d *Design) { secALB(d).Ingress[0].Ports = "5433" }},
	{"securityhub-ec2-19", Error, "high-risk ports 20, 21, 22, 23, 25, 110 and 18 more (tcp all",
		func(d *Design) { secALB(d).Ingress[0].Ports = "all" }, nil},
}

func TestSecurityBaseIsClean(t *testing.T) {
	for _, f := range ValidateSecurity(secLoad(t, securityBase)) {
		t.Errorf("unexpected finding: %v", f)
	}
}

func TestSecurityCodes(t *testing.T) {
	checkCodeCases(t, securityCases, func() *Design { return secLoad(t, securityBase) }, ValidateSecurity)
}

// The warnings fixture reports exactly the lint codes it says it does,
// with file positions, and no error: the CloudFormation tests export it.
func TestSecurityWarningsFixture(t *testing.T) {
	d := secLoad(t, "testdata/security/warnings.yaml")
	fs := ValidateSecurity(d)
	if HasErrors(fs) {
		t.Fatalf("the fixture has errors: %v", fs)
	}
	var codes []string
	for _, f := range fs {
		if !secIsLint(f.Code) {
			continue
		}
		if !f.Pos.IsValid() {
			t.Errorf("%s has no file position: %v", f.Code, f)
		}
		if !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	sort.Strings(codes)
	want := []string{"cfn-nag-f1000", "cfn-nag-w2", "cfn-nag-w27", "cfn-nag-w29", "cfn-nag-w36", "cfn-nag-w40", "cfn-nag-w42",
		"cfn-nag-w5", "cfn-nag-w60", "cfn-nag-w9", "securityhub-ec2-15", "securityhub-ec2-18", "securityhub-ec2-2", "securityhub-ec2-6"}
	if !slices.Equal(codes, want) {
		t.Errorf("lint codes %v, want %v", codes, want)
	}
}

// The lint only adds findings: Validate's are the same with or without it,
// and Validate reports no lint code.
func TestSecurityLintOnlyAdds(t *testing.T) {
	designs := map[string]*Design{
		"base":      mustParse(t, baseDesign),
		"reference": secLoad(t, "testdata/reference.yaml"),
		"warnings":  secLoad(t, "testdata/security/warnings.yaml"),
	}
	open := mustParse(t, baseDesign)
	open.VPCs[0].SecurityGroups[1].Ingress[1].From = "internet"
	designs["ssh-open"] = open
	for name, d := range designs {
		core := Validate(d)
		var kept []Finding
		for _, f := range ValidateSecurity(d) {
			if !secIsLint(f.Code) {
				kept = append(kept, f)
			}
		}
		if !slices.Equal(core, kept) {
			t.Errorf("%s: Validate gives %v,\nValidateSecurity without the lint %v", name, core, kept)
		}
		for _, f := range core {
			if secIsLint(f.Code) {
				t.Errorf("%s: Validate reports lint code %s", name, f.Code)
			}
		}
	}
}

func secIsLint(code string) bool {
	for _, r := range Rules() {
		if r.Code == code {
			return r.IsSecurityLint()
		}
	}
	return false
}

// secEmitted scans the non-test sources for `v.add(Severity, "code"`
// and returns, by code, the severities written and the files.
func secEmitted(t *testing.T) (map[string][]Severity, map[string][]string) {
	t.Helper()
	names := map[string]Severity{"Error": Error, "Warning": Warning, "Info": Info}
	re := regexp.MustCompile(`v\.add\(([A-Za-z]+), "([a-z0-9-]+)"`)
	sevs, files := map[string][]Severity{}, map[string][]string{}
	paths, _ := filepath.Glob("*.go")
	// The checks that need the reachability engine live in design/reach
	// (it imports design); their codes are in Rules too.
	reach, _ := filepath.Glob("reach/*.go")
	for _, p := range append(paths, reach...) {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`code :?= "([a-z0-9-]+)"`).FindAllStringSubmatch(string(src), -1) {
			files[m[1]] = append(files[m[1]], p)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			sev, ok := names[m[1]]
			if !ok {
				t.Fatalf("%s: v.add with severity %s: list the code's severities by hand", p, m[1])
			}
			if !slices.Contains(sevs[m[2]], sev) {
				sevs[m[2]] = append(sevs[m[2]], sev)
			}
			files[m[2]] = append(files[m[2]], p)
		}
	}
	if len(files) < 60 {
		t.Fatalf("found only %d codes in the source; is the pattern stale?", len(files))
	}
	return sevs, files
}

// Rules lists every code the checks emit, with the severities they emit
// it with, and nothing else; lint codes are emitted only by the lint's
// files and named after their external rule; every code has a row in
// docs/validation.md.
func TestRulesListEveryCode(t *testing.T) {
	sevs, files := secEmitted(t)
	doc, err := os.ReadFile("../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	cased := map[string]bool{}
	for _, tc := range securityCases {
		cased[tc.code] = true
	}
	for _, r := range Rules() {
		if listed[r.Code] {
			t.Errorf("%s is listed twice", r.Code)
		}
		listed[r.Code] = true
		if r.Summary == "" || !strings.HasSuffix(r.Summary, ".") || len(r.Severities) == 0 {
			t.Errorf("%s: incomplete entry %+v", r.Code, r)
		}
		row := "| `" + r.Code + "` |"
		if r.Code == "load-error" { // described in the introduction, not in a table
			row = "`load-error`"
		}
		if !strings.Contains(string(doc), row) {
			t.Errorf("%s is not in docs/validation.md", r.Code)
		}
		for _, s := range sevs[r.Code] {
			if !slices.Contains(r.Severities, s) {
				t.Errorf("%s is emitted as %s but listed as %v", r.Code, s, r.Severities)
			}
		}
		switch r.Source {
		case SourceVpcsmith:
			if r.Ref != "" {
				t.Errorf("%s: a vpcsmith rule with an external id %q", r.Code, r.Ref)
			}
		case SourceCfnNag, SourceSecurityHub:
			prefix := map[string]string{SourceCfnNag: "cfn-nag-", SourceSecurityHub: "securityhub-"}[r.Source]
			if want := prefix + strings.ReplaceAll(strings.ToLower(r.Ref), ".", "-"); r.Code != want {
				t.Errorf("%s: a %s rule %s should be coded %s", r.Code, r.Source, r.Ref, want)
			}
			for _, f := range files[r.Code] {
				if !strings.HasPrefix(f, "validate_security") {
					t.Errorf("lint code %s is emitted by %s, which Validate runs", r.Code, f)
				}
			}
			if !cased[r.Code] {
				t.Errorf("lint code %s has no case in securityCases", r.Code)
			}
		default:
			t.Errorf("%s: unknown source %q", r.Code, r.Source)
		}
		if _, emitted := files[r.Code]; !emitted && r.Code != "load-error" {
			t.Errorf("%s is listed but no check emits it", r.Code)
		}
	}
	for code := range files {
		if !listed[code] {
			t.Errorf("code %s is emitted but not in Rules()", code)
		}
	}
}

// Every cfn-nag rule and Security Hub control the issue names has a code.
func TestEveryRequiredLintRuleIsListed(t *testing.T) {
	want := map[string][]string{
		SourceCfnNag:      {"W2", "W5", "W9", "W27", "W29", "W36", "W40", "W42", "W60", "F1000"},
		SourceSecurityHub: {"EC2.2", "EC2.6", "EC2.13", "EC2.14", "EC2.15", "EC2.18", "EC2.19"},
	}
	for source, refs := range want {
		for _, ref := range refs {
			found := false
			for _, r := range Rules() {
				found = found || (r.Source == source && r.Ref == ref)
			}
			if !found {
				t.Errorf("no rule for %s %s", source, ref)
			}
		}
	}
}
