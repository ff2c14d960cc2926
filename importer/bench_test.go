package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// benchLab is a lab on a private moto server: the benchmarks create
// thousands of resources that the tests' shared server should not carry.
func benchLab(b *testing.B) *lab {
	b.Helper()
	url := testtools.MotoServer(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	b.Cleanup(cancel)
	return &lab{t: b, ctx: ctx, ec2: ec2.NewFromConfig(testConfig(url)), url: url}
}

// parallel runs n jobs on 16 goroutines: building the layouts one call at
// a time would take minutes.
func parallel(n int, job func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range next {
				job(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// bigVPC builds a VPC with nSubnets /24 subnets over four AZs (a quarter
// public, the rest private behind a NAT per AZ) and nGroups security groups,
// each allowing the previous one.
func (l *lab) bigVPC(name string, second int, nSubnets, nGroups int) string {
	vpc := l.vpc(name, fmt.Sprintf("10.%d.0.0/16", second))
	igw := l.igw(vpc)
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}
	ids := make([]string, nSubnets)
	parallel(nSubnets, func(i int) {
		tier := "private"
		if i < nSubnets/4 {
			tier = "public"
		}
		az := azs[i%len(azs)]
		ids[i] = l.subnet(vpc, fmt.Sprintf("%s-%s-%d-%s", name, tier, i/len(azs), az), az, fmt.Sprintf("10.%d.%d.0/24", second, i))
	})
	l.routeTable(vpc, "public", ids[:nSubnets/4], [2]string{"0.0.0.0/0", igw})
	for a := range azs {
		nat := l.nat(ids[a])
		var mine []string
		for i := nSubnets / 4; i < nSubnets; i++ {
			if i%len(azs) == a {
				mine = append(mine, ids[i])
			}
		}
		l.routeTable(vpc, "private-"+azs[a], mine, [2]string{"0.0.0.0/0", nat})
	}
	groups := make([]string, nGroups)
	parallel(nGroups, func(i int) { groups[i] = l.group(vpc, fmt.Sprintf("g%03d", i)) })
	parallel(nGroups, func(i int) {
		l.allowCIDR(groups[i], "10.0.0.0/8", int32(1000+i), "")
		if i > 0 {
			l.allowGroup(groups[i], groups[i-1], 443, "")
		}
	})
	return vpc
}

// BenchmarkImportLargeVPC: one VPC with 200 subnets and 100 security
// groups, imported from moto ("moto"), and from moto's recorded answers
// served at once ("replay0ms"): the importer's own cost, decoding and
// building, without the emulator's.
func BenchmarkImportLargeVPC(b *testing.B) {
	l := benchLab(b)
	vpc := l.bigVPC("large", 50, 200, 100)
	replay := newReplayProxy(b, l.url, 0)
	if _, err := Import(l.ctx, ec2.NewFromConfig(testConfig(replay.URL)), Options{Region: testRegion, VPCIDs: []string{vpc}}); err != nil {
		b.Fatal(err)
	}
	replay.replaying.Store(true)
	for _, ep := range []struct{ name, url string }{{"moto", l.url}, {"replay0ms", replay.URL}} {
		api := ec2.NewFromConfig(testConfig(ep.url))
		b.Run(ep.name, func(b *testing.B) {
			for b.Loop() {
				res, err := Import(l.ctx, api, Options{Region: testRegion, VPCIDs: []string{vpc}})
				if err != nil {
					b.Fatal(err)
				}
				v := res.Design.VPCs[0]
				n := 0
				for _, t := range v.Tiers {
					n += len(t.Subnets)
				}
				if len(v.SecurityGroups) != 100 || n != 200 {
					b.Fatalf("%d groups, %d subnets", len(v.SecurityGroups), n)
				}
			}
		})
	}
	if n := replay.misses.Load(); n != 0 {
		b.Fatalf("%d calls were not recorded", n)
	}
}

// BenchmarkImport20VPCs imports 20 VPCs of 200 subnets each with the
// import's concurrency, and with every Describe call made after the
// previous one returned (the sequential baseline), in the same run.
//
// Two back ends: "moto" is moto itself. Moto is single-threaded Python
// (one core under its interpreter lock), so it spends as long building
// each answer whichever way the calls arrive, and caps what concurrency can
// show. "replay50ms" answers every call with moto's own recorded answer to
// it after 50 ms, as an in-region EC2 endpoint does: there the time is the
// API's latency, which concurrent calls overlap, as against AWS.
func BenchmarkImport20VPCs(b *testing.B) {
	l := benchLab(b)
	var ids []string
	for i := range 20 {
		ids = append(ids, l.bigVPC(fmt.Sprintf("v%02d", i), 100+i, 200, 5))
	}
	replay := newReplayProxy(b, l.url, 50*time.Millisecond)
	// Record every answer once, outside the timings.
	if _, err := Import(l.ctx, ec2.NewFromConfig(testConfig(replay.URL)), Options{Region: testRegion, VPCIDs: ids}); err != nil {
		b.Fatal(err)
	}
	replay.replaying.Store(true)
	for _, ep := range []struct{ name, url string }{{"moto", l.url}, {"replay50ms", replay.URL}} {
		api := ec2.NewFromConfig(testConfig(ep.url))
		for _, mode := range []struct {
			name     string
			inFlight int
		}{{"concurrent", DefaultMaxInFlight}, {"sequential", 1}} {
			b.Run(ep.name+"/"+mode.name, func(b *testing.B) {
				for b.Loop() {
					res, err := Import(l.ctx, api, Options{Region: testRegion, VPCIDs: ids, MaxInFlight: mode.inFlight})
					if err != nil {
						b.Fatal(err)
					}
					if len(res.Design.VPCs) != 20 || len(res.Design.VPCs[19].Tiers) == 0 {
						b.Fatalf("%d VPCs", len(res.Design.VPCs))
					}
				}
			})
		}
	}
	if n := replay.misses.Load(); n != 0 {
		b.Fatalf("%d calls were not recorded: the replay timings include moto", n)
	}
}

// replayProxy records moto's answer to each request body, then, once
// replaying, answers from the record after a fixed latency without asking
// moto. Describe requests carry no timestamp or nonce in their body, so the
// same call has the same body each time.
type replayProxy struct {
	*httptest.Server
	latency   time.Duration
	replaying atomic.Bool
	misses    atomic.Int64
	mu        sync.Mutex
	answers   map[string]recorded
}

type recorded struct {
	status int
	header http.Header
	body   []byte
}

func newReplayProxy(b *testing.B, target string, latency time.Duration) *replayProxy {
	u, err := url.Parse(target)
	if err != nil {
		b.Fatal(err)
	}
	p := &replayProxy{latency: latency, answers: map[string]recorded{}}
	forward := httputil.NewSingleHostReverseProxy(u)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		key := string(body)
		if p.replaying.Load() {
			p.mu.Lock()
			a, ok := p.answers[key]
			p.mu.Unlock()
			if ok {
				time.Sleep(p.latency)
				for k, v := range a.header {
					w.Header()[k] = v
				}
				w.WriteHeader(a.status)
				w.Write(a.body)
				return
			}
			p.misses.Add(1)
		}
		rec := httptest.NewRecorder()
		r.Body = io.NopCloser(bytes.NewReader(body))
		forward.ServeHTTP(rec, r)
		p.mu.Lock()
		p.answers[key] = recorded{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
		p.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	b.Cleanup(p.Close)
	return p
}
