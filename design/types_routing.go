package design

// The routing keys of the format (docs/format.md, "Routing"). Each follows
// the rule `egress` set: a key that is absent means what vpcsmith derives
// (exactly as before the key existed), a key that is present means exactly
// what is written. Old files load and mean the same.

// Route is one entry of a tier's route table, under the tier's `routes` key.
// The VPC's local routes are implicit and never written.
type Route struct {
	// To is the destination: a CIDR ("0.0.0.0/0", "10.20.0.0/16"),
	// "vpc:NAME" (every CIDR block of that VPC) or "network:NAME".
	To string
	// Via is the target: "internet-gateway"; "nat" (the NAT gateway of the
	// subnet's own AZ); "nat:AZ" (the NAT gateway in AZ); "connection:NAME"
	// (a peering, transit gateway or VPN connection); "blackhole";
	// "egress-only-internet-gateway" (IPv6 destinations only).
	Via string
	// AZs limits the route to the tier's subnets in these AZs; nil: all of
	// them. A route present in only some AZs is written once, with azs.
	AZs []string

	src *source
}

// The route targets of the format, as written in `via`.
const (
	ViaInternetGateway = "internet-gateway"
	ViaNAT             = "nat"
	ViaBlackhole       = "blackhole"
	ViaEgressOnly      = "egress-only-internet-gateway" // IPv6 only
	viaNATPrefix       = "nat:"
	viaConnPrefix      = "connection:"
)

// FlowLogOptions are the settings of a VPC's flow log when `flow_logs` is
// written as a mapping. A VPC with `flow_logs: true` has nil options, which
// mean all traffic to CloudWatch Logs.
type FlowLogOptions struct {
	Traffic     FlowLogTraffic     // empty: all
	Destination FlowLogDestination // empty: CloudWatch Logs

	src *source
}

// FlowLogTraffic is what a flow log records.
type FlowLogTraffic string

// The flow-log traffic types of the format.
const (
	FlowLogAll    FlowLogTraffic = "all"
	FlowLogAccept FlowLogTraffic = "accept"
	FlowLogReject FlowLogTraffic = "reject"
)

// FlowLogTraffics lists the valid traffic types.
var FlowLogTraffics = []FlowLogTraffic{FlowLogAll, FlowLogAccept, FlowLogReject}

// FlowLogDestination is where a flow log is delivered.
type FlowLogDestination string

// The flow-log destinations of the format.
const (
	FlowLogCloudWatch FlowLogDestination = "cloudwatch-logs"
	FlowLogS3         FlowLogDestination = "s3"
)

// FlowLogDestinations lists the valid destinations.
var FlowLogDestinations = []FlowLogDestination{FlowLogCloudWatch, FlowLogS3}

// FlowLogTrafficType returns what the VPC's flow log records: all unless
// its options say otherwise.
func (v *VPC) FlowLogTrafficType() FlowLogTraffic {
	if v.FlowLog != nil && v.FlowLog.Traffic != "" {
		return v.FlowLog.Traffic
	}
	return FlowLogAll
}

// FlowLogDestinationType returns where the VPC's flow log goes: CloudWatch
// Logs unless its options say otherwise.
func (v *VPC) FlowLogDestinationType() FlowLogDestination {
	if v.FlowLog != nil && v.FlowLog.Destination != "" {
		return v.FlowLog.Destination
	}
	return FlowLogCloudWatch
}

// NetworkACL is a named network ACL of a VPC (`network_acls`); tiers use it
// by name (`network_acl`). A tier without one has the VPC's default ACL,
// which allows everything both ways. Like AWS's, a written ACL ends in an
// implicit deny of everything its rules do not allow.
type NetworkACL struct {
	Name    string
	Ingress []ACLRule
	Egress  []ACLRule

	src *source
}

// ACLRule is one numbered rule of a network ACL. ACLs are stateless: the
// return traffic of a connection must be allowed by a rule of the other
// direction (usually the ephemeral ports, 1024-65535).
type ACLRule struct {
	Rule     int       // rule number, 1 to 32766; rules are evaluated lowest first
	Action   ACLAction // allow or deny
	Protocol string    // tcp (default when empty), udp, icmp or all
	Ports    string    // "443", "1024-65535" or "all"; absent: all
	CIDR     string    // the remote range: source for ingress, destination for egress

	src *source
}

