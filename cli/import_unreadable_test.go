package cli

import (
	"context"
	"fmt"
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
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestImportCommandUnreadablePage: one of 14 VPCs (moto's default one and
// 13 of ours) has a Name tag holding a raw ESC, which moto, like AWS, writes
// unescaped into its XML, so the region's DescribeVpcs page cannot be read.
// import --all still writes the other 13, exits 3 (partial) and names the
// call and the lost VPC on stderr and in the file.
func TestImportCommandUnreadablePage(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := ec2.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("AKIAOTHER", "other", "")})
	var poisoned string
	for i := range 13 {
		out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(fmt.Sprintf("10.%d.0.0/16", 100+i))})
		if err != nil {
			t.Fatal(err)
		}
		id := *out.Vpc.VpcId
		name := fmt.Sprintf("net-%02d", i+1)
		if i == 4 {
			name, poisoned = "ops\x1b[31mred", id
		}
		// CreateTags answers without the tags: the poison reaches only
		// the listings.
		if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}); err != nil {
			t.Fatal(err)
		}
	}
	awsEnv(t, endpoint)
	out := filepath.Join(t.TempDir(), "all.yaml")
	code, _, stderr := run(t, "import", "--all", "-o", out)
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (partial)\n%s", code, ExitPartial, stderr)
	}
	gap := "ec2:DescribeVpcs answered invalid XML for " + poisoned + ": the VPC was not imported"
	if !strings.Contains(stderr, "PARTIAL IMPORT") || !strings.Contains(stderr, "invalid XML (exit code 3)") || !strings.Contains(stderr, gap) {
		t.Errorf("stderr does not report the gap %q:\n%s", gap, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	d, err := design.Parse(out, data)
	if err != nil {
		t.Fatalf("the file does not parse: %v", err)
	}
	if len(d.VPCs) != 13 || d.FindVPC("default") == nil || d.FindVPC("net-01") == nil || d.FindVPC("net-13") == nil || d.FindVPC("net-05") != nil {
		t.Errorf("imported %d VPCs: %+v", len(d.VPCs), d.VPCs)
	}
	if !strings.Contains(string(data), gap) {
		t.Errorf("the file's header lacks the gap:\n%s", data)
	}
	for _, s := range []string{stderr, string(data)} {
		if strings.Contains(s, "\x1b") {
			t.Errorf("a raw ESC reached the output")
		}
		assertNoSecrets(t, "output", s)
	}
}
