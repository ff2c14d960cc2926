package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/importer"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// Fake credentials: the test fails if either shows up in any output.
const (
	testKeyID  = "AKIAIMPORTTESTKEY123"
	testSecret = "importTestSecretValue/DoNotPrint+0123456789"
)

// awsEnv points the AWS SDK at endpoint with the fake credentials, and
// away from the machine's own AWS configuration.
func awsEnv(t *testing.T, endpoint string) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_EC2": endpoint, "AWS_ENDPOINT_URL": "",
		"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
}

// threeTierVPC builds a small three-tier VPC in moto and returns its ID.
func threeTierVPC(t *testing.T, endpoint string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := ec2.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("AKIAOTHER", "other", "")})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tags := func(rt types.ResourceType, name string) []types.TagSpecification {
		return []types.TagSpecification{{ResourceType: rt, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
	}
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: tags(types.ResourceTypeVpc, "web")})
	must(err)
	id := vpc.Vpc.VpcId
	igw, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	must(err)
	_, err = c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{VpcId: id, InternetGatewayId: igw.InternetGateway.InternetGatewayId})
	must(err)
	rt, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: id})
	must(err)
	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: igw.InternetGateway.InternetGatewayId})
	must(err)
	for i, az := range []string{"a", "b"} {
		for j, tier := range []string{"public", "data"} {
			sn, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: id, AvailabilityZone: aws.String("us-east-1" + az),
				CidrBlock: aws.String("10.0." + string(rune('0'+i+2*j)) + ".0/24"), TagSpecifications: tags(types.ResourceTypeSubnet, "web-"+tier+"-"+az)})
			must(err)
			if tier == "public" {
				_, err = c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: sn.Subnet.SubnetId})
				must(err)
			}
		}
	}
	_, err = c.CreateFlowLogs(ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{*id}, ResourceType: types.FlowLogsResourceTypeVpc, TrafficType: types.TrafficTypeAll,
		LogDestinationType: types.LogDestinationTypeCloudWatchLogs, LogGroupName: aws.String("/vpc"), DeliverLogsPermissionArn: aws.String("arn:aws:iam::123456789012:role/x")})
	must(err)
	return *id
}

func assertNoSecrets(t *testing.T, where, s string) {
	t.Helper()
	for _, secret := range []string{testKeyID, testSecret, "Authorization", "X-Amz-", "Signature="} {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains %q:\n%s", where, secret, s)
		}
	}
}

