package design

// FormatVersion is the only version of the design file this build reads.
const FormatVersion = 1

// Design is one design file: VPCs, the address space outside AWS and the
// connections between them. Field comments name the YAML key.
type Design struct {
	Version     int          // version
	Name        string       // name
	Description string       // description
	Region      string       // region: the default for every VPC
	Networks    []Network    // networks: on-premises and partner ranges
	VPCs        []VPC        // vpcs
	Connections []Connection // connections

	src *source
}

// Network is address space outside AWS, such as an on-premises data centre.
type Network struct {
	Name string
	CIDR string
	IPv6 string // ipv6: the network's IPv6 range, for the overlap checks; "": none

	src *source
}

// NATMode says how private tiers reach the internet.
type NATMode string

// The NAT modes of the format.
const (
	NATNone   NATMode = "none"
	NATSingle NATMode = "single"
	NATPerAZ  NATMode = "per-az"
)

// NATModes lists the valid NAT modes in the order the UI cycles through them.
var NATModes = []NATMode{NATNone, NATSingle, NATPerAZ}

// VPC is one virtual private cloud and everything inside it.
type VPC struct {
	Name           string
	Region         string // empty: the design's region
	CIDR           string
	SecondaryCIDRs []string
	IPv6           string // ipv6: IPv6Amazon, or an IPv6 CIDR (BYOIP, IPAM); "": IPv4 only
	AZs            AZSpec
	ReservedAZs    int // reserved_azs: AZ slots every tier keeps free for later
	NAT            NATMode
	FlowLogs       bool
	FlowLog        *FlowLogOptions // nil: `flow_logs` written as true/false (all traffic, CloudWatch Logs)
	Endpoints      []string
	Tiers          []Tier
	SecurityGroups []SecurityGroup
	NetworkACLs    []NetworkACL // network_acls
	Workloads      []Workload
	Traffic        *Traffic // nil: no traffic assumptions

	src *source
}

// AZSpec is the `azs` key: either a count of the region's first AZs or an
// explicit list of AZ names. Exactly one of the two is set in a valid design.
type AZSpec struct {
	Count int
	Names []string
}

// TierKind says how a tier's subnets route to the internet.
type TierKind string

// The tier kinds of the format.
const (
	TierPublic   TierKind = "public"
	TierPrivate  TierKind = "private"
	TierIsolated TierKind = "isolated"
)

// TierKinds lists the valid tier kinds.
var TierKinds = []TierKind{TierPublic, TierPrivate, TierIsolated}

// Tier is one row of a VPC's tier × AZ grid: one subnet per covered AZ.
type Tier struct {
	Name  string
	Kind  TierKind
	IPv6  TierIPv6 // ipv6: dual-stack or ipv6-only; "": IPv4 only
	DNS64 bool     // dns64: IPv6-only subnets resolve IPv4-only names to 64:ff9b::/96
	// AssignIPv6 is `assign_ipv6`: false keeps a dual-stack tier's subnets
	// from giving new network interfaces an IPv6 address on creation; nil
	// or true, they do (AssignsIPv6).
	AssignIPv6 *bool
	Prefix     int      // subnet size for carving; 0: not set
	Reserve    int      // reserve: more subnets of the tier's size kept free for growth
	AZs        []string // subset of the VPC's AZs; nil: all of them
	Subnets    []Subnet // explicit (or previously carved and saved) subnets
	// Reserved pins where the tier's reserved space lies (`reserved`,
	// written on save like carved subnets): subnets without an AZ.
	Reserved []Subnet
	// Routes nil: the route table is derived from the kind and the VPC's
	// connections; non-nil (even empty): exactly these routes.
	Routes []Route
	// GatewayEndpoints nil: the VPC's gateway endpoints are on this tier's
	// table as derived (every non-public tier); non-nil: exactly these.
	GatewayEndpoints []string
	NetworkACL       string // network_acl: a name in the VPC's network_acls; "": the default ACL

	src *source
}

// Subnet is one explicit subnet of a tier.
type Subnet struct {
	AZ   string
	CIDR string // "": none (an IPv6-only subnet)
	// IPv6 is the index of the subnet's /64 in the VPC's IPv6 block
	// (`ipv6`); HasIPv6 says whether it is written.
	IPv6    int32 // int32 and bool share a word: 100,000 subnets
	HasIPv6 bool

	src *source
}

// SecurityGroup is a named set of rules attached to resources in one tier.
type SecurityGroup struct {
	Name    string
	Tier    string
	Ingress []Rule
	// Egress nil means the key is absent (AWS's default: allow all outbound);
	// a non-nil empty slice means `egress: []`, no outbound traffic at all.
	Egress []Rule

	src *source
}

