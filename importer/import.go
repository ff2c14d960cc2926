package importer

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Options say what to import.
type Options struct {
	// Region is the region api talks to; it becomes the design's region.
	Region string
	// VPCIDs are the VPCs to import, in the order the design lists them.
	VPCIDs []string
	// All imports every VPC of the region instead (VPCIDs must be empty).
	All bool
	// MaxInFlight bounds concurrent calls (0: DefaultMaxInFlight; 1 makes
	// every call wait for the previous one).
	MaxInFlight int
	// Progress, if set, is called after every request, from the goroutine
	// that made it (calls are serialised).
	Progress func(Progress)

	// pages overrides the calls' page sizes (nil: maxPageSizes). Only tests
	// set it, hence unexported.
	pages *pageSizes
}

// Import reads the VPCs through api and builds their design. A denied call
// does not fail the import: it becomes a Gap of the Result. Any other
// failure of a call fails it.
func Import(ctx context.Context, api API, opts Options) (*Result, error) {
	inv, err := fetch(ctx, api, opts)
	if err != nil {
		return nil, err
	}
	return build(inv), nil
}

// fetch lists the VPCs, then fans out: every VPC's Describe calls and the
// region-wide ones run concurrently, each request bounded by the fetcher's
// in-flight slots.
func fetch(ctx context.Context, api API, opts Options) (*inventory, error) {
	var progressMu sync.Mutex
	progress := opts.Progress
	if progress != nil {
		progress = func(p Progress) {
			progressMu.Lock()
			defer progressMu.Unlock()
			opts.Progress(p)
		}
	}
	f := newFetcher(api, opts.MaxInFlight, opts.pages, progress)
	inv := &inventory{region: opts.Region, denied: map[string]bool{}}
	vpcs, err := f.listVPCs(ctx, opts)
	if err != nil {
		return nil, err
	}
	f.vpcs = len(vpcs)
	var mu sync.Mutex // guards the denied maps
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	launch := func(ts []task, done func()) {
		left := atomic.Int32{}
		left.Store(int32(len(ts)))
		for _, t := range ts {
			wg.Go(func() {
				if err := t.run(ctx); err != nil {
					cancel(err)
				}
				if left.Add(-1) == 0 && done != nil {
					done()
				}
			})
		}
	}
	for _, v := range vpcs {
		d := &vpcData{vpc: v, denied: map[string]bool{}}
		inv.vpcs = append(inv.vpcs, d)
		launch(f.vpcTasks(d, &mu), f.vpcDone)
	}
	launch(f.regionTasks(inv, &mu), nil)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	inv.gaps = f.gaps
	inv.calls = f.calls
	inv.sortAll()
	return inv, nil
}

// maxFilterValues is how many values EC2 accepts in one filter.
const maxFilterValues = 200

// listVPCs describes the requested VPCs (or all of them), in the order the
// caller named them. IDs go in a vpc-id filter rather than VpcIds, so that
// a missing VPC is reported by name instead of failing the call.
func (f *fetcher) listVPCs(ctx context.Context, opts Options) ([]types.Vpc, error) {
	const action = "ec2:DescribeVpcs"
	items := func(o *ec2.DescribeVpcsOutput) []types.Vpc { return o.Vpcs }
	if opts.All {
		p := ec2.NewDescribeVpcsPaginator(f.api, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(f.pages.vpcs)})
		vpcs, err := collect(ctx, f, p, items)
		if isUnreadable(err) {
			vpcs, err = f.allVPCsNarrowed(ctx, err)
		}
		if err != nil {
			return nil, callError(action, err)
		}
		if len(vpcs) == 0 {
			return nil, &NotFoundError{Region: opts.Region}
		}
		sort.Slice(vpcs, func(i, j int) bool {
			ni, nj := cleanText(tagValue(vpcs[i].Tags, tagName)), cleanText(tagValue(vpcs[j].Tags, tagName))
			if ni != nj {
				return ni < nj
			}
			return deref(vpcs[i].VpcId) < deref(vpcs[j].VpcId)
		})
		return vpcs, nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range opts.VPCIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	byID := map[string]types.Vpc{}
	lost := map[string]bool{} // unreadable: a gap, not missing
	var unreadable error
	for start := 0; start < len(ids); start += maxFilterValues {
		chunk := ids[start:min(start+maxFilterValues, len(ids))]
		vpcs, err := f.describeVPCs(ctx, chunk)
		if isUnreadable(err) {
			unreadable = err
			var l []string
			vpcs, l, err = f.narrowVPCs(ctx, chunk)
			for _, id := range l {
				lost[id] = true
			}
		}
		if err != nil {
			return nil, callError(action, err)
		}
		for _, v := range vpcs {
			byID[deref(v.VpcId)] = v
		}
	}
	var out []types.Vpc
	var missing []string
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			out = append(out, v)
		} else if !lost[id] {
			missing = append(missing, id)
		}
	}
	if len(out) == 0 && unreadable != nil {
		return nil, callError(action, unreadable) // nothing readable to import
	}
	if len(missing) > 0 {
		return nil, &NotFoundError{Region: opts.Region, IDs: missing}
	}
	return out, nil
}
