package importer

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/logging"
)

// API is the part of the EC2 client the import uses. It holds read-only
// actions only (Describe, and the transit gateway route tables' Get and
// Search), so the import cannot change anything in the account; the
// IAM policy in docs/import.md lists the same actions.
type API interface {
	ec2.DescribeVpcsAPIClient
	ec2.DescribeSubnetsAPIClient
	ec2.DescribeRouteTablesAPIClient
	ec2.DescribeNatGatewaysAPIClient
	ec2.DescribeVpcEndpointsAPIClient
	ec2.DescribeFlowLogsAPIClient
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeNetworkInterfacesAPIClient
	ec2.DescribeNetworkAclsAPIClient
	ec2.DescribeVpcPeeringConnectionsAPIClient
	ec2.DescribeTransitGatewayAttachmentsAPIClient
	ec2.DescribeTransitGatewaysAPIClient
	ec2.DescribeTransitGatewayVpcAttachmentsAPIClient
	ec2.DescribeTransitGatewayRouteTablesAPIClient
	ec2.GetTransitGatewayRouteTableAssociationsAPIClient
	ec2.GetTransitGatewayRouteTablePropagationsAPIClient
	searchTransitGatewayRoutesAPI
}

// Actions lists every EC2 action the import calls, as IAM names them: the
// minimal policy.
var Actions = []string{
	"ec2:DescribeVpcs",
	"ec2:DescribeSubnets",
	"ec2:DescribeRouteTables",
	"ec2:DescribeNatGateways",
	"ec2:DescribeVpcEndpoints",
	"ec2:DescribeFlowLogs",
	"ec2:DescribeSecurityGroups",
	"ec2:DescribeNetworkInterfaces",
	"ec2:DescribeNetworkAcls",
	"ec2:DescribeVpcPeeringConnections",
	"ec2:DescribeTransitGatewayAttachments",
	"ec2:DescribeTransitGateways",
	"ec2:DescribeTransitGatewayVpcAttachments",
	"ec2:DescribeTransitGatewayRouteTables",
	"ec2:GetTransitGatewayRouteTableAssociations",
	"ec2:GetTransitGatewayRouteTablePropagations",
	"ec2:SearchTransitGatewayRoutes",
}

// ClientConfig says where and as whom to call AWS. Empty fields take the
// SDK's defaults: the environment, the shared config and credentials files,
// SSO, and AWS_ENDPOINT_URL_EC2 for another endpoint.
type ClientConfig struct {
	Region  string
	Profile string
	// MaxAttempts bounds the attempts of one call, retries included
	// (0: DefaultMaxAttempts).
	MaxAttempts int
	// MaxInFlight sizes the HTTP connection pool to the import's bound on
	// concurrent calls (0: DefaultMaxInFlight).
	MaxInFlight int
}

// DefaultMaxAttempts is how often one Describe call is tried before its
// error counts: throttling in a busy account is common and harmless.
const DefaultMaxAttempts = 8

// NewClient loads the AWS configuration as the AWS CLI would and returns an
// EC2 client with adaptive retries, and the region it talks to. The SDK's
// logger is silenced and client log modes are forced off: request and
// signing logs would print credentials and headers.
func NewClient(ctx context.Context, c ClientConfig) (*ec2.Client, string, error) {
	attempts := c.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	inFlight := c.MaxInFlight
	if inFlight <= 0 {
		inFlight = DefaultMaxInFlight
	}
	httpClient := awshttp.NewBuildableClient().
		WithTimeout(2 * time.Minute).
		WithTransportOptions(func(t *http.Transport) {
			t.MaxIdleConnsPerHost = inFlight
		})
	opts := []func(*config.LoadOptions) error{
		config.WithRetryMode(aws.RetryModeAdaptive),
		config.WithRetryMaxAttempts(attempts),
		config.WithLogger(logging.Nop{}),
		config.WithClientLogMode(0),
		config.WithLogConfigurationWarnings(false),
		config.WithHTTPClient(httpClient),
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, "", fmt.Errorf("load the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, "", ErrNoRegion
	}
	client := ec2.NewFromConfig(cfg, func(o *ec2.Options) {
		o.ClientLogMode = 0
		o.Logger = logging.Nop{}
	})
	return client, cfg.Region, nil
}
