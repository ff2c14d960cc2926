package importer

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/vpcsmith/vpcsmith/internal/motogaps"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// Every test builds its layouts through the EC2 API in a moto server of its
// own (newLab), started for it and killed after it. A server shared by the
// test binary made the suite flaky: with -count=3 the second run's stacks
// already existed (AlreadyExistsException), and an --all import or a rule
// saw what an earlier test had left (InvalidPermission.Duplicate). A start
// costs about a second; TestMotoIsolation in internal/testtools checks that
// two servers share nothing.

const testRegion = "us-east-1"

// testConfig is an SDK configuration for moto at endpoint: static fake
// credentials, us-east-1, standard retries.
func testConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIATESTTESTTESTTEST", "testsecretnotarealsecretnotarealsecret00", ""),
		BaseEndpoint: aws.String(endpoint),
		// moto's address count of an IPv6-only subnet overflows the SDK's
		// Integer (motogaps.IPv6Answers).
		APIOptions: []func(*middleware.Stack) error{motogaps.IPv6Answers},
	}
}

// lab builds layouts in moto through the EC2 API.
type lab struct {
	t   testing.TB
	ctx context.Context
	ec2 *ec2.Client
	url string
}

func newLab(t testing.TB) *lab {
	t.Helper()
	url := testtools.MotoServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &lab{t: t, ctx: ctx, ec2: ec2.NewFromConfig(testConfig(url)), url: url}
}

func (l *lab) check(err error) {
	l.t.Helper()
	if err != nil {
		l.t.Fatal(err)
	}
}

func nameTag(kind types.ResourceType, name string) []types.TagSpecification {
	if name == "" {
		return nil
	}
	return []types.TagSpecification{{ResourceType: kind, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

func (l *lab) vpc(name, cidr string, secondary ...string) string {
	l.t.Helper()
	out, err := l.ec2.CreateVpc(l.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(cidr), TagSpecifications: nameTag(types.ResourceTypeVpc, name)})
	l.check(err)
	id := *out.Vpc.VpcId
	for _, c := range secondary {
		_, err := l.ec2.AssociateVpcCidrBlock(l.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(id), CidrBlock: aws.String(c)})
		l.check(err)
	}
	return id
}

func (l *lab) subnet(vpc, name, az, cidr string) string {
	l.t.Helper()
	out, err := l.ec2.CreateSubnet(l.ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), AvailabilityZone: aws.String(az), CidrBlock: aws.String(cidr), TagSpecifications: nameTag(types.ResourceTypeSubnet, name)})
	l.check(err)
	return *out.Subnet.SubnetId
}

func (l *lab) igw(vpc string) string {
	l.t.Helper()
	out, err := l.ec2.CreateInternetGateway(l.ctx, &ec2.CreateInternetGatewayInput{})
	l.check(err)
	id := *out.InternetGateway.InternetGatewayId
	_, err = l.ec2.AttachInternetGateway(l.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpc)})
	l.check(err)
	return id
}

func (l *lab) nat(subnet string) string {
	l.t.Helper()
	eip, err := l.ec2.AllocateAddress(l.ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	l.check(err)
	out, err := l.ec2.CreateNatGateway(l.ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnet), AllocationId: eip.AllocationId})
	l.check(err)
	return *out.NatGateway.NatGatewayId
}

// routeTable creates a table, associates it with subnets and adds routes;
// each route is a destination and a target ID (igw-, nat-, tgw-, pcx-).
func (l *lab) routeTable(vpc, name string, subnets []string, routes ...[2]string) string {
	l.t.Helper()
	out, err := l.ec2.CreateRouteTable(l.ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpc), TagSpecifications: nameTag(types.ResourceTypeRouteTable, name)})
	l.check(err)
	id := *out.RouteTable.RouteTableId
	for _, s := range subnets {
		_, err := l.ec2.AssociateRouteTable(l.ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(id), SubnetId: aws.String(s)})
		l.check(err)
	}
	for _, r := range routes {
		l.route(id, r[0], r[1])
	}
	return id
}

func (l *lab) route(rt, dest, target string) {
	l.t.Helper()
	in := &ec2.CreateRouteInput{RouteTableId: aws.String(rt), DestinationCidrBlock: aws.String(dest)}
	switch target[:4] {
	case "igw-":
		in.GatewayId = aws.String(target)
	case "nat-":
		in.NatGatewayId = aws.String(target)
	case "tgw-":
		in.TransitGatewayId = aws.String(target)
	case "pcx-":
		in.VpcPeeringConnectionId = aws.String(target)
	case "vgw-":
		in.GatewayId = aws.String(target)
	default:
		in.NetworkInterfaceId = aws.String(target)
	}
	_, err := l.ec2.CreateRoute(l.ctx, in)
	if err != nil && strings.Contains(err.Error(), "RouteAlreadyExists") && l.hasRoute(rt, dest, target) {
		// The SDK retried a CreateRoute that had succeeded (moto was slow to
		// answer under load): the route is there, as asked.
		return
	}
	l.check(err)
}

func (l *lab) hasRoute(rt, dest, target string) bool {
	out, err := l.ec2.DescribeRouteTables(l.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rt}})
	l.check(err)
	for _, t := range out.RouteTables {
		for _, r := range t.Routes {
			if aws.ToString(r.DestinationCidrBlock) != dest {
				continue
			}
			for _, id := range []*string{r.GatewayId, r.NatGatewayId, r.TransitGatewayId, r.VpcPeeringConnectionId, r.NetworkInterfaceId} {
				if aws.ToString(id) == target {
					return true
				}
			}
		}
	}
	return false
}

