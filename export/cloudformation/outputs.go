package cloudformation

import "fmt"

// vpcOutputs exports what other stacks build on: the VPC id, each tier's
// subnet ids as a comma-separated list (the form !Split and
// List<AWS::EC2::Subnet::Id> parameters take) and each security group id.
func (b *builder) vpcOutputs(p *vpcPlan) {
	v := p.v
	b.output(fmt.Sprintf("Id of VPC %s", v.Name), ref(p.id), v.Name, "VpcId")
	for ti, tl := range p.vl.Tiers {
		if len(p.subnets[ti]) == 0 {
			continue
		}
		b.output(fmt.Sprintf("Subnet ids of tier %s of VPC %s, comma-separated", tl.Tier.Name, v.Name), join(",", refs(p.subnets[ti])), v.Name, tl.Tier.Name, "SubnetIds")
	}
	for _, name := range p.sgOrder {
		b.output(fmt.Sprintf("Id of security group %s of VPC %s", name, v.Name), getAtt(p.sgs[name], "GroupId"), v.Name, name, "SecurityGroupId")
	}
}
