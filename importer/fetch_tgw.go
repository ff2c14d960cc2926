package importer

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// searchTransitGatewayRoutesAPI is the one call of the import without a
// paginator (nor an APIClient interface) in the SDK: it answers up to
// MaxResults routes and says whether there are more.
type searchTransitGatewayRoutesAPI interface {
	SearchTransitGatewayRoutes(context.Context, *ec2.SearchTransitGatewayRoutesInput, ...func(*ec2.Options)) (*ec2.SearchTransitGatewayRoutesOutput, error)
}

// tgwData is how the transit gateways of the imported VPCs route: their
// route tables with associations, propagations and static routes, and the
// subnets of their VPC attachments.
type tgwData struct {
	tables      []types.TransitGatewayRouteTable
	assoc       map[string][]types.TransitGatewayRouteTableAssociation // by table ID
	prop        map[string][]types.TransitGatewayRouteTablePropagation
	routes      map[string][]types.TransitGatewayRoute // static ones
	vpcAttach   []types.TransitGatewayVpcAttachment
	moreRoutes  map[string]bool // a table with more static routes than one search answers
	deniedTable bool            // the tables could not be read: the gateways' routing is unknown
}

// maxTGWRouteSearch is the most routes SearchTransitGatewayRoutes answers
// (its default MaxResults, which is not sent: moto fails on it with a 500).
const maxTGWRouteSearch = 1000

// tgwRouting reads the routing of the gateways ids, after the attachments
// have said which matter. One call lists their tables and one their VPC
// attachments; each table then takes three (associations, propagations,
// static routes), run one after the other under the in-flight bound.
func (f *fetcher) tgwRouting(ctx context.Context, inv *inventory, ids []string, settle func(string, error) error) error {
	d := &tgwData{assoc: map[string][]types.TransitGatewayRouteTableAssociation{}, prop: map[string][]types.TransitGatewayRouteTablePropagation{},
		routes: map[string][]types.TransitGatewayRoute{}, moreRoutes: map[string]bool{}}
	inv.tgw = d
	byTGW := []types.Filter{{Name: aws.String("transit-gateway-id"), Values: ids}}
	var err error
	p := ec2.NewDescribeTransitGatewayVpcAttachmentsPaginator(f.api, &ec2.DescribeTransitGatewayVpcAttachmentsInput{Filters: byTGW, MaxResults: aws.Int32(f.pages.attachments)})
	d.vpcAttach, err = collect(ctx, f, p, func(o *ec2.DescribeTransitGatewayVpcAttachmentsOutput) []types.TransitGatewayVpcAttachment {
		return o.TransitGatewayVpcAttachments
	})
	if err := settle("ec2:DescribeTransitGatewayVpcAttachments", err); err != nil {
		return err
	}
	tp := ec2.NewDescribeTransitGatewayRouteTablesPaginator(f.api, &ec2.DescribeTransitGatewayRouteTablesInput{Filters: byTGW, MaxResults: aws.Int32(f.pages.attachments)})
	d.tables, err = collect(ctx, f, tp, func(o *ec2.DescribeTransitGatewayRouteTablesOutput) []types.TransitGatewayRouteTable {
		return o.TransitGatewayRouteTables
	})
	if err := settle("ec2:DescribeTransitGatewayRouteTables", err); err != nil {
		return err
	}
	if inv.denied["ec2:DescribeTransitGatewayRouteTables"] {
		d.deniedTable = true
	}
	byID(d.tables, func(t types.TransitGatewayRouteTable) string { return deref(t.TransitGatewayRouteTableId) })
	for _, t := range d.tables {
		if t.State == types.TransitGatewayRouteTableStateDeleted || t.State == types.TransitGatewayRouteTableStateDeleting {
			continue
		}
		id := deref(t.TransitGatewayRouteTableId)
		ap := ec2.NewGetTransitGatewayRouteTableAssociationsPaginator(f.api, &ec2.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableId: aws.String(id), MaxResults: aws.Int32(f.pages.attachments)})
		as, err := collect(ctx, f, ap, func(o *ec2.GetTransitGatewayRouteTableAssociationsOutput) []types.TransitGatewayRouteTableAssociation {
			return o.Associations
		})
		if err := settle("ec2:GetTransitGatewayRouteTableAssociations", err); err != nil {
			return err
		}
		pp := ec2.NewGetTransitGatewayRouteTablePropagationsPaginator(f.api, &ec2.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableId: aws.String(id), MaxResults: aws.Int32(f.pages.attachments)})
		ps, err := collect(ctx, f, pp, func(o *ec2.GetTransitGatewayRouteTablePropagationsOutput) []types.TransitGatewayRouteTablePropagation {
			return o.TransitGatewayRouteTablePropagations
		})
		if err := settle("ec2:GetTransitGatewayRouteTablePropagations", err); err != nil {
			return err
		}
		var out *ec2.SearchTransitGatewayRoutesOutput
		err = f.request(ctx, func(ctx context.Context) error {
			var err error
			out, err = f.api.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: aws.String(id),
				Filters: []types.Filter{{Name: aws.String("type"), Values: []string{"static"}}}})
			return err
		})
		if err := settle("ec2:SearchTransitGatewayRoutes", err); err != nil {
			return err
		}
		d.assoc[id], d.prop[id] = as, ps
		if out != nil {
			d.routes[id] = out.Routes
			d.moreRoutes[id] = deref(out.AdditionalRoutesAvailable)
			sort.SliceStable(d.routes[id], func(i, j int) bool {
				return deref(d.routes[id][i].DestinationCidrBlock) < deref(d.routes[id][j].DestinationCidrBlock)
			})
		}
	}
	return nil
}

// tgwGapEffects say what the design lacks when a transit gateway routing
// call is denied (gapEffect looks here after gapEffects).
var tgwGapEffects = map[string]string{
	"ec2:DescribeTransitGatewayVpcAttachments":    "the attachments' subnets are unknown: attachments is not written",
	"ec2:DescribeTransitGatewayRouteTables":       "the gateways' route tables are unknown: written with AWS's defaults",
	"ec2:GetTransitGatewayRouteTableAssociations": "the route tables' associations are unknown: written with none",
	"ec2:GetTransitGatewayRouteTablePropagations": "the route tables' propagations are unknown: written with none",
	"ec2:SearchTransitGatewayRoutes":              "the route tables' static routes are unknown: written with none",
}

// gapEffect says what the design lacks when action is denied.
func gapEffect(action string) string {
	if e, ok := gapEffects[action]; ok {
		return e
	}
	return tgwGapEffects[action]
}
