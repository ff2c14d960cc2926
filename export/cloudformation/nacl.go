package cloudformation

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
)

// aclProtocols are the IP protocol numbers NetworkAclEntry takes for the
// format's protocols; -1 is every protocol.
var aclProtocols = map[string]int{"tcp": 6, "udp": 17, "icmp": 1, "all": -1}

// emitNetworkACLs adds the VPC's `network_acls`, one entry per rule, and
// associates each with the subnets of the tiers that name it. A tier
// without `network_acl` keeps the VPC's default ACL, so nothing is written
// for it.
func (b *builder) emitNetworkACLs(p *vpcPlan) error {
	v := p.v
	ids := map[string]string{}
	for ai := range v.NetworkACLs {
		a := &v.NetworkACLs[ai]
		if _, dup := ids[a.Name]; dup {
			return fmt.Errorf("VPC %q has two network ACLs named %q", v.Name, a.Name)
		}
		id := b.ids.make(v.Name, a.Name, "NetworkAcl")
		ids[a.Name] = id
		b.add(id, resource{typ: "AWS::EC2::NetworkAcl", props: object{
			{"VpcId", ref(p.id)},
			{"Tags", tags(v.Name + "-" + a.Name)},
		}})
		for _, dir := range []struct {
			name   string
			egress bool
			rules  []design.ACLRule
		}{{"Ingress", false, a.Ingress}, {"Egress", true, a.Egress}} {
			for ri := range dir.rules {
				r := &dir.rules[ri]
				props, err := aclEntry(id, dir.egress, r)
				if err != nil {
					return &ExportError{Pos: r.Pos(""), Msg: fmt.Sprintf("VPC %q network ACL %q %s rule %d: %v", v.Name, a.Name, dir.name, r.Rule, err)}
				}
				b.add(b.ids.derive(id, dir.name, strconv.Itoa(r.Rule)), resource{typ: "AWS::EC2::NetworkAclEntry", props: props})
			}
		}
	}
	for ti, tl := range p.vl.Tiers {
		name := tl.Tier.NetworkACL
		if name == "" {
			continue
		}
		acl, ok := ids[name]
		if !ok {
			return &ExportError{Pos: tl.Tier.Pos("network_acl"), Msg: fmt.Sprintf("VPC %q tier %q names network ACL %q, which the VPC does not have", v.Name, tl.Tier.Name, name)}
		}
		for si := range tl.Subnets {
			subnet := p.subnets[ti][si]
			b.add(b.ids.derive(subnet, "NetworkAclAssociation"), resource{typ: "AWS::EC2::SubnetNetworkAclAssociation", props: object{
				{"SubnetId", ref(subnet)},
				{"NetworkAclId", ref(acl)},
			}})
		}
	}
	return nil
}

// aclEntry is the NetworkAclEntry of one rule.
func aclEntry(acl string, egress bool, r *design.ACLRule) (object, error) {
	proto := r.Protocol
	if proto == "" {
		proto = "tcp"
	}
	num, ok := aclProtocols[proto]
	if !ok {
		return nil, fmt.Errorf("protocol %q: write tcp, udp, icmp or all", proto)
	}
	if r.Action != design.ACLAllow && r.Action != design.ACLDeny {
		return nil, fmt.Errorf("action %q: write allow or deny", r.Action)
	}
	cidr, err := netip.ParsePrefix(r.CIDR)
	if err != nil {
		return nil, fmt.Errorf("cidr %q is not a CIDR", r.CIDR)
	}
	props := object{
		{"NetworkAclId", ref(acl)},
		{"RuleNumber", r.Rule},
		{"Protocol", num},
		{"RuleAction", string(r.Action)},
		{"Egress", egress},
	}
	if cidr.Addr().Is4() {
		props = append(props, field{"CidrBlock", cidr.Masked().String()})
	} else {
		props = append(props, field{"Ipv6CidrBlock", cidr.Masked().String()})
	}
	ports, err := design.ParsePorts(r.Ports)
	if err != nil {
		return nil, fmt.Errorf("ports %q: %v", r.Ports, err)
	}
	switch proto {
	case "tcp", "udp":
		props = append(props, field{"PortRange", object{{"From", ports.From}, {"To", ports.To}}})
	case "icmp":
		// As for security groups, icmp ports name the ICMP type; any code.
		typ := -1
		if !ports.All {
			typ = ports.From
		}
		props = append(props, field{"Icmp", object{{"Code", -1}, {"Type", typ}}})
	}
	return props, nil
}
