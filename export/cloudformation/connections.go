package cloudformation

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitConnections adds the parts of each connection that live in this
// region, in design order.
func (b *builder) emitConnections() error {
	for i := range b.d.Connections {
		c := &b.d.Connections[i]
		var err error
		switch c.Kind {
		case design.ConnPeering:
			err = b.emitPeering(c)
		case design.ConnTransitGateway:
			err = b.emitTransitGateway(c)
		case design.ConnVPN:
			err = b.emitVPN(c)
		case design.ConnPrivateLink:
			err = b.emitPrivateLink(c)
		default:
			err = fmt.Errorf("unknown kind %q", c.Kind)
		}
		if err != nil {
			return fmt.Errorf("connection %q: %w", c.Name, err)
		}
	}
	return nil
}

// mustLayout returns the layout of a VPC a connection names, in any region.
func (b *builder) mustLayout(name string) (*design.VPCLayout, error) {
	if vl := b.layoutOf(name); vl != nil {
		return vl, nil
	}
	return nil, fmt.Errorf("no VPC named %q", name)
}

// customerGateway returns the customer gateway of a network, adding it on
// first use with parameters for its public IP (which only the deployer
// knows) and BGP ASN.
func (b *builder) customerGateway(network string) (string, error) {
	if id := b.customerGateways[network]; id != "" {
		return id, nil
	}
	cidr, err := b.networkCIDR(network)
	if err != nil {
		return "", err
	}
	name := cleanText(network)
	ipDesc := fmt.Sprintf("Public IPv4 address of the VPN device of network %s (%s)", name, cidr)
	ip := b.param(b.ids.make(network, "CustomerGatewayIp"), object{
		{"Type", "String"},
		{"AllowedPattern", `^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`},
		{"ConstraintDescription", "an IPv4 address such as 203.0.113.10"},
		{"Description", truncateBytes(ipDesc, 4000)},
	})
	asnDesc := fmt.Sprintf("BGP ASN of the VPN device of network %s", name)
	asn := b.param(b.ids.make(network, "CustomerGatewayAsn"), object{
		{"Type", "Number"},
		{"Default", 65000},
		{"MinValue", 1},
		{"MaxValue", 2147483647},
		{"Description", truncateBytes(asnDesc, 4000)},
	})
	id := b.ids.make(network, "CustomerGateway")
	b.add(id, resource{typ: "AWS::EC2::CustomerGateway", props: object{
		{"Type", "ipsec.1"},
		{"IpAddress", ref(ip)},
		{"BgpAsn", ref(asn)},
		{"Tags", tags(network)},
	}})
	b.customerGateways[network] = id
	return id, nil
}
