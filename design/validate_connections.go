package design

import (
	"fmt"
	"slices"
	"strings"
)

func init() {
	checks = append(checks, checkConnections)
}

// maxPeeringsPerVPC is AWS's default quota of active peerings per VPC.
const maxPeeringsPerVPC = 50

func checkConnections(v *validator) {
	d := v.d
	peerings := map[string]int{}
	pairs := map[string]string{}
	for i := range d.Connections {
		c := &d.Connections[i]
		path := connPath(c)
		vpcRef := func(name, key string) bool {
			if name == "" {
				v.add(Error, "missing-field", path, c.Pos(key), "connection %s names no VPC in `%s`", c.Name, key)
				return false
			}
			if v.vpc(name) == nil {
				v.add(Error, "unknown-reference", path, c.Pos(key), "connection %s refers to VPC %q, which the design does not have%s", c.Name, name, didYouMean(name, otherEnds(vpcNames(d), c, name)))
				return false
			}
			return true
		}
		netRef := func(name, key string) {
			if v.network(name) == nil {
				v.add(Error, "unknown-reference", path, c.Pos(key), "connection %s refers to network %q, which the design does not have%s", c.Name, name, didYouMean(name, networkNames(d)))
			}
		}
		switch c.Kind {
		case ConnPeering:
			for _, name := range c.VPCs {
				vpcRef(name, "vpcs")
			}
			if len(c.VPCs) != 2 {
				v.add(Error, "connection-invalid", path, c.Pos("vpcs"), "peering %s joins exactly two VPCs; it lists %d", c.Name, len(c.VPCs))
				continue
			}
			if c.VPCs[0] == c.VPCs[1] {
				v.add(Error, "connection-invalid", path, c.Pos("vpcs"), "peering %s joins VPC %s with itself", c.Name, c.VPCs[0])
				continue
			}
			a, b := c.VPCs[0], c.VPCs[1]
			if a > b {
				a, b = b, a
			}
			if prev, dup := pairs[a+"\x00"+b]; dup {
				v.add(Warning, "duplicate-connection", path, c.Pos("vpcs"), "peering %s joins VPCs %s and %s, which peering %s already joins", c.Name, a, b, prev)
			}
			pairs[a+"\x00"+b] = c.Name
			peerings[a]++
			peerings[b]++
		case ConnTransitGateway:
			seen := map[string]bool{}
			for _, name := range c.VPCs {
				if seen[name] {
					v.add(Error, "duplicate-name", path, c.Pos("vpcs"), "transit gateway %s attaches VPC %s twice; a VPC has one attachment per transit gateway", c.Name, name)
				}
				seen[name] = true
				vpcRef(name, "vpcs")
			}
			for _, name := range c.Networks {
				netRef(name, "networks")
			}
			if len(c.VPCs)+len(c.Networks) < 2 {
				v.add(Warning, "connection-invalid", path, c.Pos(""), "transit gateway %s joins fewer than two VPCs or networks", c.Name)
			}
		case ConnPrivateLink:
			okP, okC := vpcRef(c.Provider, "provider"), vpcRef(c.Consumer, "consumer")
			if okP && okC && c.Provider == c.Consumer {
				v.add(Error, "connection-invalid", path, c.Pos("consumer"), "PrivateLink %s has VPC %s as both provider and consumer", c.Name, c.Provider)
			}
			if c.Port < 1 || c.Port > 65535 {
				v.add(Error, "ports-invalid", path, c.Pos("port"), "PrivateLink %s needs a port from 1 to 65535", c.Name)
			}
			if okP && !hasWorkload(v.vpc(c.Provider), "nlb") {
				v.add(Warning, "privatelink-needs-nlb", path, c.Pos("provider"), "PrivateLink %s: an endpoint service is fronted by a Network Load Balancer, and provider VPC %s has no nlb workload", c.Name, c.Provider)
			}
			if okP && okC && d.VPCRegion(v.vpc(c.Provider)) != d.VPCRegion(v.vpc(c.Consumer)) {
				v.add(Warning, "privatelink-cross-region", path, c.Pos(""), "PrivateLink %s spans regions %s and %s; cross-region endpoint services need explicit support from the provider", c.Name, d.VPCRegion(v.vpc(c.Provider)), d.VPCRegion(v.vpc(c.Consumer)))
			}
		case "":
			v.add(Error, "missing-field", path, c.Pos("kind"), "connection %s has no kind: use %s", c.Name, oneOf(ConnectionKinds))
		case ConnVPN:
			vpcRef(c.VPC, "vpc")
			if c.Network == "" {
				v.add(Error, "missing-field", path, c.Pos("network"), "VPN %s names no network", c.Name)
			} else {
				netRef(c.Network, "network")
			}
		}
	}
	for name, n := range peerings {
		if n > maxPeeringsPerVPC {
			vpc := v.vpc(name)
			v.add(Warning, "quota-peerings", vpcPath(vpc), vpc.Pos(""), "VPC %s has %d peerings; the default quota is %d active peerings per VPC: consider a transit gateway", name, n, maxPeeringsPerVPC)
		}
	}
}

func hasWorkload(vpc *VPC, kind WorkloadKind) bool {
	if vpc == nil {
		return false
	}
	for _, w := range vpc.Workloads {
		if w.Kind == kind {
			return true
		}
	}
	return false
}

