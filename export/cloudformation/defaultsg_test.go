package cloudformation

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDefaultGroupUnused (issue 16): the templates leave the VPCs' default
// security groups as AWS makes them (see defaultGroupNote), so every
// template says so in a note that names the commands closing them, the
// docs give the reason, and no resource falls back on a default group:
// every interface endpoint and load balancer names a group of its own.
func TestDefaultGroupUnused(t *testing.T) {
	doc, err := os.ReadFile(acceptedChecksDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "## The default security group") || !strings.Contains(string(doc), "restrictDefaultSecurityGroup") {
		t.Errorf("%s does not say why the default security group is left open", acceptedChecksDoc)
	}
	checked := 0
	for _, c := range exportCases(t) {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			if !slices.ContainsFunc(tpl.Notes, func(n string) bool {
				return strings.Contains(n, "default security group") && strings.Contains(n, "revoke-security-group-ingress") && strings.Contains(n, "revoke-security-group-egress")
			}) {
				t.Errorf("%s %s: no note on the default security groups: %q", c.name, tpl.Region, tpl.Notes)
			}
			res, order := resources(t, tpl)
			for _, id := range order {
				r := res[id]
				var groups any
				switch r.get("Type") {
				case "AWS::EC2::VPCEndpoint":
					if props(r).get("VpcEndpointType") != "Interface" {
						continue
					}
					groups = props(r).get("SecurityGroupIds")
				case "AWS::ElasticLoadBalancingV2::LoadBalancer":
					groups = props(r).get("SecurityGroups")
				default:
					continue
				}
				checked++
				if l, _ := groups.([]any); len(l) == 0 {
					t.Errorf("%s: %s (%s) names no security group, so AWS gives it the VPC's default one", c.name, id, r.get("Type"))
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no interface endpoint or load balancer in any case: the test proves nothing")
	}
}
