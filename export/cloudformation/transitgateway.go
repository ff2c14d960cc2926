package cloudformation

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitTransitGateway adds a transit gateway, one attachment per VPC (in one
// subnet per AZ of the tier `attachments` names, else of a private, else
// isolated, tier: attachments belong away from the internet-facing
// subnets), routes from every derived route table of each VPC to the other
// VPCs and the networks through it (a tier's own table has the routes it
// names), a VPN connection per network, and the gateway's `route_tables`
// (emitTGWRouteTables). The VPN uses BGP: CloudFormation cannot name a
// VPN's transit gateway attachment, so static transit-gateway routes to it
// need its id as a parameter, while BGP routes propagate to the default
// route table by themselves.
func (b *builder) emitTransitGateway(c *design.Connection) error {
	var here []*vpcPlan
	regions := map[string]bool{}
	for _, name := range c.VPCs {
		vl, err := b.mustLayout(name)
		if err != nil {
			return err
		}
		regions[vl.Region] = true
		if p := b.byName[name]; p != nil {
			here = append(here, p)
		}
	}
	if len(here) == 0 {
		return nil
	}
	if len(regions) > 1 {
		var rs []string
		for r := range regions {
			rs = append(rs, r)
		}
		sort.Strings(rs)
		return fmt.Errorf("joins VPCs in %s, but a transit gateway is regional and the exporter does not make transit gateway peerings: use one transit-gateway connection per region", strings.Join(rs, " and "))
	}

	if c.DefaultAssociationOn() {
		for _, rt := range c.RouteTables {
			if len(rt.Associations) > 0 {
				return &ExportError{Pos: rt.Pos("associations"), Msg: fmt.Sprintf(
					"route table %q associates %s, but default_association is on: AWS associates every new attachment with the default route table, and an attachment has only one association, so the template could not be deployed; fix: set default_association: false (and name every attachment in a route table's associations)",
					rt.Name, strings.Join(rt.Associations, ", "))}
			}
		}
	}
	tgw := b.ids.make(c.Name, "TransitGateway")
	b.add(tgw, resource{typ: "AWS::EC2::TransitGateway", props: object{
		{"Description", truncateBytes(cleanText("vpcsmith connection "+c.Name), 255)},
		{"AutoAcceptSharedAttachments", "disable"},
		{"DefaultRouteTableAssociation", enable(c.DefaultAssociationOn())},
		{"DefaultRouteTablePropagation", enable(c.DefaultPropagationOn())},
		{"DnsSupport", "enable"},
		{"VpnEcmpSupport", "enable"},
		// Lets rules name security groups across the attached VPCs.
		{"SecurityGroupReferencingSupport", "enable"},
		{"Tags", tags(c.Name)},
	}})

	attach := map[*vpcPlan]string{}
	for _, p := range here {
		subnets := p.tierSubnetsPerAZ(design.TierPrivate, design.TierIsolated, design.TierPublic)
		if name := c.AttachmentTier(p.v.Name); name != "" {
			ti := slices.IndexFunc(p.vl.Tiers, func(tl design.TierLayout) bool { return tl.Tier.Name == name })
			if ti < 0 {
				return fmt.Errorf("the attachment of VPC %q names tier %q, which the VPC does not have", p.v.Name, name)
			}
			subnets = p.oneSubnetPerAZ(ti)
		}
		if len(subnets) == 0 {
			return fmt.Errorf("VPC %q has no subnets to attach to the transit gateway", p.v.Name)
		}
		id := b.ids.make(c.Name, p.v.Name, "Attachment")
		attach[p] = id
		b.add(id, resource{typ: "AWS::EC2::TransitGatewayAttachment", props: object{
			{"TransitGatewayId", ref(tgw)},
			{"VpcId", ref(p.id)},
			{"SubnetIds", refs(subnets)},
			{"Tags", tags(c.Name + "-" + p.v.Name)},
		}})
	}
	for i, p := range here {
		for _, q := range here[i+1:] {
			k := pairKey(p.v.Name, q.v.Name)
			b.links[k] = append(b.links[k], attach[p], attach[q])
		}
	}

	type dest struct {
		name string
		cidr netip.Prefix
	}
	var networks []dest
	for _, n := range c.Networks {
		cidr, err := b.networkCIDR(n)
		if err != nil {
			return err
		}
		networks = append(networks, dest{n, cidr})
	}
	for _, p := range here {
		var dests []dest
		for _, q := range here {
			if q != p {
				for _, cidr := range q.vl.CIDRs {
					dests = append(dests, dest{q.v.Name, cidr})
				}
			}
		}
		dests = append(dests, networks...)
		b.connRoutes(p, c.Name, "TransitGatewayId", ref(tgw), []string{attach[p]}, "")
		for _, rt := range p.routeTables {
			if rt.tier != nil {
				continue // a tier's own table has only its written routes
			}
			for _, d := range dests {
				// A route through the gateway fails until the VPC's
				// attachment is available.
				b.route(rt, d.cidr, "TransitGatewayId", ref(tgw), []string{attach[p]}, "", func() string { return b.ids.derive(rt.id, "To", d.name) })
			}
		}
	}

	vpns := map[string]string{}
	for _, n := range c.Networks {
		cgw, err := b.customerGateway(n)
		if err != nil {
			return err
		}
		id := b.ids.make(c.Name, n, "VpnConnection")
		b.add(id, resource{typ: "AWS::EC2::VPNConnection", props: object{
			{"Type", "ipsec.1"},
			{"CustomerGatewayId", ref(cgw)},
			{"TransitGatewayId", ref(tgw)},
			{"StaticRoutesOnly", false},
			{"Tags", tags(c.Name + "-" + n)},
		}})
		vpns[n] = id
		b.output(fmt.Sprintf("VPN connection of network %s to transit gateway %s", n, c.Name), ref(id), c.Name, n, "VpnConnectionId")
	}
	members := map[design.TGWMember]any{}
	for p, id := range attach {
		members[design.VPCMember(p.v.Name)] = ref(id)
	}
	if err := b.emitTGWRouteTables(c, tgw, members, vpns); err != nil {
		return err
	}
	b.output(fmt.Sprintf("Transit gateway %s", c.Name), ref(tgw), c.Name, "TransitGatewayId")
	return nil
}

// enable is a transit gateway option's value.
func enable(on bool) string {
	if on {
		return "enable"
	}
	return "disable"
}
