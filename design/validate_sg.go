package design

import (
	"fmt"
	"strings"
)

func init() {
	checks = append(checks, checkSecurityGroups)
}

// securityHubEC2_19Ports are the high-risk ports that Security Hub control
// EC2.19 says must not be open to the world.
var securityHubEC2_19Ports = []int{20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300}

// maxRulesPerDirection is AWS's default quota of rules per security group
// and direction.
const maxRulesPerDirection = 60

func checkSecurityGroups(v *validator) {
	d := v.d
	conn := v.conn
	for i := range d.VPCs {
		vpc := &d.VPCs[i]
		for gi := range vpc.SecurityGroups {
			g := &vpc.SecurityGroups[gi]
			path := sgPath(vpc, g)
			var tier *Tier
			if g.Tier != "" {
				if tier = vpc.FindTier(g.Tier); tier == nil {
					v.add(Error, "unknown-reference", path, g.Pos("tier"), "security group %s is for tier %q, which VPC %s does not have%s", g.Name, g.Tier, vpc.Name, didYouMean(g.Tier, tierNames(vpc)))
				}
			}
			for dir, rules := range map[string][]Rule{"ingress": g.Ingress, "egress": g.Egress} {
				if len(rules) > maxRulesPerDirection {
					v.add(Warning, "quota-sg-rules", path, g.Pos(dir), "security group %s has %d %s rules; the default quota is %d", g.Name, len(rules), dir, maxRulesPerDirection)
				}
			}
			for ri := range g.Ingress {
				v.checkRule(conn, vpc, g, tier, &g.Ingress[ri], fmt.Sprintf("%s.ingress[%d]", path, ri), true)
			}
			for ri := range g.Egress {
				v.checkRule(conn, vpc, g, tier, &g.Egress[ri], fmt.Sprintf("%s.egress[%d]", path, ri), false)
			}
		}
	}
}

func (v *validator) checkRule(conn *connectivity, vpc *VPC, g *SecurityGroup, tier *Tier, r *Rule, path string, ingress bool) {
	peerKey := "to"
	if ingress {
		peerKey = "from"
	}
	ports, err := ParsePorts(r.Ports)
	if err != nil {
		v.add(Error, "ports-invalid", path, r.Pos("ports"), "%v", err)
	}
	if r.Peer() == "" {
		v.add(Error, "missing-field", path, r.Pos(""), "a rule of security group %s has no `%s`", g.Name, peerKey)
		return
	}
	peer, err := ParsePeer(r.Peer())
	if err != nil {
		code := "unknown-reference"
		if _, hb := err.(*HostBitsError); hb || strings.Contains(err.Error(), "CIDR") {
			code = "cidr-invalid"
		}
		v.add(Error, code, path, r.Pos(peerKey), "security group %s: %v", g.Name, err)
		return
	}
	here := vpcKey(vpc.Name)
	switch peer.Kind {
	case PeerSG:
		target := vpc
		if peer.VPC != "" && peer.VPC != vpc.Name {
			target = v.vpc(peer.VPC)
			if target == nil {
				v.add(Error, "sg-unknown-ref", path, r.Pos(peerKey), "security group %s refers to %s, but the design has no VPC %q%s", g.Name, r.Peer(), peer.VPC, didYouMean(peer.VPC, vpcNames(v.d)))
				return
			}
			v.checkReachable(conn, vpc, peer.VPC, g, r, path, peerKey)
			if v.d.VPCRegion(vpc) != v.d.VPCRegion(target) {
				v.add(Error, "sg-cross-region", path, r.Pos(peerKey), "security group %s refers to a group in VPC %s in another region (%s); security-group references work only within one region: use the VPC's CIDR instead", g.Name, target.Name, v.d.VPCRegion(target))
			}
		}
		if target.FindSecurityGroup(peer.Name) == nil {
			v.add(Error, "sg-unknown-ref", path, r.Pos(peerKey), "security group %s refers to %s, but VPC %s has no security group %q%s", g.Name, r.Peer(), target.Name, peer.Name, didYouMean(peer.Name, sgNames(target)))
		}
	case PeerTier:
		if vpc.FindTier(peer.Name) == nil {
			v.add(Error, "unknown-reference", path, r.Pos(peerKey), "security group %s refers to %s, but VPC %s has no tier %q%s", g.Name, r.Peer(), vpc.Name, peer.Name, didYouMean(peer.Name, tierNames(vpc)))
		}
	case PeerVPC:
		if v.vpc(peer.VPC) == nil {
			v.add(Error, "unknown-reference", path, r.Pos(peerKey), "security group %s refers to %s, but the design has no VPC %q%s", g.Name, r.Peer(), peer.VPC, didYouMean(peer.VPC, vpcNames(v.d)))
		} else if peer.VPC != vpc.Name && !(ingress && conn.serves[vpc.Name][peer.VPC]) {
			// A PrivateLink provider's load balancer sees its consumers'
			// private addresses, so allowing the consumer VPC is right.
			v.checkReachable(conn, vpc, peer.VPC, g, r, path, peerKey)
		}
	case PeerNetwork:
		if v.network(peer.Name) == nil {
			v.add(Error, "unknown-reference", path, r.Pos(peerKey), "security group %s refers to %s, but the design has no network %q%s", g.Name, r.Peer(), peer.Name, didYouMean(peer.Name, networkNames(v.d)))
		} else if !conn.connected(here, networkKey(peer.Name)) {
			v.add(Warning, "peer-unreachable", path, r.Pos(peerKey), "security group %s allows network %s, but no VPN or transit gateway joins it to VPC %s", g.Name, peer.Name, vpc.Name)
		}
	}
	if ingress && peer.IsWorld() && r.EffectiveProtocol() != "icmp" {
		v.checkWorldOpen(vpc, g, tier, r, ports, path)
	}
}