// Rule is one security-group rule. Ingress rules set From, egress rules To.
type Rule struct {
	From        string
	To          string
	Ports       string // "443", "8000-8100" or "all"
	Protocol    string // tcp (default when empty), udp, icmp or all
	Description string

	src *source
}

// WorkloadKind is what runs in a tier.
type WorkloadKind string

// WorkloadKinds lists the valid workload kinds.
var WorkloadKinds = []WorkloadKind{"alb", "nlb", "ec2", "ecs", "eks", "lambda", "rds", "elasticache", "other"}

// Workload is something that runs in a tier behind a security group.
type Workload struct {
	Name          string
	Kind          WorkloadKind
	Tier          string
	SecurityGroup string
	// PublicIPv4 is the public IPv4 addresses the workload's instances
	// hold (auto-assigned or Elastic IPs); 0 when the design does not say.
	PublicIPv4 int

	src *source
}

// Traffic holds a VPC's monthly traffic assumptions in GB, for the cost estimate.
type Traffic struct {
	InternetEgressGB float64
	// InternetIngressGB is what private tiers download from the internet
	// (packages, images, API responses): free into AWS, but processed by
	// NAT like egress.
	InternetIngressGB float64
	S3GB              float64
	EndpointGB        float64
	TransitGatewayGB  float64
	// PeeringGB is what the VPC sends over its peering connections, spread
	// evenly over them.
	PeeringGB float64
	// OnPremisesIngressGB is what the VPC receives from on-premises
	// networks over its VPN or a transit gateway's.
	OnPremisesIngressGB float64
	CrossAZGB           float64
	// FlowLogsGB is the volume of flow-log records the VPC's flow log
	// delivers a month.
	FlowLogsGB float64

	src *source
}

// ConnectionKind is the kind of a connection between VPCs or networks.
type ConnectionKind string

// The connection kinds of the format.
const (
	ConnPeering        ConnectionKind = "peering"
	ConnTransitGateway ConnectionKind = "transit-gateway"
	ConnPrivateLink    ConnectionKind = "privatelink"
	ConnVPN            ConnectionKind = "vpn"
)

// ConnectionKinds lists the valid connection kinds.
var ConnectionKinds = []ConnectionKind{ConnPeering, ConnTransitGateway, ConnPrivateLink, ConnVPN}

// Connection joins VPCs to each other or to networks. Which fields apply
// depends on Kind: peering uses VPCs (two); transit-gateway VPCs and Networks;
// privatelink Provider, Consumer and Port; vpn VPC and Network.
type Connection struct {
	Name     string
	Kind     ConnectionKind
	VPCs     []string
	Networks []string
	Provider string
	Consumer string
	Port     int
	VPC      string
	Network  string
	// Transit gateways only. nil: enabled, as AWS's default.
	DefaultAssociation *bool
	DefaultPropagation *bool
	RouteTables        []TGWRouteTable
	Attachments        []TGWAttachment

	src *source
}

// Endpoint services that AWS offers as gateway endpoints; every other service
// name is an interface endpoint.
var gatewayEndpointServices = map[string]bool{"s3": true, "dynamodb": true}

// IsGatewayEndpoint reports whether service is reached through a (free,
// route-table based) gateway endpoint rather than an interface endpoint.
func IsGatewayEndpoint(service string) bool { return gatewayEndpointServices[service] }

// VPCRegion returns the region of v: its own, else the design's.
func (d *Design) VPCRegion(v *VPC) string {
	if v.Region != "" {
		return v.Region
	}
	return d.Region
}

// FindVPC returns the VPC named name, or nil.
func (d *Design) FindVPC(name string) *VPC {
	for i := range d.VPCs {
		if d.VPCs[i].Name == name {
			return &d.VPCs[i]
		}
	}
	return nil
}

// FindNetwork returns the network named name, or nil.
func (d *Design) FindNetwork(name string) *Network {
	for i := range d.Networks {
		if d.Networks[i].Name == name {
			return &d.Networks[i]
		}
	}
	return nil
}

// FindTier returns the tier named name, or nil.
func (v *VPC) FindTier(name string) *Tier {
	for i := range v.Tiers {
		if v.Tiers[i].Name == name {
			return &v.Tiers[i]
		}
	}
	return nil
}

// FindSecurityGroup returns the security group named name, or nil.
func (v *VPC) FindSecurityGroup(name string) *SecurityGroup {
	for i := range v.SecurityGroups {
		if v.SecurityGroups[i].Name == name {
			return &v.SecurityGroups[i]
		}
	}
	return nil
}
