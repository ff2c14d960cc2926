package importer

import (
	"net/netip"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// assertRoutesMatch checks an import against what AWS (moto) holds: the
// design validates with no errors, and for every subnet design.NewRouting
// gives the effective table its real route table has: each IPv4 route to
// an internet gateway, a NAT gateway (of the right AZ), a peering or a
// transit gateway (through the connection for it) or a blackhole, and its
// gateway endpoints. A route the format cannot express may be missing, but
// only where no wider route of the design would carry its traffic instead
// (else it must be a blackhole): an import never widens. It reads AWS on
// its own, not through the importer.
func assertRoutesMatch(t *testing.T, l *lab, res *Result) {
	t.Helper()
	assertNoErrors(t, res.Design)
	lay := design.Resolve(res.Design)
	r := design.NewRouting(lay)
	nameOf := map[string]string{}
	for _, v := range res.VPCs {
		nameOf[v.ID] = v.Name
	}
	peerings, err := l.ec2.DescribeVpcPeeringConnections(l.ctx, &ec2.DescribeVpcPeeringConnectionsInput{})
	l.check(err)
	peerOf := map[string][2]string{}
	for _, p := range peerings.VpcPeeringConnections {
		peerOf[aws.ToString(p.VpcPeeringConnectionId)] = [2]string{nameOf[aws.ToString(p.RequesterVpcInfo.VpcId)], nameOf[aws.ToString(p.AccepterVpcInfo.VpcId)]}
	}
	for vi, iv := range res.VPCs {
		filter := []types.Filter{{Name: aws.String("vpc-id"), Values: []string{iv.ID}}}
		sns, err := l.ec2.DescribeSubnets(l.ctx, &ec2.DescribeSubnetsInput{Filters: filter})
		l.check(err)
		rts, err := l.ec2.DescribeRouteTables(l.ctx, &ec2.DescribeRouteTablesInput{Filters: filter})
		l.check(err)
		nats, err := l.ec2.DescribeNatGateways(l.ctx, &ec2.DescribeNatGatewaysInput{Filter: filter})
		l.check(err)
		eps, err := l.ec2.DescribeVpcEndpoints(l.ctx, &ec2.DescribeVpcEndpointsInput{Filters: filter})
		l.check(err)
		azOf := map[string]string{}
		for _, s := range sns.Subnets {
			azOf[aws.ToString(s.SubnetId)] = aws.ToString(s.AvailabilityZone)
		}
		natAZ := map[string]string{}
		for _, n := range nats.NatGateways {
			natAZ[aws.ToString(n.NatGatewayId)] = azOf[aws.ToString(n.SubnetId)]
		}
		var main *types.RouteTable
		tableOf := map[string]*types.RouteTable{}
		for i := range rts.RouteTables {
			for _, a := range rts.RouteTables[i].Associations {
				if aws.ToBool(a.Main) {
					main = &rts.RouteTables[i]
				} else if a.SubnetId != nil {
					tableOf[*a.SubnetId] = &rts.RouteTables[i]
				}
			}
		}
		for _, s := range sns.Subnets {
			rt := tableOf[aws.ToString(s.SubnetId)]
			if rt == nil {
				rt = main
			}
			ti, az := findSubnet(lay, vi, aws.ToString(s.CidrBlock))
			if ti < 0 {
				t.Errorf("%s: subnet %s (%s) is in no tier", iv.Name, aws.ToString(s.SubnetId), aws.ToString(s.CidrBlock))
				continue
			}
			table := r.Table(vi, ti, az)
			var want, optional []string
			for _, rr := range rt.Routes {
				if rr.DestinationCidrBlock == nil || aws.ToString(rr.GatewayId) == "local" {
					continue
				}
				dest := netip.MustParsePrefix(*rr.DestinationCidrBlock).String()
				gw := aws.ToString(rr.GatewayId)
				switch {
				case rr.State == types.RouteStateBlackhole:
					want = append(want, dest+">blackhole")
				case strings.HasPrefix(gw, "igw-"):
					want = append(want, dest+">internet-gateway")
				case rr.NatGatewayId != nil:
					want = append(want, dest+">nat:"+natAZ[*rr.NatGatewayId])
				case rr.VpcPeeringConnectionId != nil && peerOf[*rr.VpcPeeringConnectionId][0] != "" && peerOf[*rr.VpcPeeringConnectionId][1] != "":
					p := peerOf[*rr.VpcPeeringConnectionId]
					other := p[0]
					if other == iv.Name {
						other = p[1]
					}
					want = append(want, dest+">peering:"+other)
				case rr.TransitGatewayId != nil && tgwJoins(res.Design, iv.Name):
					want = append(want, dest+">transit-gateway")
				default:
					optional = append(optional, dest)
				}
			}
			var got []string
			var gotEP []string
			for _, e := range table.Entries {
				switch e.Target {
				case design.TargetLocal:
				case design.TargetEndpoint:
					gotEP = append(gotEP, e.Service)
				case design.TargetNAT:
					got = append(got, e.Dest.String()+">nat:"+e.NATAZ)
				case design.TargetConnection:
					c := r.Connection(e.Conn)
					switch {
					case c == nil:
						got = append(got, e.Dest.String()+">unknown connection "+e.Conn)
					case c.Kind == design.ConnPeering:
						other := c.VPCs[0]
						if other == iv.Name {
							other = c.VPCs[1]
						}
						got = append(got, e.Dest.String()+">peering:"+other)
					default:
						got = append(got, e.Dest.String()+">"+string(c.Kind))
					}
				default:
					got = append(got, e.Dest.String()+">"+string(e.Target))
				}
			}
			for _, o := range optional {
				p := netip.MustParsePrefix(o)
				if i := slices.Index(got, o+">blackhole"); i >= 0 {
					got = slices.Delete(got, i, i+1)
					continue
				}
				if e, ok := table.Lookup(p.Addr()); ok {
					t.Errorf("%s: subnet %s: route %s, which the format cannot express, was dropped and its traffic now takes %s → %s (widened)", iv.Name, aws.ToString(s.CidrBlock), o, e.Dest, e.Target)
				}
			}
			sort.Strings(want)
			sort.Strings(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s: subnet %s (%s): design routes %v, AWS %v", iv.Name, aws.ToString(s.CidrBlock), az, got, want)
			}
			var wantEP []string
			for _, e := range eps.VpcEndpoints {
				svc := aws.ToString(e.ServiceName)
				svc = svc[strings.LastIndex(svc, ".")+1:]
				if slices.Contains(e.RouteTableIds, aws.ToString(rt.RouteTableId)) && design.IsGatewayEndpoint(svc) {
					wantEP = append(wantEP, svc)
				}
			}
			sort.Strings(wantEP)
			sort.Strings(gotEP)
			if !slices.Equal(wantEP, gotEP) {
				t.Errorf("%s: subnet %s: design gateway endpoints %v, AWS %v", iv.Name, aws.ToString(s.CidrBlock), gotEP, wantEP)
			}
		}
	}
}

// findSubnet returns the tier and AZ of the subnet with cidr in VPC vi.
func findSubnet(l *design.Layout, vi int, cidr string) (int, string) {
	p := netip.MustParsePrefix(cidr)
	for ti, tl := range l.VPCs[vi].Tiers {
		for _, s := range tl.Subnets {
			if s.Prefix == p {
				return ti, s.AZ
			}
		}
	}
	return -1, ""
}

func tgwJoins(d *design.Design, vpc string) bool {
	return slices.ContainsFunc(d.Connections, func(c design.Connection) bool {
		return c.Kind == design.ConnTransitGateway && slices.Contains(c.VPCs, vpc)
	})
}
