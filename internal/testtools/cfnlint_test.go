package testtools

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func writeTemplate(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCfnLintFlagsSubnetWithoutVpc(t *testing.T) {
	t.Parallel()
	p := writeTemplate(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      CidrBlock: 10.0.0.0/24
`)
	findings := CfnLint(t, p)
	var found bool
	for _, f := range findings {
		t.Logf("%s %s line %d: %s", f.Level, f.Rule.Id, f.Location.Start.LineNumber, f.Message)
		if f.Rule.Id == "E3003" && f.Level == "Error" && f.Location.Start.LineNumber == 5 && f.Filename == p {
			found = true
		}
	}
	if !found {
		t.Fatalf("want an E3003 error on line 5 (VpcId required), got %+v", findings)
	}
}

func TestCfnLintPassesValidTemplate(t *testing.T) {
	t.Parallel()
	p := writeTemplate(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
`)
	if findings := CfnLint(t, p); len(findings) != 0 {
		t.Fatalf("want no findings, got %+v", findings)
	}
}

func TestCfnLintReportsYAMLSyntaxAsFinding(t *testing.T) {
	t.Parallel()
	p := writeTemplate(t, "Resources: [\n  x: {")
	findings := CfnLint(t, p)
	if len(findings) == 0 || findings[0].Rule.Id != "E0000" {
		t.Fatalf("want an E0000 parse finding, got %+v", findings)
	}
}

// TestCfnLintFiles: one run over several files reports each file's
// findings under its name, and none for a clean file.
func TestCfnLintFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	const vpc = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: %s\n"
	if err := os.WriteFile(good, []byte(fmt.Sprintf(vpc, "10.0.0.0/16")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(fmt.Sprintf(vpc, "10.0.0.0/99")), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := CfnLintFiles(t, good, bad)
	if len(fs) == 0 {
		t.Fatal("no finding for a /99 CIDR")
	}
	for _, f := range fs {
		if filepath.Base(f.Filename) != "bad.yaml" {
			t.Errorf("finding %s in %q, want only bad.yaml's", f.Rule.Id, f.Filename)
		}
	}
}
