package motogaps

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// defaultACLIPv6Rule is the rule number of the IPv6 allow-all entries AWS
// adds to a VPC's default network ACL.
const defaultACLIPv6Rule = 101

// DefaultACLIPv6 does what AWS does when a VPC gets an IPv6 block and moto
// does not: its default network ACL gains rule 101, allow all ::/0, in
// and out ("If you've associated an IPv6 CIDR block with your VPC, the
// default network ACL also includes rules that allow all inbound and
// outbound IPv6 traffic", VPC User Guide, default network ACL). Entries
// already there are left alone.
func DefaultACLIPv6(ctx context.Context, c *ec2.Client, vpc string) error {
	out, err := c.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("default"), Values: []string{"true"}}}})
	if err != nil {
		return fmt.Errorf("default network ACL of %s: %w", vpc, err)
	}
	for _, acl := range out.NetworkAcls {
		if !aws.ToBool(acl.IsDefault) {
			continue
		}
		for _, egress := range []bool{false, true} {
			if hasEntry(acl, defaultACLIPv6Rule, egress) {
				continue
			}
			if _, err := c.CreateNetworkAclEntry(ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: acl.NetworkAclId, RuleNumber: aws.Int32(defaultACLIPv6Rule),
				Egress: aws.Bool(egress), RuleAction: types.RuleActionAllow, Protocol: aws.String("-1"), Ipv6CidrBlock: aws.String("::/0")}); err != nil {
				return fmt.Errorf("default network ACL of %s: %w", vpc, err)
			}
		}
	}
	return nil
}

func hasEntry(acl types.NetworkAcl, rule int32, egress bool) bool {
	for _, e := range acl.Entries {
		if aws.ToInt32(e.RuleNumber) == rule && aws.ToBool(e.Egress) == egress {
			return true
		}
	}
	return false
}
