package importer

import (
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// serviceName matches the short name of an AWS service endpoint (s3,
// ecr.api, execute-api); anything else is not written into the design.
var serviceName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{0,62}$`)

// endpoints lists the VPC's endpoints as the format names them: gateway
// endpoints for s3 and dynamodb, interface endpoints for other AWS
// services, gateway ones first. Endpoints to other services (PrivateLink
// services of other accounts, Marketplace, Gateway Load Balancers) are
// noted as outside the import.
func (vb *vpcBuilder) endpoints() []string {
	region := vb.b.inv.region
	seen := map[string]bool{}
	var gateway, iface []string
	for _, e := range vb.data.endpoints {
		switch strings.ToLower(string(e.State)) {
		case "deleted", "deleting", "failed", "rejected", "expired":
			continue
		}
		id := cleanText(deref(e.VpcEndpointId))
		svc := cleanText(deref(e.ServiceName))
		short, ok := shortService(svc, region)
		typ := endpointType(e)
		switch {
		case !ok:
			vb.note(id, true, "endpoint to service %s, which is not an AWS service endpoint of the format", svc)
			continue
		case typ == types.VpcEndpointTypeGateway && design.IsGatewayEndpoint(short):
			if !seen[short] {
				gateway = append(gateway, short)
			}
		case typ == types.VpcEndpointTypeInterface && !design.IsGatewayEndpoint(short):
			if !seen[short] {
				iface = append(iface, short)
			}
			vb.endpointAZNote(e, id, short)
		default:
			vb.note(id, false, "%s endpoint for %s: the format writes %s as a %s endpoint", strings.ToLower(string(typ)), short, short, endpointKind(short))
			continue
		}
		seen[short] = true
	}
	sort.Slice(gateway, func(i, j int) bool { return gateway[i] > gateway[j] }) // s3, dynamodb
	sort.Strings(iface)
	if len(gateway)+len(iface) == 0 {
		return nil
	}
	return append(gateway, iface...)
}

// endpointType is the endpoint's type, Gateway when none is reported:
// that is CreateVpcEndpoint's default, and moto reports no type for an
// AWS::EC2::VPCEndpoint whose template leaves VpcEndpointType out (the
// Quick Start VPC's S3 endpoint), which AWS would report as Gateway.
func endpointType(e types.VpcEndpoint) types.VpcEndpointType {
	if e.VpcEndpointType == "" {
		return types.VpcEndpointTypeGateway
	}
	return e.VpcEndpointType
}

func endpointKind(short string) string {
	if design.IsGatewayEndpoint(short) {
		return "gateway"
	}
	return "interface"
}

// shortService turns com.amazonaws.REGION.SERVICE into SERVICE.
func shortService(svc, region string) (string, bool) {
	for _, prefix := range []string{"com.amazonaws." + region + ".", "cn.com.amazonaws." + region + "."} {
		if s, ok := strings.CutPrefix(svc, prefix); ok && serviceName.MatchString(s) {
			return s, true
		}
	}
	return "", false
}

// endpointAZNote notes an interface endpoint that is not in every AZ of the
// VPC: the format places one in each.
func (vb *vpcBuilder) endpointAZNote(e types.VpcEndpoint, id, short string) {
	azOf := map[string]string{}
	for _, sn := range vb.data.subnets {
		azOf[deref(sn.SubnetId)] = cleanText(deref(sn.AvailabilityZone))
	}
	in := map[string]bool{}
	for _, s := range e.SubnetIds {
		if az := azOf[s]; az != "" {
			in[az] = true
		}
	}
	var missing []string
	for _, az := range vb.azs {
		if !in[az] {
			missing = append(missing, az)
		}
	}
	if len(missing) > 0 {
		vb.note(id, false, "interface endpoint %s has no subnet in %s; the format places one in every AZ", short, strings.Join(missing, ", "))
	}
}
