package cost

// Modelled lists what the estimate prices, each line with the categories
// its items carry; docs/cost.md lists the same lines, and a test checks
// that every category is covered and the page is in step.
var modelled = []struct {
	Text       string
	Categories []Category
}{
	{"NAT gateway hours, addresses and data processing in both directions, with the cross-AZ share behind a shared NAT gateway", []Category{NATGatewayHours, NATGatewayData, CrossAZData}},
	{"public IPv4 addresses: NAT, internet-facing load balancers per AZ, and workloads' stated `public_ipv4`", []Category{PublicIPv4}},
	{"interface endpoint hours per AZ and tiered data on the region's total; gateway endpoints (free)", []Category{InterfaceEndpointHours, InterfaceEndpointData, GatewayEndpoint}},
	{"transit gateway attachments, data processing (route tables, middleboxes, egress VPC), on-premises ingress over its VPN", []Category{TransitGatewayAttachmentHours, TransitGatewayData}},
	{"Site-to-Site VPN connection hours", []Category{VPNConnectionHours}},
	{"peering data: the cross-AZ share within a region, inter-region transfer across regions", []Category{VPCPeering, CrossAZData, InterRegionData}},
	{"transit gateways whose VPCs span regions: the inter-region transfer of the VPCs outside the gateway's region", []Category{InterRegionData}},
	{"internet egress at the first-tier rate", []Category{InternetEgressData}},
	{"load balancer hours", []Category{LoadBalancerHours}},
	{"flow-log delivery to CloudWatch Logs or S3 at the stated volume", []Category{FlowLogsData}},
}

// NotModelled lists what the estimate leaves out; docs/cost.md lists the
// same, and no item of the estimate prices any of it.
var NotModelled = []string{
	"compute, storage and anything the design does not describe",
	"load balancer capacity units (LCU, NLCU) and data processed by load balancers",
	"transit gateway peering attachment hours",
	"Direct Connect",
	"internet egress beyond the first tier, and the monthly free 100 GB",
	"data transfer out over a VPN to on-premises networks",
	"PrivateLink data processing (the consumer's endpoint hours are modelled)",
	"inter-AZ transfer through a transit gateway",
}

// adviceKinds lists every kind of advice, in the order docs/cost.md's
// table gives them.
var adviceKinds = []AdviceKind{
	AdviceGatewayEndpoints, AdviceSingleNAT, AdviceNATPerAZ, AdviceEndpointBreakEven,
	AdviceTransitGateway, AdvicePeering, AdviceCentralEndpoints, AdviceDuplicateVPN,
	AdviceNATInstance, AdviceFlowLogsS3, AdviceOnPremisesVPN, AdviceDualStackPublic, AdviceIPv6OnlyPrivate,
}
