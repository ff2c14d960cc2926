package cloudformation

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// serviceName is what an endpoint name may look like ("s3", "ecr.api"): it
// goes into a !Sub string, where "${" would be read as a variable.
var serviceName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// emitEndpoints adds the VPC's endpoints: gateway endpoints (s3, dynamodb)
// on the route tables of the tiers that have them (by default the private
// and isolated ones, whose traffic would otherwise leave through NAT or not
// at all); interface
// endpoints in one subnet per AZ of the first private (else isolated) tier,
// behind a security group that admits HTTPS from the VPC.
func (b *builder) emitEndpoints(p *vpcPlan) error {
	v := p.v
	seen := map[string]bool{}
	var gateway, iface []string
	for _, svc := range v.Endpoints {
		if !serviceName.MatchString(svc) {
			return fmt.Errorf("VPC %q: %q is not an endpoint service name (like s3 or ecr.api)", v.Name, svc)
		}
		if seen[svc] {
			continue // one endpoint per service: AWS refuses a second
		}
		seen[svc] = true
		if design.IsGatewayEndpoint(svc) {
			gateway = append(gateway, svc)
		} else {
			iface = append(iface, svc)
		}
	}

	for _, svc := range gateway {
		// Exactly the tables of the tiers whose effective table has the
		// endpoint (design.Routing); the derived tiers have it on every
		// non-public table, or on every table when all are public.
		var tables []string
		for _, rt := range p.routeTables {
			if slices.Contains(rt.endpoints, svc) {
				tables = append(tables, rt.id)
			}
		}
		props := object{
			{"VpcId", ref(p.id)},
			{"ServiceName", sub("com.amazonaws.${AWS::Region}." + svc)},
			{"VpcEndpointType", "Gateway"},
		}
		if len(tables) > 0 {
			props = append(props, field{"RouteTableIds", refs(tables)})
		}
		b.add(b.ids.make(v.Name, svc, "Endpoint"), resource{typ: "AWS::EC2::VPCEndpoint", props: props})
	}

	if len(iface) == 0 {
		return nil
	}
	subnets := p.tierSubnetsPerAZ(anyTierKinds...)
	if len(subnets) == 0 {
		return fmt.Errorf("VPC %q has interface endpoints but no subnets to put them in", v.Name)
	}
	sg := b.ids.make(v.Name, "Endpoint", "SecurityGroup")
	b.add(sg, resource{typ: "AWS::EC2::SecurityGroup", props: object{
		{"GroupDescription", awsDescription("Interface endpoints of VPC " + v.Name + ": HTTPS from the VPC")},
		{"VpcId", ref(p.id)},
		{"SecurityGroupIngress", b.fromVPCRules(p, 443, "HTTPS to the endpoints from the VPC")},
		// An endpoint only answers: it opens no connections, so the group
		// replaces AWS's allow-all egress with none (cfn_nag F1000).
		{"SecurityGroupEgress", []any{noEgress}},
		{"Tags", tags(v.Name + "-endpoints")},
	}})
	for _, svc := range iface {
		b.add(b.ids.make(v.Name, svc, "Endpoint"), resource{typ: "AWS::EC2::VPCEndpoint", props: object{
			{"VpcId", ref(p.id)},
			{"ServiceName", sub("com.amazonaws.${AWS::Region}." + svc)},
			{"VpcEndpointType", "Interface"},
			{"PrivateDnsEnabled", true},
			{"SubnetIds", refs(subnets)},
			{"SecurityGroupIds", []any{getAtt(sg, "GroupId")}},
		}})
	}
	return nil
}

// fromVPCRules are inline ingress rules admitting TCP port from every CIDR
// block of the VPC.
func (b *builder) fromVPCRules(p *vpcPlan, port int, description string) []any {
	return cidrRules(p.vl.CIDRs, port, description)
}
