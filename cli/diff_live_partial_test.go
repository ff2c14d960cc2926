package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// denyingProxy forwards EC2 calls to the moto at endpoint, except the
// actions named, which it answers as AWS answers a call the policy does
// not allow (403 UnauthorizedOperation, with an encoded message that must
// never be printed).
func denyingProxy(t *testing.T, endpoint string, deny ...string) string {
	t.Helper()
	target, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, _ := url.ParseQuery(string(body)); slices.Contains(deny, form.Get("Action")) {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. Encoded authorization failure message: ENCODEDBLOB</Message></Error></Errors><RequestID>r1</RequestID></Response>`)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	return proxy.URL
}

// TestDiffLivePartial: a call AWS denies makes the drift partial, as the
// import is: exit 3 (docs/diff.md, the README), whatever changed, with the
// report still written and a note per gap; without DescribeVpcs there is
// nothing to compare, exit 2.
func TestDiffLivePartial(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	file, _, _ := deployTemplate(t, endpoint, "three-tier")

	awsEnv(t, denyingProxy(t, endpoint, "DescribeFlowLogs", "DescribeNetworkAcls"))
	code, r, stderr := diffLive(t, file)
	if code != ExitPartial {
		t.Errorf("a denied DescribeFlowLogs and DescribeNetworkAcls: exit %d, want %d (partial)\n%s", code, ExitPartial, stderr)
	}
	if len(r.Changes) == 0 {
		// moto's gaps (TestDiffLiveDrift) and the unknown ACLs are changes:
		// 3 is reported over 1.
		t.Errorf("no changes: the test no longer shows that partial wins over changed")
	}
	for _, action := range []string{"ec2:DescribeFlowLogs", "ec2:DescribeNetworkAcls"} {
		if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.HasPrefix(n, "partial: ") && strings.Contains(n, action+" denied") }) {
			t.Errorf("notes %v: want a partial note for %s", r.Notes, action)
		}
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.HasPrefix(n, "production is vpc-") }) {
		t.Errorf("notes %v: the VPC was still matched and compared", r.Notes)
	}
	code, out, stderr := run(t, "diff", file, "--live")
	if code != ExitPartial || !strings.Contains(out, "note: partial: ec2:DescribeFlowLogs denied") {
		t.Errorf("text: exit %d, want %d with the gap noted:\n%s\n%s", code, ExitPartial, out, stderr)
	}
	for _, s := range []string{out, stderr} {
		if strings.Contains(s, "ENCODEDBLOB") {
			t.Errorf("the encoded authorization message leaked:\n%s", s)
		}
	}

	awsEnv(t, denyingProxy(t, endpoint, "DescribeVpcs"))
	code, out, stderr = run(t, "diff", file, "--live")
	if code != ExitUsage || !strings.Contains(stderr, "DescribeVpcs") {
		t.Errorf("a denied DescribeVpcs: exit %d, want %d naming the call\n%s\n%s", code, ExitUsage, out, stderr)
	}
}
