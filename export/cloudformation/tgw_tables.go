package cloudformation

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitTGWRouteTables adds a transit gateway's `route_tables`: each table,
// its associations and propagations, and its static routes (blackholes
// included). members maps a VPC member to its attachment.
//
// A network's attachment is the transit gateway attachment AWS makes for
// its VPN connection, which CloudFormation cannot name (VPNConnection has
// no attribute for it). So a table that names a network takes that
// attachment's id as a parameter (empty by default): the association,
// propagation or route is made once the deployer updates the stack with
// the id, looked up after the first deployment (see the note). Until then
// the network's traffic is routed by no table, which drops it: never
// wider than the design.
func (b *builder) emitTGWRouteTables(c *design.Connection, tgw string, members map[design.TGWMember]any, vpns map[string]string) error {
	if len(c.RouteTables) == 0 {
		return nil
	}
	view := b.routing.TGW(c.Name)
	if view == nil {
		return fmt.Errorf("is not a transit gateway")
	}
	type vpnAttachment struct{ param, cond string }
	vpnAttach := map[string]vpnAttachment{}
	// member returns an attachment's id and the condition the resources
	// naming it need ("" for a VPC's).
	member := func(m design.TGWMember) (any, string, error) {
		if id, ok := members[m]; ok {
			return id, "", nil
		}
		name, isVPC := m.MemberName()
		if isVPC || vpns[name] == "" {
			return nil, "", fmt.Errorf("%s is not attached to the transit gateway", m)
		}
		if a, ok := vpnAttach[name]; ok {
			return ref(a.param), a.cond, nil
		}
		param := b.param(b.ids.make(c.Name, name, "VpnAttachmentId"), object{
			{"Type", "String"},
			{"Default", ""},
			{"AllowedPattern", "^(tgw-attach-[0-9a-f]+)?$"},
			{"ConstraintDescription", "a transit gateway attachment id such as tgw-attach-0123456789abcdef0, or empty"},
			{"Description", truncateBytes(fmt.Sprintf("Transit gateway attachment id of the VPN connection of network %s to %s; empty until the stack exists", cleanText(name), cleanText(c.Name)), 4000)},
		})
		cond := b.ids.make(c.Name, name, "VpnAttached")
		b.conditions = append(b.conditions, field{cond, notEmpty(param)})
		vpnAttach[name] = vpnAttachment{param, cond}
		b.notes = append(b.notes, fmt.Sprintf("transit gateway %s routes network %s by its route tables, but CloudFormation cannot name a VPN connection's attachment: after deploying, find it with `aws ec2 describe-transit-gateway-attachments --filters Name=resource-type,Values=vpn Name=resource-id,Values=<the %sVpnConnectionId output>` and update the stack with it as %s",
			cleanText(c.Name), cleanText(name), camel(c.Name)+camel(name), param))
		return ref(param), cond, nil
	}
	for ti := range c.RouteTables {
		rt := &c.RouteTables[ti]
		id := b.ids.make(c.Name, rt.Name, "RouteTable")
		b.add(id, resource{typ: "AWS::EC2::TransitGatewayRouteTable", props: object{
			{"TransitGatewayId", ref(tgw)},
			{"Tags", tags(c.Name + "-" + rt.Name)},
		}})
		for _, m := range view.Associated(ti) {
			att, cond, err := member(m)
			if err != nil {
				return &ExportError{Pos: rt.Pos("associations"), Msg: fmt.Sprintf("route table %q: %v", rt.Name, err)}
			}
			name, _ := m.MemberName()
			b.add(b.ids.derive(id, "Association", name), resource{typ: "AWS::EC2::TransitGatewayRouteTableAssociation", condition: cond, props: object{
				{"TransitGatewayAttachmentId", att},
				{"TransitGatewayRouteTableId", ref(id)},
			}})
		}
		for _, s := range rt.Propagations {
			att, cond, err := member(design.TGWMember(s))
			if err != nil {
				return &ExportError{Pos: rt.Pos("propagations"), Msg: fmt.Sprintf("route table %q: %v", rt.Name, err)}
			}
			name, _ := design.TGWMember(s).MemberName()
			b.add(b.ids.derive(id, "Propagation", name), resource{typ: "AWS::EC2::TransitGatewayRouteTablePropagation", condition: cond, props: object{
				{"TransitGatewayAttachmentId", att},
				{"TransitGatewayRouteTableId", ref(id)},
			}})
		}
		for _, e := range view.Tables[ti].Entries {
			if e.Propagated {
				continue
			}
			w := &rt.Routes[e.Static]
			props := object{
				{"TransitGatewayRouteTableId", ref(id)},
				{"DestinationCidrBlock", e.Dest.String()},
			}
			cond := ""
			if e.Blackhole {
				props = append(props, field{"Blackhole", true})
			} else {
				att, c, err := member(e.Via)
				if err != nil {
					return &ExportError{Pos: w.Pos("via"), Msg: fmt.Sprintf("route table %q, route to %s: %v", rt.Name, w.To, err)}
				}
				cond = c
				props = append(props, field{"TransitGatewayAttachmentId", att})
			}
			b.add(b.ids.derive(id, "Route", routeLabel(w.To, e.Dest)), resource{typ: "AWS::EC2::TransitGatewayRoute", condition: cond, props: props})
		}
	}
	return nil
}

// routeLabel names a route in ids after its destination as written: the
// VPC or network name, Default for 0.0.0.0/0, else the CIDR.
func routeLabel(to string, dest netip.Prefix) string {
	if dest.Bits() == 0 {
		return "Default"
	}
	for _, prefix := range []string{"vpc:", "network:"} {
		if name, ok := strings.CutPrefix(to, prefix); ok {
			return name
		}
	}
	return dest.String()
}
