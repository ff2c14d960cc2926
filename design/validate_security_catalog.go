package design

// RuleInfo describes one finding code: what `vpcsmith validate --rules`
// lists. Rules is the one list of every code validation can report; a test
// keeps it in step with the checks.
type RuleInfo struct {
	Code string
	// Severities are the severities the code is reported with, most severe
	// first (some codes are an error in one case and a warning in another).
	Severities []Severity
	// Source is whose rule it is: SourceVpcsmith, SourceCfnNag or
	// SourceSecurityHub. The cfn-nag and Security Hub rules are the
	// security lint, reported only by ValidateSecurity.
	Source string
	// Ref is the external rule's own id ("W2", "EC2.19"); empty for
	// vpcsmith's rules.
	Ref     string
	Summary string
}

// The sources of rules.
const (
	SourceVpcsmith    = "vpcsmith"
	SourceCfnNag      = "cfn-nag"
	SourceSecurityHub = "Security Hub"
)

// IsSecurityLint reports whether the rule belongs to the opt-in security
// lint (ValidateSecurity) rather than to Validate.
func (r RuleInfo) IsSecurityLint() bool { return r.Source != SourceVpcsmith }

// Rules returns every finding code, vpcsmith's first in the order of
// docs/validation.md, then the security lint's. The slice is new on each
// call.
func Rules() []RuleInfo {
	out := make([]RuleInfo, len(rules))
	copy(out, rules)
	return out
}

// The severity lists of the table below.
var (
	onlyError      = []Severity{Error}
	onlyWarning    = []Severity{Warning}
	onlyInfo       = []Severity{Info}
	errorOrWarning = []Severity{Error, Warning}
)

func vpcsmithRule(code string, sev []Severity, summary string) RuleInfo {
	return RuleInfo{Code: code, Severities: sev, Source: SourceVpcsmith, Summary: summary}
}

func cfnNagRule(code, ref string, sev []Severity, summary string) RuleInfo {
	return RuleInfo{Code: code, Severities: sev, Source: SourceCfnNag, Ref: ref, Summary: summary}
}

func securityHubRule(code, ref string, sev []Severity, summary string) RuleInfo {
	return RuleInfo{Code: code, Severities: sev, Source: SourceSecurityHub, Ref: ref, Summary: summary}
}

