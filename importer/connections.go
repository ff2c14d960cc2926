package importer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// indexConnections records the active peerings and transit gateway
// attachments, which route analysis consults before any connection is
// written.
func (b *builder) indexConnections() {
	for _, p := range b.inv.peerings {
		if p.Status != nil && p.Status.Code == types.VpcPeeringConnectionStateReasonCodeActive {
			b.peerings[deref(p.VpcPeeringConnectionId)] = p
		}
	}
	for _, a := range b.inv.attachments {
		switch a.State {
		case types.TransitGatewayAttachmentStateAvailable, types.TransitGatewayAttachmentStatePending,
			types.TransitGatewayAttachmentStateModifying, types.TransitGatewayAttachmentStateInitiating:
		default:
			continue
		}
		vpc := deref(a.ResourceId)
		if b.attached[vpc] == nil {
			b.attached[vpc] = map[string]bool{}
		}
		b.attached[vpc][deref(a.TransitGatewayId)] = true
	}
}

func (b *builder) knownPeering(id string) bool { _, ok := b.peerings[id]; return ok }

func (b *builder) attachedTo(vpcID, tgw string) bool { return b.attached[vpcID][tgw] }

// buildConnections writes a connection for every peering and transit
// gateway that joins imported VPCs, and notes those that lead outside.
func (b *builder) buildConnections() {
	taken := map[string]bool{}
	b.buildPeerings(taken)
	b.buildTransitGateways(taken)
}

func (b *builder) buildPeerings(taken map[string]bool) {
	for _, p := range b.inv.peerings {
		id := cleanText(deref(p.VpcPeeringConnectionId))
		req, acc := peerEnd(p.RequesterVpcInfo), peerEnd(p.AccepterVpcInfo)
		reqName, reqIn := b.vpcName[req.vpc]
		accName, accIn := b.vpcName[acc.vpc]
		if !reqIn && !accIn {
			continue
		}
		if !b.knownPeering(deref(p.VpcPeeringConnectionId)) {
			status := ""
			if p.Status != nil {
				status = cleanText(string(p.Status.Code))
			}
			for _, n := range []string{reqName, accName} {
				if n != "" {
					b.note(n, id, false, "peering connection in state %s is not imported (only active ones are)", status)
				}
			}
			continue
		}
		if reqIn && accIn {
			name := slug(nameLabel(tagValue(p.Tags, tagName), tagValue(p.Tags, tagLogicalID)))
			if name == "" {
				name = reqName + "-" + accName
			}
			name = uniqueName(name, taken)
			b.connFor[deref(p.VpcPeeringConnectionId)] = name
			b.d.Connections = append(b.d.Connections, design.Connection{
				Name: name, Kind: design.ConnPeering, VPCs: []string{reqName, accName},
			})
			continue
		}
		inside, other := reqName, acc
		if !reqIn {
			inside, other = accName, req
		}
		b.note(inside, id, true, "peering with %s, outside the import", other)
	}
}

// peer is one end of a peering connection.
type peer struct{ vpc, account, region, cidr string }

func peerEnd(info *types.VpcPeeringConnectionVpcInfo) peer {
	if info == nil {
		return peer{}
	}
	return peer{vpc: deref(info.VpcId), account: cleanText(deref(info.OwnerId)), region: cleanText(deref(info.Region)), cidr: cleanText(deref(info.CidrBlock))}
}

func (p peer) String() string {
	var parts []string
	if p.cidr != "" {
		parts = append(parts, p.cidr)
	}
	if p.account != "" {
		parts = append(parts, "account "+p.account)
	}
	if p.region != "" {
		parts = append(parts, p.region)
	}
	s := cleanText(p.vpc)
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

func (b *builder) buildTransitGateways(taken map[string]bool) {
	members := map[string][]string{} // TGW ID → attached VPC IDs
	var tgws []string
	for _, a := range b.inv.attachments {
		tgw, vpc := deref(a.TransitGatewayId), deref(a.ResourceId)
		if !b.attachedTo(vpc, tgw) {
			continue
		}
		if _, ok := members[tgw]; !ok {
			tgws = append(tgws, tgw)
		}
		members[tgw] = append(members[tgw], vpc)
	}
	sort.Strings(tgws)
	tgwName := map[string]string{}
	for _, t := range b.inv.tgws {
		tgwName[deref(t.TransitGatewayId)] = slug(nameLabel(tagValue(t.Tags, tagName), tagValue(t.Tags, tagLogicalID)))
	}
	for _, tgw := range tgws {
		var inside []string
		var outside []string
		for _, vb := range b.vpcs { // design order
			for _, v := range members[tgw] {
				if v == vb.data.id() {
					inside = append(inside, vb.name)
				}
			}
		}
		for _, v := range members[tgw] {
			if _, ok := b.vpcName[v]; !ok {
				outside = append(outside, cleanText(v))
			}
		}
		if len(inside) == 0 {
			continue
		}
		id := cleanText(tgw)
		if len(outside) > 0 {
			sort.Strings(outside)
			b.note("", id, true, "transit gateway of %s is also attached to %s, outside the import", strings.Join(inside, ", "), strings.Join(outside, ", "))
		}
		if len(inside) < 2 {
			b.note(inside[0], id, true, "attached to transit gateway %s, which joins no other imported VPC: no connection written", id)
			continue
		}
		name := tgwName[tgw]
		if name == "" {
			name = slug(id)
		}
		name = uniqueName(name, taken)
		b.connFor[tgw] = name
		b.d.Connections = append(b.d.Connections, design.Connection{
			Name: name, Kind: design.ConnTransitGateway, VPCs: inside,
		})
		b.tgwRouting(&b.d.Connections[len(b.d.Connections)-1], tgw)
	}
}

// connHas reports whether the connection named conn joins the VPC named
// vpc.
func (b *builder) connHas(conn, vpc string) bool {
	for _, c := range b.d.Connections {
		if c.Name == conn {
			return slices.Contains(c.VPCs, vpc)
		}
	}
	return false
}

// note records a note about the VPC named vpc ("" for the region).
func (b *builder) note(vpc, resource string, outside bool, format string, args ...any) {
	b.res.Notes = append(b.res.Notes, Note{VPC: vpc, Resource: resource, Outside: outside, Message: fmt.Sprintf(format, args...)})
}

// reachable reports whether VPCs a and b (design names) are one VPC or
// joined by a peering or transit gateway connection of the design.
func (b *builder) reachable(a, c string) bool {
	if a == c {
		return true
	}
	for _, conn := range b.d.Connections {
		if slices.Contains(conn.VPCs, a) && slices.Contains(conn.VPCs, c) {
			return true
		}
	}
	return false
}
