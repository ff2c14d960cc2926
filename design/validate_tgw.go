package design

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// checkTransitGatewayTables checks transit gateways' written route tables
// and attachments: references, one table per attachment, tables nothing
// uses, attachments that miss an AZ, and paths that return another way.
func checkTransitGatewayTables(v *validator) {
	r := v.routing()
	for ci := range v.d.Connections {
		c := &v.d.Connections[ci]
		if c.Kind != ConnTransitGateway {
			continue
		}
		path := connPath(c)
		members := tgwMembers(c)
		memberNames := make([]string, len(members))
		for i, m := range members {
			memberNames[i] = string(m)
		}
		isMember := func(m string) bool { return slices.Contains(memberNames, m) }
		badMember := func(pos Position, where, m string) {
			v.add(Error, "tgw-invalid", path, pos, "transit gateway %s: %s names %q, which is not one of its attachments (%s)%s", c.Name, where, m, strings.Join(memberNames, ", "), didYouMean(m, memberNames))
		}
		assocOf := map[string]string{}
		tableNames := map[string]bool{}
		for ti := range c.RouteTables {
			rt := &c.RouteTables[ti]
			if tableNames[rt.Name] {
				v.add(Error, "tgw-invalid", path, rt.Pos("name"), "transit gateway %s has two route tables named %q", c.Name, rt.Name)
			}
			tableNames[rt.Name] = true
			if rt.Name == DefaultTGWRouteTable && (c.DefaultAssociationOn() || c.DefaultPropagationOn()) {
				v.add(Error, "tgw-invalid", path, rt.Pos("name"), "transit gateway %s: route table %q would be confused with its default route table: rename it", c.Name, rt.Name)
			}
			for _, m := range rt.Associations {
				if !isMember(m) {
					badMember(rt.Pos("associations"), "route table "+rt.Name+"'s associations", m)
				} else if prev, taken := assocOf[m]; taken {
					v.add(Error, "tgw-invalid", path, rt.Pos("associations"), "transit gateway %s: %s is associated with route tables %s and %s; an attachment has one route table", c.Name, m, prev, rt.Name)
				} else {
					assocOf[m] = rt.Name
				}
			}
			for _, m := range rt.Propagations {
				if !isMember(m) {
					badMember(rt.Pos("propagations"), "route table "+rt.Name+"'s propagations", m)
				}
			}
			for si := range rt.Routes {
				s := &rt.Routes[si]
				if r.Destinations(s.To) == nil {
					v.add(Error, "tgw-invalid", path, s.Pos("to"), "transit gateway %s route table %s: route to %q is not a CIDR, vpc:NAME or network:NAME of the design", c.Name, rt.Name, s.To)
				}
				if s.Via != ViaBlackhole && !isMember(s.Via) {
					badMember(s.Pos("via"), "route table "+rt.Name+"'s route to "+s.To, s.Via)
				}
				if s.Via == ViaBlackhole {
					v.add(Warning, "route-blackhole", path, s.Pos("via"), "transit gateway %s route table %s drops traffic to %s (a blackhole route)", c.Name, rt.Name, s.To)
				}
			}
			if len(rt.Associations) == 0 {
				v.add(Warning, "tgw-table-unassociated", path, rt.Pos("name"), "transit gateway %s route table %s has no association, so it routes no traffic: associate an attachment with it or remove it", c.Name, rt.Name)
			}
		}
		if !c.DefaultAssociationOn() {
			for _, m := range memberNames {
				if _, ok := assocOf[m]; !ok {
					v.add(Warning, "tgw-attachment-unassociated", path, c.Pos("default_association"), "transit gateway %s: the attachment of %s is associated with no route table (default association is off), so its traffic goes nowhere: list it in a route table's associations", c.Name, m)
				}
			}
		}
		for ai := range c.Attachments {
			v.checkAttachment(c, &c.Attachments[ai], path)
		}
		v.checkAttachmentAZs(c, path)
		if len(c.RouteTables) > 0 {
			v.checkTGWSymmetry(r.TGW(c.Name), path)
		}
	}
}

func (v *validator) checkAttachment(c *Connection, a *TGWAttachment, path string) {
	if !slices.Contains(c.VPCs, a.VPC) {
		v.add(Error, "tgw-invalid", path, a.Pos("vpc"), "transit gateway %s has an attachment for VPC %q, which it does not join: add the VPC to its vpcs or remove the attachment", c.Name, a.VPC)
		return
	}
	vpc := v.vpc(a.VPC)
	if vpc != nil && vpc.FindTier(a.Tier) == nil {
		v.add(Error, "unknown-reference", path, a.Pos("tier"), "transit gateway %s attaches VPC %s in tier %q, which the VPC does not have%s", c.Name, a.VPC, a.Tier, didYouMean(a.Tier, tierNames(vpc)))
	}
}