var rules = []RuleInfo{
	vpcsmithRule("load-error", onlyError, "The file cannot be read or parsed (reported by the CLI, exit 2)."),

	vpcsmithRule("cidr-invalid", onlyError, "A CIDR does not parse, is not IPv4, or has host bits set."),
	vpcsmithRule("prefix-out-of-range", onlyError, "A VPC block, subnet or tier prefix is outside /16 to /28."),
	vpcsmithRule("vpc-cidr-reserved", onlyError, "A VPC block is in a range AWS refuses: multicast, loopback, link-local, 0.0.0.0/8, 240.0.0.0/4."),
	vpcsmithRule("vpc-cidr-public", onlyWarning, "A VPC block is publicly routable space, not RFC 1918, 100.64.0.0/10 or 198.18.0.0/15."),
	vpcsmithRule("subnet-outside-vpc", onlyError, "A subnet is not inside any of its VPC's CIDR blocks."),
	vpcsmithRule("subnet-overlap", onlyError, "Two subnets of a VPC overlap."),
	vpcsmithRule("vpc-overlap", errorOrWarning, "VPCs or networks overlap: an error when a connection joins them."),
	vpcsmithRule("secondary-cidr-restricted", onlyError, "A secondary block breaks AWS's association rules or overlaps another block."),
	vpcsmithRule("no-room", onlyError, "A tier's prefix does not fit in some AZ."),

	vpcsmithRule("missing-field", errorOrWarning, "A required value is empty."),
	vpcsmithRule("duplicate-name", errorOrWarning, "Two elements share a name in the same scope."),
	vpcsmithRule("unknown-reference", onlyError, "A tier, security group, VPC or network named somewhere does not exist."),
	vpcsmithRule("region-unknown", onlyWarning, "The region does not look like an AWS region name."),
	vpcsmithRule("azs-invalid", onlyError, "`azs` is missing, empty, or asks for more AZs than any region has."),
	vpcsmithRule("az-unknown", onlyError, "An AZ is not of the VPC's region, or not covered by the VPC or tier."),
	vpcsmithRule("single-az", onlyWarning, "The VPC uses one AZ."),
	vpcsmithRule("az-coverage", onlyWarning, "A tier covers fewer AZs than its VPC."),
	vpcsmithRule("no-tiers", onlyWarning, "A VPC has no tiers and so no subnets."),
	vpcsmithRule("tier-needs-prefix", onlyError, "A tier has no subnet in an AZ it covers and no prefix to carve one."),
	vpcsmithRule("tier-duplicate-az", onlyWarning, "A tier has two subnets in one AZ."),
	vpcsmithRule("nat-needs-public", onlyError, "NAT is requested where no public subnet can hold the gateway."),
	vpcsmithRule("nat-single", onlyWarning, "One NAT gateway serves private subnets in several AZs."),
	vpcsmithRule("nat-unused", onlyWarning, "NAT is paid for but no tier is private."),
	vpcsmithRule("private-no-egress", onlyWarning, "A private tier in a VPC with `nat: none` has no route out."),
	vpcsmithRule("endpoint-invalid", onlyError, "An endpoint is not a service name."),
	vpcsmithRule("endpoint-no-subnet", onlyWarning, "Interface endpoints without a private or isolated tier for their ENIs."),
	vpcsmithRule("alb-needs-two-azs", onlyError, "An ALB's tier has subnets in fewer than two AZs."),
	vpcsmithRule("rds-needs-two-azs", onlyError, "An RDS DB subnet group needs subnets in two AZs."),
	vpcsmithRule("database-public", onlyWarning, "A database or cache sits in a public tier."),
	vpcsmithRule("workload-tier-mismatch", onlyWarning, "A workload's security group is meant for another tier."),
	vpcsmithRule("traffic-invalid", onlyError, "A traffic assumption is negative or over its bound, or a workload's public_ipv4 is out of range."),

	vpcsmithRule("sg-unknown-ref", onlyError, "A rule names a security group (or VPC) that does not exist."),
	vpcsmithRule("sg-world-open", errorOrWarning, "Ingress from the internet: an error on high-risk ports or into an isolated tier."),
	vpcsmithRule("ports-invalid", onlyError, "Ports are not a number, a range or `all`."),
	vpcsmithRule("peer-unreachable", errorOrWarning, "A rule allows a VPC or network that no connection reaches."),
	vpcsmithRule("sg-cross-region", onlyError, "A rule references a group in a VPC of another region."),
	vpcsmithRule("quota-sg-rules", onlyWarning, "More than 60 rules in one direction."),

	vpcsmithRule("connection-invalid", errorOrWarning, "A connection joins the wrong number or kind of parties."),
	vpcsmithRule("duplicate-connection", onlyWarning, "Two peerings join the same VPCs."),
	vpcsmithRule("privatelink-needs-nlb", onlyWarning, "A PrivateLink provider has no NLB workload."),
	vpcsmithRule("privatelink-cross-region", onlyWarning, "PrivateLink provider and consumer are in different regions."),

	vpcsmithRule("quota-subnets", onlyWarning, "More than 200 subnets in a VPC."),
	vpcsmithRule("quota-cidr-blocks", errorOrWarning, "More than 5 IPv4 blocks in a VPC (over 50 is an error)."),
	vpcsmithRule("quota-vpcs-per-region", onlyInfo, "More than 5 VPCs in one region."),
	vpcsmithRule("quota-interface-endpoints", onlyWarning, "More than 50 interface endpoints in a VPC."),
	vpcsmithRule("quota-gateway-endpoints", onlyWarning, "More than 20 gateway endpoints in one region."),
	vpcsmithRule("quota-peerings", onlyWarning, "More than 50 peerings on one VPC."),

	vpcsmithRule("route-invalid", onlyError, "A written route names no known destination or target, an AZ the tier lacks, or a destination twice."),
	vpcsmithRule("route-no-nat", onlyError, "A route goes via a NAT gateway the VPC does not have in that AZ."),
	vpcsmithRule("route-unconnected", onlyError, "A route goes over a connection the VPC is not on."),
	vpcsmithRule("route-shadowed", onlyWarning, "More specific routes take all of a route's traffic."),
	vpcsmithRule("route-blackhole", onlyWarning, "A route drops traffic (blackhole)."),
	vpcsmithRule("nacl-invalid", onlyError, "A network ACL rule breaks AWS's rules (number, CIDR, ports)."),
	vpcsmithRule("nacl-rule-shadowed", onlyWarning, "An earlier network ACL rule matches all of a rule's traffic."),
	vpcsmithRule("nacl-blocks-flow", onlyWarning, "A network ACL drops traffic a security group allows."),
	vpcsmithRule("nacl-blocks-return", onlyWarning, "A network ACL drops the return traffic of a flow a security group allows."),
	vpcsmithRule("sg-rule-unreachable", onlyWarning, "A security-group rule can never carry traffic: no route, a network ACL or a gateway stops every path between its peer and the group's tier (checked by design/reach)."),
	vpcsmithRule("tgw-invalid", onlyError, "A transit gateway route table or attachment names what the gateway does not have."),
	vpcsmithRule("tgw-table-unassociated", onlyWarning, "A transit gateway route table has no association."),
	vpcsmithRule("ipv6-block-invalid", onlyError, "A VPC's or network's IPv6 block does not parse or breaks AWS's sizes (/44 to /60 in steps of /4; Amazon's /56)."),
	vpcsmithRule("ipv6-subnet-invalid", errorOrWarning, "A tier's or subnet's IPv6 keys do not fit its VPC (no block, an index outside it, IPv4 on an IPv6-only subnet, no free /64)."),
	vpcsmithRule("ipv6-subnet-overlap", onlyError, "Two subnets or reserved blocks of a VPC share a /64 index."),
	vpcsmithRule("ipv6-overlap", onlyError, "Written IPv6 blocks of connected VPCs or networks overlap."),
	vpcsmithRule("ipv6-public-private", onlyError, "A private or isolated tier routes ::/0 to the internet gateway: public for IPv6."),
	vpcsmithRule("ipv6-no-egress-only", onlyWarning, "A private tier with IPv6 has no route to the IPv6 internet (no egress-only gateway)."),
	vpcsmithRule("ipv6-only-no-nat64", onlyWarning, "An IPv6-only tier whose workloads reach IPv4 has no DNS64 or no NAT64 route."),
	vpcsmithRule("reserve-no-room", onlyWarning, "A tier's reserved space does not all fit in the VPC."),
	vpcsmithRule("reserved-space-taken", onlyWarning, "A written subnet lies in space a tier reserves."),
	vpcsmithRule("tgw-attachment-unassociated", onlyWarning, "An attachment has no route table (default association off)."),
	vpcsmithRule("tgw-attachment-az-gap", onlyWarning, "An attachment's subnets miss an AZ the VPC's workloads use."),
	vpcsmithRule("tgw-asymmetric", onlyWarning, "Traffic crosses a transit gateway through different attachments each way."),

	cfnNagRule("cfn-nag-w2", "W2", onlyWarning, "Ingress from the whole internet to a group that fronts no load balancer."),
	cfnNagRule("cfn-nag-w5", "W5", onlyInfo, "Egress to the whole internet."),
	cfnNagRule("cfn-nag-w9", "W9", onlyInfo, "Ingress from a range of addresses rather than one host (/32)."),
	cfnNagRule("cfn-nag-w27", "W27", onlyWarning, "Ingress to a range of ports rather than one."),
	cfnNagRule("cfn-nag-w29", "W29", onlyInfo, "Egress to a range of ports rather than one."),
	cfnNagRule("cfn-nag-w36", "W36", onlyWarning, "A security-group rule without a description."),
	cfnNagRule("cfn-nag-w40", "W40", onlyInfo, "Egress of every protocol (protocol: all), except to loopback."),
	cfnNagRule("cfn-nag-w42", "W42", onlyWarning, "Ingress of every protocol (protocol: all)."),
	cfnNagRule("cfn-nag-w60", "W60", onlyWarning, "A VPC without a flow log."),
	cfnNagRule("cfn-nag-f1000", "F1000", onlyWarning, "A security group without `egress`, which AWS makes allow everything."),

	securityHubRule("securityhub-ec2-2", "EC2.2", onlyWarning, "A group named default, mistaken for the VPC's default group."),
	securityHubRule("securityhub-ec2-6", "EC2.6", onlyWarning, "A VPC without flow logging."),
	securityHubRule("securityhub-ec2-13", "EC2.13", onlyError, "SSH (port 22) open to the whole internet."),
	securityHubRule("securityhub-ec2-14", "EC2.14", onlyError, "RDP (port 3389) open to the whole internet."),
	securityHubRule("securityhub-ec2-15", "EC2.15", onlyWarning, "An instance workload in a public tier, whose subnets auto-assign public IPs."),
	securityHubRule("securityhub-ec2-18", "EC2.18", onlyWarning, "The whole internet reaches more than TCP 80 and 443."),
	securityHubRule("securityhub-ec2-19", "EC2.19", onlyError, "The whole internet reaches one of the 24 high-risk ports."),
}
