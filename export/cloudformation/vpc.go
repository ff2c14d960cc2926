package cloudformation

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
)

// plan gives the VPC's resources their ids: the VPC, its CIDR blocks,
// internet gateway, subnets, route tables, NAT gateways and security groups.
func (b *builder) plan(p *vpcPlan) error {
	v, vl := p.v, p.vl
	if !vl.Primary.IsValid() {
		return fmt.Errorf("VPC %q has no valid primary CIDR", v.Name)
	}
	p.id = b.ids.make(v.Name, "VPC")
	p.cidrBlocks = map[netip.Prefix]string{}
	for k, c := range vl.CIDRs[1:] {
		p.cidrBlocks[c] = b.ids.make(v.Name, "CidrBlock", strconv.Itoa(k+2))
	}
	if b.hasKind(p, design.TierPublic) || b.routesNeedIGW(p) {
		p.igw = b.ids.make(v.Name, "InternetGateway")
		p.igwAttach = b.ids.make(v.Name, "InternetGatewayAttachment")
	}

	p.subnets = make([][]string, len(vl.Tiers))
	for ti := range vl.Tiers {
		tl := &vl.Tiers[ti]
		for _, s := range tl.Subnets {
			if !s.Prefix.IsValid() && tl.Tier.HasIPv4() {
				return fmt.Errorf("VPC %q tier %q: the subnet in %s has no valid CIDR", v.Name, tl.Tier.Name, s.AZ)
			}
			p.subnets[ti] = append(p.subnets[ti], b.ids.make(v.Name, tl.Tier.Name, "Subnet", b.azPart(p, s.AZ)))
		}
	}
	if err := b.planRouteTables(p); err != nil {
		return err
	}
	b.planNATs(p)
	b.planIPv6(p)

	p.sgs = map[string]string{}
	for _, g := range v.SecurityGroups {
		if _, dup := p.sgs[g.Name]; dup {
			return fmt.Errorf("VPC %q has two security groups named %q", v.Name, g.Name)
		}
		p.sgs[g.Name] = b.ids.make(v.Name, g.Name, "SecurityGroup")
		p.sgOrder = append(p.sgOrder, g.Name)
	}
	return nil
}

// hasKind reports whether a tier of the kind has subnets.
func (b *builder) hasKind(p *vpcPlan, kind design.TierKind) bool {
	for _, tl := range p.vl.Tiers {
		if tl.Tier.Kind == kind && len(tl.Subnets) > 0 {
			return true
		}
	}
	return false
}

// subnetAZs returns the AZs where tiers of the kind have subnets: the VPC's
// AZs in order, then any other (a subnet written for an AZ outside the list).
func (b *builder) subnetAZs(p *vpcPlan, kind design.TierKind) []string {
	return b.subnetAZsOf(p, kind, nil)
}

// subnetAZsOf is subnetAZs without the tiers in skip.
func (b *builder) subnetAZsOf(p *vpcPlan, kind design.TierKind, skip map[int]bool) []string {
	seen := map[string]bool{}
	var extra []string
	for ti, tl := range p.vl.Tiers {
		if tl.Tier.Kind != kind || skip[ti] {
			continue
		}
		for _, s := range tl.Subnets {
			if !seen[s.AZ] {
				seen[s.AZ] = true
				extra = append(extra, s.AZ)
			}
		}
	}
	var out []string
	for _, az := range p.vl.AZs {
		if seen[az] {
			out = append(out, az)
			delete(seen, az)
		}
	}
	for _, az := range extra {
		if seen[az] {
			out = append(out, az)
		}
	}
	return out
}

