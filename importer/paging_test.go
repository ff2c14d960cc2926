package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// pageLists names the element of each paginated answer that holds its
// items (as the SDK's deserializers read them).
var pageLists = map[string]string{
	"DescribeVpcs":                            "vpcSet",
	"DescribeSubnets":                         "subnetSet",
	"DescribeRouteTables":                     "routeTableSet",
	"DescribeNatGateways":                     "natGatewaySet",
	"DescribeVpcEndpoints":                    "vpcEndpointSet",
	"DescribeFlowLogs":                        "flowLogSet",
	"DescribeSecurityGroups":                  "securityGroupInfo",
	"DescribeNetworkInterfaces":               "networkInterfaceSet",
	"DescribeNetworkAcls":                     "networkAclSet",
	"DescribeVpcPeeringConnections":           "vpcPeeringConnectionSet",
	"DescribeTransitGatewayAttachments":       "transitGatewayAttachments",
	"DescribeTransitGateways":                 "transitGatewaySet",
	"DescribeTransitGatewayVpcAttachments":    "transitGatewayVpcAttachments",
	"DescribeTransitGatewayRouteTables":       "transitGatewayRouteTables",
	"GetTransitGatewayRouteTableAssociations": "associations",
	"GetTransitGatewayRouteTablePropagations": "transitGatewayRouteTablePropagations",
}

// minMaxResults is EC2's smallest MaxResults for the import's Describe
// calls: a smaller one is an InvalidParameterValue.
const minMaxResults = 5

// pageProxy stands in front of moto and pages its answers as EC2 does.
// moto (5.2.5) ignores MaxResults and NextToken in every Describe call the
// import makes and answers all items at once, so without the proxy the
// import's NextToken paths never run. A request with MaxResults k gets at
// most k items, and a NextToken when more are left; the request carrying
// that token gets the next k. Each page is cut from moto's whole answer to
// the same request, asked afresh (moto is asked without MaxResults and
// NextToken, so that it could not page on its own), as EC2 pages a listing
// it re-reads: the items are moto's own, in moto's order.
type pageProxy struct {
	*httptest.Server
	mu   sync.Mutex
	log  []pageRequest
	errs []string
}

// pageRequest is one request the proxy answered.
type pageRequest struct {
	action string
	query  string // the parameters other than MaxResults and NextToken: which listing
	token  bool   // it carried a NextToken
	offset int    // index of the page's first item in the listing
	size   int    // MaxResults, 0 when absent (an unpaged call)
	served int    // items in the page
	total  int    // items in moto's whole answer
}

