package cloudformation

import (
	"fmt"
	"net/netip"

	"github.com/vpcsmith/vpcsmith/design"
)

// nlbSecurityGroup adds the security group of a PrivateLink service's
// load balancer, in the provider VPC. The design says who may use the
// service (the consumer VPC) and on which port, so the group admits that
// port from the consumer VPC's CIDRs and nothing else (never wider than
// the design), and sends only that port to the provider VPC, where the
// deployer registers the targets (health checks use the traffic port, and
// are subject to the outbound rules). A load balancer without a group
// admits every client, and one made without a group can never be given
// one, which is why it is made here and not left to the deployer.
func (b *builder) nlbSecurityGroup(c *design.Connection, pp *vpcPlan, cons *design.VPCLayout) string {
	id := b.ids.make(c.Name, "LoadBalancerSecurityGroup")
	b.add(id, resource{typ: "AWS::EC2::SecurityGroup", props: object{
		{"GroupDescription", awsDescription(fmt.Sprintf("Load balancer of PrivateLink %s in VPC %s", c.Name, pp.v.Name))},
		{"VpcId", ref(pp.id)},
		{"SecurityGroupIngress", cidrRules(cons.CIDRs, c.Port, "PrivateLink "+c.Name+" from VPC "+cons.VPC.Name)},
		{"SecurityGroupEgress", cidrRules(pp.vl.CIDRs, c.Port, "PrivateLink "+c.Name+" to its targets")},
		{"Tags", tags(c.Name + "-nlb")},
	}})
	return id
}

// cidrRules is one inline tcp rule on port per CIDR, ingress or egress
// (both name the peer CidrIp).
func cidrRules(cidrs []netip.Prefix, port int, description string) []any {
	var out []any
	for _, c := range cidrs {
		out = append(out, object{
			{"IpProtocol", "tcp"},
			{"FromPort", port},
			{"ToPort", port},
			{"CidrIp", c.String()},
			{"Description", awsDescription(description)},
		})
	}
	return out
}

// endpointServicePermissions makes the principals allowed to connect to a
// PrivateLink service a parameter (a comma-separated list of ARNs such as
// arn:aws:iam::123456789012:root), because who may consume a service is
// the provider's decision, not the network's. Empty (the default) adds
// no permission: the service account's own endpoints, which this design
// makes, need none; any other consumer must be named here, and even then
// each connection waits for acceptance (AcceptanceRequired).
func (b *builder) endpointServicePermissions(c *design.Connection, svc string) {
	// A String split at commas rather than a CommaDelimitedList: its
	// empty default is then plainly "" (moto's Fn::Select cannot index a
	// list parameter's empty default).
	param := b.param(b.ids.make(c.Name, "AllowedPrincipals"), object{
		{"Type", "String"},
		{"Default", ""},
		{"AllowedPattern", "^(arn:[^,\\s]+(,arn:[^,\\s]+)*)?$"},
		{"ConstraintDescription", "ARNs separated by commas, such as arn:aws:iam::123456789012:root, or empty"},
		{"Description", truncateBytes(fmt.Sprintf("Principals (ARNs, comma-separated) allowed to connect to PrivateLink %s; empty: only this account", cleanText(c.Name)), 4000)},
	})
	cond := b.ids.make(c.Name, "HasAllowedPrincipals")
	b.conditions = append(b.conditions, field{cond, notEmpty(param)})
	b.add(b.ids.make(c.Name, "EndpointServicePermissions"), resource{typ: "AWS::EC2::VPCEndpointServicePermissions", condition: cond, props: object{
		{"ServiceId", ref(svc)},
		{"AllowedPrincipals", intrinsic{"Split", []any{",", ref(param)}}},
	}})
	b.notes = append(b.notes, fmt.Sprintf("PrivateLink %s requires acceptance: accept each consumer endpoint (aws ec2 accept-vpc-endpoint-connections --service-id <the %sServiceId output> --vpc-endpoint-ids <id>), this design's own included; other accounts also need their ARN in %s", cleanText(c.Name), camel(c.Name), param))
}
