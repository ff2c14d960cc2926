package cloudformation

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// The security lint's rules run on the exported templates themselves.
// cfn_nag (Ruby) cannot be installed here, so lintChecks restates what its
// rules check, from their source, on the template as JSON: the security
// groups and their rules (inline, and the separate Ingress and Egress
// resources, wired to their group as cfn_nag's model does), VPCs and their
// flow logs, and subnets. The Security Hub controls are read the same way.
// The tests prove three things: the templates pass cfn_nag (no failing
// rule) and the lint's error-severity controls; what the design's lint
// reports, the template shows (so the port is faithful); and a bad
// template fails every check (so the checker is not vacuous).

// lintCheck is one rule run on a template: it returns the logical ids of
// the resources that break it.
type lintCheck struct {
	id   string // the external rule: W2, F1000, EC2.13
	code string // the design's code for it
	// failing: cfn_nag fails a template for it, or vpcsmith's lint makes it
	// an error, or the export promises it never happens. No template may
	// break it.
	failing bool
	// agree says how the design's lint relates to the check: "same" (the
	// design reports it exactly when the template breaks it), "subset"
	// (the design reports less: see its doc), "" (not comparable).
	agree string
	run   func(t *lintTemplate) []string
}

var lintChecks = []lintCheck{
	{"W2", "cfn-nag-w2", false, "subset", func(t *lintTemplate) []string { // load balancer groups are spared in the design
		return t.rulesWhere(func(r lintCFNRule) bool { return r.ingress && r.world() })
	}},
	{"W5", "cfn-nag-w5", false, "same", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool { return !r.ingress && r.world() })
	}},
	{"W9", "cfn-nag-w9", false, "subset", func(t *lintTemplate) []string { // the design leaves the world to W2
		return t.rulesWhere(func(r lintCFNRule) bool {
			return r.ingress && ((r.cidr != "" && !strings.HasSuffix(r.cidr, "/32")) || (r.cidr6 != "" && !strings.HasSuffix(r.cidr6, "/128")))
		})
	}},
	{"W27", "cfn-nag-w27", false, "subset", func(t *lintTemplate) []string { // icmp types read as ranges
		return t.rulesWhere(func(r lintCFNRule) bool { return r.ingress && fmt.Sprint(r.from) != fmt.Sprint(r.to) })
	}},
	{"W29", "cfn-nag-w29", false, "subset", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool { return !r.ingress && fmt.Sprint(r.from) != fmt.Sprint(r.to) })
	}},
	{"W36", "cfn-nag-w36", false, "same", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool { return !r.described })
	}},
	{"W40", "cfn-nag-w40", false, "same", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool {
			return !r.ingress && r.proto == "-1" && r.cidr != "127.0.0.1/32" && r.cidr6 != "::1/128"
		})
	}},
	{"W42", "cfn-nag-w42", false, "same", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool { return r.ingress && r.proto == "-1" })
	}},
	{"W60", "cfn-nag-w60", false, "same", func(t *lintTemplate) []string { return t.vpcsWithoutFlowLog(false) }},
	{"F1000", "cfn-nag-f1000", true, "same", func(t *lintTemplate) []string {
		var out []string
		for _, id := range t.ofType("AWS::EC2::SecurityGroup") {
			if !slices.ContainsFunc(t.rules, func(r lintCFNRule) bool { return !r.ingress && r.group == id }) {
				out = append(out, id)
			}
		}
		return out
	}},
	{"EC2.6", "securityhub-ec2-6", false, "same", func(t *lintTemplate) []string { return t.vpcsWithoutFlowLog(true) }},
	{"EC2.13", "securityhub-ec2-13", true, "same", func(t *lintTemplate) []string { return t.worldReaches(22) }},
	{"EC2.14", "securityhub-ec2-14", true, "same", func(t *lintTemplate) []string { return t.worldReaches(3389) }},
	{"EC2.15", "securityhub-ec2-15", true, "", func(t *lintTemplate) []string { return t.publicIPsOffTheInternet() }},
	{"EC2.18", "securityhub-ec2-18", false, "same", func(t *lintTemplate) []string {
		return t.rulesWhere(func(r lintCFNRule) bool {
			authorized := r.proto == "tcp" && fmt.Sprint(r.from) == fmt.Sprint(r.to) && (fmt.Sprint(r.from) == "80" || fmt.Sprint(r.from) == "443")
			return r.ingress && r.world() && r.hasPorts() && !authorized
		})
	}},
	{"EC2.19", "securityhub-ec2-19", true, "same", func(t *lintTemplate) []string {
		var out []string
		for _, p := range []int{20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300} {
			out = append(out, t.worldReaches(p)...)
		}
		return out
	}},
}

