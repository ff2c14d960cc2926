package importer

import (
	"context"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// fetcher runs the Describe calls of one import. Every request (each page of
// a paginated call) holds a slot of sem while it is in flight, so the number
// of concurrent calls to AWS is bounded whatever the number of VPCs.
type fetcher struct {
	api   API
	sem   chan struct{}
	pages pageSizes

	mu       sync.Mutex
	calls    int
	vpcsDone int
	vpcs     int
	gaps     []Gap
	progress func(Progress)
}

// Progress reports how far an import has got; the CLI prints it as one line.
type Progress struct {
	VPCs, VPCsDone int // VPCs whose Describe calls have all returned
	Calls          int // requests made so far, pages counted one by one
}

func newFetcher(api API, maxInFlight int, pages *pageSizes, progress func(Progress)) *fetcher {
	if maxInFlight <= 0 {
		maxInFlight = DefaultMaxInFlight
	}
	if pages == nil {
		pages = &maxPageSizes
	}
	return &fetcher{api: api, sem: make(chan struct{}, maxInFlight), pages: *pages, progress: progress}
}

// DefaultMaxInFlight bounds concurrent Describe calls. EC2 throttles
// Describe actions per account with a shared bucket; eight in flight keeps
// an import fast without starving other tools of the same account (the
// adaptive retryer backs off if it is throttled anyway).
const DefaultMaxInFlight = 8

// request runs one API request while holding an in-flight slot.
func (f *fetcher) request(ctx context.Context, call func(context.Context) error) error {
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	err := call(ctx)
	<-f.sem
	f.mu.Lock()
	f.calls++
	p := f.snapshot()
	f.mu.Unlock()
	f.report(p)
	return err
}

func (f *fetcher) snapshot() Progress {
	return Progress{VPCs: f.vpcs, VPCsDone: f.vpcsDone, Calls: f.calls}
}

func (f *fetcher) report(p Progress) {
	if f.progress != nil {
		f.progress(p)
	}
}

func (f *fetcher) vpcDone() {
	f.mu.Lock()
	f.vpcsDone++
	p := f.snapshot()
	f.mu.Unlock()
	f.report(p)
}

// pager is the shape of every EC2 paginator.
type pager[O any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*ec2.Options)) (O, error)
}

// collect reads every page of p, one request at a time under the bound.
func collect[O, E any](ctx context.Context, f *fetcher, p pager[O], items func(O) []E) ([]E, error) {
	var out []E
	for p.HasMorePages() {
		var page O
		err := f.request(ctx, func(ctx context.Context) error {
			var err error
			page, err = p.NextPage(ctx)
			return err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, items(page)...)
	}
	return out, nil
}

// settle decides what a call's error means: nil passes; a denial or an
// answer that cannot be decoded becomes a gap (the call's result stays
// empty, the import goes on) and marks denied, since the design lacks the
// same either way; anything else fails the import.
func (f *fetcher) settle(err error, action, vpc string, denied map[string]bool, mu *sync.Mutex) error {
	if err == nil {
		return nil
	}
	if isDenied(err) || isUnreadable(err) {
		f.gap(Gap{Action: action, VPCID: vpc, Unreadable: !isDenied(err)})
		mu.Lock()
		denied[action] = true
		mu.Unlock()
		return nil
	}
	return callError(action, err)
}

func vpcFilter(id string) []types.Filter {
	return []types.Filter{{Name: aws.String("vpc-id"), Values: []string{id}}}
}

// pageSizes are the MaxResults of the paginated Describe calls.
type pageSizes struct {
	vpcs, subnets, routeTables, nats, endpoints, flowLogs int32
	groups, enis, nacls, peerings, attachments            int32
}

// maxPageSizes are the API's maximum for each call, so that a large VPC
// takes few requests; every import uses them. Only tests ask for smaller
// pages (Options.pages), to read a small layout over several pages: the
// paths that follow NextToken are otherwise never taken.
var maxPageSizes = pageSizes{
	vpcs:        1000,
	subnets:     1000,
	routeTables: 100,
	nats:        1000,
	endpoints:   1000,
	flowLogs:    1000,
	groups:      1000,
	enis:        1000,
	nacls:       100,
	peerings:    1000,
	attachments: 1000,
}

// task is one Describe call of the fan-out.
type task struct {
	action string
	run    func(context.Context) error
}

// vpcTasks returns the independent Describe calls for one VPC; each writes
// its own field of v.
func (f *fetcher) vpcTasks(v *vpcData, mu *sync.Mutex) []task {
	id := v.id()
	settle := func(action string, err error) error { return f.settle(err, action, id, v.denied, mu) }
	return []task{
		{"ec2:DescribeSubnets", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeSubnetsPaginator(f.api, &ec2.DescribeSubnetsInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.subnets)})
			v.subnets, err = collect(ctx, f, p, func(o *ec2.DescribeSubnetsOutput) []types.Subnet { return o.Subnets })
			return settle("ec2:DescribeSubnets", err)
		}},
		{"ec2:DescribeRouteTables", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeRouteTablesPaginator(f.api, &ec2.DescribeRouteTablesInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.routeTables)})
			v.routeTables, err = collect(ctx, f, p, func(o *ec2.DescribeRouteTablesOutput) []types.RouteTable { return o.RouteTables })
			return settle("ec2:DescribeRouteTables", err)
		}},
		{"ec2:DescribeNatGateways", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeNatGatewaysPaginator(f.api, &ec2.DescribeNatGatewaysInput{Filter: vpcFilter(id), MaxResults: aws.Int32(f.pages.nats)})
			v.nats, err = collect(ctx, f, p, func(o *ec2.DescribeNatGatewaysOutput) []types.NatGateway { return o.NatGateways })
			return settle("ec2:DescribeNatGateways", err)
		}},
		{"ec2:DescribeVpcEndpoints", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeVpcEndpointsPaginator(f.api, &ec2.DescribeVpcEndpointsInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.endpoints)})
			v.endpoints, err = collect(ctx, f, p, func(o *ec2.DescribeVpcEndpointsOutput) []types.VpcEndpoint { return o.VpcEndpoints })
			return settle("ec2:DescribeVpcEndpoints", err)
		}},
		{"ec2:DescribeFlowLogs", func(ctx context.Context) (err error) {
			filter := []types.Filter{{Name: aws.String("resource-id"), Values: []string{id}}}
			p := ec2.NewDescribeFlowLogsPaginator(f.api, &ec2.DescribeFlowLogsInput{Filter: filter, MaxResults: aws.Int32(f.pages.flowLogs)})
			v.flowLogs, err = collect(ctx, f, p, func(o *ec2.DescribeFlowLogsOutput) []types.FlowLog { return o.FlowLogs })
			return settle("ec2:DescribeFlowLogs", err)
		}},
		{"ec2:DescribeSecurityGroups", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeSecurityGroupsPaginator(f.api, &ec2.DescribeSecurityGroupsInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.groups)})
			v.groups, err = collect(ctx, f, p, func(o *ec2.DescribeSecurityGroupsOutput) []types.SecurityGroup { return o.SecurityGroups })
			return settle("ec2:DescribeSecurityGroups", err)
		}},
		{"ec2:DescribeNetworkInterfaces", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeNetworkInterfacesPaginator(f.api, &ec2.DescribeNetworkInterfacesInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.enis)})
			v.enis, err = collect(ctx, f, p, func(o *ec2.DescribeNetworkInterfacesOutput) []types.NetworkInterface { return o.NetworkInterfaces })
			return settle("ec2:DescribeNetworkInterfaces", err)
		}},
		{"ec2:DescribeNetworkAcls", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeNetworkAclsPaginator(f.api, &ec2.DescribeNetworkAclsInput{Filters: vpcFilter(id), MaxResults: aws.Int32(f.pages.nacls)})
			v.nacls, err = collect(ctx, f, p, func(o *ec2.DescribeNetworkAclsOutput) []types.NetworkAcl { return o.NetworkAcls })
			return settle("ec2:DescribeNetworkAcls", err)
		}},
	}
}

