package cfndeploy

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cfnapi "github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/internal/motogaps"
)

// Stack is a deployed stack: its resolved template and each resource's
// physical ID, including those made after the stack by Apply.
type Stack struct {
	Name     string
	Template Template
	Params   map[string]string
	Physical map[string]string // logical ID → physical ID
	exports  map[string]string
	// held and dualStack are the IPv6 resources moto's CloudFormation
	// did not get, which Apply makes (withoutIPv6).
	held, dualStack map[string]bool
	cfn             *cfnapi.Client
	ec2             *ec2.Client
	evaluator       *evaluator
}

// Deploy resolves t with params, creates the stack, waits (at most two
// minutes) for CREATE_COMPLETE and then applies what moto skipped (Apply).
// Params are passed to CloudFormation as given.
func Deploy(ctx context.Context, cfg aws.Config, name string, t Template, params map[string]string) (*Stack, error) {
	r, err := t.Resolve(params)
	if err != nil {
		return nil, fmt.Errorf("stack %s: %w", name, err)
	}
	stringOutputs(r)
	portedRules(r)
	withoutListeners(r)
	sent, held, dualStack := withoutIPv6(r)
	if err := checkHeld(r, held); err != nil {
		return nil, fmt.Errorf("stack %s: %w", name, err)
	}
	s := &Stack{Name: name, Template: r, Params: params, Physical: map[string]string{}, held: held, dualStack: dualStack,
		cfn: cfnapi.NewFromConfig(cfg), ec2: ec2.NewFromConfig(cfg)}
	s.evaluator = &evaluator{t: r, params: params, conds: map[string]bool{}}
	var ps []cfntypes.Parameter
	for _, k := range sortedKeys(params) {
		ps = append(ps, cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(params[k])})
	}
	if _, err := s.cfn.CreateStack(ctx, &cfnapi.CreateStackInput{StackName: aws.String(name), TemplateBody: aws.String(string(sent.JSON())),
		Parameters: ps, Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam, cfntypes.CapabilityCapabilityNamedIam}}); err != nil &&
		// The SDK retries a CreateStack that moto was slow to answer; the
		// retry finds the stack the first attempt made.
		!strings.Contains(err.Error(), "AlreadyExistsException") {
		return nil, fmt.Errorf("stack %s: CreateStack: %w", name, err)
	}
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	p := cfnapi.NewListStackResourcesPaginator(s.cfn, &cfnapi.ListStackResourcesInput{StackName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("stack %s: %w", name, err)
		}
		for _, res := range page.StackResourceSummaries {
			s.Physical[aws.ToString(res.LogicalResourceId)] = aws.ToString(res.PhysicalResourceId)
		}
	}
	ex, err := s.cfn.ListExports(ctx, &cfnapi.ListExportsInput{})
	if err != nil {
		return nil, fmt.Errorf("stack %s: ListExports: %w", name, err)
	}
	s.exports = map[string]string{}
	for _, x := range ex.Exports {
		s.exports[aws.ToString(x.Name)] = aws.ToString(x.Value)
	}
	if err := s.apply(ctx); err != nil {
		return nil, fmt.Errorf("stack %s: %w", name, err)
	}
	return s, nil
}

// portedRules gives an inline security group rule without FromPort (an
// IpProtocol -1 rule, for which AWS takes no ports) FromPort and ToPort -1,
// which AWS reads the same way: moto's CloudFormation reads FromPort of
// every inline ingress rule, fails with a KeyError on one without, and then
// reports the group as an undefined resource to every GetAtt naming it.
func portedRules(t Template) {
	for id, r := range t.Resources() {
		if TypeOf(r) != "AWS::EC2::SecurityGroup" {
			continue
		}
		p := props(r)
		changed := false
		np := shallow(p)
		for _, key := range []string{"SecurityGroupIngress", "SecurityGroupEgress"} {
			rules, ok := p[key].([]any)
			if !ok {
				continue
			}
			out := make([]any, len(rules))
			for i, rule := range rules {
				out[i] = rule
				m, ok := rule.(map[string]any)
				if _, has := m["FromPort"]; !ok || has || fmt.Sprint(m["IpProtocol"]) != "-1" {
					continue
				}
				m = shallow(m)
				m["FromPort"], m["ToPort"] = -1, -1
				out[i], changed = m, true
			}
			np[key] = out
		}
		if changed {
			nr := shallow(r.(map[string]any))
			nr["Properties"] = np
			t.Resources()[id] = nr
		}
	}
}

