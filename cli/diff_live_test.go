package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// deployTemplate exports a built-in template as CloudFormation and deploys
// it into the moto at endpoint (with what moto's CloudFormation skips made
// through the EC2 API); it writes the design to a file and returns its
// path and the stack.
func deployTemplate(t *testing.T, endpoint, name string) (string, *cfndeploy.Stack, aws.Config) {
	t.Helper()
	src, err := templates.Source(name)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), name+".yaml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := design.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := cloudformation.Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("%d templates, want one region", len(ts))
	}
	body, err := ts[0].JSON()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfndeploy.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{}
	for _, p := range ts[0].Parameters {
		if !p.HasDefault {
			params[p.Name] = "203.0.113.10"
		}
	}
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("AKIADEPLOYER", "deployer", "")}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	stack, err := cfndeploy.Deploy(ctx, cfg, "drift", tpl, params)
	if err != nil {
		t.Fatal(err)
	}
	return file, stack, cfg
}

type liveReport struct {
	Changes []struct {
		Path string         `json:"path"`
		Kind string         `json:"kind"`
		Old  map[string]any `json:"old"`
		New  map[string]any `json:"new"`
	} `json:"changes"`
	Notes []string `json:"notes"`
}

func diffLive(t *testing.T, file string) (int, liveReport, string) {
	t.Helper()
	code, out, stderr := run(t, "diff", file, "--live", "--format", "json")
	var r liveReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("exit %d, output is not JSON: %v\n%s\n%s", code, err, out, stderr)
	}
	return code, r, stderr
}

func changeLines(r liveReport) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, c.Kind+" "+c.Path)
	}
	return out
}

// TestDiffLiveDrift: the three-tier template deployed into moto has no
// drift from its design; then a rule added, a subnet deleted and a route
// added through the EC2 API are exactly what `diff --live` reports.
func TestDiffLiveDrift(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	file, stack, cfg := deployTemplate(t, endpoint, "three-tier")
	awsEnv(t, endpoint)

	code, base, _ := diffLive(t, file)
	// moto's CloudFormation drops what AWS keeps (the descriptions of
	// ingress rules, the ::/0 half of "internet"): those differences are
	// the baseline, logged, and must contain no subnet, route or VPC.
	for _, c := range base.Changes {
		if !strings.Contains(c.Path, "/security_groups/") {
			t.Errorf("freshly deployed: %s %s (%v → %v): only moto's rule gaps are expected", c.Kind, c.Path, c.Old, c.New)
		}
	}
	t.Logf("moto's gaps (exit %d): %v", code, changeLines(base))
	if !slices.ContainsFunc(base.Notes, func(n string) bool { return strings.HasPrefix(n, "production is vpc-") }) {
		t.Errorf("notes %v: want how production was matched", base.Notes)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := ec2.NewFromConfig(cfg)
	byName := func(typ, want string) string {
		t.Helper()
		for _, logical := range stack.OfType(typ) {
			if strings.Contains(strings.ToLower(logical), want) {
				return stack.ID(logical)
			}
		}
		t.Fatalf("no %s like %q among %v", typ, want, stack.OfType(typ))
		return ""
	}
	// Drift 1: a rule on the ALB's group.
	alb := byName("AWS::EC2::SecurityGroup", "alb")
	if _, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(alb),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(80), ToPort: aws.Int32(80),
			IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}); err != nil {
		t.Fatal(err)
	}
	// Drift 2: the data tier's subnet in us-east-1b deleted.
	sn, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: aws.String("cidr-block"), Values: []string{"10.0.21.0/24"}}}})
	if err != nil || len(sn.Subnets) != 1 {
		t.Fatalf("the data subnet: %v %v", sn, err)
	}
	if _, err := c.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: sn.Subnets[0].SubnetId}); err != nil {
		t.Fatal(err)
	}
	// Drift 3: a route on the app tier's table, to the NAT.
	app, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: aws.String("cidr-block"), Values: []string{"10.0.10.0/24"}}}})
	if err != nil || len(app.Subnets) != 1 {
		t.Fatalf("the app subnet: %v %v", app, err)
	}
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{*app.Subnets[0].SubnetId}}}})
	if err != nil || len(rts.RouteTables) != 1 {
		t.Fatalf("the app route table: %v %v", rts, err)
	}
	pcx := byName("AWS::EC2::NatGateway", "nat")
	if _, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rts.RouteTables[0].RouteTableId,
		DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String(pcx)}); err != nil {
		t.Fatal(err)
	}

	code, r, stderr := diffLive(t, file)
	if code != ExitFindings {
		t.Errorf("after drift: exit %d, want %d\n%s", code, ExitFindings, stderr)
	}
	var drift []string
	for _, l := range changeLines(r) {
		if !slices.Contains(changeLines(base), l) {
			drift = append(drift, l)
		}
	}
	want := []string{
		"added vpcs/production/security_groups/alb/ingress/0.0.0.0%2F0 tcp 80",
		"removed vpcs/production/tiers/data/subnets/us-east-1b",
		"added vpcs/production/tiers/app/routes/192.168.0.0%2F16",
		"changed vpcs/production/tiers/data", // its azs: the tier now covers one AZ
	}
	slices.Sort(want)
	slices.Sort(drift)
	if !slices.Equal(drift, want) {
		t.Errorf("drift reported:\n  %s\nwant exactly:\n  %s", strings.Join(drift, "\n  "), strings.Join(want, "\n  "))
	}
}