// lintTemplate is a template as the checks read it.
type lintTemplate struct {
	res   map[string]lintResource
	rules []lintCFNRule
}

type lintResource struct {
	Type       string         `json:"Type"`
	Properties map[string]any `json:"Properties"`
}

// lintCFNRule is one security-group rule of a template.
type lintCFNRule struct {
	resource    string // the id reported: the group of an inline rule, or the rule's own resource
	group       string // the group it belongs to ("" when not in the template)
	ingress     bool
	proto       string // "-1", "tcp", "udp", "icmp", ...
	from, to    any    // FromPort, ToPort as written (nil when absent)
	cidr, cidr6 string
	described   bool
}

// world reports whether the rule's peer is 0.0.0.0/0 or ::/0.
func (r lintCFNRule) world() bool { return r.cidr == "0.0.0.0/0" || r.cidr6 == "::/0" }

// hasPorts: Security Hub's port controls read TCP, UDP and -1 rules.
func (r lintCFNRule) hasPorts() bool { return r.proto == "tcp" || r.proto == "udp" || r.proto == "-1" }

// covers reports whether the rule reaches port.
func (r lintCFNRule) covers(port int) bool {
	if r.proto == "-1" {
		return true
	}
	from, ok1 := r.from.(float64)
	to, ok2 := r.to.(float64)
	return ok1 && ok2 && (from == -1 || (from <= float64(port) && float64(port) <= to))
}