// withoutListeners leaves load balancer listeners out of what moto gets:
// moto makes every load balancer of a template an application load
// balancer (it ignores Type), so it refuses a network load balancer's TCP
// listener, which AWS creates. No EC2 state depends on a listener (cfn-lint
// and the export's golden files cover it).
func withoutListeners(t Template) {
	res := t.Resources()
	for id, r := range res {
		if TypeOf(r) == "AWS::ElasticLoadBalancingV2::Listener" {
			delete(res, id)
		}
	}
	dropMissingDependsOn(res)
}

// stringOutputs writes numeric output values as strings, as AWS reports
// every output: moto's CloudFormation crashes on a number there.
func stringOutputs(t Template) {
	outs, _ := t["Outputs"].(map[string]any)
	for k, o := range outs {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		switch v := m["Value"].(type) {
		case string, map[string]any, []any, nil:
		default:
			m = shallow(m)
			m["Value"] = scalar(v)
			outs[k] = m
		}
	}
}

func (s *Stack) wait(ctx context.Context) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		out, err := s.cfn.DescribeStacks(ctx, &cfnapi.DescribeStacksInput{StackName: aws.String(s.Name)})
		if err != nil {
			return fmt.Errorf("stack %s: DescribeStacks: %w", s.Name, err)
		}
		st := out.Stacks[0]
		if st.StackStatus == cfntypes.StackStatusCreateComplete {
			return nil
		}
		if !strings.HasSuffix(string(st.StackStatus), "_IN_PROGRESS") || time.Now().After(deadline) {
			var why []string
			if ev, _ := s.cfn.DescribeStackEvents(ctx, &cfnapi.DescribeStackEventsInput{StackName: aws.String(s.Name)}); ev != nil {
				for _, x := range ev.StackEvents {
					if x.ResourceStatusReason != nil {
						why = append(why, fmt.Sprintf("%s %s: %s", aws.ToString(x.LogicalResourceId), x.ResourceStatus, aws.ToString(x.ResourceStatusReason)))
					}
				}
			}
			return fmt.Errorf("stack %s: %s (%s)\n%s", s.Name, st.StackStatus, aws.ToString(st.StackStatusReason), strings.Join(why, "\n"))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// ID returns the physical ID of a logical resource of the stack.
func (s *Stack) ID(logical string) string { return s.Physical[logical] }

// OfType returns the logical IDs of the resources of type typ, sorted.
func (s *Stack) OfType(typ string) []string {
	var ids []string
	for _, id := range sortedKeys(s.Template.Resources()) {
		if TypeOf(s.Template.Resources()[id]) == typ {
			ids = append(ids, id)
		}
	}
	return ids
}

// TypeOf is a resource's Type.
func TypeOf(r any) string {
	m, _ := r.(map[string]any)
	t, _ := m["Type"].(string)
	return t
}

func props(r any) map[string]any {
	m, _ := r.(map[string]any)
	p, _ := m["Properties"].(map[string]any)
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// order is the order in which Apply makes what moto skipped: what a
// later step names comes first (a NACL before its entries, an attachment
// before its route table association).
var order = []string{
	"AWS::EC2::VPCCidrBlock",
	"AWS::EC2::Subnet",
	"AWS::EC2::EgressOnlyInternetGateway",
	"AWS::EC2::Route",
	"AWS::EC2::NetworkAcl",
	"AWS::EC2::NetworkAclEntry",
	"AWS::EC2::SubnetNetworkAclAssociation",
	"AWS::EC2::SubnetRouteTableAssociation",
	"AWS::EC2::SecurityGroup",
	"AWS::EC2::SecurityGroupEgress",
	"AWS::EC2::VPCPeeringConnection",
	"AWS::EC2::TransitGatewayAttachment",
	"AWS::EC2::TransitGatewayVpcAttachment",
	"AWS::EC2::TransitGatewayRouteTable",
	"AWS::EC2::TransitGatewayRouteTableAssociation",
	"AWS::EC2::TransitGatewayRouteTablePropagation",
	"AWS::EC2::TransitGatewayRoute",
}

// apply makes through the EC2 API, from the template's own resources,
// what moto's CloudFormation records but does not apply: secondary VPC
// CIDRs, network ACLs with their entries and subnets, subnet-to-route-table
// associations, a group's egress rules (inline ones replace AWS's default
// rule), the acceptance of a peering within one account, transit gateway
// attachments, route tables, associations, propagations and static routes.
func (s *Stack) apply(ctx context.Context) error {
	res := s.Template.Resources()
	for _, typ := range order {
		for _, logical := range sortedKeys(res) {
			if TypeOf(res[logical]) != typ {
				continue
			}
			if err := s.applyOne(ctx, logical, typ, props(res[logical])); err != nil {
				return fmt.Errorf("%s (%s): %w", logical, typ, err)
			}
		}
	}
	return nil
}

func (s *Stack) applyOne(ctx context.Context, logical, typ string, p map[string]any) error {
	str := func(k string) string { return s.str(p[k]) }
	var err error
	switch typ {
	case "AWS::EC2::Subnet", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::Route":
		err = s.applyIPv6(ctx, logical, typ, p)
	case "AWS::EC2::VPCCidrBlock":
		in := &ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(str("VpcId"))}
		if c := str("CidrBlock"); c != "" {
			in.CidrBlock = aws.String(c)
		}
		if p["AmazonProvidedIpv6CidrBlock"] == true || str("AmazonProvidedIpv6CidrBlock") == "true" {
			in.AmazonProvidedIpv6CidrBlock = aws.Bool(true)
		}
		if c := str("Ipv6CidrBlock"); c != "" {
			in.Ipv6CidrBlock, in.Ipv6Pool = aws.String(c), optional(str("Ipv6Pool"))
		}
		_, err = s.ec2.AssociateVpcCidrBlock(ctx, in)
		if err == nil && (in.AmazonProvidedIpv6CidrBlock != nil || in.Ipv6CidrBlock != nil) {
			err = motogaps.DefaultACLIPv6(ctx, s.ec2, str("VpcId"))
		}
	case "AWS::EC2::NetworkAcl":
		var out *ec2.CreateNetworkAclOutput
		out, err = s.ec2.CreateNetworkAcl(ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(str("VpcId")), TagSpecifications: s.tags(p, types.ResourceTypeNetworkAcl)})
		if err == nil {
			s.Physical[logical] = aws.ToString(out.NetworkAcl.NetworkAclId)
		}
	case "AWS::EC2::NetworkAclEntry":
		in := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(str("NetworkAclId")), RuleNumber: aws.Int32(int32(toInt(s.value(p["RuleNumber"])))),
			Protocol: aws.String(str("Protocol")), RuleAction: types.RuleAction(strings.ToLower(str("RuleAction"))), Egress: aws.Bool(str("Egress") == "true")}
		if c := str("CidrBlock"); c != "" {
			in.CidrBlock = aws.String(c)
		}
		if c := str("Ipv6CidrBlock"); c != "" {
			in.Ipv6CidrBlock = aws.String(c)
		}
		if pr, ok := s.value(p["PortRange"]).(map[string]any); ok {
			in.PortRange = &types.PortRange{From: aws.Int32(int32(toInt(s.value(pr["From"])))), To: aws.Int32(int32(toInt(s.value(pr["To"]))))}
		}
		if ic, ok := s.value(p["Icmp"]).(map[string]any); ok {
			in.IcmpTypeCode = &types.IcmpTypeCode{Type: aws.Int32(int32(toInt(s.value(ic["Type"])))), Code: aws.Int32(int32(toInt(s.value(ic["Code"]))))}
		}
		_, err = s.ec2.CreateNetworkAclEntry(ctx, in)
	case "AWS::EC2::SubnetNetworkAclAssociation":
		subnet := str("SubnetId")
		var acls *ec2.DescribeNetworkAclsOutput
		acls, err = s.ec2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{subnet}}}})
		if err != nil {
			return err
		}
		for _, a := range acls.NetworkAcls {
			for _, as := range a.Associations {
				if aws.ToString(as.SubnetId) == subnet {
					_, err = s.ec2.ReplaceNetworkAclAssociation(ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: as.NetworkAclAssociationId, NetworkAclId: aws.String(str("NetworkAclId"))})
				}
			}
		}
	case "AWS::EC2::SubnetRouteTableAssociation":
		subnet := str("SubnetId")
		var rts *ec2.DescribeRouteTablesOutput
		rts, err = s.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{subnet}}}})
		if err == nil && len(rts.RouteTables) == 0 {
			_, err = s.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{SubnetId: aws.String(subnet), RouteTableId: aws.String(str("RouteTableId"))})
		}
	case "AWS::EC2::SecurityGroup":
		group := s.Physical[logical]
		// Moto's CloudFormation reads only CidrIp of an inline ingress rule,
		// so a rule to ::/0 (an `internet` rule's IPv6 half) is added here.
		for _, rule := range toList(s.value(p["SecurityGroupIngress"])) {
			if m, _ := rule.(map[string]any); s.str(m["CidrIpv6"]) != "" {
				if err := s.authorize(ctx, group, m, true); err != nil {
					return err
				}
			}
		}
		inline, ok := s.value(p["SecurityGroupEgress"]).([]any)
		if !ok {
			return nil
		}
		if _, err = s.ec2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{{
			IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}); err != nil {
			return err
		}
		for _, rule := range inline {
			m, _ := rule.(map[string]any)
			if err := s.authorize(ctx, group, m, false); err != nil {
				return err
			}
		}
	case "AWS::EC2::SecurityGroupEgress":
		err = s.authorize(ctx, str("GroupId"), p, false)
	case "AWS::EC2::VPCPeeringConnection":
		_, err = s.ec2.AcceptVpcPeeringConnection(ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(s.Physical[logical])})
		if err != nil && strings.Contains(err.Error(), "InvalidStateTransition") {
			err = nil
		}
	case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment":
		var subnets []string
		for _, sn := range toList(s.value(p["SubnetIds"])) {
			subnets = append(subnets, s.str(sn))
		}
		var out *ec2.CreateTransitGatewayVpcAttachmentOutput
		out, err = s.ec2.CreateTransitGatewayVpcAttachment(ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(str("TransitGatewayId")),
			VpcId: aws.String(str("VpcId")), SubnetIds: subnets, TagSpecifications: s.tags(p, types.ResourceTypeTransitGatewayAttachment)})
		if err == nil {
			s.Physical[logical] = aws.ToString(out.TransitGatewayVpcAttachment.TransitGatewayAttachmentId)
			err = s.defaultTable(ctx, str("TransitGatewayId"), s.Physical[logical])
		}
	case "AWS::EC2::TransitGatewayRouteTable":
		var out *ec2.CreateTransitGatewayRouteTableOutput
		out, err = s.ec2.CreateTransitGatewayRouteTable(ctx, &ec2.CreateTransitGatewayRouteTableInput{TransitGatewayId: aws.String(str("TransitGatewayId")),
			TagSpecifications: s.tags(p, types.ResourceTypeTransitGatewayRouteTable)})
		if err == nil {
			s.Physical[logical] = aws.ToString(out.TransitGatewayRouteTable.TransitGatewayRouteTableId)
		}
	case "AWS::EC2::TransitGatewayRouteTableAssociation":
		_, err = s.ec2.AssociateTransitGatewayRouteTable(ctx, &ec2.AssociateTransitGatewayRouteTableInput{
			TransitGatewayAttachmentId: aws.String(str("TransitGatewayAttachmentId")), TransitGatewayRouteTableId: aws.String(str("TransitGatewayRouteTableId"))})
	case "AWS::EC2::TransitGatewayRouteTablePropagation":
		_, err = s.ec2.EnableTransitGatewayRouteTablePropagation(ctx, &ec2.EnableTransitGatewayRouteTablePropagationInput{
			TransitGatewayAttachmentId: aws.String(str("TransitGatewayAttachmentId")), TransitGatewayRouteTableId: aws.String(str("TransitGatewayRouteTableId"))})
	case "AWS::EC2::TransitGatewayRoute":
		in := &ec2.CreateTransitGatewayRouteInput{DestinationCidrBlock: aws.String(str("DestinationCidrBlock")), TransitGatewayRouteTableId: aws.String(str("TransitGatewayRouteTableId"))}
		if a := str("TransitGatewayAttachmentId"); a != "" {
			in.TransitGatewayAttachmentId = aws.String(a)
		}
		if str("Blackhole") == "true" {
			in.Blackhole = aws.Bool(true)
		}
		_, err = s.ec2.CreateTransitGatewayRoute(ctx, in)
	}
	return err
}

