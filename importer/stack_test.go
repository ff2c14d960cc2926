package importer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cfnapi "github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/goccy/go-yaml"
)

// stack is a CloudFormation stack deployed into moto.
type stack struct {
	name      string
	resources map[string]any    // the template's Resources, short tags read as their argument
	physical  map[string]string // logical ID → physical ID
}

// deployStack creates a stack from a YAML (or JSON) template in moto,
// waits for it, and then makes through the EC2 API what moto's
// CloudFormation accepts but does not apply, as AWS's would:
// subnet-to-route-table associations (moto records them apart from the
// route tables), a group's egress rules (inline, which replace AWS's
// default rule, and as their own resources), the acceptance of a peering
// within one account, transit gateway VPC attachments, and network ACLs
// with their entries and subnets. Load balancer listeners are left out before the
// deploy: moto makes every load balancer an ALB and refuses an NLB's TCP
// listener; the import never sees listeners.
func (l *lab) deployStack(name string, body []byte, params map[string]string) *stack {
	l.t.Helper()
	var tpl map[string]any
	l.check(yaml.Unmarshal(body, &tpl))
	resources, _ := tpl["Resources"].(map[string]any)
	if strings.Contains(string(body), "AWS::ElasticLoadBalancingV2::Listener") {
		// Only a JSON template can be edited here: YAML read into Go
		// values loses its short tags (!Ref, !GetAtt).
		var edit map[string]any
		if err := json.Unmarshal(body, &edit); err != nil {
			l.t.Fatalf("a template with listeners must be JSON: %v", err)
		}
		res := edit["Resources"].(map[string]any)
		for id, r := range res {
			if typeOf(r) == "AWS::ElasticLoadBalancingV2::Listener" {
				delete(res, id)
				delete(resources, id)
			}
		}
		out, err := json.Marshal(edit)
		l.check(err)
		body = out
	}
	cfn := cfnapi.NewFromConfig(testConfig(l.url))
	var ps []cfntypes.Parameter
	for k, v := range params {
		ps = append(ps, cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(v)})
	}
	_, err := cfn.CreateStack(l.ctx, &cfnapi.CreateStackInput{StackName: aws.String(name), TemplateBody: aws.String(string(body)),
		Parameters: ps, Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam, cfntypes.CapabilityCapabilityNamedIam}})
	l.check(err)
	deadline := time.Now().Add(time.Minute)
	for {
		out, err := cfn.DescribeStacks(l.ctx, &cfnapi.DescribeStacksInput{StackName: aws.String(name)})
		l.check(err)
		st := out.Stacks[0].StackStatus
		if st == cfntypes.StackStatusCreateComplete {
			break
		}
		if !strings.HasSuffix(string(st), "_IN_PROGRESS") || time.Now().After(deadline) {
			l.t.Fatalf("stack %s: %s (%s)", name, st, aws.ToString(out.Stacks[0].StackStatusReason))
		}
		time.Sleep(50 * time.Millisecond)
	}
	s := &stack{name: name, resources: resources, physical: map[string]string{}}
	p := cfnapi.NewListStackResourcesPaginator(cfn, &cfnapi.ListStackResourcesInput{StackName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(l.ctx)
		l.check(err)
		for _, r := range page.StackResourceSummaries {
			s.physical[aws.ToString(r.LogicalResourceId)] = aws.ToString(r.PhysicalResourceId)
		}
	}
	l.applyMotoGaps(s)
	return s
}

func typeOf(r any) string {
	m, _ := r.(map[string]any)
	t, _ := m["Type"].(string)
	return t
}

func props(r any) map[string]any {
	m, _ := r.(map[string]any)
	p, _ := m["Properties"].(map[string]any)
	return p
}

// ref resolves a property that refers to another resource (!Ref X,
// !GetAtt X.Attr, or their JSON forms) to that resource's physical ID.
func (s *stack) ref(v any) string {
	var logical string
	switch x := v.(type) {
	case string:
		logical, _, _ = strings.Cut(x, ".")
	case map[string]any:
		if r, ok := x["Ref"].(string); ok {
			logical = r
		} else if g, ok := x["Fn::GetAtt"].([]any); ok && len(g) > 0 {
			logical, _ = g[0].(string)
		}
	}
	if id, ok := s.physical[logical]; ok {
		return id
	}
	return logical
}