// checkAttachmentAZs reports a VPC whose attachment subnets miss an AZ its
// workloads use: a transit gateway reaches only the AZs it has a subnet in.
func (v *validator) checkAttachmentAZs(c *Connection, path string) {
	r := v.routing()
	for _, name := range c.VPCs {
		vl := r.VPCLayout(name)
		if vl == nil {
			continue
		}
		ti := tierIndexByName(vl, c.AttachmentTier(name))
		if ti < 0 {
			ti = defaultAttachmentTier(vl)
		}
		if ti < 0 {
			continue
		}
		have := map[string]bool{}
		for _, s := range vl.Tiers[ti].Subnets {
			have[s.AZ] = true
		}
		var missing []string
		for _, az := range workloadAZs(vl) {
			if !have[az] {
				missing = append(missing, az)
			}
		}
		if len(missing) > 0 {
			v.add(Warning, "tgw-attachment-az-gap", path, c.Pos("vpcs"), "transit gateway %s attaches VPC %s in tier %s, which has no subnet in %s, where the VPC's workloads run: traffic from there cannot reach the gateway; attach in a tier that covers every AZ", c.Name, name, vl.Tiers[ti].Tier.Name, strings.Join(missing, ", "))
		}
	}
}

// defaultAttachmentTier is the tier an attachment uses when none is
// written: the first private tier with subnets, else isolated, else public.
func defaultAttachmentTier(vl *VPCLayout) int {
	for _, kind := range []TierKind{TierPrivate, TierIsolated, TierPublic} {
		for ti := range vl.Tiers {
			if vl.Tiers[ti].Tier.Kind == kind && len(vl.Tiers[ti].Subnets) > 0 {
				return ti
			}
		}
	}
	return -1
}

// workloadAZs returns the AZs of the tiers the VPC's workloads sit in, or
// every AZ with a subnet when it names no workloads.
func workloadAZs(vl *VPCLayout) []string {
	tiers := map[string]bool{}
	for _, w := range vl.VPC.Workloads {
		tiers[w.Tier] = true
	}
	seen := map[string]bool{}
	for _, tl := range vl.Tiers {
		if len(tiers) > 0 && !tiers[tl.Tier.Name] {
			continue
		}
		for _, s := range tl.Subnets {
			seen[s.AZ] = true
		}
	}
	var out []string
	for _, az := range vl.AZs {
		if seen[az] {
			out = append(out, az)
			delete(seen, az)
		}
	}
	for _, tl := range vl.Tiers { // AZs outside the VPC's list, in tier order
		for _, s := range tl.Subnets {
			if seen[s.AZ] {
				out = append(out, s.AZ)
				delete(seen, s.AZ)
			}
		}
	}
	return out
}

// checkTGWSymmetry reports pairs of VPCs whose traffic crosses the gateway
// through different attachments one way and the other: a stateful firewall
// in the inspection VPC then sees half of each connection and drops it.
func (v *validator) checkTGWSymmetry(view *TGWView, path string) {
	if view == nil {
		return
	}
	r := v.routing()
	addrOf := func(m TGWMember) (netip.Addr, bool) {
		ps := r.Destinations(string(m))
		if len(ps) == 0 {
			return netip.Addr{}, false
		}
		return ps[0].Addr(), true
	}
	for i, a := range view.Members {
		aAddr, ok := addrOf(a)
		if !ok {
			continue
		}
		for _, b := range view.Members[i+1:] {
			bAddr, ok := addrOf(b)
			if !ok {
				continue
			}
			there, ok1 := view.Path(a, bAddr, b)
			back, ok2 := view.Path(b, aAddr, a)
			if !ok1 || !ok2 {
				continue
			}
			if !sameMembers(there, back) {
				v.add(Warning, "tgw-asymmetric", path, view.Conn.Pos("route_tables"), "transit gateway %s routes %s → %s %s but the return %s: stateful inspection sees one direction only; route both directions through the same attachments", view.Conn.Name, a, b, describeVia(there), describeVia(back))
			}
		}
	}
}

func sameMembers(a, b []TGWMember) bool {
	if len(a) != len(b) {
		return false
	}
	for _, m := range a {
		if !slices.Contains(b, m) {
			return false
		}
	}
	return true
}

func describeVia(via []TGWMember) string {
	if len(via) == 0 {
		return "directly"
	}
	parts := make([]string, len(via))
	for i, m := range via {
		parts[i] = string(m)
	}
	return fmt.Sprintf("through %s", strings.Join(parts, " and "))
}