// defaultTable propagates a new attachment into the transit gateway's
// default route table when its options say so, as AWS does: moto never
// propagates by itself. (moto also associates every attachment with a
// default table it always makes, even when the options disable it, and
// fails to disassociate them; ec2state leaves such a table out.)
func (s *Stack) defaultTable(ctx context.Context, tgw, attachment string) error {
	out, err := s.ec2.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{tgw}})
	if err != nil || len(out.TransitGateways) == 0 || out.TransitGateways[0].Options == nil {
		return err
	}
	o := out.TransitGateways[0].Options
	if o.DefaultRouteTablePropagation == types.DefaultRouteTablePropagationValueEnable {
		_, err = s.ec2.EnableTransitGatewayRouteTablePropagation(ctx, &ec2.EnableTransitGatewayRouteTablePropagationInput{
			TransitGatewayRouteTableId: aws.String(aws.ToString(o.PropagationDefaultRouteTableId)), TransitGatewayAttachmentId: aws.String(attachment)})
	}
	return err
}

// tags carries a resource's Tags over to what Apply makes, so that the
// import sees the names AWS would show.
func (s *Stack) tags(p map[string]any, kind types.ResourceType) []types.TagSpecification {
	var tags []types.Tag
	for _, t := range toList(s.value(p["Tags"])) {
		m, _ := t.(map[string]any)
		if m == nil {
			continue
		}
		tags = append(tags, types.Tag{Key: aws.String(s.str(m["Key"])), Value: aws.String(s.str(m["Value"]))})
	}
	if len(tags) == 0 {
		return nil
	}
	return []types.TagSpecification{{ResourceType: kind, Tags: tags}}
}