// ACLAction is what a network ACL rule does with matching traffic.
type ACLAction string

// The ACL actions of the format.
const (
	ACLAllow ACLAction = "allow"
	ACLDeny  ACLAction = "deny"
)

// ACLActions lists the valid ACL actions.
var ACLActions = []ACLAction{ACLAllow, ACLDeny}

// FindNetworkACL returns the network ACL named name, or nil.
func (v *VPC) FindNetworkACL(name string) *NetworkACL {
	for i := range v.NetworkACLs {
		if v.NetworkACLs[i].Name == name {
			return &v.NetworkACLs[i]
		}
	}
	return nil
}

// TGWRouteTable is one route table of a transit gateway (`route_tables` of a
// transit-gateway connection). Members are named "vpc:NAME" or
// "network:NAME" (a network reached over the gateway's VPN).
type TGWRouteTable struct {
	Name string
	// Associations are the attachments whose traffic this table routes; an
	// attachment is associated with one table at most.
	Associations []string
	// Propagations are the attachments whose CIDRs this table learns.
	Propagations []string
	Routes       []TGWRoute

	src *source
}

// TGWRoute is a static route of a transit-gateway route table.
type TGWRoute struct {
	To  string // a CIDR, "vpc:NAME" or "network:NAME"
	Via string // "vpc:NAME", "network:NAME" (the attachment) or "blackhole"

	src *source
}

// TGWAttachment says which tier's subnets a VPC's transit-gateway
// attachment uses (`attachments`); a VPC without one uses its first private,
// else isolated, else public tier, as before.
type TGWAttachment struct {
	VPC  string
	Tier string

	src *source
}

// DefaultAssociationOn reports whether attachments are associated with the
// gateway's default route table unless a route table names them.
func (c *Connection) DefaultAssociationOn() bool {
	return c.DefaultAssociation == nil || *c.DefaultAssociation
}

// DefaultPropagationOn reports whether every attachment propagates its
// CIDRs to the gateway's default route table.
func (c *Connection) DefaultPropagationOn() bool {
	return c.DefaultPropagation == nil || *c.DefaultPropagation
}

// Segmented reports whether a transit gateway routes by tables of its own
// or has a default turned off: then its route tables, the default one
// among them, are what to draw. One with neither is a flat hub, every
// attachment reaching every other through the default table.
func (c *Connection) Segmented() bool {
	return len(c.RouteTables) > 0 || !c.DefaultAssociationOn() || !c.DefaultPropagationOn()
}

// DefaultRouteTable returns the gateway's default route table as AWS keeps
// it: associated with the attachments no table of the design associates
// (while default association is on) and learning every attachment's CIDRs
// (while default propagation is on). ok is false when both are off: then
// the gateway has no default table.
func (c *Connection) DefaultRouteTable() (rt TGWRouteTable, ok bool) {
	if !c.DefaultAssociationOn() && !c.DefaultPropagationOn() {
		return TGWRouteTable{}, false
	}
	rt.Name = DefaultTGWRouteTable
	taken := map[string]bool{}
	for i := range c.RouteTables {
		for _, m := range c.RouteTables[i].Associations {
			taken[m] = true
		}
	}
	for _, m := range tgwMembers(c) {
		if c.DefaultAssociationOn() && !taken[string(m)] {
			rt.Associations = append(rt.Associations, string(m))
		}
		if c.DefaultPropagationOn() {
			rt.Propagations = append(rt.Propagations, string(m))
		}
	}
	return rt, true
}

// AttachmentTier returns the tier a VPC's attachment to the transit gateway
// is written to use, or "".
func (c *Connection) AttachmentTier(vpc string) string {
	for _, a := range c.Attachments {
		if a.VPC == vpc {
			return a.Tier
		}
	}
	return ""
}

// Pos returns where key of the element was written (see source.at).
func (r *Route) Pos(key string) Position          { return r.src.at(key) }
func (a *NetworkACL) Pos(key string) Position     { return a.src.at(key) }
func (r *ACLRule) Pos(key string) Position        { return r.src.at(key) }
func (t *TGWRouteTable) Pos(key string) Position  { return t.src.at(key) }
func (r *TGWRoute) Pos(key string) Position       { return r.src.at(key) }
func (a *TGWAttachment) Pos(key string) Position  { return a.src.at(key) }
func (o *FlowLogOptions) Pos(key string) Position { return o.src.at(key) }