func (v *validator) checkReachable(conn *connectivity, vpc *VPC, other string, g *SecurityGroup, r *Rule, path, peerKey string) {
	a, b := vpcKey(vpc.Name), vpcKey(other)
	if conn.connected(a, b) {
		return
	}
	why := "no peering or transit gateway joins them"
	if conn.peeringPath(vpc.Name, other) {
		why = "they are joined only through other peered VPCs, and peering is not transitive"
	}
	v.add(Error, "peer-unreachable", path, r.Pos(peerKey), "security group %s in VPC %s refers to VPC %s, but %s", g.Name, vpc.Name, other, why)
}

// checkWorldOpen flags ingress from the whole internet. High-risk ports
// (Security Hub EC2.19) and anything in an isolated data tier are errors;
// other ports than 80 and 443 are worth a second look.
func (v *validator) checkWorldOpen(vpc *VPC, g *SecurityGroup, tier *Tier, r *Rule, ports PortRange, path string) {
	var risky []string
	for _, p := range securityHubEC2_19Ports {
		if ports.Contains(p) {
			risky = append(risky, fmt.Sprint(p))
		}
	}
	switch {
	case len(risky) > 0:
		list := strings.Join(risky, ", ")
		if len(risky) > 6 {
			list = strings.Join(risky[:6], ", ") + fmt.Sprintf(" and %d more", len(risky)-6)
		}
		v.add(Error, "sg-world-open", path, r.Pos("ports"), "security group %s opens ports %s to the whole internet (%s), including high-risk ports %s (Security Hub EC2.19): restrict the source", g.Name, ports, r.Peer(), list)
	case tier != nil && tier.Kind == TierIsolated:
		v.add(Error, "sg-world-open", path, r.Pos("ports"), "security group %s opens port %s to the whole internet in isolated tier %s: data tiers take traffic only from inside", g.Name, ports, tier.Name)
	case !(ports.From == ports.To && (ports.From == 80 || ports.From == 443)):
		v.add(Warning, "sg-world-open", path, r.Pos("ports"), "security group %s opens port %s to the whole internet; only 80 and 443 usually need to be", g.Name, ports)
	}
}

func vpcNames(d *Design) []string {
	out := make([]string, len(d.VPCs))
	for i := range d.VPCs {
		out[i] = d.VPCs[i].Name
	}
	return out
}

func networkNames(d *Design) []string {
	out := make([]string, len(d.Networks))
	for i := range d.Networks {
		out[i] = d.Networks[i].Name
	}
	return out
}