// authorize adds one rule written as CloudFormation writes it, ingress or
// egress.
func (s *Stack) authorize(ctx context.Context, group string, p map[string]any, ingress bool) error {
	perm := types.IpPermission{IpProtocol: aws.String(s.str(p["IpProtocol"]))}
	if v, ok := p["FromPort"]; ok {
		perm.FromPort = aws.Int32(int32(toInt(s.value(v))))
		perm.ToPort = aws.Int32(int32(toInt(s.value(p["ToPort"]))))
	} else if proto := aws.ToString(perm.IpProtocol); proto == "tcp" || proto == "udp" || proto == "6" || proto == "17" {
		// A TCP or UDP rule without ports (the TGW sample's "allow all
		// outbound") is taken as every port; moto fails on it.
		perm.FromPort, perm.ToPort = aws.Int32(0), aws.Int32(65535)
	}
	desc := optional(s.str(p["Description"]))
	if c := s.str(p["CidrIp"]); c != "" {
		perm.IpRanges = []types.IpRange{{CidrIp: aws.String(c), Description: desc}}
	}
	if c := s.str(p["CidrIpv6"]); c != "" {
		perm.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String(c), Description: desc}}
	}
	groupKey, listKey := "DestinationSecurityGroupId", "DestinationPrefixListId"
	if ingress {
		groupKey, listKey = "SourceSecurityGroupId", "SourcePrefixListId"
	}
	if g := s.str(p[groupKey]); g != "" {
		perm.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(g), Description: desc}}
	}
	if pl := s.str(p[listKey]); pl != "" {
		perm.PrefixListIds = []types.PrefixListId{{PrefixListId: aws.String(pl), Description: desc}}
	}
	var err error
	if ingress {
		_, err = s.ec2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{perm}})
	} else {
		_, err = s.ec2.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{perm}})
	}
	if err != nil && strings.Contains(err.Error(), "Duplicate") {
		return nil
	}
	return err
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func (s *Stack) str(v any) string {
	x := s.value(v)
	if x == nil {
		return ""
	}
	return scalar(x)
}