func parseLintTemplate(t testing.TB, body []byte) *lintTemplate {
	t.Helper()
	var doc struct {
		Resources map[string]lintResource `json:"Resources"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("template is not JSON: %v", err)
	}
	lt := &lintTemplate{res: doc.Resources}
	protocols := map[string]string{"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
	rule := func(resource, group string, ingress bool, p map[string]any) lintCFNRule {
		proto := strings.ToLower(fmt.Sprint(p["IpProtocol"]))
		if name, ok := protocols[proto]; ok {
			proto = name
		}
		cidr, _ := p["CidrIp"].(string)
		cidr6, _ := p["CidrIpv6"].(string)
		_, described := p["Description"]
		return lintCFNRule{resource: resource, group: group, ingress: ingress, proto: proto, from: p["FromPort"], to: p["ToPort"], cidr: cidr, cidr6: cidr6, described: described}
	}
	for _, id := range lt.ofType("AWS::EC2::SecurityGroup") {
		props := lt.res[id].Properties
		for key, ingress := range map[string]bool{"SecurityGroupIngress": true, "SecurityGroupEgress": false} {
			list, _ := props[key].([]any)
			for _, x := range list {
				lt.rules = append(lt.rules, rule(id, id, ingress, x.(map[string]any)))
			}
		}
	}
	for typ, ingress := range map[string]bool{"AWS::EC2::SecurityGroupIngress": true, "AWS::EC2::SecurityGroupEgress": false} {
		for _, id := range lt.ofType(typ) {
			props := lt.res[id].Properties
			lt.rules = append(lt.rules, rule(id, lt.target(props["GroupId"]), ingress, props))
		}
	}
	return lt
}

// ofType returns the ids of the resources of a type, sorted.
func (t *lintTemplate) ofType(typ string) []string {
	var out []string
	for id, r := range t.res {
		if r.Type == typ {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// target returns the resource a Ref or a Fn::GetAtt names, or "".
func (t *lintTemplate) target(v any) string {
	m, _ := v.(map[string]any)
	if ref, ok := m["Ref"].(string); ok {
		return ref
	}
	if att, ok := m["Fn::GetAtt"].([]any); ok && len(att) > 0 {
		s, _ := att[0].(string)
		return s
	}
	return ""
}

// rulesWhere returns the ids of the resources with a rule that matches.
func (t *lintTemplate) rulesWhere(match func(lintCFNRule) bool) []string {
	var out []string
	for _, r := range t.rules {
		if match(r) {
			out = append(out, r.resource)
		}
	}
	return out
}

// worldReaches: the Security Hub controls EC2.13, EC2.14 and EC2.19.
func (t *lintTemplate) worldReaches(port int) []string {
	return t.rulesWhere(func(r lintCFNRule) bool { return r.ingress && r.world() && r.hasPorts() && r.covers(port) })
}

// vpcsWithoutFlowLog: cfn_nag's W60 wants a flow log whose ResourceId is a
// Ref to the VPC; Security Hub's EC2.6 also wants it to log rejected
// traffic (TrafficType REJECT or ALL).
func (t *lintTemplate) vpcsWithoutFlowLog(needRejects bool) []string {
	var out []string
	for _, vpc := range t.ofType("AWS::EC2::VPC") {
		logged := false
		for _, id := range t.ofType("AWS::EC2::FlowLog") {
			p := t.res[id].Properties
			ref, _ := p["ResourceId"].(map[string]any)
			traffic := fmt.Sprint(p["TrafficType"])
			if ref["Ref"] == vpc && (!needRejects || traffic == "ALL" || traffic == "REJECT") {
				logged = true
			}
		}
		if !logged {
			out = append(out, vpc)
		}
	}
	return out
}

// publicIPsOffTheInternet: subnets that auto-assign public addresses but
// whose route table sends no default route to an internet gateway. The
// export sets MapPublicIpOnLaunch on the public tiers only; Security Hub's
// EC2.15 reports any subnet with it, which vpcsmith accepts for public tiers
// (docs/validation.md).
func (t *lintTemplate) publicIPsOffTheInternet() []string {
	toInternet := map[string]bool{} // route tables
	for _, id := range t.ofType("AWS::EC2::Route") {
		p := t.res[id].Properties
		if p["DestinationCidrBlock"] == "0.0.0.0/0" && t.res[t.target(p["GatewayId"])].Type == "AWS::EC2::InternetGateway" {
			toInternet[t.target(p["RouteTableId"])] = true
		}
	}
	public := map[string]bool{} // subnets
	for _, id := range t.ofType("AWS::EC2::SubnetRouteTableAssociation") {
		p := t.res[id].Properties
		if toInternet[t.target(p["RouteTableId"])] {
			public[t.target(p["SubnetId"])] = true
		}
	}
	var out []string
	for _, id := range t.ofType("AWS::EC2::Subnet") {
		if t.res[id].Properties["MapPublicIpOnLaunch"] == true && !public[id] {
			out = append(out, id)
		}
	}
	return out
}

// runLint runs every check: the violating resources by rule id.
func runLint(t *lintTemplate) map[string][]string {
	out := map[string][]string{}
	for _, c := range lintChecks {
		if ids := c.run(t); len(ids) > 0 {
			slices.Sort(ids)
			out[c.id] = slices.Compact(ids)
		}
	}
	return out
}

// TestSecurityLintTemplates: every template's export passes cfn_nag and
// the failing checks, no template or the reference has an error in the
// design's lint, and the design's lint agrees with the checks on the
// export of every case, including a fixture that breaks most rules.
//
// The groups the export makes for VPC endpoints (interface endpoints and
// PrivateLink consumers) are not in the design, so the design's lint cannot
// see them; they are checked on the template alone: they must pass every
// failing check (they take HTTPS from their VPC's CIDR, which W9 notes).
func TestSecurityLintTemplates(t *testing.T) {
	cases := append(exportCases(t), exportCase{"security-warnings", func() (*design.Design, error) {
		return design.Load(filepath.Join("..", "..", "design", "testdata", "security", "warnings.yaml"))
	}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, ts := buildCase(t, c)
			lintFound := map[string]bool{}
			for _, f := range design.ValidateSecurity(d) {
				if f.Severity == design.Error {
					t.Errorf("design: %v", f)
				}
				lintFound[f.Code] = true
			}
			hits := map[string][]string{}
			for _, tpl := range ts {
				lt := parseLintTemplate(t, render(t, tpl, "json"))
				endpointGroups := lt.endpointGroups()
				for id, ids := range runLint(lt) {
					for _, res := range ids {
						if !endpointGroups[res] {
							hits[id] = append(hits[id], res)
						} else if failingCheck(id) {
							t.Errorf("the export's endpoint group %s breaks %s", res, id)
						}
					}
				}
			}
			for _, check := range lintChecks {
				broken := len(hits[check.id]) > 0
				if check.failing && broken && strings.HasPrefix(c.name, "template-") {
					t.Errorf("%s breaks %s (%s), which no template may: %v", c.name, check.id, check.code, hits[check.id])
				}
				switch {
				case check.agree == "same" && broken != lintFound[check.code]:
					t.Errorf("%s on the template: %v; the design's lint reports %s: %v", check.id, hits[check.id], check.code, lintFound[check.code])
				case check.agree == "subset" && lintFound[check.code] && !broken:
					t.Errorf("the design's lint reports %s, but the template passes %s", check.code, check.id)
				}
			}
		})
	}
}

// endpointGroups returns the security groups that VPC endpoints use.
func (t *lintTemplate) endpointGroups() map[string]bool {
	out := map[string]bool{}
	for _, id := range t.ofType("AWS::EC2::VPCEndpoint") {
		list, _ := t.res[id].Properties["SecurityGroupIds"].([]any)
		for _, g := range list {
			out[t.target(g)] = true
		}
	}
	return out
}

// badTemplate breaks every check, next to resources that come close and
// pass: Fine (a /32 source, loopback egress of every protocol), Logged (a
// flow log of rejected traffic) and PublicSubnet (public IPs behind an
// internet gateway).
const badTemplate = `{"Resources": {
  "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
  "Logged": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}},
  "LoggedFlowLog": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": "VPC", "ResourceId": {"Ref": "Logged"}, "TrafficType": "REJECT"}},
  "Ssh": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "ssh", "VpcId": {"Ref": "Vpc"},
    "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}},
  "Rdp": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "rdp", "VpcId": {"Ref": "Vpc"},
    "SecurityGroupIngress": [{"IpProtocol": "6", "FromPort": 3389, "ToPort": 3389, "CidrIpv6": "::/0", "Description": "rdp"}],
    "SecurityGroupEgress": [{"IpProtocol": -1, "CidrIp": "0.0.0.0/0", "Description": "anything"}]}},
  "Ranges": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "ranges", "VpcId": {"Ref": "Vpc"},
    "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8100, "CidrIp": "10.0.0.0/8", "Description": "admin"}],
    "SecurityGroupEgress": [{"IpProtocol": "udp", "FromPort": 1000, "ToPort": 2000, "CidrIp": "10.0.0.0/8", "Description": "calls"}]}},
  "Fine": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "fine", "VpcId": {"Ref": "Vpc"},
    "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.1.2.3/32", "Description": "one host"}],
    "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "127.0.0.1/32", "Description": "nothing leaves"}]}},
  "AllIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": {"Fn::GetAtt": ["Fine", "GroupId"]},
    "IpProtocol": "-1", "SourceSecurityGroupId": {"Fn::GetAtt": ["Ranges", "GroupId"]}}},
  "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {}},
  "Nat": {"Type": "AWS::EC2::NatGateway", "Properties": {}},
  "PublicRoutes": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
  "PublicDefault": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "PublicRoutes"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}}},
  "PrivateRoutes": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
  "PrivateDefault": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "PrivateRoutes"}, "DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": {"Ref": "Nat"}}},
  "PublicSubnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true}},
  "PublicAssociation": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "PublicSubnet"}, "RouteTableId": {"Ref": "PublicRoutes"}}},
  "PrivateSubnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": true}},
  "PrivateAssociation": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "PrivateSubnet"}, "RouteTableId": {"Ref": "PrivateRoutes"}}}
}}`

// TestSecurityLintCatchesBadTemplate: each check finds exactly the
// resources of badTemplate that break it.
func TestSecurityLintCatchesBadTemplate(t *testing.T) {
	want := map[string][]string{
		"W2":     {"Rdp", "Ssh"},
		"W5":     {"Rdp"},
		"W9":     {"Ranges", "Rdp", "Ssh"},
		"W27":    {"Ranges"},
		"W29":    {"Ranges"},
		"W36":    {"AllIn", "Ssh"},
		"W40":    {"Rdp"},
		"W42":    {"AllIn"},
		"W60":    {"Vpc"},
		"F1000":  {"Ssh"},
		"EC2.6":  {"Vpc"},
		"EC2.13": {"Ssh"},
		"EC2.14": {"Rdp"},
		"EC2.15": {"PrivateSubnet"},
		"EC2.18": {"Rdp", "Ssh"},
		"EC2.19": {"Rdp", "Ssh"},
	}
	got := runLint(parseLintTemplate(t, []byte(badTemplate)))
	for _, c := range lintChecks {
		if len(want[c.id]) == 0 {
			t.Errorf("%s: the bad template does not exercise it", c.id)
		}
		if !slices.Equal(got[c.id], want[c.id]) {
			t.Errorf("%s: found %v, want %v", c.id, got[c.id], want[c.id])
		}
	}
	if len(want) != len(lintChecks) {
		t.Errorf("%d expectations for %d checks", len(want), len(lintChecks))
	}
}

// Every rule id the checks run names a rule of the design's lint, with the
// same external id.
func TestSecurityLintChecksNameDesignRules(t *testing.T) {
	refs := map[string]string{}
	for _, r := range design.Rules() {
		refs[r.Code] = r.Ref
	}
	for _, c := range lintChecks {
		if refs[c.code] != c.id {
			t.Errorf("check %s is for design code %s, whose rule is %q", c.id, c.code, refs[c.code])
		}
	}
}

func failingCheck(id string) bool {
	for _, c := range lintChecks {
		if c.id == id {
			return c.failing
		}
	}
	return false
}