// group creates a security group; AWS's default egress (allow all) stays.
func (l *lab) group(vpc, name string) string {
	l.t.Helper()
	out, err := l.ec2.CreateSecurityGroup(l.ctx, &ec2.CreateSecurityGroupInput{VpcId: aws.String(vpc), GroupName: aws.String(name), Description: aws.String(name + " group")})
	if err != nil && strings.Contains(err.Error(), "InvalidGroup.Duplicate") {
		// The SDK retried a create that had succeeded (moto was slow to
		// answer under load): in this test's own server, nothing else
		// could have made the group, so it is the one asked for.
		found, ferr := l.ec2.DescribeSecurityGroups(l.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("group-name"), Values: []string{name}}}})
		l.check(ferr)
		if len(found.SecurityGroups) == 1 {
			return *found.SecurityGroups[0].GroupId
		}
	}
	l.check(err)
	return *out.GroupId
}

// checkAuthorize is check for an Authorize call: InvalidPermission.Duplicate
// means the SDK retried a call that had succeeded (as for group), since in
// this test's own server only this call could have added the rule.
func (l *lab) checkAuthorize(err error) {
	l.t.Helper()
	if err != nil && strings.Contains(err.Error(), "InvalidPermission.Duplicate") {
		return
	}
	l.check(err)
}

func (l *lab) allowCIDR(group, cidr string, port int32, desc string) {
	l.t.Helper()
	_, err := l.ec2.AuthorizeSecurityGroupIngress(l.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
		IpRanges: []types.IpRange{{CidrIp: aws.String(cidr), Description: optional(desc)}},
	}}})
	l.checkAuthorize(err)
}

func (l *lab) allowGroup(group, from string, port int32, desc string) {
	l.t.Helper()
	_, err := l.ec2.AuthorizeSecurityGroupIngress(l.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
		UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(from), Description: optional(desc)}},
	}}})
	l.checkAuthorize(err)
}

// noEgress removes the default allow-all egress rule.
func (l *lab) noEgress(group string) {
	l.t.Helper()
	_, err := l.ec2.RevokeSecurityGroupEgress(l.ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}},
	}}})
	l.check(err)
}

func (l *lab) gatewayEndpoint(vpc, service string, routeTables ...string) {
	l.t.Helper()
	_, err := l.ec2.CreateVpcEndpoint(l.ctx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(vpc), ServiceName: aws.String("com.amazonaws." + testRegion + "." + service),
		VpcEndpointType: types.VpcEndpointTypeGateway, RouteTableIds: routeTables})
	l.check(err)
}

func (l *lab) interfaceEndpoint(vpc, service string, subnets ...string) {
	l.t.Helper()
	_, err := l.ec2.CreateVpcEndpoint(l.ctx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(vpc), ServiceName: aws.String("com.amazonaws." + testRegion + "." + service),
		VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: subnets, PrivateDnsEnabled: aws.Bool(true)})
	l.check(err)
}

func (l *lab) flowLog(vpc string) {
	l.t.Helper()
	_, err := l.ec2.CreateFlowLogs(l.ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{vpc}, ResourceType: types.FlowLogsResourceTypeVpc,
		TrafficType: types.TrafficTypeAll, LogDestinationType: types.LogDestinationTypeCloudWatchLogs, LogGroupName: aws.String("/vpc/flow-logs"),
		DeliverLogsPermissionArn: aws.String("arn:aws:iam::123456789012:role/flow-logs")})
	l.check(err)
}

func (l *lab) peer(a, b, name string) string {
	l.t.Helper()
	out, err := l.ec2.CreateVpcPeeringConnection(l.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: aws.String(a), PeerVpcId: aws.String(b), TagSpecifications: nameTag(types.ResourceTypeVpcPeeringConnection, name)})
	l.check(err)
	id := *out.VpcPeeringConnection.VpcPeeringConnectionId
	_, err = l.ec2.AcceptVpcPeeringConnection(l.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(id)})
	l.check(err)
	return id
}

func (l *lab) transitGateway(name string) string {
	l.t.Helper()
	out, err := l.ec2.CreateTransitGateway(l.ctx, &ec2.CreateTransitGatewayInput{TagSpecifications: nameTag(types.ResourceTypeTransitGateway, name)})
	l.check(err)
	return *out.TransitGateway.TransitGatewayId
}

func (l *lab) attach(tgw, vpc string, subnets ...string) {
	l.t.Helper()
	_, err := l.ec2.CreateTransitGatewayVpcAttachment(l.ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(tgw), VpcId: aws.String(vpc), SubnetIds: subnets})
	l.check(err)
}

// eni puts a network interface with groups into a subnet, as a load
// balancer or an instance would.
func (l *lab) eni(subnet string, groups ...string) {
	l.t.Helper()
	_, err := l.ec2.CreateNetworkInterface(l.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: aws.String(subnet), Groups: groups})
	l.check(err)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// importVPCs imports the VPCs from moto with default options.
func (l *lab) importVPCs(ids ...string) *Result {
	l.t.Helper()
	res, err := Import(l.ctx, newMotoAPI(l.ec2), Options{Region: testRegion, VPCIDs: ids})
	l.check(err)
	return res
}
