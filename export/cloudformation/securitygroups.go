package cloudformation

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
)

// noEgress is the inline egress rule that stands for `egress: []`. A
// security group made without egress rules gets AWS's allow-all rule, and
// CloudFormation removes that rule only when the template lists at least one
// of its own; a rule to 127.0.0.1/32 (loopback, which never leaves the
// instance) is the documented way to list one that allows nothing.
var noEgress = object{
	{"IpProtocol", "-1"},
	{"CidrIp", "127.0.0.1/32"},
	{"Description", "No outbound traffic: replaces the default allow-all rule"},
}

// TierTagKey is the tag that carries a security group's `tier` into AWS:
// the importer (importer/) reads it back. Its value is the tier's name.
const TierTagKey = "vpcsmith:tier"

// emitSecurityGroups adds the VPC's security groups. Rules to addresses
// (internet, CIDRs, tiers, VPCs, networks) are inline; every rule naming
// another security group is a separate SecurityGroupIngress/Egress resource,
// so two groups that name each other never form a dependency cycle.
func (b *builder) emitSecurityGroups(p *vpcPlan) error {
	v := p.v
	for gi := range v.SecurityGroups {
		g := &v.SecurityGroups[gi]
		id := p.sgs[g.Name]
		var ingress, egress []any
		var separate []*sepRule
		for k := range g.Ingress {
			inline, sep, err := b.rule(p, g, &g.Ingress[k], true, k)
			if err != nil {
				return err
			}
			ingress = append(ingress, inline...)
			if sep != nil {
				separate = append(separate, sep)
			}
		}
		for k := range g.Egress {
			inline, sep, err := b.rule(p, g, &g.Egress[k], false, k)
			if err != nil {
				return err
			}
			egress = append(egress, inline...)
			if sep != nil {
				separate = append(separate, sep)
			}
		}
		// Egress nil is the key left out: keep AWS's allow-all default.
		// Non-nil with no inline rule (`egress: []`, or only group
		// references) must still replace the default.
		if g.Egress != nil && len(egress) == 0 {
			egress = []any{noEgress}
		}
		desc := fmt.Sprintf("Security group %s of VPC %s", g.Name, v.Name)
		if g.Tier != "" {
			desc += ", tier " + g.Tier
		}
		props := object{
			{"GroupDescription", awsDescription(desc)},
			{"VpcId", ref(p.id)},
		}
		if len(ingress) > 0 {
			props = append(props, field{"SecurityGroupIngress", ingress})
		}
		if len(egress) > 0 {
			props = append(props, field{"SecurityGroupEgress", egress})
		}
		sgTags := tags(v.Name + "-" + g.Name)
		if g.Tier != "" {
			// The group's tier, which AWS has no field for, so that an
			// import of the deployed network gives the group back its tier.
			sgTags = append(sgTags, object{{"Key", TierTagKey}, {"Value", tagValue(g.Tier)}})
		}
		props = append(props, field{"Tags", sgTags})
		b.add(id, resource{typ: "AWS::EC2::SecurityGroup", props: props})
		for _, sr := range separate {
			b.add(sr.id, sr.r)
		}
	}
	return nil
}

// sepRule is a rule that names a security group, as its own resource.
type sepRule struct {
	id string
	r  resource
}

// rule converts one rule: the inline entries for address peers, or the
// separate resource for a group peer.
func (b *builder) rule(p *vpcPlan, g *design.SecurityGroup, r *design.Rule, ingress bool, k int) ([]any, *sepRule, error) {
	where := fmt.Sprintf("VPC %q security group %q rule %d", p.v.Name, g.Name, k+1)
	peer, err := design.ParsePeer(r.Peer())
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", where, err)
	}
	proto, err := protocolFields(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", where, err)
	}
	desc := awsDescription(r.Description)
	entry := func(key, cidr string) object {
		e := append(object{}, proto...)
		e = append(e, field{key, cidr})
		if desc != "" {
			e = append(e, field{"Description", desc})
		}
		return e
	}
	var inline []any
	cidrs := func(list ...netip.Prefix) {
		for _, c := range list {
			switch {
			case !c.IsValid():
				// An IPv6-only subnet has no IPv4 block to name.
			case c.Addr().Is6():
				inline = append(inline, entry("CidrIpv6", c.String()))
			default:
				inline = append(inline, entry("CidrIp", c.String()))
			}
		}
	}
	switch peer.Kind {
	case design.PeerInternet:
		cidrs(netip.MustParsePrefix("0.0.0.0/0"))
		// ICMP types differ between IPv4 and IPv6; an icmp rule covers IPv4.
		if r.EffectiveProtocol() != "icmp" {
			inline = append(inline, entry("CidrIpv6", "::/0"))
		}
	case design.PeerCIDR:
		cidrs(peer.CIDR)
	case design.PeerTier:
		ti := -1
		for i, tl := range p.vl.Tiers {
			if tl.Tier.Name == peer.Name {
				ti = i
			}
		}
		if ti < 0 {
			return nil, nil, fmt.Errorf("%s: VPC %q has no tier %q", where, p.v.Name, peer.Name)
		}
		for _, s := range p.vl.Tiers[ti].Subnets {
			cidrs(s.Prefix)
			// A tier's subnets are its /64s too (design/reach matches a
			// tier peer in either family).
			if v6 := b.tierPeerIPv6(p, s); v6 != nil {
				e := append(object{}, proto...)
				e = append(e, field{"CidrIpv6", v6})
				if desc != "" {
					e = append(e, field{"Description", desc})
				}
				inline = append(inline, e)
			}
		}
	case design.PeerVPC:
		vl := b.layoutOf(peer.VPC)
		if vl == nil {
			return nil, nil, fmt.Errorf("%s: no VPC named %q", where, peer.VPC)
		}
		for _, c := range vl.CIDRs {
			cidrs(c)
		}
	case design.PeerNetwork:
		c, err := b.networkCIDR(peer.Name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", where, err)
		}
		cidrs(c)
	case design.PeerSG:
		sr, err := b.groupRule(p, g, peer, proto, desc, ingress, k)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", where, err)
		}
		return nil, sr, nil
	default:
		return nil, nil, fmt.Errorf("%s: unknown peer %q", where, r.Peer())
	}
	return inline, nil, nil
}

