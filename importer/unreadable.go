package importer

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// An EC2 answer is one XML document per page: a single resource whose tag
// holds a character XML cannot carry makes the whole page unreadable, and
// asking again gives the same page. The per-VPC listings are filtered by
// VPC already, so such a page costs one call of one VPC (settle makes it a
// gap). The VPC listing is narrowed here instead, so that a poisoned VPC
// loses only itself, not every VPC listed with it.

// gap records a call whose result the design lacks.
func (f *fetcher) gap(g Gap) {
	f.mu.Lock()
	f.gaps = append(f.gaps, g)
	f.mu.Unlock()
}

// describeVPCs lists the VPCs with the given IDs (a vpc-id filter: a
// missing ID is left out rather than failing the call).
func (f *fetcher) describeVPCs(ctx context.Context, ids []string) ([]types.Vpc, error) {
	p := ec2.NewDescribeVpcsPaginator(f.api, &ec2.DescribeVpcsInput{
		Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: ids}}, MaxResults: aws.Int32(f.pages.vpcs)})
	return collect(ctx, f, p, func(o *ec2.DescribeVpcsOutput) []types.Vpc { return o.Vpcs })
}

// narrowVPCs lists the VPCs with the given IDs after a listing of them came
// back unreadable: it halves the IDs until each unreadable listing names
// one VPC, which becomes a gap and is returned in lost. With k poisoned
// VPCs among n this takes about 2k·log2(n) calls. Any other error fails.
func (f *fetcher) narrowVPCs(ctx context.Context, ids []string) (vpcs []types.Vpc, lost []string, err error) {
	got, err := f.describeVPCs(ctx, ids)
	switch {
	case err == nil:
		return got, nil, nil
	case !isUnreadable(err):
		return nil, nil, err
	case len(ids) == 1:
		f.gap(Gap{Action: "ec2:DescribeVpcs", VPCID: ids[0], Unreadable: true})
		return nil, ids, nil
	}
	half := len(ids) / 2
	a, lostA, err := f.narrowVPCs(ctx, ids[:half])
	if err != nil {
		return nil, nil, err
	}
	b, lostB, err := f.narrowVPCs(ctx, ids[half:])
	if err != nil {
		return nil, nil, err
	}
	return append(a, b...), append(lostA, lostB...), nil
}

// allVPCsNarrowed lists every VPC of the region after the plain listing
// came back unreadable (first). The IDs come from the VPCs' default
// security groups, which every VPC has and none can delete, and whose
// answer carries the VPC's ID but none of its tags; those IDs are then
// narrowed. If the groups cannot be listed either, first is the error.
func (f *fetcher) allVPCsNarrowed(ctx context.Context, first error) ([]types.Vpc, error) {
	p := ec2.NewDescribeSecurityGroupsPaginator(f.api, &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}, MaxResults: aws.Int32(f.pages.groups)})
	groups, err := collect(ctx, f, p, func(o *ec2.DescribeSecurityGroupsOutput) []types.SecurityGroup { return o.SecurityGroups })
	if err != nil {
		return nil, first
	}
	seen := map[string]bool{}
	var ids []string
	for _, g := range groups {
		if id := deref(g.VpcId); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, first
	}
	sort.Strings(ids)
	var vpcs []types.Vpc
	for start := 0; start < len(ids); start += maxFilterValues {
		got, _, err := f.narrowVPCs(ctx, ids[start:min(start+maxFilterValues, len(ids))])
		if err != nil {
			return nil, err
		}
		vpcs = append(vpcs, got...)
	}
	if len(vpcs) == 0 {
		return nil, first // every VPC is unreadable: nothing to import
	}
	return vpcs, nil
}
