package mermaid

import "github.com/vpcsmith/vpcsmith/design"

// peer returns the node of a rule's from/to, creating it on first use.
func (b *secBuilder) peer(v int, r *design.Rule) string {
	raw := r.Peer()
	p, err := design.ParsePeer(raw)
	if err != nil {
		return b.missingNode("peer "+short(raw), nil)
	}
	switch p.Kind {
	case design.PeerInternet:
		b.g.node(nil, idInternet, text("Internet"), classInternet, circle)
		return idInternet
	case design.PeerCIDR:
		if p.IsWorld() {
			b.g.node(nil, idInternet, text("Internet"), classInternet, circle)
			return idInternet
		}
		key := p.CIDR.String()
		if nodeID, ok := b.cidrs[key]; ok {
			return nodeID
		}
		nodeID := id(pCIDR, len(b.cidrs))
		b.cidrs[key] = nodeID
		b.g.node(nil, nodeID, text(key), classPeer, box)
		return nodeID
	case design.PeerSG:
		owner := v
		if p.VPC != "" {
			o, ok := b.vpcs[p.VPC]
			if !ok {
				return b.missingNode("sg "+short(p.VPC)+"/"+short(p.Name), nil)
			}
			owner = o
		}
		gi := sgIndex(&b.d.VPCs[owner], p.Name)
		if gi < 0 {
			return b.missingNode("sg "+short(b.d.VPCs[owner].Name)+"/"+short(p.Name), b.vpcParent(owner))
		}
		return b.groupNode(owner, gi)
	case design.PeerTier:
		ti := tierIndex(&b.d.VPCs[v], p.Name)
		if ti < 0 {
			return b.missingNode("tier "+short(p.Name), b.vpcParent(v))
		}
		switch b.detail {
		case DetailVPC:
			return id(pVPC, v)
		case DetailTier:
			return b.tierNode(v, ti)
		}
		nodeID := id(pTierPeer, v, ti)
		b.g.node(b.tierGroup(v, ti), nodeID, text("all of tier "+short(p.Name)), classPeer, box)
		return nodeID
	case design.PeerVPC:
		o, ok := b.vpcs[p.VPC]
		if !ok {
			return b.missingNode("vpc "+short(p.VPC), nil)
		}
		if b.detail == DetailVPC {
			return id(pVPC, o)
		}
		nodeID := id(pVPCPeer, o)
		b.g.node(b.vpcParent(o), nodeID, text("all of VPC "+short(p.VPC), cidrList(&b.l.VPCs[o])), classPeer, box)
		return nodeID
	case design.PeerNetwork:
		n, ok := b.networks[p.Name]
		if !ok {
			return b.missingNode("network "+short(p.Name), nil)
		}
		nodeID := id(pNetwork, n)
		nw := &b.d.Networks[n]
		b.g.node(nil, nodeID, text(short(nw.Name), short(nw.CIDR)), classNetwork, trapezoid)
		return nodeID
	}
	return b.missingNode("peer "+short(raw), nil)
}

// vpcParent is the subgraph of VPC v, or nil (the diagram) at VPC detail.
func (b *secBuilder) vpcParent(v int) *group {
	if b.detail == DetailVPC {
		return nil
	}
	return b.g.groupBy[id(pVPC, v)]
}

// missingNode draws a reference that resolves to nothing (a validation
// error), once per distinct reference.
func (b *secBuilder) missingNode(what string, parent *group) string {
	if nodeID, ok := b.missing[what]; ok {
		return nodeID
	}
	nodeID := id(pMissing, len(b.missing))
	b.missing[what] = nodeID
	b.g.node(parent, nodeID, text(what, "(not found)"), classMissing, box)
	return nodeID
}
