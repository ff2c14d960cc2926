package importer

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/internal/motogaps"
)

// motoAPI is a moto server's EC2 client with what moto's answers leave out
// filled in from moto's own state, so that the import reads what AWS would
// answer: a static transit gateway route's attachment, which moto answers
// as an empty element (internal/motogaps).
type motoAPI struct {
	*ec2.Client
	endpoint string
}

func newMotoAPI(c *ec2.Client) motoAPI {
	return motoAPI{Client: c, endpoint: aws.ToString(c.Options().BaseEndpoint)}
}

func (m motoAPI) SearchTransitGatewayRoutes(ctx context.Context, in *ec2.SearchTransitGatewayRoutesInput, opts ...func(*ec2.Options)) (*ec2.SearchTransitGatewayRoutesOutput, error) {
	out, err := m.Client.SearchTransitGatewayRoutes(ctx, in, opts...)
	if err != nil || out == nil {
		return out, err
	}
	var routes map[string]map[string]string
	for i := range out.Routes {
		r := &out.Routes[i]
		if len(r.TransitGatewayAttachments) > 0 || r.State != types.TransitGatewayRouteStateActive {
			continue
		}
		if routes == nil {
			if routes, err = motogaps.TGWRouteAttachments(ctx, m.endpoint); err != nil {
				return nil, err
			}
		}
		if a := routes[aws.ToString(in.TransitGatewayRouteTableId)][aws.ToString(r.DestinationCidrBlock)]; a != "" {
			r.TransitGatewayAttachments = []types.TransitGatewayRouteAttachment{{TransitGatewayAttachmentId: aws.String(a)}}
		}
	}
	return out, nil
}
