package cloudformation

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// emitPeering adds a peering connection and, on both sides, routes from
// every route table to the other VPC's CIDRs. Within one region the
// template holds both sides. Across regions the first VPC's template
// requests the peering (with PeerRegion; in one account it is accepted
// without a role), and the second VPC's template routes through it once
// the deployer passes its id, which is why those routes are conditional.
func (b *builder) emitPeering(c *design.Connection) error {
	if len(c.VPCs) != 2 {
		return fmt.Errorf("a peering joins two VPCs, not %d", len(c.VPCs))
	}
	la, err := b.mustLayout(c.VPCs[0])
	if err != nil {
		return err
	}
	lb, err := b.mustLayout(c.VPCs[1])
	if err != nil {
		return err
	}
	a, z := b.byName[la.VPC.Name], b.byName[lb.VPC.Name]
	switch {
	case a != nil && z != nil:
		id := b.ids.make(c.Name, "PeeringConnection")
		b.add(id, resource{typ: "AWS::EC2::VPCPeeringConnection", props: object{
			{"VpcId", ref(a.id)},
			{"PeerVpcId", ref(z.id)},
			{"Tags", tags(c.Name)},
		}})
		b.peeringRoutes(a, lb, c.Name, ref(id), "")
		b.peeringRoutes(z, la, c.Name, ref(id), "")
		b.links[pairKey(a.v.Name, z.v.Name)] = append(b.links[pairKey(a.v.Name, z.v.Name)], id)
		b.output(fmt.Sprintf("Peering connection %s between VPCs %s and %s", c.Name, a.v.Name, z.v.Name), ref(id), c.Name, "PeeringConnectionId")
	case a != nil:
		peer := b.param(b.ids.make(c.Name, "PeerVpcId"), object{
			{"Type", "String"},
			{"AllowedPattern", "^vpc-[0-9a-f]+$"},
			{"ConstraintDescription", "a VPC id such as vpc-0123456789abcdef0"},
			{"Description", truncateBytes(fmt.Sprintf("Id of VPC %s in %s (an output of that region's stack)", cleanText(lb.VPC.Name), lb.Region), 4000)},
		})
		id := b.ids.make(c.Name, "PeeringConnection")
		b.add(id, resource{typ: "AWS::EC2::VPCPeeringConnection", props: object{
			{"VpcId", ref(a.id)},
			{"PeerVpcId", ref(peer)},
			{"PeerRegion", lb.Region},
			{"Tags", tags(c.Name)},
		}})
		b.peeringRoutes(a, lb, c.Name, ref(id), "")
		b.output(fmt.Sprintf("Peering connection %s from VPC %s to VPC %s in %s", c.Name, a.v.Name, lb.VPC.Name, lb.Region), ref(id), c.Name, "PeeringConnectionId")
		b.notes = append(b.notes, fmt.Sprintf("peering %s crosses regions: deploy the %s stack first and pass VPC %s's id as %s; then pass this stack's %sPeeringConnectionId output to the %s stack", cleanText(c.Name), lb.Region, cleanText(lb.VPC.Name), peer, camel(c.Name), lb.Region))
	case z != nil:
		pcx := b.param(b.ids.make(c.Name, "PeeringConnectionId"), object{
			{"Type", "String"},
			{"Default", ""},
			{"AllowedPattern", "^(pcx-[0-9a-f]+)?$"},
			{"ConstraintDescription", "a peering connection id such as pcx-0123456789abcdef0, or empty"},
			{"Description", truncateBytes(fmt.Sprintf("Id of peering connection %s, made by the %s stack; empty until that stack exists", cleanText(c.Name), la.Region), 4000)},
		})
		cond := b.ids.make(c.Name, "PeeringAccepted")
		b.conditions = append(b.conditions, field{cond, notEmpty(pcx)})
		b.peeringRoutes(z, la, c.Name, ref(pcx), cond)
		b.notes = append(b.notes, fmt.Sprintf("peering %s crosses regions: the routes to VPC %s are made once you pass the peering connection id from the %s stack as %s", cleanText(c.Name), cleanText(la.VPC.Name), la.Region, pcx))
	}
	return nil
}

// peeringRoutes routes every derived route table of p to the peer's CIDRs,
// and adds the routes of tiers' own tables that name the peering.
func (b *builder) peeringRoutes(p *vpcPlan, peer *design.VPCLayout, conn string, pcx any, condition string) {
	b.connRoutes(p, conn, "VpcPeeringConnectionId", pcx, nil, condition)
	for _, rt := range p.routeTables {
		if rt.tier != nil {
			continue
		}
		for _, c := range peer.CIDRs {
			b.route(rt, c, "VpcPeeringConnectionId", pcx, nil, condition, func() string { return b.ids.derive(rt.id, "To", peer.VPC.Name) })
		}
	}
}
