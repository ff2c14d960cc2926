package design

import (
	"fmt"
	"slices"
)

// The keys of each element, in canonical order: the order the format page
// lists them and the order saving writes keys that the author did not order.
var (
	designKeys     = []string{"version", "name", "description", "region", "networks", "vpcs", "connections"}
	networkKeys    = []string{"name", "cidr", "ipv6"}
	vpcKeys        = []string{"name", "region", "cidr", "secondary_cidrs", "ipv6", "azs", "reserved_azs", "nat", "flow_logs", "endpoints", "tiers", "security_groups", "network_acls", "workloads", "traffic"}
	tierKeys       = []string{"name", "kind", "ipv6", "dns64", "assign_ipv6", "prefix", "reserve", "azs", "subnets", "reserved", "routes", "gateway_endpoints", "network_acl"}
	subnetKeys     = []string{"az", "cidr", "ipv6"}
	reservedKeys   = []string{"cidr", "ipv6"}
	sgKeys         = []string{"name", "tier", "ingress", "egress"}
	ingressKeys    = []string{"from", "ports", "protocol", "description"}
	egressKeys     = []string{"to", "ports", "protocol", "description"}
	workloadKeys   = []string{"name", "kind", "tier", "security_group", "public_ipv4"}
	connectionKeys = []string{"name", "kind", "vpcs", "networks", "provider", "consumer", "port", "vpc", "network", "default_association", "default_propagation", "attachments", "route_tables"}
	protocols      = []string{"tcp", "udp", "icmp", "all"}
)

// connectionKindRequired lists the keys each kind of connection must have.
var connectionKindRequired = map[ConnectionKind][]string{
	ConnPeering:        {"name", "kind", "vpcs"},
	ConnTransitGateway: {"name", "kind", "vpcs"},
	ConnPrivateLink:    {"name", "kind", "provider", "consumer", "port"},
	ConnVPN:            {"name", "kind", "vpc", "network"},
}

// connectionKindKeys lists the keys each kind of connection takes.
var connectionKindKeys = map[ConnectionKind][]string{
	ConnPeering:        {"name", "kind", "vpcs"},
	ConnTransitGateway: {"name", "kind", "vpcs", "networks", "default_association", "default_propagation", "attachments", "route_tables"},
	ConnPrivateLink:    {"name", "kind", "provider", "consumer", "port"},
	ConnVPN:            {"name", "kind", "vpc", "network"},
}

func (dec *decoder) design(root *yamlNode) *Design {
	f := dec.mapping(root, "the design", designKeys)
	if f == nil {
		return nil
	}
	d := &Design{src: f.src}
	if n, ok := f.get("version"); !ok {
		dec.fail(Position{Line: 1, Column: 1}, "add `version: 1` as the first line", "the design has no version")
	} else {
		d.Version = f.integer("version")
		if d.Version != FormatVersion && len(dec.errs) == 0 {
			dec.fail(n.Pos, "this build of vpcsmith reads format version 1", "unsupported format version %d", d.Version)
		}
	}
	d.Name = f.str("name")
	d.Description = f.str("description")
	d.Region = f.str("region")
	networks := f.list("networks")
	d.Networks = sized[Network](len(networks))
	for _, n := range networks {
		if nf := dec.mapping(n, "a network", networkKeys); nf != nil {
			nf.require("name", "cidr")
			d.Networks = append(d.Networks, Network{Name: nf.str("name"), CIDR: nf.str("cidr"), IPv6: nf.str("ipv6"), src: nf.src})
		}
	}
	d.VPCs = dec.vpcs(f.list("vpcs"))
	connections := f.list("connections")
	d.Connections = sized[Connection](len(connections))
	for _, n := range connections {
		if c := dec.connection(n); c != nil {
			d.Connections = append(d.Connections, *c)
		}
	}
	return d
}

func (dec *decoder) vpc(n *yamlNode) *VPC {
	f := dec.mapping(n, "a VPC", vpcKeys)
	if f == nil {
		return nil
	}
	f.require("name", "cidr")
	v := &VPC{
		Name:           f.str("name"),
		Region:         f.str("region"),
		CIDR:           f.str("cidr"),
		SecondaryCIDRs: f.strList("secondary_cidrs"),
		IPv6:           f.str("ipv6"),
		ReservedAZs:    f.integer("reserved_azs"),
		NAT:            enum(f, "nat", NATModes),
		Endpoints:      f.strList("endpoints"),
		src:            f.src,
	}
	v.FlowLogs, v.FlowLog = dec.flowLogs(f)
	if v.NAT == "" {
		v.NAT = NATNone
	}
	if az, ok := f.get("azs"); ok {
		if az.Kind == kindSequence {
			v.AZs.Names = f.strList("azs")
		} else {
			v.AZs.Count = f.integer("azs")
		}
	}
	tiers := f.list("tiers")
	v.Tiers = sized[Tier](len(tiers))
	for _, tn := range tiers {
		if t := dec.tier(tn); t != nil {
			v.Tiers = append(v.Tiers, *t)
		}
	}
	groups := f.list("security_groups")
	v.SecurityGroups = sized[SecurityGroup](len(groups))
	for _, gn := range groups {
		if g := dec.securityGroup(gn); g != nil {
			v.SecurityGroups = append(v.SecurityGroups, *g)
		}
	}
	acls := f.list("network_acls")
	v.NetworkACLs = sized[NetworkACL](len(acls))
	for _, an := range acls {
		if a := dec.networkACL(an); a != nil {
			v.NetworkACLs = append(v.NetworkACLs, *a)
		}
	}
	workloads := f.list("workloads")
	v.Workloads = sized[Workload](len(workloads))
	for _, wn := range workloads {
		wf := dec.mapping(wn, "a workload", workloadKeys)
		if wf == nil {
			continue
		}
		wf.require("name", "kind")
		v.Workloads = append(v.Workloads, Workload{
			Name: wf.str("name"), Kind: enum(wf, "kind", WorkloadKinds),
			Tier: wf.str("tier"), SecurityGroup: wf.str("security_group"), PublicIPv4: wf.integer("public_ipv4"), src: wf.src,
		})
	}
	if tn, ok := f.get("traffic"); ok {
		v.Traffic = dec.traffic(tn)
	}
	return v
}

