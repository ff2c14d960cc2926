package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// productionClient is the EC2 client the CLI builds (NewClient: adaptive
// retries, DefaultMaxAttempts), pointed at endpoint through the environment
// as a user would point it at another endpoint, with the lab's fake
// credentials and no shared config files. The lab's own client retries as
// the SDK does by default; retry behaviour must be tested with the real one.
func productionClient(t *testing.T, ctx context.Context, endpoint string) *ec2.Client {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("AWS_ENDPOINT_URL_EC2", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIATESTTESTTESTTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testsecretnotarealsecretnotarealsecret00")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_PROFILE", "")
	client, region, err := NewClient(ctx, ClientConfig{Region: testRegion})
	if err != nil {
		t.Fatal(err)
	}
	if region != testRegion {
		t.Fatalf("region %q", region)
	}
	return client
}

// throttledBody is EC2's answer to a throttled call (HTTP 503), in the
// shape of every EC2 error (see deniedBody).
const throttledBody = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>5c1e8d1a-throttled</RequestID></Response>`

// throttleProxy stands in front of moto and throttles half the calls, as a
// busy account's shared Describe bucket does: the first attempt of every
// distinct request is answered RequestLimitExceeded, the next attempt is
// forwarded. A request is known by its body (Action, Version and the
// parameters, NextToken included): the SDK resends the same body when it
// retries, since the signature and the attempt number travel in headers.
type throttleProxy struct {
	*httptest.Server
	mu        sync.Mutex
	attempts  map[[32]byte]int // attempts per distinct request body
	actions   map[string]bool
	throttled int
	forwarded int
	// sdkAttempts are the attempt numbers the SDK wrote in each request's
	// amz-sdk-request header, by what the proxy did with the request.
	throttledAttempts, forwardedAttempts []string
}

func newThrottleProxy(t testing.TB, moto string) *throttleProxy {
	t.Helper()
	target, err := url.Parse(moto)
	if err != nil {
		t.Fatal(err)
	}
	p := &throttleProxy{attempts: map[[32]byte]int{}, actions: map[string]bool{}}
	forward := httputil.NewSingleHostReverseProxy(target)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		attempt := sdkAttempt(r.Header.Get("amz-sdk-request"))
		key := sha256.Sum256(body)
		p.mu.Lock()
		p.actions[form.Get("Action")] = true
		p.attempts[key]++
		first := p.attempts[key] == 1
		if first {
			p.throttled++
			p.throttledAttempts = append(p.throttledAttempts, attempt)
		} else {
			p.forwarded++
			p.forwardedAttempts = append(p.forwardedAttempts, attempt)
		}
		p.mu.Unlock()
		if first {
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, throttledBody)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

// sdkAttempt reads "attempt=N" from the SDK's amz-sdk-request header
// ("attempt=2; max=8").
func sdkAttempt(h string) string {
	for part := range strings.SplitSeq(h, ";") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(part), "attempt="); ok {
			return n
		}
	}
	return "?"
}

// TestImportThrottled: with every request throttled once, the import
// retries each and finishes with the design it gets unthrottled: nothing
// missing, no gap (a throttled call is not a denied one), no error.
//
// It takes about 45 s, all of it spent in the adaptive retryer's
// client-side rate limiter (the same import through the SDK's standard
// retryer takes 4 s): each throttle cuts the client's send rate to 0.7 times
// the rate it measured, and the throttles of the import's first half
// second, before any rate is measured, cut it to the limiter's floor of 0.5
// requests a second; as every first attempt is throttled, the rate never
// recovers and the 38 attempts go at about one a second. That is what the
// production client does under sustained throttling, which is what is
// tested: the retry settings are not loosened for the test.
func TestImportThrottled(t *testing.T) {
	l := newLab(t)
	shop := l.vpc("shop", "10.60.0.0/16")
	data := l.vpc("ledger", "10.61.0.0/16")
	var pub, app []string
	for i, az := range []string{"a", "b", "c"} {
		pub = append(pub, l.subnet(shop, "shop-public-"+az, "us-east-1"+az, "10.60."+itoa(i)+".0/24"))
		app = append(app, l.subnet(shop, "shop-app-"+az, "us-east-1"+az, "10.60."+itoa(16+i)+".0/24"))
	}
	l.routeTable(shop, "public", pub, [2]string{"0.0.0.0/0", l.igw(shop)})
	nat := l.nat(pub[0])
	var db []string
	for i, az := range []string{"a", "b"} {
		db = append(db, l.subnet(data, "ledger-db-"+az, "us-east-1"+az, "10.61."+itoa(i)+".0/24"))
	}
	pcx := l.peer(shop, data, "shop-to-ledger")
	appRT := l.routeTable(shop, "app", app, [2]string{"0.0.0.0/0", nat}, [2]string{"10.61.0.0/16", pcx})
	l.routeTable(data, "db", db, [2]string{"10.60.0.0/16", pcx})
	l.gatewayEndpoint(shop, "s3", appRT)
	l.flowLog(shop)
	alb := l.group(shop, "alb")
	l.allowCIDR(alb, "0.0.0.0/0", 443, "HTTPS from anywhere")
	web := l.group(shop, "web")
	l.allowGroup(web, alb, 8080, "from the load balancer")
	pg := l.group(data, "postgres")
	l.allowGroup(pg, web, 5432, "from the web tier across the peering")
	l.eni(pub[0], alb)
	l.eni(app[0], web)
	l.eni(db[0], pg)

	// The same VPCs straight from moto: what the throttled import must get.
	want := l.importVPCs(shop, data)
	if want.Partial() || len(want.Design.VPCs) != 2 || len(want.Design.Connections) != 1 {
		t.Fatalf("the unthrottled import is not the layout: gaps %v, design %+v", want.Gaps, want.Design)
	}

	proxy := newThrottleProxy(t, l.url)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	api := productionClient(t, ctx, proxy.URL)
	start := time.Now()
	res, err := Import(ctx, api, Options{Region: testRegion, VPCIDs: []string{shop, data}})
	took := time.Since(start)
	if err != nil {
		t.Fatalf("a throttled import failed: %v", err)
	}
	if res.Partial() || len(res.Gaps) != 0 {
		t.Fatalf("throttling made gaps: %v", res.Gaps)
	}
	if got, exp := res.File(), want.File(); !bytes.Equal(got, exp) {
		t.Errorf("the throttled import differs from the unthrottled one:\n--- throttled:\n%s\n--- unthrottled:\n%s", got, exp)
	}

	proxy.mu.Lock()
	defer proxy.mu.Unlock()
	t.Logf("%d requests throttled, %d forwarded, in %v", proxy.throttled, proxy.forwarded, took.Round(time.Millisecond))
	// Every distinct request was throttled once and forwarded once: half the
	// calls failed, and none was given up or repeated after it succeeded.
	if proxy.throttled < 10 || proxy.throttled != len(proxy.attempts) || proxy.forwarded != proxy.throttled {
		t.Errorf("%d distinct requests, %d throttled, %d forwarded: want each throttled once then forwarded once (at least 10)",
			len(proxy.attempts), proxy.throttled, proxy.forwarded)
	}
	// The import counts requests, not attempts: its retries are the SDK's.
	if res.Calls != len(proxy.attempts) {
		t.Errorf("the import counted %d calls; %d distinct requests reached the proxy", res.Calls, len(proxy.attempts))
	}
	// The SDK's own count agrees: each throttled request was a first
	// attempt, each forwarded one its second. A third attempt would mean
	// the retry was not recognised as the same request.
	for _, a := range proxy.throttledAttempts {
		if a != "1" {
			t.Errorf("a throttled request was attempt %s, want 1", a)
		}
	}
	for _, a := range proxy.forwardedAttempts {
		if a != "2" {
			t.Errorf("a forwarded request was attempt %s, want 2", a)
		}
	}
	for a := range proxy.actions {
		if !strings.HasPrefix(a, "Describe") {
			t.Errorf("the import called %s: it must only describe", a)
		}
	}
}