var subVar = regexp.MustCompile(`\$\{([^}!]+)\}`)

// value evaluates a property as the stack saw it: references to the
// stack's resources become their physical IDs, to parameters their values;
// Fn::Sub, Fn::Join, Fn::Split, Fn::Select and Fn::ImportValue are
// evaluated.
func (s *Stack) value(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = s.value(e)
		}
		return out
	case map[string]any:
		if len(x) != 1 {
			out := map[string]any{}
			for k, e := range x {
				out[k] = s.value(e)
			}
			return out
		}
		for fn, arg := range x {
			switch fn {
			case "Ref":
				return s.ref(fmt.Sprint(arg))
			case "Fn::GetAtt":
				l := toList(arg)
				if len(l) == 1 {
					l = toList(strings.Replace(fmt.Sprint(l[0]), ".", ",", 1))
				}
				if len(l) == 2 && l[1] == "Ipv6CidrBlocks" {
					return s.vpcIPv6Blocks(fmt.Sprint(l[0]))
				}
				if len(l) > 0 {
					return s.ref(fmt.Sprint(l[0]))
				}
			case "Fn::GetAZs":
				return s.azs()
			case "Fn::Cidr":
				if r, err := cidr(toList(s.value(arg))); err == nil {
					return r
				}
			case "Fn::ImportValue":
				return s.exports[s.str(arg)]
			case "Fn::Sub":
				tpl := arg
				vars := map[string]any{}
				if l, ok := arg.([]any); ok && len(l) == 2 {
					tpl = l[0]
					vars, _ = l[1].(map[string]any)
				}
				return subVar.ReplaceAllStringFunc(fmt.Sprint(tpl), func(m string) string {
					name := m[2 : len(m)-1]
					if v, ok := vars[name]; ok {
						return s.str(v)
					}
					res, _, _ := strings.Cut(name, ".")
					if slices.Contains([]string{"AWS::Region", "AWS::AccountId", "AWS::StackName"}, name) {
						res = name
					}
					return scalar(s.ref(res))
				})
			case "Fn::Join", "Fn::Split", "Fn::Select":
				l := toList(arg)
				if len(l) == 2 {
					if r, err := apply(fn, s.value(l[0]), s.value(l[1])); err == nil {
						return r
					}
				}
			default:
				out := map[string]any{}
				out[fn] = s.value(arg)
				return out
			}
		}
	}
	return v
}

func (s *Stack) ref(name string) any {
	if id, ok := s.Physical[name]; ok {
		return id
	}
	if name == "AWS::StackName" {
		return s.Name
	}
	if v, err := s.evaluator.param(name); err == nil {
		return v
	}
	return name
}

func toInt(v any) int {
	var n int
	fmt.Sscan(scalar(v), &n)
	return n
}