// planRouteTables: one public table; for private tiers one per AZ with
// per-AZ NAT (each AZ routes to its own NAT), else one shared; one shared
// isolated table, which never gets a default route. Those derived tables
// serve the tiers without `routes`; a tier with `routes` (or with gateway
// endpoints other than its kind's table has) gets its own (tierTables).
func (b *builder) planRouteTables(p *vpcPlan) error {
	v := p.v
	p.subnetTable = map[string]*routeTable{}
	own, kindEndpoints := b.ownTables(p)
	derived := func(kind design.TierKind) bool {
		for ti, tl := range p.vl.Tiers {
			if tl.Tier.Kind == kind && len(tl.Subnets) > 0 && !own[ti] {
				return true
			}
		}
		return false
	}
	newTable := func(kind design.TierKind, az string, parts ...string) *routeTable {
		rt := &routeTable{id: b.ids.make(parts...), kind: kind, az: az, dests: map[netip.Prefix]bool{}, endpoints: kindEndpoints[kind]}
		for _, c := range p.vl.CIDRs {
			rt.dests[c] = true // the local route
		}
		p.routeTables = append(p.routeTables, rt)
		return rt
	}
	var public, shared, isolated *routeTable
	perAZ := map[string]*routeTable{}
	if derived(design.TierPublic) {
		public = newTable(design.TierPublic, "", v.Name, "Public", "RouteTable")
	}
	if derived(design.TierPrivate) {
		if v.NAT == design.NATPerAZ {
			for _, az := range b.subnetAZsOf(p, design.TierPrivate, own) {
				perAZ[az] = newTable(design.TierPrivate, az, v.Name, "Private", "RouteTable", b.azPart(p, az))
			}
		} else {
			shared = newTable(design.TierPrivate, "", v.Name, "Private", "RouteTable")
		}
	}
	if derived(design.TierIsolated) {
		isolated = newTable(design.TierIsolated, "", v.Name, "Isolated", "RouteTable")
	}
	for ti, tl := range p.vl.Tiers {
		if own[ti] {
			if err := b.tierTables(p, ti); err != nil {
				return err
			}
			continue
		}
		for si, s := range tl.Subnets {
			var rt *routeTable
			switch tl.Tier.Kind {
			case design.TierPublic:
				rt = public
			case design.TierPrivate:
				rt = shared
				if v.NAT == design.NATPerAZ {
					rt = perAZ[s.AZ]
				}
			default:
				rt = isolated
			}
			p.subnetTable[p.subnets[ti][si]] = rt
		}
	}
	return nil
}

// planNATs places NAT gateways in public subnets: per-az one in each AZ
// with a public subnet, single one in the first such AZ.
func (b *builder) planNATs(p *vpcPlan) {
	p.nats = map[string]string{}
	if p.igw == "" || (p.v.NAT != design.NATPerAZ && p.v.NAT != design.NATSingle) {
		return
	}
	azs := b.subnetAZs(p, design.TierPublic)
	if len(azs) == 0 {
		return
	}
	if p.v.NAT == design.NATSingle {
		azs = azs[:1]
		p.nats[azs[0]] = b.ids.make(p.v.Name, "NatGateway")
		p.natAZs = azs
		return
	}
	for _, az := range azs {
		p.nats[az] = b.ids.make(p.v.Name, "NatGateway", b.azPart(p, az))
	}
	p.natAZs = azs
}

// natFor returns the NAT gateway a private route table routes through: the
// one in its AZ, else the first (a private AZ without a public subnet has
// no NAT of its own; validation reports that).
func (p *vpcPlan) natFor(rt *routeTable) string {
	if id := p.nats[rt.az]; id != "" {
		return id
	}
	if len(p.natAZs) > 0 {
		return p.nats[p.natAZs[0]]
	}
	return ""
}

// publicSubnetIn returns the first public subnet in az.
func (p *vpcPlan) publicSubnetIn(az string) string {
	for ti, tl := range p.vl.Tiers {
		// A NAT gateway needs an IPv4 address in its subnet.
		if tl.Tier.Kind != design.TierPublic || !tl.Tier.HasIPv4() {
			continue
		}
		for si, s := range tl.Subnets {
			if s.AZ == az {
				return p.subnets[ti][si]
			}
		}
	}
	return ""
}

