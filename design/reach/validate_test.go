package reach

import (
	"os"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

func validateSrc(t *testing.T, src string) []design.Finding {
	t.Helper()
	d, err := design.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("design does not load: %v", err)
	}
	return ValidateLayout(design.Resolve(d))
}

func withCode(fs []design.Finding, code string) []design.Finding {
	var out []design.Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

// unreachableCases each trigger sg-rule-unreachable with one edit of base
// and leave it quiet with a near miss; reach_test.go's base describes the
// design (a: public, app, data; a–b and b–c peered, not a–c).
var unreachableCases = []struct {
	name       string
	bad, good  func(string) string
	path, want string
}{
	{"a peer behind a peering that is not transitive",
		func(s string) string {
			return strings.Replace(s, "{from: network:corp, ports: 22}", "{from: vpc:c, ports: 22}", 1)
		},
		func(s string) string {
			return strings.Replace(s, "{from: network:corp, ports: 22}", "{from: vpc:b, ports: 22}", 1)
		},
		"vpcs.a.security_groups.app.ingress[1]", "NO_ROUTE_TO_DESTINATION"},
	{"the internet into a private tier, behind its NAT gateway",
		func(s string) string {
			return strings.Replace(s, "{from: network:corp, ports: 22}", "{from: internet, ports: 443}", 1)
		},
		func(s string) string {
			return strings.Replace(s, "ingress: [{from: internet, ports: 443}]", "ingress: [{from: internet, ports: 443}, {from: internet, ports: 80}]", 1)
		},
		"vpcs.a.security_groups.app.ingress[1]", "NAT_OUTBOUND_ONLY"},
	{"egress to the internet from an isolated tier",
		func(s string) string {
			return strings.Replace(s, "        egress: []\n", "        egress: [{to: internet, ports: 443}]\n", 1)
		},
		func(s string) string {
			return strings.Replace(s, "ingress: [{from: sg:alb, ports: 8080}, {from: network:corp, ports: 22}]", "ingress: [{from: sg:alb, ports: 8080}, {from: network:corp, ports: 22}]\n        egress: [{to: internet, ports: 443}]", 1)
		},
		"vpcs.a.security_groups.db.egress[0]", "has no route to 203.0.113.1"},
	{"a network ACL of the peer's VPC drops the replies",
		func(s string) string { return peerACL(s, "{rule: 100, action: allow, ports: 22, cidr: 10.0.0.0/16}") },
		func(s string) string {
			return peerACL(s, "{rule: 100, action: allow, ports: 22, cidr: 10.0.0.0/16}, {rule: 110, action: allow, ports: 1024-65535, cidr: 10.0.0.0/16}")
		},
		"vpcs.a.security_groups.app.ingress[1]", "SUBNET_ACL_RESTRICTION"},
}

// peerACL makes app's second rule admit VPC b on 22, and gives b's tier
// an ACL that lets 22 out to a and takes ingress as given.
func peerACL(s, ingress string) string {
	s = strings.Replace(s, "{from: network:corp, ports: 22}", "{from: vpc:b, ports: 22}", 1)
	return strings.Replace(s, `  - name: b
    cidr: 10.1.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24}`, `  - name: b
    cidr: 10.1.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24, network_acl: app}
    network_acls:
      - name: app
        egress: [{rule: 100, action: allow, ports: 22, cidr: 10.0.0.0/16}]
        ingress: [`+ingress+`]`, 1)
}

func TestSGRuleUnreachable(t *testing.T) {
	for _, tc := range unreachableCases {
		t.Run(tc.name, func(t *testing.T) {
			bad := tc.bad(variant(nil))
			if bad == variant(nil) {
				t.Fatal("the edit changed nothing")
			}
			got := withCode(validateSrc(t, bad), "sg-rule-unreachable")
			if len(got) != 1 || got[0].Path != tc.path || !strings.Contains(got[0].Message, tc.want) || got[0].Severity != design.Warning || got[0].Pos.Line == 0 {
				t.Fatalf("want one warning at %s containing %q, with a position; got %v", tc.path, tc.want, got)
			}
			if got := withCode(validateSrc(t, tc.good(variant(nil))), "sg-rule-unreachable"); len(got) > 0 {
				t.Errorf("near miss reported: %v", got)
			}
		})
	}
}

// A network ACL of the group's own VPC is reported by design's
// nacl-blocks-* checks alone, though the engine sees it too.
func TestSGRuleUnreachableLeavesLocalACLsToDesign(t *testing.T) {
	src := variant(map[string]string{"DATAACL": ", network_acl: data", "NACLS": `network_acls:
      - name: data
        ingress: [{rule: 100, action: allow, ports: 5432, cidr: 10.0.0.0/16}]
        egress: [{rule: 100, action: allow, ports: 5432, cidr: 10.0.0.0/16}]`})
	d, err := design.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	l := design.Resolve(d)
	if got := CheckRules(l); len(got) != 1 || got[0].Path != "vpcs.a.security_groups.db.ingress[0]" {
		t.Fatalf("the engine should see the dropped replies: %v", got)
	}
	fs := ValidateLayout(l)
	if got := withCode(fs, "sg-rule-unreachable"); len(got) > 0 {
		t.Errorf("reported twice: %v", got)
	}
	if got := withCode(fs, "nacl-blocks-return"); len(got) != 1 {
		t.Errorf("want design's nacl-blocks-return: %v", fs)
	}
}

// The templates and the reference example validate clean with the check.
func TestTemplatesHaveNoUnreachableRule(t *testing.T) {
	srcs := map[string][]byte{}
	for _, name := range templates.Names() {
		src, err := templates.Source(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = src
	}
	ref, err := os.ReadFile("../../examples/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srcs["reference"] = ref
	for name, src := range srcs {
		d, err := design.Parse(name+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		if got := CheckRules(design.Resolve(d)); len(got) > 0 {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// The code has its catalog entry and docs row (design's tests scan only
// its own files for codes emitted through v.add).
func TestSGRuleUnreachableDocumented(t *testing.T) {
	found := false
	for _, r := range design.Rules() {
		found = found || (r.Code == "sg-rule-unreachable" && r.Source == design.SourceVpcsmith)
	}
	if !found {
		t.Error("sg-rule-unreachable is not in design.Rules()")
	}
	doc, err := os.ReadFile("../../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "| `sg-rule-unreachable` |") {
		t.Error("sg-rule-unreachable has no row in docs/validation.md")
	}
}
