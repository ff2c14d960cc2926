package cloudformation

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitPrivateLink adds a PrivateLink service and its consumer. The provider
// side is an internal Network Load Balancer (in the tier of the provider's
// nlb workload, else a private or isolated tier) with a TCP listener
// forwarding to an empty IP target group, where the deployer registers the
// service's targets, its security group (privatelink_access.go), and the
// endpoint service in front of it, which requires acceptance and takes its
// allowed principals as a parameter. The consumer
// side is an interface endpoint in one subnet per AZ with a security group
// admitting the port from the consumer VPC. Across regions the consumer's
// template takes the service id as a parameter and names the provider's
// region (cross-region PrivateLink).
func (b *builder) emitPrivateLink(c *design.Connection) error {
	prov, err := b.mustLayout(c.Provider)
	if err != nil {
		return err
	}
	cons, err := b.mustLayout(c.Consumer)
	if err != nil {
		return err
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("port %d is not a TCP port (1-65535)", c.Port)
	}
	pp, cp := b.byName[prov.VPC.Name], b.byName[cons.VPC.Name]
	svc := ""
	if pp != nil {
		subnets := b.providerSubnets(pp)
		if len(subnets) == 0 {
			return fmt.Errorf("provider VPC %q has no subnets for the load balancer", pp.v.Name)
		}
		lb := b.ids.make(c.Name, "LoadBalancer")
		tg := b.ids.make(c.Name, "TargetGroup")
		sg := b.nlbSecurityGroup(c, pp, cons)
		b.add(lb, resource{typ: "AWS::ElasticLoadBalancingV2::LoadBalancer", props: object{
			{"Type", "network"},
			{"Scheme", "internal"},
			{"Subnets", refs(subnets)},
			{"SecurityGroups", []any{getAtt(sg, "GroupId")}},
			// AWS's default, written out: PrivateLink traffic meets the
			// group's inbound rules like any other.
			{"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "on"},
			{"Tags", elbTags(c.Name)},
		}})
		b.add(tg, resource{typ: "AWS::ElasticLoadBalancingV2::TargetGroup", props: object{
			{"Protocol", "TCP"},
			{"Port", c.Port},
			{"TargetType", "ip"},
			{"VpcId", ref(pp.id)},
			{"Tags", elbTags(c.Name)},
		}})
		b.add(b.ids.make(c.Name, "Listener"), resource{typ: "AWS::ElasticLoadBalancingV2::Listener", props: object{
			{"LoadBalancerArn", ref(lb)},
			{"Port", c.Port},
			{"Protocol", "TCP"},
			{"DefaultActions", []any{object{{"Type", "forward"}, {"TargetGroupArn", ref(tg)}}}},
		}})
		svc = b.ids.make(c.Name, "EndpointService")
		props := object{
			{"NetworkLoadBalancerArns", []any{ref(lb)}},
			// Every connection is accepted by the provider: a service
			// anyone allowed can reach unseen is wider than the design.
			{"AcceptanceRequired", true},
		}
		if cons.Region != prov.Region {
			props = append(props, field{"SupportedRegions", []any{cons.Region}})
		}
		props = append(props, field{"Tags", tags(c.Name)})
		b.add(svc, resource{typ: "AWS::EC2::VPCEndpointService", props: props})
		b.endpointServicePermissions(c, svc)
		b.output(fmt.Sprintf("Endpoint service id of PrivateLink %s", c.Name), ref(svc), c.Name, "ServiceId")
		b.output(fmt.Sprintf("Endpoint service name of PrivateLink %s", c.Name), sub("com.amazonaws.vpce.${AWS::Region}.${"+svc+"}"), c.Name, "ServiceName")
	}
	if cp == nil {
		return nil
	}
	var name any
	var region string
	if pp != nil {
		name = sub("com.amazonaws.vpce.${AWS::Region}.${" + svc + "}")
	} else {
		param := b.param(b.ids.make(c.Name, "ServiceId"), object{
			{"Type", "String"},
			{"AllowedPattern", "^vpce-svc-[0-9a-f]+$"},
			{"ConstraintDescription", "an endpoint service id such as vpce-svc-0123456789abcdef0"},
			{"Description", truncateBytes(fmt.Sprintf("Endpoint service id of PrivateLink %s (an output of the %s stack)", cleanText(c.Name), prov.Region), 4000)},
		})
		name = sub("com.amazonaws.vpce." + prov.Region + ".${" + param + "}")
		region = prov.Region
		b.notes = append(b.notes, fmt.Sprintf("PrivateLink %s crosses regions: deploy the %s stack first and pass its service id as %s", cleanText(c.Name), prov.Region, param))
	}
	subnets := cp.tierSubnetsPerAZ(anyTierKinds...)
	if len(subnets) == 0 {
		return fmt.Errorf("consumer VPC %q has no subnets for the endpoint", cp.v.Name)
	}
	sg := b.ids.make(c.Name, "EndpointSecurityGroup")
	b.add(sg, resource{typ: "AWS::EC2::SecurityGroup", props: object{
		{"GroupDescription", awsDescription(fmt.Sprintf("Endpoint of PrivateLink %s in VPC %s", c.Name, cp.v.Name))},
		{"VpcId", ref(cp.id)},
		{"SecurityGroupIngress", b.fromVPCRules(cp, c.Port, "PrivateLink "+c.Name+" from the VPC")},
		// An endpoint only answers: no egress (cfn_nag F1000).
		{"SecurityGroupEgress", []any{noEgress}},
		{"Tags", tags(c.Name + "-endpoint")},
	}})
	props := object{
		{"VpcId", ref(cp.id)},
		{"ServiceName", name},
	}
	if region != "" {
		props = append(props, field{"ServiceRegion", region})
	}
	props = append(props,
		field{"VpcEndpointType", "Interface"},
		field{"PrivateDnsEnabled", false},
		field{"SubnetIds", refs(subnets)},
		field{"SecurityGroupIds", []any{getAtt(sg, "GroupId")}},
	)
	b.add(b.ids.make(c.Name, "Endpoint"), resource{typ: "AWS::EC2::VPCEndpoint", props: props})
	return nil
}

// providerSubnets are the load balancer's subnets: the tier of the
// provider's nlb workload when it has one, else a private or isolated tier.
func (b *builder) providerSubnets(p *vpcPlan) []string {
	for _, w := range p.v.Workloads {
		if w.Kind != "nlb" {
			continue
		}
		for ti, tl := range p.vl.Tiers {
			if tl.Tier.Name == w.Tier && len(tl.Subnets) > 0 {
				return p.oneSubnetPerAZ(ti)
			}
		}
	}
	return p.tierSubnetsPerAZ(anyTierKinds...)
}
