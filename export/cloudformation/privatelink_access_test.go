package cloudformation

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// TestPrivateLinkAccess (issue 16): in every case with PrivateLink, the
// service's NLB has a security group that admits the service port from the
// consumer VPC's CIDRs only and sends only that port to the provider VPC;
// the endpoint service requires acceptance; its allowed principals are a
// parameter (default empty) behind a condition, and the template says how
// to accept.
func TestPrivateLinkAccess(t *testing.T) {
	seen := 0
	for _, c := range exportCases(t) {
		d, ts := buildCase(t, c)
		l := design.Resolve(d)
		for i := range d.Connections {
			conn := &d.Connections[i]
			if conn.Kind != design.ConnPrivateLink {
				continue
			}
			for _, tpl := range ts {
				res, _ := resources(t, tpl)
				base := camel(conn.Name)
				svc, ok := res[base+"EndpointService"]
				if !ok {
					continue // the provider is in another region's template
				}
				seen++
				if props(svc).get("AcceptanceRequired") != true {
					t.Errorf("%s %s: AcceptanceRequired %v, want true", c.name, conn.Name, props(svc).get("AcceptanceRequired"))
				}
				lb := props(res[base+"LoadBalancer"])
				sgID := base + "LoadBalancerSecurityGroup"
				if got := lb.get("SecurityGroups"); !slices.Equal(got.([]any), []any{getAtt(sgID, "GroupId")}) {
					t.Errorf("%s %s: NLB SecurityGroups %v, want its own group", c.name, conn.Name, got)
				}
				sg := props(res[sgID])
				want := func(vpc string) []string {
					var out []string
					for _, p := range layoutByName(l, vpc).CIDRs {
						out = append(out, "tcp/"+strconv.Itoa(conn.Port)+"/"+p.String())
					}
					return out
				}
				if got := inlineRules(sg.get("SecurityGroupIngress")); !slices.Equal(got, want(conn.Consumer)) {
					t.Errorf("%s %s: NLB ingress %v, want the consumer's CIDRs on the port %v", c.name, conn.Name, got, want(conn.Consumer))
				}
				if got := inlineRules(sg.get("SecurityGroupEgress")); !slices.Equal(got, want(conn.Provider)) {
					t.Errorf("%s %s: NLB egress %v, want the provider's CIDRs on the port %v", c.name, conn.Name, got, want(conn.Provider))
				}
				perm := res[base+"EndpointServicePermissions"]
				param := base + "AllowedPrincipals"
				if perm.get("Condition") != base+"HasAllowedPrincipals" || refTo(props(perm).get("ServiceId")) != base+"EndpointService" ||
					!reflect.DeepEqual(props(perm).get("AllowedPrincipals"), intrinsic{"Split", []any{",", ref(param)}}) {
					t.Errorf("%s %s: permissions %v", c.name, conn.Name, perm)
				}
				i := slices.IndexFunc(tpl.Parameters, func(p Parameter) bool { return p.Name == param })
				if i < 0 || !tpl.Parameters[i].HasDefault || tpl.Parameters[i].Default != "" {
					t.Errorf("%s %s: parameter %s missing or with a default other than empty", c.name, conn.Name, param)
				}
				if !slices.ContainsFunc(tpl.Notes, func(n string) bool { return strings.Contains(n, "accept-vpc-endpoint-connections") }) {
					t.Errorf("%s %s: no note on accepting the endpoint: %v", c.name, conn.Name, tpl.Notes)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no case has a PrivateLink service: the test proves nothing")
	}
}

func layoutByName(l *design.Layout, name string) *design.VPCLayout {
	for i := range l.VPCs {
		if l.VPCs[i].VPC.Name == name {
			return &l.VPCs[i]
		}
	}
	return nil
}

// inlineRules writes inline rules as proto/port/cidr.
func inlineRules(v any) []string {
	var out []string
	rules, _ := v.([]any)
	for _, r := range rules {
		o := r.(object)
		out = append(out, o.get("IpProtocol").(string)+"/"+strconv.Itoa(o.get("FromPort").(int))+"/"+o.get("CidrIp").(string))
	}
	return out
}

// TestPrivateLinkAccessDeploy deploys the privatelink template into moto
// with allowed principals given and reads the NLB's group back through
// EC2: the port from the consumer's CIDRs in, the port to the provider's
// out, and nothing else. moto records the group on the load balancer but
// makes no endpoint service, no service permissions and no acceptance
// (TestPrivateLinkAccess checks those in the template).
func TestPrivateLinkAccessDeploy(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	d, err := templates.Load("privatelink")
	if err != nil {
		t.Fatal(err)
	}
	moveToUSEast1(d)
	l := design.Resolve(d)
	ts, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	var conn *design.Connection
	for i := range d.Connections {
		if d.Connections[i].Kind == design.ConnPrivateLink {
			conn = &d.Connections[i]
		}
	}
	parsed, err := cfndeploy.Parse(render(t, withoutMotoGaps(ts[0]), "yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := testtools.MotoConfig(endpoint)
	base := camel(conn.Name)
	stack, err := cfndeploy.Deploy(ctx(t), cfg, "privatelink-access", parsed, map[string]string{base + "AllowedPrincipals": "arn:aws:iam::111122223333:root"})
	if err != nil {
		t.Fatal(err)
	}
	sgID := stack.ID(base + "LoadBalancerSecurityGroup")
	out, err := ec2.NewFromConfig(cfg).DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{GroupIds: []string{sgID}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("the NLB's group %q: %v", sgID, err)
	}
	g := out.SecurityGroups[0]
	if g.VpcId == nil || aws.ToString(g.VpcId) != stack.ID(camel(conn.Provider)+"VPC") {
		t.Errorf("the NLB's group is in %s, want the provider VPC %s", aws.ToString(g.VpcId), stack.ID(camel(conn.Provider)+"VPC"))
	}
	for _, dir := range []struct {
		name  string
		perms []string
		vpc   string
	}{{"ingress", permStrings(g.IpPermissions), conn.Consumer}, {"egress", permStrings(g.IpPermissionsEgress), conn.Provider}} {
		var want []string
		for _, p := range layoutByName(l, dir.vpc).CIDRs {
			want = append(want, "tcp/"+strconv.Itoa(conn.Port)+"/"+p.String())
		}
		if !slices.Equal(dir.perms, want) {
			t.Errorf("deployed NLB %s %v, want %v", dir.name, dir.perms, want)
		}
	}
	if stack.ID(base+"LoadBalancer") == "" {
		t.Error("the load balancer was not made")
	}
}

// permStrings writes EC2 permissions as proto/port/cidr, sorted.
func permStrings(perms []ec2types.IpPermission) []string {
	var out []string
	for _, p := range perms {
		for _, r := range p.IpRanges {
			out = append(out, aws.ToString(p.IpProtocol)+"/"+strconv.Itoa(int(aws.ToInt32(p.FromPort)))+"/"+aws.ToString(r.CidrIp))
		}
	}
	slices.Sort(out)
	return out
}
