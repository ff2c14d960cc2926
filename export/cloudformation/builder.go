package cloudformation

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// builder makes the template of one region. It runs in two passes: plan
// gives every VPC-level resource its logical id (so a security group can
// reference one in a VPC that is emitted later), then the emit steps add
// the resources in design order.
type builder struct {
	l       *design.Layout
	d       *design.Design
	region  string
	routing *design.Routing // effective route tables of the design's tiers and transit gateways

	ids    *idSet // resources, parameters and conditions share one namespace
	outIDs *idSet

	params     object
	paramInfo  []Parameter
	conditions object
	resources  object
	outputs    object
	notes      []string

	vpcs   []*vpcPlan          // this region's VPCs, in design order
	byName map[string]*vpcPlan // by VPC name

	customerGateways map[string]string // network name → CustomerGateway id
	// links holds, for a pair of VPCs, the resources of the connection that
	// joins them (peering, transit gateway attachments): what a
	// security-group reference across the pair must wait for.
	links          map[[2]string][]string
	flowLogRole    string
	flowLogGroups  []string
	retentionParam string

	// owner is the VPC whose resources are being emitted ("" for the
	// connections); ownerOf records it per resource, for the split
	// (split.go), which keeps a VPC's resources in its stack even when
	// they name nothing of it (its internet gateway, its log group).
	owner   string
	ownerOf map[string]string
}

func newBuilder(l *design.Layout, region string, vpcIdx []int) *builder {
	b := &builder{
		l: l, d: l.Design, region: region, routing: design.NewRouting(l),
		ids: newIDSet(), outIDs: newIDSet(),
		byName:           map[string]*vpcPlan{},
		customerGateways: map[string]string{},
		links:            map[[2]string][]string{},
	}
	for _, i := range vpcIdx {
		p := &vpcPlan{vi: i, vl: &l.VPCs[i], v: l.VPCs[i].VPC}
		b.vpcs = append(b.vpcs, p)
		b.byName[p.v.Name] = p
	}
	return b
}

func (b *builder) build() (*Template, error) {
	b.emitTagParams()
	b.noteDefaultGroups()
	for _, p := range b.vpcs {
		if err := b.plan(p); err != nil {
			return nil, err
		}
	}
	for _, p := range b.vpcs {
		b.owner = p.id
		if err := b.emitVPC(p); err != nil {
			return nil, err
		}
	}
	b.owner = ""
	if err := b.emitConnections(); err != nil {
		return nil, err
	}
	for _, p := range b.vpcs {
		if err := b.checkConnectionRoutesMade(p); err != nil {
			return nil, err
		}
	}
	// Security groups last: cross-VPC references depend on the connection
	// resources that make them legal.
	for _, p := range b.vpcs {
		b.owner = p.id
		if err := b.emitSecurityGroups(p); err != nil {
			return nil, err
		}
	}
	b.owner = ""
	b.emitFlowLogRole()

	t := &Template{Region: b.region, Resources: len(b.resources), Outputs: len(b.outputs), Parameters: b.paramInfo, Notes: b.notes}
	// The quotas are checked by splitIfNeeded, which splits a template
	// over them into stacks.
	t.body = object{{"AWSTemplateFormatVersion", "2010-09-09"}, {"Description", b.description()}}
	if len(b.params) > 0 {
		t.body = append(t.body, field{"Parameters", b.params})
	}
	if len(b.conditions) > 0 {
		t.body = append(t.body, field{"Conditions", b.conditions})
	}
	t.body = append(t.body, field{"Resources", b.resources})
	if len(b.outputs) > 0 {
		t.body = append(t.body, field{"Outputs", b.outputs})
	}
	return t, nil
}

// description is the template's Description: the design and region, then
// the design's own description.
func (b *builder) description() string {
	s := "vpcsmith design"
	if name := cleanText(b.d.Name); name != "" {
		s += " " + name
	}
	s += ", region " + b.region
	if desc := cleanText(b.d.Description); desc != "" {
		s += ": " + desc
	}
	return truncateBytes(s, maxTemplateDescription)
}

// resource is one entry of Resources.
type resource struct {
	typ       string
	props     object
	dependsOn []string
	condition string
	// retain keeps the resource (DeletionPolicy and UpdateReplacePolicy
	// Retain) when the stack deletes or replaces it: for stored data, such
	// as logs, that outlives the network.
	retain bool
	// ignore lists cfn-lint checks to skip on this resource; every caller
	// says why next to the call.
	ignore []string
}

func (b *builder) add(id string, r resource) {
	if b.owner != "" {
		if b.ownerOf == nil {
			b.ownerOf = map[string]string{}
		}
		b.ownerOf[id] = b.owner
	}
	e := object{{"Type", r.typ}}
	if r.condition != "" {
		e = append(e, field{"Condition", r.condition})
	}
	if r.retain {
		e = append(e, field{"DeletionPolicy", "Retain"}, field{"UpdateReplacePolicy", "Retain"})
	}
	// A DependsOn that a Ref or GetAtt already implies is noise (and a
	// cfn-lint warning): keep only the ones that add an ordering.
	var deps []any
	used := referenced(r.props, map[string]bool{})
	for _, d := range r.dependsOn {
		if d != "" && !used[d] {
			used[d] = true
			deps = append(deps, d)
		}
	}
	switch len(deps) {
	case 0:
	case 1:
		e = append(e, field{"DependsOn", deps[0]})
	default:
		e = append(e, field{"DependsOn", deps})
	}
	if len(r.ignore) > 0 {
		checks := make([]any, len(r.ignore))
		for i, c := range r.ignore {
			checks[i] = c
		}
		e = append(e, field{"Metadata", object{{"cfn-lint", object{{"config", object{{"ignore_checks", checks}}}}}}})
	}
	e = append(e, field{"Properties", r.props})
	b.resources = append(b.resources, field{id, e})
}