func TestImportCommandWritesFile(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	awsEnv(t, endpoint)
	id := threeTierVPC(t, endpoint)
	out := filepath.Join(t.TempDir(), "web.yaml")
	code, stdout, stderr := run(t, "import", "--vpc-id", id, "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	d, err := design.Parse(out, data)
	if err != nil {
		t.Fatalf("written file does not parse: %v", err)
	}
	v := d.VPCs[0]
	if v.Name != "web" || len(v.Tiers) != 2 || v.Tiers[0].Name != "public" || v.Tiers[1].Name != "data" || !v.FlowLogs {
		t.Errorf("imported %+v", v)
	}
	if !strings.HasPrefix(string(data), "# Imported from AWS by `vpcsmith import` (region us-east-1):\n#   web: "+id) {
		t.Errorf("header:\n%s", data)
	}
	if stdout != "" {
		t.Errorf("stdout with -o: %q", stdout)
	}
	if !strings.Contains(stderr, "imported 1 VPC from us-east-1 into "+out+": 2 tiers, 4 subnets") {
		t.Errorf("stderr:\n%s", stderr)
	}
	assertNoSecrets(t, "stderr", stderr)
	assertNoSecrets(t, "the file", string(data))
}

func TestImportCommandStdout(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	awsEnv(t, endpoint)
	t.Setenv("AWS_REGION", "")
	id := threeTierVPC(t, endpoint)
	code, stdout, stderr := run(t, "import", "--region", "us-east-1", "--vpc-id", id)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := design.Parse("stdout", []byte(stdout)); err != nil {
		t.Fatalf("stdout is not a design: %v\n%s", err, stdout)
	}
	if strings.Contains(stdout, "imported 1 VPC") {
		t.Errorf("the report went to stdout")
	}
}

// TestImportCommandPartial: a denied call gives exit code 3, the gap on
// stderr and in the file, and the rest of the design.
func TestImportCommandPartial(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	id := threeTierVPC(t, endpoint)
	target, _ := url.Parse(endpoint)
	forward := httputil.NewSingleHostReverseProxy(target)
	var sawAuth bool
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		sawAuth = sawAuth || strings.Contains(r.Header.Get("Authorization"), testKeyID)
		if form, _ := url.ParseQuery(string(body)); form.Get("Action") == "DescribeFlowLogs" {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. Encoded authorization failure message: ENCODEDBLOB</Message></Error></Errors><RequestID>r1</RequestID></Response>`)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	awsEnv(t, proxy.URL)
	out := filepath.Join(t.TempDir(), "partial.yaml")
	code, _, stderr := run(t, "import", "--vpc-id", id, "-o", out)
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (partial)\n%s", code, ExitPartial, stderr)
	}
	if !strings.Contains(stderr, "PARTIAL IMPORT") || !strings.Contains(stderr, "ec2:DescribeFlowLogs denied for web ("+id+"): flow logs are unknown") {
		t.Errorf("stderr does not report the gap:\n%s", stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# PARTIAL IMPORT") || !strings.Contains(string(data), "kind: public") {
		t.Errorf("file:\n%s", data)
	}
	if !sawAuth {
		t.Errorf("the requests did not carry the test credentials: the leak check proves nothing")
	}
	for _, s := range []string{stderr, string(data)} {
		assertNoSecrets(t, "output", s)
		if strings.Contains(s, "ENCODEDBLOB") {
			t.Errorf("the encoded authorization message leaked:\n%s", s)
		}
	}
}

// TestImportCommandAll: --all imports every VPC of the region: moto's
// default VPC and ours, in a server of this test's own.
func TestImportCommandAll(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	awsEnv(t, endpoint)
	id := threeTierVPC(t, endpoint)
	code, stdout, stderr := run(t, "import", "--all")
	if code != ExitOK && code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	d, err := design.Parse("all", []byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.VPCs) != 2 || d.FindVPC("default") == nil || d.FindVPC("web") == nil {
		t.Errorf("VPCs: %+v", d.VPCs)
	}
	if !strings.Contains(stdout, ": "+id+";") {
		t.Errorf("header lacks %s:\n%s", id, stdout)
	}
}

func TestImportCommandUsage(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	awsEnv(t, endpoint)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import"}, "--vpc-id"},
		{[]string{"import", "--all", "--vpc-id", "vpc-12345678"}, "not both"},
		{[]string{"import", "--vpc-id", "vpc-12;rm"}, "is not a VPC ID"},
		{[]string{"import", "--vpc-id", "vpc-0123456789abcdef0"}, "no VPC vpc-0123456789abcdef0 in us-east-1"},
		{[]string{"import", "--all", "--profile", "nosuchprofile"}, "nosuchprofile"},
		{[]string{"import", "extra", "--all"}, "unknown command"},
	} {
		code, stdout, stderr := run(t, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit %d and %q", c.args, code, stderr, stdout, ExitUsage, c.want)
		}
		assertNoSecrets(t, "stderr", stderr)
	}
}

// TestImportCommandProfile: --profile reads region and credentials from the
// shared files, as the AWS CLI does.
func TestImportCommandProfile(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	awsEnv(t, endpoint)
	id := threeTierVPC(t, endpoint)
	dir := t.TempDir()
	cfg, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	os.WriteFile(cfg, []byte("[profile lab]\nregion = us-east-1\n"), 0o600)
	os.WriteFile(creds, []byte("[lab]\naws_access_key_id = "+testKeyID+"\naws_secret_access_key = "+testSecret+"\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_REGION", "")
	code, stdout, stderr := run(t, "import", "--profile", "lab", "--vpc-id", id)
	if code != ExitOK || !strings.Contains(stdout, "name: web") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	assertNoSecrets(t, "stderr", stderr)
	assertNoSecrets(t, "stdout", stdout)
}

// TestImportProgressLine: nothing for the first second, then one line per
// interval; on a terminal the line is cleared at the end.
func TestImportProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progressLine{w: &buf, start: time.Now()}
	p.update(importer.Progress{VPCs: 3, Calls: 1})
	if buf.Len() != 0 {
		t.Fatalf("printed within the first second: %q", buf.String())
	}
	p.start = time.Now().Add(-2 * time.Second)
	p.update(importer.Progress{VPCs: 3, VPCsDone: 1, Calls: 9})
	p.update(importer.Progress{VPCs: 3, VPCsDone: 2, Calls: 17}) // within the interval
	if got := buf.String(); got != "importing: 1 of 3 VPCs read, 9 calls, 2s\n" {
		t.Errorf("got %q", got)
	}
	tty := &progressLine{w: &buf, tty: true, start: time.Now().Add(-2 * time.Second)}
	buf.Reset()
	tty.update(importer.Progress{})
	tty.done()
	if got := buf.String(); got != "\r\x1b[Kimporting: listing VPCs, 2s\r\x1b[K" {
		t.Errorf("terminal: got %q", got)
	}
}