// azValue is a subnet's AvailabilityZone. With `azs: N` the design means
// "the region's first N AZs", which is what !Select [i, !GetAZs ”] says,
// so the template stays portable and free of hard-coded names; a design
// that lists AZ names gets exactly those names. literal reports the second
// case.
func azValue(p *vpcPlan, az string) (v any, literal bool) {
	if p.v.AZs.Names == nil {
		for i, name := range p.vl.AZs {
			if name == az {
				return selectAZ(i), false
			}
		}
	}
	return az, true
}

// emitVPC adds the VPC and everything inside it except security groups.
func (b *builder) emitVPC(p *vpcPlan) error {
	v, vl := p.v, p.vl
	b.add(p.id, resource{typ: "AWS::EC2::VPC", props: object{
		{"CidrBlock", vl.Primary.String()},
		{"EnableDnsSupport", true},
		{"EnableDnsHostnames", true},
		{"Tags", tags(v.Name)},
	}})
	for _, c := range vl.CIDRs[1:] {
		b.add(p.cidrBlocks[c], resource{typ: "AWS::EC2::VPCCidrBlock", props: object{
			{"VpcId", ref(p.id)},
			{"CidrBlock", c.String()},
		}})
	}
	if p.igw != "" {
		b.add(p.igw, resource{typ: "AWS::EC2::InternetGateway", props: object{{"Tags", tags(v.Name + "-igw")}}})
		b.add(p.igwAttach, resource{typ: "AWS::EC2::VPCGatewayAttachment", props: object{
			{"VpcId", ref(p.id)},
			{"InternetGatewayId", ref(p.igw)},
		}})
	}
	b.emitIPv6Block(p)
	b.emitSubnets(p)
	if err := b.emitRouteTables(p); err != nil {
		return err
	}
	if err := b.emitNetworkACLs(p); err != nil {
		return err
	}
	if err := b.emitEndpoints(p); err != nil {
		return err
	}
	b.emitFlowLog(p)
	b.vpcOutputs(p)
	return nil
}

func (b *builder) emitSubnets(p *vpcPlan) {
	v, vl := p.v, p.vl
	for ti, tl := range vl.Tiers {
		for si, s := range tl.Subnets {
			id := p.subnets[ti][si]
			az, literal := azValue(p, s.AZ)
			r := resource{typ: "AWS::EC2::Subnet", props: object{
				{"VpcId", ref(p.id)},
				{"CidrBlock", s.Prefix.String()},
				{"AvailabilityZone", az},
				{"MapPublicIpOnLaunch", tl.Tier.Kind == design.TierPublic},
				{"Tags", tags(v.Name + "-" + tl.Tier.Name + "-" + s.AZ)},
			}}
			// A subnet in a secondary block can only be made once the block
			// is associated with the VPC.
			for _, c := range vl.CIDRs[1:] {
				if c.Contains(s.Prefix.Addr()) {
					r.dependsOn = append(r.dependsOn, p.cidrBlocks[c])
				}
			}
			b.ipv6Subnet(p, tl.Tier, s, &r)
			if literal {
				// W3010 asks for !GetAZs instead of AZ names; this design
				// names its AZs, and the subnets must be exactly there.
				r.ignore = []string{"W3010"}
			}
			b.add(id, r)
			if rt := p.subnetTable[id]; rt != nil {
				b.add(b.ids.derive(id, "RouteTableAssociation"), resource{typ: "AWS::EC2::SubnetRouteTableAssociation", props: object{
					{"SubnetId", ref(id)},
					{"RouteTableId", ref(rt.id)},
				}})
			}
		}
	}
}