func (dec *decoder) tier(n *yamlNode) *Tier {
	f := dec.mapping(n, "a tier", tierKeys)
	if f == nil {
		return nil
	}
	f.require("name", "kind")
	t := &Tier{Name: f.str("name"), Kind: enum(f, "kind", TierKinds), Prefix: f.integer("prefix"), AZs: f.strList("azs"), src: f.src}
	dec.tierIPv6(f, t)
	subnets := f.list("subnets")
	t.Subnets = sized[Subnet](len(subnets))
	for _, sn := range subnets {
		need := subnetNeeds
		if t.IPv6 == TierIPv6Only {
			need = ipv6SubnetNeeds
		}
		if s, ok := dec.subnet(sn, "a subnet", subnetKeys, need...); ok {
			t.Subnets = append(t.Subnets, s)
		}
	}
	t.Routes = dec.routes(f)
	t.GatewayEndpoints = f.strList("gateway_endpoints")
	if f.present("gateway_endpoints") && t.GatewayEndpoints == nil {
		t.GatewayEndpoints = []string{}
	}
	t.NetworkACL = f.str("network_acl")
	return t
}

func (dec *decoder) securityGroup(n *yamlNode) *SecurityGroup {
	f := dec.mapping(n, "a security group", sgKeys)
	if f == nil {
		return nil
	}
	f.require("name")
	g := &SecurityGroup{Name: f.str("name"), Tier: f.str("tier"), src: f.src}
	g.Ingress = dec.rules(f, "ingress", "from")
	if f.present("egress") {
		if egress, _ := f.get("egress"); egress.Kind == kindNull {
			dec.fail(f.src.at("egress"), "write `egress: []` for no outbound traffic, or remove the key to allow all (AWS's default)", "egress has no value")
		}
		g.Egress = dec.rules(f, "egress", "to")
		if g.Egress == nil {
			g.Egress = []Rule{}
		}
	}
	return g
}

func (dec *decoder) rules(f *fields, key, peerKey string) []Rule {
	what, known, other := "an ingress rule", ingressKeys, "to"
	if key == "egress" {
		what, known, other = "an egress rule", egressKeys, "from"
	}
	// The other direction's peer key is read so that it gets its own message
	// rather than a did-you-mean.
	known = append(known[:len(known):len(known)], other)
	items := f.list(key)
	out := sized[Rule](len(items))
	for _, rn := range items {
		rf := dec.mapping(rn, what, known)
		if rf == nil {
			continue
		}
		if _, wrong := rf.get(other); wrong {
			dec.fail(rf.src.at(other), fmt.Sprintf("%s rules name their peer with `%s:`", key, peerKey), "%q does not apply to %s", other, what)
			rf.drop(other)
		}
		rf.require(peerKey)
		r := Rule{Ports: rf.str("ports"), Description: rf.str("description"), src: rf.src}
		if _, ok := rf.get("protocol"); ok {
			r.Protocol = enum(rf, "protocol", protocols)
		}
		if key == "ingress" {
			r.From = rf.str("from")
		} else {
			r.To = rf.str("to")
		}
		out = append(out, r)
	}
	return out
}

// drop forgets a key that was reported, so it is read no further.
func (f *fields) drop(key string) {
	for i, k := range f.src.keyOrder {
		if k == key {
			f.src.dropKey(i)
			f.vals = append(f.vals[:i:i], f.vals[i+1:]...)
			return
		}
	}
}

func (dec *decoder) connection(n *yamlNode) *Connection {
	f := dec.mapping(n, "a connection", connectionKeys)
	if f == nil {
		return nil
	}
	f.require("name", "kind")
	c := &Connection{Name: f.str("name"), Kind: enum(f, "kind", ConnectionKinds), src: f.src}
	if allowed, ok := connectionKindKeys[c.Kind]; ok {
		for _, k := range f.src.keyOrder {
			if !slices.Contains(allowed, k) {
				dec.fail(f.src.at(k), "a "+string(c.Kind)+" connection takes "+oneOf(allowed), "%q does not apply to a %s connection", k, c.Kind)
			}
		}
		f.require(connectionKindRequired[c.Kind]...)
	}
	c.VPCs = f.strList("vpcs")
	c.Networks = f.strList("networks")
	c.Provider = f.str("provider")
	c.Consumer = f.str("consumer")
	c.Port = f.integer("port")
	c.VPC = f.str("vpc")
	c.Network = f.str("network")
	dec.transitGatewayKeys(f, c)
	return c
}
