package importer

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// The differences TestPublishedRoundTrip found, each reproduced in a small
// moto network next to its fix.

// TestImportUntypedGatewayEndpoint: an endpoint whose type is not reported
// (moto's answer for a template without VpcEndpointType, such as the Quick
// Start VPC's S3 endpoint) is a gateway endpoint, as CreateVpcEndpoint's
// default makes it: it stays on the private tables it is on and off the
// public one.
func TestImportUntypedGatewayEndpoint(t *testing.T) {
	l := newLab(t)
	v := l.vpc("shop", "10.5.0.0/16")
	pub := l.subnet(v, "shop-public-a", "us-east-1a", "10.5.0.0/24")
	priv := l.subnet(v, "shop-private-a", "us-east-1a", "10.5.10.0/24")
	igw := l.igw(v)
	l.routeTable(v, "public", []string{pub}, [2]string{"0.0.0.0/0", igw})
	privRT := l.routeTable(v, "private", []string{priv}, [2]string{"0.0.0.0/0", l.nat(pub)})
	_, err := l.ec2.CreateVpcEndpoint(l.ctx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(v), ServiceName: aws.String("com.amazonaws." + testRegion + ".s3"), RouteTableIds: []string{privRT}})
	l.check(err)

	res := l.importVPCs(v)
	// Per subnet: s3 on the private table, none on the public one.
	assertRoutesMatch(t, l, res)
	if d := res.Design.VPCs[0]; !slices.Equal(d.Endpoints, []string{"s3"}) {
		t.Errorf("endpoints %v, want [s3]\n%s", d.Endpoints, notesOf(res))
	}
}