// regionTasks returns the region-wide calls: peerings and transit gateway
// attachments are listed once and matched to the imported VPCs, which costs
// fewer calls than asking per VPC and sees both ends of each connection.
func (f *fetcher) regionTasks(inv *inventory, mu *sync.Mutex) []task {
	settle := func(action string, err error) error { return f.settle(err, action, "", inv.denied, mu) }
	return []task{
		{"ec2:DescribeVpcPeeringConnections", func(ctx context.Context) (err error) {
			p := ec2.NewDescribeVpcPeeringConnectionsPaginator(f.api, &ec2.DescribeVpcPeeringConnectionsInput{MaxResults: aws.Int32(f.pages.peerings)})
			inv.peerings, err = collect(ctx, f, p, func(o *ec2.DescribeVpcPeeringConnectionsOutput) []types.VpcPeeringConnection {
				return o.VpcPeeringConnections
			})
			return settle("ec2:DescribeVpcPeeringConnections", err)
		}},
		{"ec2:DescribeTransitGatewayAttachments", func(ctx context.Context) (err error) {
			filter := []types.Filter{{Name: aws.String("resource-type"), Values: []string{"vpc"}}}
			p := ec2.NewDescribeTransitGatewayAttachmentsPaginator(f.api, &ec2.DescribeTransitGatewayAttachmentsInput{Filters: filter, MaxResults: aws.Int32(f.pages.attachments)})
			inv.attachments, err = collect(ctx, f, p, func(o *ec2.DescribeTransitGatewayAttachmentsOutput) []types.TransitGatewayAttachment {
				return o.TransitGatewayAttachments
			})
			if err = settle("ec2:DescribeTransitGatewayAttachments", err); err != nil || len(inv.attachments) == 0 {
				return err
			}
			// The gateways' names, for the connections' names: only once the
			// attachments say which gateways matter.
			var ids []string
			seen := map[string]bool{}
			for _, a := range inv.attachments {
				if id := deref(a.TransitGatewayId); id != "" && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
			sort.Strings(ids)
			tp := ec2.NewDescribeTransitGatewaysPaginator(f.api, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: ids})
			inv.tgws, err = collect(ctx, f, tp, func(o *ec2.DescribeTransitGatewaysOutput) []types.TransitGateway { return o.TransitGateways })
			if err := settle("ec2:DescribeTransitGateways", err); err != nil {
				return err
			}
			return f.tgwRouting(ctx, inv, ids, settle)
		}},
	}
}
