package testtools

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// ec2Call sends an unsigned EC2 query request; moto only reads the region
// from the Authorization header's credential scope.
func ec2Call(t *testing.T, endpoint string, params url.Values) []byte {
	t.Helper()
	params.Set("Version", "2016-11-15")
	req, err := http.NewRequest(http.MethodPost, endpoint+"/", strings.NewReader(params.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: HTTP %s\n%s", params.Get("Action"), resp.Status, body)
	}
	return body
}

type describeVpcs struct {
	Vpcs []struct {
		VpcID     string `xml:"vpcId"`
		CidrBlock string `xml:"cidrBlock"`
		IsDefault bool   `xml:"isDefault"`
	} `xml:"vpcSet>item"`
}

func vpcs(t *testing.T, endpoint string) describeVpcs {
	t.Helper()
	var out describeVpcs
	body := ec2Call(t, endpoint, url.Values{"Action": {"DescribeVpcs"}})
	if err := xml.Unmarshal(body, &out); err != nil {
		t.Fatalf("DescribeVpcs: %v\n%s", err, body)
	}
	return out
}

func TestMotoServerDescribeVpcsAndReset(t *testing.T) {
	t.Parallel()
	endpoint := MotoServer(t)
	got := vpcs(t, endpoint)
	if len(got.Vpcs) != 1 || !got.Vpcs[0].IsDefault || got.Vpcs[0].CidrBlock != "172.31.0.0/16" {
		t.Fatalf("want only the default VPC 172.31.0.0/16, got %+v", got)
	}

	ec2Call(t, endpoint, url.Values{"Action": {"CreateVpc"}, "CidrBlock": {"10.9.0.0/16"}})
	if n := len(vpcs(t, endpoint).Vpcs); n != 2 {
		t.Fatalf("after CreateVpc: want 2 VPCs, got %d", n)
	}
	ResetMoto(t, endpoint)
	if n := len(vpcs(t, endpoint).Vpcs); n != 1 {
		t.Fatalf("after ResetMoto: want 1 VPC, got %d", n)
	}
}

func TestMotoServerStopsOnCleanup(t *testing.T) {
	t.Parallel()
	var endpoint string
	t.Run("start", func(t *testing.T) {
		endpoint = MotoServer(t)
	})
	if endpoint == "" {
		t.Skip("moto not started")
	}
	if resp, err := http.Get(endpoint + "/moto-api/"); err == nil {
		resp.Body.Close()
		t.Fatalf("moto at %s still answers after its test's cleanup", endpoint)
	}
}
