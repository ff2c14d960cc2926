package importer

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// VPCSummary is one VPC of an account as a picker lists it. Name is the
// Name tag, cleaned of control and format characters (tags are untrusted),
// or "(default VPC)" for an unnamed default VPC.
type VPCSummary struct {
	ID, Name, CIDR string
}

// ListVPCs lists the VPCs the client's region holds, every page of
// DescribeVpcs, in the order EC2 returns them. It is the designer's VPC
// picker's one call: the import's own EC2 calls stay in this package.
func ListVPCs(ctx context.Context, client ec2.DescribeVpcsAPIClient) ([]VPCSummary, error) {
	var out []VPCSummary
	p := ec2.NewDescribeVpcsPaginator(client, &ec2.DescribeVpcsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, v := range page.Vpcs {
			s := VPCSummary{ID: aws.ToString(v.VpcId), CIDR: aws.ToString(v.CidrBlock)}
			for _, t := range v.Tags {
				if aws.ToString(t.Key) == "Name" {
					s.Name = termtext.Line(aws.ToString(t.Value))
				}
			}
			if aws.ToBool(v.IsDefault) && s.Name == "" {
				s.Name = "(default VPC)"
			}
			out = append(out, s)
		}
	}
	return out, nil
}
