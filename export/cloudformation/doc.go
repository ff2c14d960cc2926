// Package cloudformation exports a design as AWS CloudFormation templates,
// one per region (a stack is regional), in YAML with the short intrinsic
// tags or in JSON. The same design always gives byte-identical templates.
//
// Build refuses a design with validation errors; a template over a
// CloudFormation quota (500 resources, 200 parameters or outputs, 1 MB) is
// split into stacks, and one VPC's stack over a quota is refused: a
// template CloudFormation would reject, or half-create and roll back, is
// worse than none.
//
// Decisions the design format leaves open:
//
//   - Availability Zones: a VPC with `azs: N` places subnets with
//     !Select [i, !GetAZs ”], which is what the format means ("the region's
//     first N AZs") and keeps AZ names out of the template; a VPC that lists
//     AZ names gets those names literally, since the design chose them.
//   - `egress: []` becomes a single inline egress rule to 127.0.0.1/32: CFN
//     drops AWS's default allow-all egress rule only when the template lists
//     one of its own, and loopback traffic never leaves the instance.
//   - Rules to addresses are inline in the security group; rules naming a
//     security group are separate SecurityGroupIngress/Egress resources, so
//     groups that name each other never form a dependency cycle.
//   - Route tables: one public; private tiers share one per AZ with per-AZ
//     NAT (each AZ leaves through its own NAT) and one otherwise; isolated
//     tiers share one with no default route.
//     A tier with `routes` gets its own (one per AZ where its routes differ
//     by AZ) with exactly its effective routes (design.Routing). What
//     CloudFormation cannot write exactly is refused, never widened (see
//     docs/format.md, "How the CloudFormation export writes them"): a
//     blackhole that a less specific route covers, a route to a missing
//     NAT, transit-gateway table associations with default association
//     on. A network's VPN attachment in a transit-gateway table is a
//     parameter, since CloudFormation cannot name it.
//   - Logical ids are the CamelCase of the design's names (ProdAppSubnetA),
//     unique ignoring case, with a numeric suffix on collision.
//   - Only what a deployer must decide is a parameter: customer gateway
//     addresses and ASNs, flow-log retention, the ids that cross from
//     one region's stack to another's, a PrivateLink service's allowed
//     principals, and the EnvironmentName and TagPrefix of the tags
//     (params.go); every one that can has a default, so the template
//     deploys as it is. CIDRs are not parameters: the template is the
//     validated design. See docs/export.md.
//   - A region's template over a quota is split into stacks (split.go).
//   - ICMP rules: ports name the ICMP type (any code), "all" every type; the
//     internet's ::/0 half is left out of icmp rules (ICMPv6 types differ).
//   - A VPN to a VPC uses a virtual private gateway with static routing (no
//     BGP needed on the device) and route propagation into every route
//     table; a network on a transit gateway uses BGP, because CloudFormation
//     cannot name a VPN's transit gateway attachment for static routes.
//   - Across regions: a peering is requested by the first VPC's template
//     and routed in the other's once its id is passed (conditional routes);
//     a PrivateLink consumer takes the service id as a parameter. A transit
//     gateway spanning regions is refused: the exporter makes no transit
//     gateway peerings.
//
// The YAML is written by this package (yaml.go) with goccy/go-yaml's
// quoting rule; the tests read every template back with goccy's parser.
package cloudformation