func init() {
	checks = append(checks, checkNames, checkQuotas)
}

// checkNames reports missing and duplicate names: every element that other
// elements refer to by name needs one, unique in its scope.
func checkNames(v *validator) {
	d := v.d
	dup := func(scope, kind string, names []string, path func(int) string, pos func(int) Position) {
		seen := map[string]bool{}
		for i, n := range names {
			if n == "" {
				v.add(Error, "missing-field", path(i), pos(i), "a %s%s has no name", kind, scope)
				continue
			}
			if seen[n] {
				v.add(Error, "duplicate-name", path(i), pos(i), "two %ss%s are named %q; names must be unique", kind, scope, n)
			}
			seen[n] = true
		}
	}
	dup("", "network", networkNames(d), func(i int) string { return networkPath(&d.Networks[i]) }, func(i int) Position { return d.Networks[i].Pos("name") })
	dup("", "VPC", vpcNames(d), func(i int) string { return vpcPath(&d.VPCs[i]) }, func(i int) Position { return d.VPCs[i].Pos("name") })
	connNames := make([]string, len(d.Connections))
	for i := range d.Connections {
		connNames[i] = d.Connections[i].Name
	}
	dup("", "connection", connNames, func(i int) string { return connPath(&d.Connections[i]) }, func(i int) Position { return d.Connections[i].Pos("name") })
	for i := range d.VPCs {
		vpc := &d.VPCs[i]
		in := " in VPC " + vpc.Name
		if vpc.CIDR == "" {
			v.add(Error, "missing-field", vpcPath(vpc), vpc.Pos(""), "VPC %s has no CIDR", vpc.Name)
		}
		dup(in, "tier", tierNames(vpc), func(j int) string { return tierPath(vpc, &vpc.Tiers[j]) }, func(j int) Position { return vpc.Tiers[j].Pos("name") })
		dup(in, "security group", sgNames(vpc), func(j int) string { return sgPath(vpc, &vpc.SecurityGroups[j]) }, func(j int) Position { return vpc.SecurityGroups[j].Pos("name") })
		wn := make([]string, len(vpc.Workloads))
		for j := range vpc.Workloads {
			wn[j] = vpc.Workloads[j].Name
		}
		dup(in, "workload", wn, func(j int) string { return vpcPath(vpc) + ".workloads." + nameOrIndex(vpc.Workloads[j].Name) }, func(j int) Position { return vpc.Workloads[j].Pos("name") })
	}
}

// checkQuotas flags designs that exceed AWS's default quotas. Most are
// adjustable, so they are warnings that say which quota to raise.
func checkQuotas(v *validator) {
	perRegion := map[string][]string{}
	gatewayEndpoints := map[string]int{}
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		perRegion[vl.Region] = append(perRegion[vl.Region], vpc.Name)
		subnets := 0
		for ti := range vl.Tiers {
			subnets += len(vl.Tiers[ti].Subnets)
		}
		if subnets > 200 {
			v.add(Warning, "quota-subnets", vpcPath(vpc), vpc.Pos(""), "VPC %s has %d subnets; the default quota is 200 per VPC", vpc.Name, subnets)
		}
		if blocks := 1 + len(vpc.SecondaryCIDRs); blocks > 50 {
			v.add(Error, "quota-cidr-blocks", vpcPath(vpc), vpc.Pos("secondary_cidrs"), "VPC %s has %d IPv4 CIDR blocks; AWS allows at most 50", vpc.Name, blocks)
		} else if blocks > 5 {
			v.add(Warning, "quota-cidr-blocks", vpcPath(vpc), vpc.Pos("secondary_cidrs"), "VPC %s has %d IPv4 CIDR blocks; the default quota is 5 (adjustable to 50)", vpc.Name, blocks)
		}
		for _, e := range vpc.Endpoints {
			if IsGatewayEndpoint(e) {
				gatewayEndpoints[vl.Region]++
			}
		}
	}
	for region, names := range perRegion {
		if len(names) > 5 {
			v.add(Info, "quota-vpcs-per-region", "vpcs", Position{}, "%d VPCs in %s (%s); the default quota is 5 VPCs per region: request an increase before deploying", len(names), region, strings.Join(firstN(names, 5), ", ")+moreSuffix(len(names), 5))
		}
		if n := gatewayEndpoints[region]; n > 20 {
			v.add(Warning, "quota-gateway-endpoints", "vpcs", Position{}, "%d gateway endpoints in %s; the default quota is 20 per region", n, region)
		}
	}
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }
func moreSuffix(total, shown int) string {
	if total <= shown {
		return ""
	}
	return fmt.Sprintf(" and %d more", total-shown)
}

// otherEnds returns the candidate VPC names for a dangling reference of
// c, without the VPCs c already joins: suggesting the other end of the
// same peering (or provider for consumer) proposes joining a VPC with itself.
func otherEnds(names []string, c *Connection, dangling string) []string {
	joined := append([]string{c.Provider, c.Consumer, c.VPC}, c.VPCs...)
	return slices.DeleteFunc(names, func(n string) bool { return n != dangling && slices.Contains(joined, n) })
}