func (b *builder) emitRouteTables(p *vpcPlan) error {
	v := p.v
	for _, rt := range p.routeTables {
		name := v.Name + "-" + string(rt.kind)
		if rt.tier != nil {
			name = v.Name + "-" + rt.tier.Name
		}
		if rt.az != "" {
			name += "-" + rt.az
		}
		b.add(rt.id, resource{typ: "AWS::EC2::RouteTable", props: object{
			{"VpcId", ref(p.id)},
			{"Tags", tags(name)},
		}})
	}
	for _, rt := range p.routeTables {
		if rt.kind == design.TierPublic && rt.tier == nil {
			b.route(rt, netip.MustParsePrefix("0.0.0.0/0"), "GatewayId", ref(p.igw), []string{p.igwAttach}, "", func() string {
				return b.ids.make(p.v.Name, "Public", "DefaultRoute")
			})
		}
	}
	for _, az := range p.natAZs {
		id := p.nats[az]
		eip := b.ids.derive(id, "Eip")
		name := v.Name + "-nat"
		if v.NAT == design.NATPerAZ {
			name += "-" + az
		}
		// An EIP in a VPC, and a NAT gateway, need the internet gateway
		// attached first.
		b.add(eip, resource{typ: "AWS::EC2::EIP", dependsOn: []string{p.igwAttach}, props: object{
			{"Domain", "vpc"},
			{"Tags", tags(name)},
		}})
		b.add(id, resource{typ: "AWS::EC2::NatGateway", dependsOn: []string{p.igwAttach}, props: object{
			{"AllocationId", getAtt(eip, "AllocationId")},
			{"SubnetId", ref(p.publicSubnetIn(az))},
			{"Tags", tags(name)},
		}})
	}
	for _, rt := range p.routeTables {
		if rt.kind != design.TierPrivate || rt.tier != nil {
			continue
		}
		nat := p.natFor(rt)
		if nat == "" {
			continue
		}
		parts := []string{p.v.Name, "Private", "DefaultRoute"}
		if rt.az != "" {
			parts = append(parts, b.azPart(p, rt.az))
		}
		b.route(rt, netip.MustParsePrefix("0.0.0.0/0"), "NatGatewayId", ref(nat), nil, "", func() string { return b.ids.make(parts...) })
	}
	if err := b.emitDerivedIPv6Routes(p); err != nil {
		return err
	}
	return b.emitTierRoutes(p)
}

// route adds a route to rt unless rt already routes dest; target names the
// target property (GatewayId, NatGatewayId, ...), and id makes the route's
// id when it is needed. It reports whether it added one.
func (b *builder) route(rt *routeTable, dest netip.Prefix, target string, to any, dependsOn []string, condition string, id func() string) bool {
	if rt.dests[dest] {
		return false
	}
	rt.dests[dest] = true
	b.add(id(), resource{typ: "AWS::EC2::Route", dependsOn: dependsOn, condition: condition, props: object{
		{"RouteTableId", ref(rt.id)},
		{destKey(dest), dest.String()},
		{target, to},
	}})
	return true
}

// tierSubnetsPerAZ returns one subnet id per AZ from the first tier of the
// first kind in kinds that has subnets, for things that need one subnet per
// AZ (interface endpoints, attachments, load balancers).
func (p *vpcPlan) tierSubnetsPerAZ(kinds ...design.TierKind) []string {
	for _, kind := range kinds {
		for ti, tl := range p.vl.Tiers {
			if tl.Tier.Kind == kind && len(tl.Subnets) > 0 {
				return p.oneSubnetPerAZ(ti)
			}
		}
	}
	return nil
}

// oneSubnetPerAZ returns tier ti's subnets, the first in each AZ.
func (p *vpcPlan) oneSubnetPerAZ(ti int) []string {
	seen := map[string]bool{}
	var out []string
	for si, s := range p.vl.Tiers[ti].Subnets {
		if !seen[s.AZ] {
			seen[s.AZ] = true
			out = append(out, p.subnets[ti][si])
		}
	}
	return out
}

// anyTierKinds is the order in which a component that must sit somewhere
// picks a tier: private first, then isolated, then public.
var anyTierKinds = []design.TierKind{design.TierPrivate, design.TierIsolated, design.TierPublic}