// groupRule makes the resource for a rule naming a security group, in this
// VPC (sg:NAME) or another of the same region (sg:VPC/NAME). A reference
// across VPCs is legal only once the connection between them exists, so
// the rule depends on the connection's resources.
func (b *builder) groupRule(p *vpcPlan, g *design.SecurityGroup, peer design.Peer, proto object, desc string, ingress bool, k int) (*sepRule, error) {
	other := p
	if peer.VPC != "" && peer.VPC != p.v.Name {
		other = b.byName[peer.VPC]
		if other == nil {
			if v := b.d.FindVPC(peer.VPC); v != nil {
				return nil, fmt.Errorf("VPC %q is in %s, not %s: security-group references work only within one region; use vpc:%s instead", peer.VPC, b.d.VPCRegion(v), b.region, peer.VPC)
			}
			return nil, fmt.Errorf("no VPC named %q", peer.VPC)
		}
	}
	target, ok := other.sgs[peer.Name]
	if !ok {
		return nil, fmt.Errorf("VPC %q has no security group %q", other.v.Name, peer.Name)
	}
	var deps []string
	if other != p {
		deps = b.links[pairKey(p.v.Name, other.v.Name)]
		if len(deps) == 0 {
			return nil, fmt.Errorf("no peering or transit gateway connects VPC %q and VPC %q, so a rule cannot name a security group across them", p.v.Name, other.v.Name)
		}
	}
	typ, dir, peerKey := "AWS::EC2::SecurityGroupIngress", "Ingress", "SourceSecurityGroupId"
	if !ingress {
		typ, dir, peerKey = "AWS::EC2::SecurityGroupEgress", "Egress", "DestinationSecurityGroupId"
	}
	props := object{{"GroupId", getAtt(p.sgs[g.Name], "GroupId")}}
	props = append(props, proto...)
	props = append(props, field{peerKey, getAtt(target, "GroupId")})
	if desc != "" {
		props = append(props, field{"Description", desc})
	}
	return &sepRule{id: b.ids.make(p.v.Name, g.Name, dir, strconv.Itoa(k+1)), r: resource{typ: typ, props: props, dependsOn: deps}}, nil
}

// protocolFields are a rule's IpProtocol, FromPort and ToPort. For icmp,
// ports name the ICMP type (any code); "all" is every type.
func protocolFields(r *design.Rule) (object, error) {
	ports, err := design.ParsePorts(r.Ports)
	if err != nil {
		return nil, err
	}
	switch proto := r.EffectiveProtocol(); proto {
	case "tcp", "udp":
		return object{{"IpProtocol", proto}, {"FromPort", ports.From}, {"ToPort", ports.To}}, nil
	case "icmp":
		if ports.All {
			return object{{"IpProtocol", "icmp"}, {"FromPort", -1}, {"ToPort", -1}}, nil
		}
		if ports.From != ports.To || ports.From > 255 {
			return nil, fmt.Errorf("icmp ports name one ICMP type (0-255) or all, not %q", r.Ports)
		}
		return object{{"IpProtocol", "icmp"}, {"FromPort", ports.From}, {"ToPort", -1}}, nil
	case "all":
		return object{{"IpProtocol", "-1"}}, nil
	default:
		return nil, fmt.Errorf("unknown protocol %q: use tcp, udp, icmp or all", proto)
	}
}

// pairKey names an unordered pair of VPCs.
func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}