// referenced collects the ids a value refers to with Ref or GetAtt.
func referenced(v any, into map[string]bool) map[string]bool {
	switch v := v.(type) {
	case object:
		for _, f := range v {
			referenced(f.value, into)
		}
	case []any:
		for _, x := range v {
			referenced(x, into)
		}
	case intrinsic:
		switch a := v.arg.(type) {
		case string:
			if v.name == "Ref" {
				into[a] = true
			}
		case [2]string:
			into[a[0]] = true
		default:
			referenced(a, into)
		}
	}
	return into
}

// param adds a parameter and returns its id.
func (b *builder) param(id string, p object) string {
	info := Parameter{Name: id}
	info.Description, _ = p.get("Description").(string)
	if v := p.get("Default"); v != nil {
		info.Default, info.HasDefault = fmt.Sprint(v), true
	}
	b.params = append(b.params, field{id, p})
	b.paramInfo = append(b.paramInfo, info)
	return id
}

// output adds an output exported as <stack name>-<id>, so other stacks can
// import it.
func (b *builder) output(description string, value any, parts ...string) {
	id := b.outIDs.make(parts...)
	b.outputs = append(b.outputs, field{id, object{
		{"Description", truncateBytes(cleanText(description), maxTemplateDescription)},
		{"Value", value},
		{"Export", object{{"Name", sub("${AWS::StackName}-" + id)}}},
	}})
}

// vpcPlan holds the ids planned for one VPC and what the emit steps need
// to find again (route tables for connections, subnets for attachments).
type vpcPlan struct {
	vi int // index in the layout's VPCs
	vl *design.VPCLayout
	v  *design.VPC

	id         string                  // AWS::EC2::VPC
	cidrBlocks map[netip.Prefix]string // secondary CIDR → AWS::EC2::VPCCidrBlock
	igw        string                  // "" without a public tier
	igwAttach  string

	subnets     [][]string // [tier][subnet of TierLayout.Subnets] → id
	routeTables []*routeTable
	// subnetTable maps a subnet id to its route table.
	subnetTable map[string]*routeTable
	// nats maps an AZ to its NAT gateway (per-az), "" to the single one.
	nats    map[string]string
	natAZs  []string          // AZs with a NAT, in order
	sgs     map[string]string // security group name → id
	sgOrder []string

	vpnGateway, vpnAttach string // the VPC's virtual private gateway, once made

	v6 ipv6Plan // the VPC's IPv6 resources (ipv6.go)
}

// routeTable is one planned route table and the destinations it already
// routes, so two connections never add the same route twice.
type routeTable struct {
	id    string
	kind  design.TierKind
	az    string // per-AZ private tables; "" otherwise
	dests map[netip.Prefix]bool
	// endpoints are the gateway endpoint services on the table (those of
	// the tiers that use it).
	endpoints []string
	// tier is the tier with `routes` whose own table this is, or nil for
	// a derived table (shared by the derived tiers of a kind).
	tier *design.Tier
	// written are a tier table's routes, from design.Routing.Table
	// without the local and endpoint entries; connection routes are added
	// by the connection that carries them (made marks those).
	written []writtenRoute
	// v6 are a derived table's IPv6 routes, those of the tiers sharing
	// it (planIPv6); v6set says they were looked up.
	v6    []design.RouteEntry
	v6set bool
}

// writtenRoute is one route of a tier's own table.
type writtenRoute struct {
	design.RouteEntry
	made bool
}

// azPart is how an AZ appears in ids: its suffix after the region ("a" in
// us-east-1a), or the whole name when it is not in the region.
func (b *builder) azPart(p *vpcPlan, az string) string {
	if rest, ok := strings.CutPrefix(az, p.vl.Region); ok && rest != "" {
		return rest
	}
	return az
}

// layoutOf returns the layout of any VPC of the design, in any region.
func (b *builder) layoutOf(name string) *design.VPCLayout {
	for i := range b.l.VPCs {
		if b.l.VPCs[i].VPC.Name == name {
			return &b.l.VPCs[i]
		}
	}
	return nil
}

// networkCIDR returns the CIDR of the network named name.
func (b *builder) networkCIDR(name string) (netip.Prefix, error) {
	for i := range b.d.Networks {
		if b.d.Networks[i].Name == name {
			if p := b.l.Networks[i]; p.IsValid() {
				return p, nil
			}
			return netip.Prefix{}, fmt.Errorf("network %q has no valid CIDR", name)
		}
	}
	return netip.Prefix{}, fmt.Errorf("no network named %q", name)
}
