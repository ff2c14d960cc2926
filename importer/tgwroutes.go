package importer

import (
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// tgwRouting writes how the transit gateway tgw of connection c routes:
// its default association and propagation, its route tables (the default
// one only when it is exactly what the format derives for it) and the
// tiers its VPC attachments use. Attachments outside the import are left
// out of the tables, and noted; a static route the format cannot express
// is written as a blackhole, so that the design never routes more.
func (b *builder) tgwRouting(c *design.Connection, tgw string) {
	d := b.inv.tgw
	if d == nil || d.deniedTable {
		return
	}
	var opts *types.TransitGatewayOptions
	for _, t := range b.inv.tgws {
		if deref(t.TransitGatewayId) == tgw {
			opts = t.Options
		}
	}
	if opts == nil {
		return // the gateway could not be described: its defaults are unknown
	}
	member := map[string]string{} // attachment ID → "vpc:NAME"
	for _, a := range b.inv.attachments {
		if deref(a.TransitGatewayId) != tgw {
			continue
		}
		if name, ok := b.vpcName[deref(a.ResourceId)]; ok && slices.Contains(c.VPCs, name) {
			member[deref(a.TransitGatewayAttachmentId)] = string(design.VPCMember(name))
		}
	}
	assocOn := opts.DefaultRouteTableAssociation == types.DefaultRouteTableAssociationValueEnable
	propOn := opts.DefaultRouteTablePropagation == types.DefaultRouteTablePropagationValueEnable
	assocDefault, propDefault := deref(opts.AssociationDefaultRouteTableId), deref(opts.PropagationDefaultRouteTableId)
	id := cleanText(tgw)
	type table struct {
		id         string
		rt         design.TGWRouteTable
		hasStatics bool
	}
	var tables []table
	assocOf := map[string]string{} // member → table ID
	taken := map[string]bool{design.DefaultTGWRouteTable: true}
	// An attachment is associated with one table in AWS; moto also keeps
	// every attachment on the default table it makes even with default
	// association off, so a table other than the default one claims an
	// attachment first.
	order := slices.Clone(d.tables)
	slices.SortStableFunc(order, func(x, y types.TransitGatewayRouteTable) int {
		return cmpBool(deref(x.DefaultAssociationRouteTable), deref(y.DefaultAssociationRouteTable))
	})
	for _, t := range order {
		tid := deref(t.TransitGatewayRouteTableId)
		if deref(t.TransitGatewayId) != tgw || t.State == types.TransitGatewayRouteTableStateDeleted || t.State == types.TransitGatewayRouteTableStateDeleting {
			continue
		}
		name := slug(nameLabel(tagValue(t.Tags, tagName), tagValue(t.Tags, tagLogicalID)))
		if name == "" {
			name = "table"
		}
		rt := design.TGWRouteTable{Name: uniqueName(name, taken), Associations: []string{}, Propagations: []string{}}
		for _, a := range d.assoc[tid] {
			if a.State != types.TransitGatewayAssociationStateAssociated && a.State != types.TransitGatewayAssociationStateAssociating {
				continue
			}
			if m := member[deref(a.TransitGatewayAttachmentId)]; m != "" {
				if _, dup := assocOf[m]; !dup {
					rt.Associations = append(rt.Associations, m)
					assocOf[m] = tid
				}
			} else {
				b.note("", cleanText(tid), true, "transit gateway %s route table is associated with attachment %s (%s %s), outside the import", id, cleanText(deref(a.TransitGatewayAttachmentId)), cleanText(string(a.ResourceType)), cleanText(deref(a.ResourceId)))
			}
		}
		for _, p := range d.prop[tid] {
			if p.State != types.TransitGatewayPropagationStateEnabled && p.State != types.TransitGatewayPropagationStateEnabling {
				continue
			}
			if m := member[deref(p.TransitGatewayAttachmentId)]; m != "" && !slices.Contains(rt.Propagations, m) {
				rt.Propagations = append(rt.Propagations, m)
			} else if m == "" {
				b.note("", cleanText(tid), true, "transit gateway %s route table learns routes from attachment %s (%s %s), outside the import", id, cleanText(deref(p.TransitGatewayAttachmentId)), cleanText(string(p.ResourceType)), cleanText(deref(p.ResourceId)))
			}
		}
		for _, r := range d.routes[tid] {
			dest := cleanText(deref(r.DestinationCidrBlock))
			if _, err := netip.ParsePrefix(dest); err != nil {
				b.note("", cleanText(tid), false, "transit gateway %s static route to %s (a prefix list?) is not in the format: left out", id, cleanText(deref(r.PrefixListId)))
				continue
			}
			s := design.TGWRoute{To: dest}
			switch {
			case r.State == types.TransitGatewayRouteStateBlackhole:
				s.Via = design.ViaBlackhole
			case len(r.TransitGatewayAttachments) > 0 && member[deref(r.TransitGatewayAttachments[0].TransitGatewayAttachmentId)] != "":
				s.Via = member[deref(r.TransitGatewayAttachments[0].TransitGatewayAttachmentId)]
			default:
				s.Via = design.ViaBlackhole
				b.note("", cleanText(tid), true, "transit gateway %s static route %s goes to an attachment outside the import: written as blackhole, so that the design routes no more than AWS", id, dest)
			}
			rt.Routes = append(rt.Routes, s)
		}
		if d.moreRoutes[tid] {
			b.note("", cleanText(tid), false, "transit gateway %s route table has more than %d static routes: only the first are imported", id, maxTGWRouteSearch)
		}
		tables = append(tables, table{id: tid, rt: rt, hasStatics: len(rt.Routes) > 0})
	}
	// The default table is written as the format's `default` (absent keys)
	// only when it routes exactly as that one would: every member not
	// associated elsewhere associated with it, every member propagating to
	// it, no static route. Otherwise the defaults are turned off and it is
	// written as a table of its own, which routes the same.
	all := slices.Sorted(maps.Values(member)) // the members
	expressible := func(t table) bool {
		if t.hasStatics || (assocOn && propOn && assocDefault != propDefault) {
			return false
		}
		var wantAssoc []string
		for _, m := range all {
			if assocOf[m] == t.id || assocOf[m] == "" {
				wantAssoc = append(wantAssoc, m)
			}
		}
		gotAssoc := slices.Sorted(slices.Values(t.rt.Associations))
		gotProp := slices.Sorted(slices.Values(t.rt.Propagations))
		okAssoc := (t.id == assocDefault && assocOn && slices.Equal(gotAssoc, wantAssoc)) || (!(t.id == assocDefault && assocOn) && len(gotAssoc) == 0)
		okProp := (t.id == propDefault && propOn && slices.Equal(gotProp, all)) || (!(t.id == propDefault && propOn) && len(gotProp) == 0)
		return okAssoc && okProp
	}
	defaults := true
	for _, t := range tables {
		isDefault := (assocOn && t.id == assocDefault) || (propOn && t.id == propDefault)
		if isDefault && !expressible(t) {
			defaults = false
		}
	}
	for _, t := range tables {
		isDefault := (assocOn && t.id == assocDefault) || (propOn && t.id == propDefault)
		if isDefault && defaults {
			continue
		}
		if !isDefault && len(t.rt.Associations)+len(t.rt.Propagations)+len(t.rt.Routes) == 0 {
			continue // routes nothing of the design
		}
		c.RouteTables = append(c.RouteTables, t.rt)
	}
	// By name: AWS lists tables by their random IDs.
	slices.SortStableFunc(c.RouteTables, func(x, y design.TGWRouteTable) int { return strings.Compare(x.Name, y.Name) })
	if !assocOn || !defaults {
		c.DefaultAssociation = ptr(false)
	}
	if !propOn || !defaults {
		c.DefaultPropagation = ptr(false)
	}
	if !assocOn && !propOn && len(c.RouteTables) == 0 {
		b.note("", id, false, "transit gateway %s has default association and propagation off and no route table routes its imported attachments: nothing crosses it", id)
	}
	b.attachmentTiers(c, tgw)
}

// attachmentTiers writes `attachments` for each VPC whose attachment uses
// the subnets of another tier than the one the format derives (the first
// private, else isolated, else public tier).
func (b *builder) attachmentTiers(c *design.Connection, tgw string) {
	for _, a := range b.inv.tgw.vpcAttach {
		if deref(a.TransitGatewayId) != tgw {
			continue
		}
		var vb *vpcBuilder
		for _, v := range b.vpcs {
			if v.data.id() == deref(a.VpcId) {
				vb = v
			}
		}
		if vb == nil || !slices.Contains(c.VPCs, vb.name) {
			continue
		}
		var tiers []string
		for _, s := range a.SubnetIds {
			if t := vb.subnetTier[cleanText(s)]; t != "" && !slices.Contains(tiers, t) {
				tiers = append(tiers, t)
			}
		}
		switch {
		case len(tiers) == 0:
			continue
		case len(tiers) > 1:
			b.note(vb.name, cleanText(deref(a.TransitGatewayAttachmentId)), false, "transit gateway attachment uses subnets of tiers %s; the format names one: written with %s", strings.Join(tiers, ", "), tiers[0])
		}
		if tiers[0] != derivedAttachmentTier(vb.out) {
			c.Attachments = append(c.Attachments, design.TGWAttachment{VPC: vb.name, Tier: tiers[0]})
		}
	}
}

// derivedAttachmentTier is the tier an attachment uses when `attachments`
// does not name one: the first private, else isolated, else public tier.
func derivedAttachmentTier(v *design.VPC) string {
	for _, k := range []design.TierKind{design.TierPrivate, design.TierIsolated, design.TierPublic} {
		for _, t := range v.Tiers {
			if t.Kind == k {
				return t.Name
			}
		}
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
