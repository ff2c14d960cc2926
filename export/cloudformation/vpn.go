package cloudformation

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitVPN adds a site-to-site VPN from a VPC to a network: the network's
// customer gateway, the VPC's virtual private gateway, and a VPN connection
// with a static route to the network. Static routing asks nothing of the
// device beyond IPsec; the gateway propagates the route into every route
// table of the VPC.
func (b *builder) emitVPN(c *design.Connection) error {
	if _, err := b.mustLayout(c.VPC); err != nil {
		return err
	}
	p := b.byName[c.VPC]
	if p == nil {
		return nil // another region's template
	}
	cidr, err := b.networkCIDR(c.Network)
	if err != nil {
		return err
	}
	cgw, err := b.customerGateway(c.Network)
	if err != nil {
		return err
	}
	vgw := b.vpnGateway(p)
	id := b.ids.make(c.Name, "VpnConnection")
	b.add(id, resource{typ: "AWS::EC2::VPNConnection", props: object{
		{"Type", "ipsec.1"},
		{"CustomerGatewayId", ref(cgw)},
		{"VpnGatewayId", ref(vgw)},
		{"StaticRoutesOnly", true},
		{"Tags", tags(c.Name)},
	}})
	b.add(b.ids.make(c.Name, "VpnRoute"), resource{typ: "AWS::EC2::VPNConnectionRoute", props: object{
		{"DestinationCidrBlock", cidr.String()},
		{"VpnConnectionId", ref(id)},
	}})
	// Tiers' own tables route to the network only where they say so, by
	// a route to the gateway rather than by propagation.
	b.connRoutes(p, c.Name, "GatewayId", ref(vgw), []string{p.vpnAttach}, "")
	b.output(fmt.Sprintf("VPN connection %s from VPC %s to network %s", c.Name, p.v.Name, c.Network), ref(id), c.Name, "VpnConnectionId")
	return nil
}

// vpnGateway returns the VPC's virtual private gateway, adding it (attached,
// propagating to every derived route table) on first use: a VPC has at most one,
// shared by all its VPN connections.
func (b *builder) vpnGateway(p *vpcPlan) string {
	if p.vpnGateway != "" {
		return p.vpnGateway
	}
	p.vpnGateway = b.ids.make(p.v.Name, "VpnGateway")
	p.vpnAttach = b.ids.make(p.v.Name, "VpnGatewayAttachment")
	b.add(p.vpnGateway, resource{typ: "AWS::EC2::VPNGateway", props: object{
		{"Type", "ipsec.1"},
		{"Tags", tags(p.v.Name + "-vgw")},
	}})
	b.add(p.vpnAttach, resource{typ: "AWS::EC2::VPCGatewayAttachment", props: object{
		{"VpcId", ref(p.id)},
		{"VpnGatewayId", ref(p.vpnGateway)},
	}})
	var tables []string
	for _, rt := range p.routeTables {
		if rt.tier == nil {
			tables = append(tables, rt.id)
		}
	}
	if len(tables) > 0 {
		// Propagation needs the gateway attached to the VPC.
		b.add(b.ids.make(p.v.Name, "VpnRoutePropagation"), resource{typ: "AWS::EC2::VPNGatewayRoutePropagation", dependsOn: []string{p.vpnAttach}, props: object{
			{"RouteTableIds", refs(tables)},
			{"VpnGatewayId", ref(p.vpnGateway)},
		}})
	}
	return p.vpnGateway
}
