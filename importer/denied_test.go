package importer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// denyProxy stands in front of moto: it answers 403 UnauthorizedOperation,
// as AWS does for an action the caller's policy lacks, to the actions in
// deny, forwards everything else, and records every action it saw.
type denyProxy struct {
	*httptest.Server
	deny map[string]bool
	mu   sync.Mutex
	seen []string
}

// deniedBody is AWS's answer to a denied EC2 call, with the encoded
// authorization message that must not reach the user.
const deniedBody = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/importer is not authorized to perform: ec2:%s because no identity-based policy allows the ec2:%s action. Encoded authorization failure message: SECRETBLOBxyz123</Message></Error></Errors><RequestID>0bc3e0c7-denied</RequestID></Response>`

func newDenyProxy(t testing.TB, moto string, deny ...string) *denyProxy {
	t.Helper()
	target, err := url.Parse(moto)
	if err != nil {
		t.Fatal(err)
	}
	p := &denyProxy{deny: map[string]bool{}}
	for _, a := range deny {
		p.deny[a] = true
	}
	forward := httputil.NewSingleHostReverseProxy(target)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		action := form.Get("Action")
		p.mu.Lock()
		p.seen = append(p.seen, action)
		p.mu.Unlock()
		if p.deny[action] {
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, strings.ReplaceAll(deniedBody, "%s", action))
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *denyProxy) actions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// TestImportDeniedFlowLogs: a denied DescribeFlowLogs does not stop the
// import: the rest is imported, the gap is reported (in the result and the
// file's header) and the import is partial.
func TestImportDeniedFlowLogs(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("audited", "10.9.0.0/16")
	a := l.subnet(vpc, "audited-app-a", "us-east-1a", "10.9.0.0/24")
	l.routeTable(vpc, "app", []string{a})
	l.flowLog(vpc)
	l.group(vpc, "app")
	proxy := newDenyProxy(t, l.url, "DescribeFlowLogs")
	api := ec2.NewFromConfig(testConfig(proxy.URL))

	res, err := Import(l.ctx, api, Options{Region: testRegion, VPCIDs: []string{vpc}})
	if err != nil {
		t.Fatalf("a denied call failed the import: %v", err)
	}
	if !res.Partial() || len(res.Gaps) != 1 {
		t.Fatalf("gaps = %v, want one", res.Gaps)
	}
	g := res.Gaps[0]
	if g.Action != "ec2:DescribeFlowLogs" || g.VPC != "audited" || g.VPCID != vpc || !strings.Contains(g.Effect, "flow_logs") {
		t.Errorf("gap = %+v", g)
	}
	v := res.Design.VPCs[0]
	if v.FlowLogs || len(v.Tiers) != 1 || len(v.SecurityGroups) != 1 {
		t.Errorf("the rest was not imported: flow_logs %v, %d tiers, %d groups", v.FlowLogs, len(v.Tiers), len(v.SecurityGroups))
	}
	file := string(res.File())
	if !strings.Contains(file, "# PARTIAL IMPORT") || !strings.Contains(file, "ec2:DescribeFlowLogs denied for audited") {
		t.Errorf("the header does not report the gap:\n%s", file)
	}
	if strings.Contains(file, "SECRETBLOB") {
		t.Errorf("the encoded authorization message leaked into the file")
	}
	for _, a := range proxy.actions() {
		if !strings.HasPrefix(a, "Describe") {
			t.Errorf("the import called %s: it must only describe", a)
		}
	}
}

// TestImportDeniedRouting: without route tables the subnets' kinds are
// unknown; they are imported as isolated tiers and the gap says so.
func TestImportDeniedRouting(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("blind", "10.11.0.0/16")
	a := l.subnet(vpc, "blind-web-a", "us-east-1a", "10.11.0.0/24")
	l.routeTable(vpc, "web", []string{a}, [2]string{"0.0.0.0/0", l.igw(vpc)})
	proxy := newDenyProxy(t, l.url, "DescribeRouteTables", "DescribeSecurityGroups")
	res, err := Import(l.ctx, ec2.NewFromConfig(testConfig(proxy.URL)), Options{Region: testRegion, VPCIDs: []string{vpc}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Gaps) != 2 {
		t.Fatalf("gaps = %v", res.Gaps)
	}
	v := res.Design.VPCs[0]
	if len(v.Tiers) != 1 || v.Tiers[0].Kind != "isolated" || v.Tiers[0].Name != "web" {
		t.Errorf("tiers = %+v", v.Tiers)
	}
	if v.SecurityGroups != nil {
		t.Errorf("groups = %+v", v.SecurityGroups)
	}
}

// TestImportDeniedVPCs: without DescribeVpcs there is nothing to import;
// the error names the action and AWS's code, not the encoded message.
func TestImportDeniedVPCs(t *testing.T) {
	l := newLab(t)
	proxy := newDenyProxy(t, l.url, "DescribeVpcs")
	_, err := Import(context.Background(), ec2.NewFromConfig(testConfig(proxy.URL)), Options{Region: testRegion, VPCIDs: []string{"vpc-12345678"}})
	var ce *CallError
	if !errors.As(err, &ce) || ce.Code != "UnauthorizedOperation" || ce.Action != "ec2:DescribeVpcs" {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "SECRETBLOB") || strings.Contains(err.Error(), "RequestID") {
		t.Errorf("the error leaks request details: %v", err)
	}
}

// TestImportMissingVPC: an unknown ID is named.
func TestImportMissingVPC(t *testing.T) {
	l := newLab(t)
	vpc := l.vpc("present", "10.12.0.0/16")
	_, err := Import(l.ctx, l.ec2, Options{Region: testRegion, VPCIDs: []string{vpc, "vpc-0000000000000dead"}})
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.IDs) != 1 || nf.IDs[0] != "vpc-0000000000000dead" {
		t.Fatalf("err = %v", err)
	}
}