// ofType returns the physical IDs of the stack's resources of type typ,
// in logical-ID order.
func (s *stack) ofType(typ string) []string {
	var ids []string
	for _, logical := range sortedKeys(s.resources) {
		if typeOf(s.resources[logical]) == typ {
			ids = append(ids, s.physical[logical])
		}
	}
	return ids
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

func (l *lab) applyMotoGaps(s *stack) {
	l.t.Helper()
	associated := map[string]bool{}
	tables, err := l.ec2.DescribeRouteTables(l.ctx, &ec2.DescribeRouteTablesInput{})
	l.check(err)
	for _, t := range tables.RouteTables {
		for _, a := range t.Associations {
			associated[aws.ToString(a.SubnetId)] = true
		}
	}
	// Network ACLs first: entries and associations name them.
	for _, logical := range sortedKeys(s.resources) {
		if r := s.resources[logical]; typeOf(r) == "AWS::EC2::NetworkAcl" {
			out, err := l.ec2.CreateNetworkAcl(l.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(s.ref(props(r)["VpcId"]))})
			l.check(err)
			s.physical[logical] = aws.ToString(out.NetworkAcl.NetworkAclId)
		}
	}
	for _, logical := range sortedKeys(s.resources) {
		r := s.resources[logical]
		p := props(r)
		switch typeOf(r) {
		case "AWS::EC2::NetworkAclEntry":
			in := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(s.ref(p["NetworkAclId"])), RuleNumber: aws.Int32(int32(toInt(p["RuleNumber"]))),
				Protocol: aws.String(fmt.Sprint(p["Protocol"])), RuleAction: types.RuleAction(fmt.Sprint(p["RuleAction"])), Egress: aws.Bool(p["Egress"] == true)}
			if c, ok := p["CidrBlock"].(string); ok {
				in.CidrBlock = aws.String(c)
			}
			if pr, ok := p["PortRange"].(map[string]any); ok {
				in.PortRange = &types.PortRange{From: aws.Int32(int32(toInt(pr["From"]))), To: aws.Int32(int32(toInt(pr["To"])))}
			}
			_, err := l.ec2.CreateNetworkAclEntry(l.ctx, in)
			l.check(err)
		case "AWS::EC2::SubnetNetworkAclAssociation":
			subnet := s.ref(p["SubnetId"])
			acls, err := l.ec2.DescribeNetworkAcls(l.ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{subnet}}}})
			l.check(err)
			for _, a := range acls.NetworkAcls {
				for _, as := range a.Associations {
					if aws.ToString(as.SubnetId) == subnet {
						_, err := l.ec2.ReplaceNetworkAclAssociation(l.ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(s.ref(p["NetworkAclId"]))})
						l.check(err)
					}
				}
			}
		case "AWS::EC2::SubnetRouteTableAssociation":
			subnet := s.ref(p["SubnetId"])
			if associated[subnet] {
				continue
			}
			_, err := l.ec2.AssociateRouteTable(l.ctx, &ec2.AssociateRouteTableInput{SubnetId: aws.String(subnet), RouteTableId: aws.String(s.ref(p["RouteTableId"]))})
			l.check(err)
		case "AWS::EC2::SecurityGroup":
			group := s.physical[logical]
			// Moto's CloudFormation reads only CidrIp of an inline ingress
			// rule: an `internet` rule's ::/0 half is added here.
			ingress, _ := p["SecurityGroupIngress"].([]any)
			for _, rule := range ingress {
				m, _ := rule.(map[string]any)
				if c, ok := m["CidrIpv6"].(string); ok {
					perm := types.IpPermission{IpProtocol: aws.String(fmt.Sprint(m["IpProtocol"])), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String(c)}}}
					if v, ok := m["FromPort"]; ok {
						perm.FromPort, perm.ToPort = aws.Int32(int32(toInt(v))), aws.Int32(int32(toInt(m["ToPort"])))
					}
					if d, _ := m["Description"].(string); d != "" {
						perm.Ipv6Ranges[0].Description = aws.String(d)
					}
					_, err := l.ec2.AuthorizeSecurityGroupIngress(l.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{perm}})
					l.checkAuthorize(err)
				}
			}
			inline, ok := p["SecurityGroupEgress"].([]any)
			if !ok {
				continue
			}
			_, err := l.ec2.RevokeSecurityGroupEgress(l.ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{{
				IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
			l.check(err)
			for _, rule := range inline {
				l.authorizeEgress(s, group, rule.(map[string]any))
			}
		case "AWS::EC2::SecurityGroupEgress":
			l.authorizeEgress(s, s.ref(p["GroupId"]), p)
		case "AWS::EC2::VPCPeeringConnection":
			_, err := l.ec2.AcceptVpcPeeringConnection(l.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(s.physical[logical])})
			if err != nil && !strings.Contains(err.Error(), "InvalidStateTransition") {
				l.check(err)
			}
		case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment":
			var subnets []string
			list, _ := p["SubnetIds"].([]any)
			for _, sn := range list {
				subnets = append(subnets, s.ref(sn))
			}
			l.attach(s.ref(p["TransitGatewayId"]), s.ref(p["VpcId"]), subnets...)
		}
	}
}

func toInt(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case uint64:
		return int(x)
	case int64:
		return int(x)
	case float64:
		return int(x)
	case string:
		var n int
		fmt.Sscan(x, &n)
		return n
	}
	return 0
}

// authorizeEgress adds one egress rule written as CloudFormation writes it.
func (l *lab) authorizeEgress(s *stack, group string, p map[string]any) {
	l.t.Helper()
	perm := types.IpPermission{IpProtocol: aws.String(fmt.Sprint(p["IpProtocol"]))}
	if v, ok := p["FromPort"]; ok {
		perm.FromPort = aws.Int32(int32(toInt(v)))
		perm.ToPort = aws.Int32(int32(toInt(p["ToPort"])))
	}
	desc, _ := p["Description"].(string)
	if c, ok := p["CidrIp"].(string); ok {
		perm.IpRanges = []types.IpRange{{CidrIp: aws.String(c), Description: optional(desc)}}
	}
	if c, ok := p["CidrIpv6"].(string); ok {
		perm.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String(c), Description: optional(desc)}}
	}
	if g, ok := p["DestinationSecurityGroupId"]; ok {
		perm.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(s.ref(g)), Description: optional(desc)}}
	}
	_, err := l.ec2.AuthorizeSecurityGroupEgress(l.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{perm}})
	if err != nil && !strings.Contains(err.Error(), "Duplicate") {
		l.check(err)
	}
}