func newPageProxy(t testing.TB, moto string) *pageProxy {
	t.Helper()
	p := &pageProxy{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := p.serve(w, r, moto); err != nil {
			p.mu.Lock()
			p.errs = append(p.errs, err.Error())
			p.mu.Unlock()
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>%s</Message></Error></Errors><RequestID>paging-proxy</RequestID></Response>`, xmlEscape(err.Error()))
		}
	}))
	t.Cleanup(p.Close)
	return p
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// pageToken is opaque to the client; it names the listing it continues, so
// that a token sent with other parameters is refused, as EC2 refuses it.
func pageToken(query string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(listingID(query) + ":" + strconv.Itoa(offset)))
}

func listingID(query string) string {
	sum := sha256.Sum256([]byte(query))
	return hex.EncodeToString(sum[:8])
}

func (p *pageProxy) serve(w http.ResponseWriter, r *http.Request, moto string) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return err
	}
	action := form.Get("Action")
	req := pageRequest{action: action, token: form.Has("NextToken")}
	if s := form.Get("MaxResults"); s != "" {
		if req.size, err = strconv.Atoi(s); err != nil || req.size < minMaxResults {
			return fmt.Errorf("%s: MaxResults %q: EC2 wants at least %d", action, s, minMaxResults)
		}
	}
	token := form.Get("NextToken")
	form.Del("MaxResults")
	form.Del("NextToken")
	req.query = form.Encode()
	if req.token {
		if req.size == 0 {
			return fmt.Errorf("%s: NextToken without MaxResults", action)
		}
		raw, _ := base64.RawURLEncoding.DecodeString(token)
		id, offset, ok := strings.Cut(string(raw), ":")
		if !ok || id != listingID(req.query) {
			return fmt.Errorf("%s: NextToken %q does not continue the listing %s", action, token, req.query)
		}
		if req.offset, err = strconv.Atoi(offset); err != nil || req.offset <= 0 {
			return fmt.Errorf("%s: bad NextToken %q", action, token)
		}
	}

	// moto's whole answer.
	up, err := http.NewRequestWithContext(r.Context(), http.MethodPost, moto+r.URL.Path, strings.NewReader(req.query))
	if err != nil {
		return err
	}
	for k, v := range r.Header {
		if k != "Content-Length" {
			up.Header[k] = v
		}
	}
	resp, err := http.DefaultClient.Do(up)
	if err != nil {
		return err
	}
	whole, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	list := pageLists[action]
	if resp.StatusCode != http.StatusOK || req.size == 0 || list == "" {
		// An error, or a call the import does not page (DescribeTransitGateways
		// by ID): as moto answered.
		if req.size != 0 && list == "" {
			return fmt.Errorf("%s: paged, but the proxy does not know its list", action)
		}
		p.record(req)
		w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		w.WriteHeader(resp.StatusCode)
		w.Write(whole)
		return nil
	}
	page, err := cutPage(whole, list, &req)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	p.record(req)
	w.Header().Set("Content-Type", "text/xml")
	w.Write(page)
	return nil
}

func (p *pageProxy) record(r pageRequest) {
	p.mu.Lock()
	p.log = append(p.log, r)
	p.mu.Unlock()
}

// cutPage keeps the items [req.offset, req.offset+req.size) of the list
// element of an EC2 answer, byte for byte, and adds a nextToken when items
// are left. It sets req.total and req.served.
func cutPage(whole []byte, list string, req *pageRequest) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(whole))
	depth := 0
	inList := false
	listStart, listEnd, rootEnd := -1, -1, -1
	var items [][2]int
	itemStart := 0
	for {
		before := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == "nextToken":
				return nil, fmt.Errorf("moto paged the answer itself")
			case depth == 2 && t.Name.Local == list:
				inList = true
				listStart = int(d.InputOffset())
			case depth == 3 && inList:
				itemStart = before
			}
		case xml.EndElement:
			switch {
			case depth == 3 && inList:
				items = append(items, [2]int{itemStart, int(d.InputOffset())})
			case depth == 2 && inList:
				inList = false
				listEnd = before
			case depth == 1:
				rootEnd = before
			}
			depth--
		}
	}
	if listStart < 0 || listEnd < 0 || rootEnd < listEnd {
		return nil, fmt.Errorf("no <%s> in the answer", list)
	}
	req.total = len(items)
	if req.offset >= len(items) && req.offset > 0 {
		return nil, fmt.Errorf("NextToken past the end (%d of %d)", req.offset, len(items))
	}
	end := min(req.offset+req.size, len(items))
	var b bytes.Buffer
	b.Write(whole[:listStart])
	for _, it := range items[req.offset:end] {
		b.WriteString("\n")
		b.Write(whole[it[0]:it[1]])
	}
	b.Write(whole[listEnd:rootEnd])
	if end < len(items) {
		b.WriteString("<nextToken>" + pageToken(req.query, end) + "</nextToken>")
	}
	b.Write(whole[rootEnd:])
	req.served = end - req.offset
	return b.Bytes(), nil
}

// listings groups the proxy's log by listing (action and parameters), in
// the order of each listing's first request.
func (p *pageProxy) listings() [][]pageRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	var keys []string
	by := map[string][]pageRequest{}
	for _, r := range p.log {
		k := r.action + "?" + r.query
		if _, ok := by[k]; !ok {
			keys = append(keys, k)
		}
		by[k] = append(by[k], r)
	}
	var out [][]pageRequest
	for _, k := range keys {
		out = append(out, by[k])
	}
	return out
}

// smallPages are EC2's smallest page for every call.
var smallPages = pageSizes{
	vpcs: minMaxResults, subnets: minMaxResults, routeTables: minMaxResults, nats: minMaxResults,
	endpoints: minMaxResults, flowLogs: minMaxResults, groups: minMaxResults, enis: minMaxResults,
	nacls: minMaxResults, peerings: minMaxResults, attachments: minMaxResults,
}

// TestImportPaged: an import whose every listing comes in pages of five.
// The main VPC has 23 subnets in four tiers over six AZs, 10 route tables,
// 6 NAT gateways, 7 endpoints, 6 flow logs, 13 security groups (the default
// one and 12) and 6 network ACLs; six spoke VPCs make seven VPCs to list,
// six peerings and six transit gateway attachments. Every listing must be
// read to its end, each item once: the design is the one imported in
// single pages, with the exact counts, and the proxy saw ceil(n/5)
// requests per listing, the later ones carrying the token of the one
// before.
func TestImportPaged(t *testing.T) {
	l := newLab(t)
	azs := []string{"a", "b", "c", "d", "e", "f"}
	fleet := l.vpc("fleet", "10.80.0.0/16")
	igw := l.igw(fleet)
	var public, app, data, cache []string
	var wantCIDRs []string
	sub := func(tier string, i int, third int) string {
		cidr := "10.80." + itoa(third) + ".0/24"
		wantCIDRs = append(wantCIDRs, cidr)
		return l.subnet(fleet, "fleet-"+tier+"-"+azs[i], "us-east-1"+azs[i], cidr)
	}
	for i := range azs {
		public = append(public, sub("public", i, i))
		app = append(app, sub("app", i, 16+i))
		data = append(data, sub("data", i, 32+i))
		if i < 5 {
			cache = append(cache, sub("cache", i, 48+i))
		}
	}
	l.routeTable(fleet, "fleet-public", public, [2]string{"0.0.0.0/0", igw})
	var appRTs []string
	for i := range azs {
		appRTs = append(appRTs, l.routeTable(fleet, "fleet-app-"+azs[i], app[i:i+1], [2]string{"0.0.0.0/0", l.nat(public[i])}))
	}
	l.routeTable(fleet, "fleet-data", data)
	l.routeTable(fleet, "fleet-cache", cache)
	l.gatewayEndpoint(fleet, "s3", appRTs...)
	l.gatewayEndpoint(fleet, "dynamodb", appRTs...)
	for _, svc := range []string{"kms", "logs", "sns", "sqs", "ssm"} {
		l.interfaceEndpoint(fleet, svc, app...)
	}
	for i := range 6 {
		_, err := l.ec2.CreateFlowLogs(l.ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{fleet}, ResourceType: types.FlowLogsResourceTypeVpc,
			TrafficType: types.TrafficTypeAll, LogDestinationType: types.LogDestinationTypeCloudWatchLogs, LogGroupName: aws.String("/fleet/flow-logs-" + itoa(i)),
			DeliverLogsPermissionArn: aws.String("arn:aws:iam::123456789012:role/flow-logs")})
		l.check(err)
	}
	groupNames := []string{"alb", "web", "api", "worker", "cron", "queue", "search", "cache", "db", "bastion", "metrics", "logs"}
	groups := map[string]string{}
	for i, n := range groupNames {
		groups[n] = l.group(fleet, n)
		if i > 0 {
			l.allowGroup(groups[n], groups[groupNames[i-1]], int32(8000+i), "from "+groupNames[i-1])
		}
	}
	l.allowCIDR(groups["alb"], "0.0.0.0/0", 443, "HTTPS from anywhere")
	l.eni(public[0], groups["alb"])
	l.eni(app[0], groups["web"], groups["api"])
	l.eni(data[0], groups["db"])
	l.eni(cache[0], groups["cache"])
	// Five network ACLs besides the default one, on no subnet, with AWS's
	// entries of a new ACL (deny all): each is noted, which shows it was read.
	var acls []string
	for range 5 {
		out, err := l.ec2.CreateNetworkAcl(l.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(fleet)})
		l.check(err)
		acls = append(acls, *out.NetworkAcl.NetworkAclId)
	}
	// Six spokes, each peered with the fleet and attached to a hub.
	hub := l.transitGateway("hub")
	ids := []string{fleet}
	var spokeNames []string
	for i := range 6 {
		name := "spoke-" + itoa(i+1)
		v := l.vpc(name, "10.9"+itoa(i)+".0.0/16")
		s := l.subnet(v, name+"-app-a", "us-east-1a", "10.9"+itoa(i)+".0.0/24")
		l.attach(hub, v, s)
		l.peer(fleet, v, "fleet-to-"+name)
		ids = append(ids, v)
		spokeNames = append(spokeNames, name)
	}

	// The same VPCs in single pages, straight from moto.
	want := l.importVPCs(ids...)
	proxy := newPageProxy(t, l.url)
	res, err := Import(l.ctx, ec2.NewFromConfig(testConfig(proxy.URL)), Options{Region: testRegion, VPCIDs: ids, pages: &smallPages})
	if err != nil {
		t.Fatalf("the paged import failed: %v (proxy: %v)", err, proxy.errs)
	}
	if len(proxy.errs) != 0 {
		t.Fatalf("the proxy refused requests: %v", proxy.errs)
	}
	if res.Partial() {
		t.Fatalf("gaps: %v", res.Gaps)
	}

	// Exact counts, and the items themselves.
	if n := len(res.Design.VPCs); n != 7 {
		t.Fatalf("%d VPCs imported, want 7", n)
	}
	v := res.Design.VPCs[0]
	var gotCIDRs, tiers []string
	for _, tr := range v.Tiers {
		tiers = append(tiers, string(tr.Kind)+" "+tr.Name+" "+itoa(len(tr.Subnets)))
		for _, s := range tr.Subnets {
			gotCIDRs = append(gotCIDRs, s.CIDR)
		}
	}
	sort.Strings(gotCIDRs)
	sort.Strings(wantCIDRs)
	if len(wantCIDRs) != 23 || !slices.Equal(gotCIDRs, wantCIDRs) {
		t.Errorf("%d subnets %q, want the %d created %q", len(gotCIDRs), gotCIDRs, len(wantCIDRs), wantCIDRs)
	}
	if want := []string{"public public 6", "private app 6", "isolated data 6", "isolated cache 5"}; !slices.Equal(tiers, want) {
		t.Errorf("tiers = %q, want %q", tiers, want)
	}
	if v.NAT != design.NATPerAZ || len(v.AZs.Names) != 6 || !v.FlowLogs {
		t.Errorf("nat %q, AZs %v, flow logs %v", v.NAT, v.AZs.Names, v.FlowLogs)
	}
	if want := []string{"s3", "dynamodb", "kms", "logs", "sns", "sqs", "ssm"}; !slices.Equal(v.Endpoints, want) {
		t.Errorf("endpoints = %q, want %q", v.Endpoints, want)
	}
	var gotGroups []string
	for _, g := range v.SecurityGroups {
		gotGroups = append(gotGroups, g.Name)
	}
	sort.Strings(gotGroups)
	wantGroups := slices.Clone(groupNames)
	sort.Strings(wantGroups)
	if !slices.Equal(gotGroups, wantGroups) {
		t.Errorf("groups = %q, want the 12 created %q", gotGroups, wantGroups)
	}
	for _, a := range acls {
		assertNote(t, res, false, a, "network ACL on no subnet")
	}
	var conns []string
	for _, c := range res.Design.Connections {
		conns = append(conns, string(c.Kind)+" "+c.Name+" "+strings.Join(c.VPCs, ","))
	}
	sort.Strings(conns) // peerings come in the order of their IDs
	var wantConns []string
	for _, n := range spokeNames {
		wantConns = append(wantConns, "peering fleet-to-"+n+" fleet,"+n)
	}
	wantConns = append(wantConns, "transit-gateway hub "+strings.Join(spokeNames, ","))
	if !slices.Equal(conns, wantConns) {
		t.Errorf("connections = %q, want %q", conns, wantConns)
	}
	// Nothing lost, nothing twice: the design read in pages is the one read
	// whole.
	if got, exp := res.File(), want.File(); !bytes.Equal(got, exp) {
		t.Errorf("the paged import differs from the unpaged one:\n--- paged:\n%s\n--- unpaged:\n%s", got, exp)
	}

	// The proxy's log: every listing went in ceil(n/5) pages, each after the
	// first carrying the token of the one before, and each paginated action
	// went over several pages at least once.
	totals := map[string]int{}
	multi := map[string]bool{}
	calls := 0
	for _, reqs := range proxy.listings() {
		a := reqs[0].action
		calls += len(reqs)
		if reqs[0].size == 0 {
			// SearchTransitGatewayRoutes has no paginator, and moto fails on
			// its MaxResults.
			if a != "DescribeTransitGateways" && a != "SearchTransitGatewayRoutes" {
				t.Errorf("%s was called without MaxResults", a)
			}
			continue
		}
		n := reqs[0].total
		totals[a] += n
		if pages := max(1, (n+minMaxResults-1)/minMaxResults); len(reqs) != pages {
			t.Errorf("%s %s: %d requests for %d items, want %d", a, reqs[0].query, len(reqs), n, pages)
		}
		for i, r := range reqs {
			if r.size != minMaxResults || r.total != n || r.offset != i*minMaxResults || r.token != (i > 0) ||
				r.served != min(minMaxResults, n-r.offset) {
				t.Errorf("%s page %d: %+v", a, i+1, r)
			}
		}
		if len(reqs) > 1 {
			multi[a] = true
		}
	}
	for a := range pageLists {
		// The fleet's one gateway has one table (moto's default), with no
		// propagations: too few to page; they take the same collect path.
		few := a == "DescribeTransitGatewayRouteTables" || a == "GetTransitGatewayRouteTablePropagations"
		if a != "DescribeTransitGateways" && !few && !multi[a] {
			t.Errorf("%s never went over several pages (%d items)", a, totals[a])
		}
	}
	// The counts the layout fixes (region-wide listings hold what other
	// tests left in moto as well; the fleet's interfaces include those of
	// its NATs and endpoints, which moto creates).
	for a, n := range map[string]int{"DescribeVpcs": 7, "DescribeSubnets": 23 + 6, "DescribeRouteTables": 10 + 6,
		"DescribeNatGateways": 6, "DescribeVpcEndpoints": 7, "DescribeFlowLogs": 6, "DescribeSecurityGroups": 13 + 6,
		"DescribeNetworkAcls": 6 + 6} {
		if totals[a] != n {
			t.Errorf("%s listed %d items in all, want %d", a, totals[a], n)
		}
	}
	if totals["DescribeVpcPeeringConnections"] < 6 || totals["DescribeTransitGatewayAttachments"] < 6 || totals["DescribeNetworkInterfaces"] < 4+6 {
		t.Errorf("region-wide listings too short: %v", totals)
	}
	if calls != res.Calls {
		t.Errorf("the import counted %d calls, the proxy answered %d", res.Calls, calls)
	}
	t.Logf("%d requests; items per action: %v", calls, totals)
}
