package importer

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// tierCandidate is what a tier's `routes` and `gateway_endpoints` would say
// if written: the real tables of its subnets.
type tierCandidate struct {
	routes []design.Route
	eps    []string
	// skip: the tables could not be read (denied), so the tier keeps what
	// vpcsmith derives; epsUnknown likewise for the endpoints.
	skip, epsUnknown bool
}

// placeRoutes writes a tier's `routes` (and `gateway_endpoints`) only where
// its subnets' real tables differ from what the design derives for the
// tier: both are compared as design.NewRouting computes every subnet's
// effective table, so an import that writes nothing means exactly what AWS
// has.
func (b *builder) placeRoutes() {
	cands := make([][]tierCandidate, len(b.vpcs))
	for vi, vb := range b.vpcs {
		for ti := range vb.out.Tiers {
			cands[vi] = append(cands[vi], vb.tierCandidate(ti))
		}
	}
	// The layout points into the design, so the derived tables are taken
	// before any tier is given explicit keys.
	derived := tableKeys(design.NewRouting(design.Resolve(b.d)), b.d)
	for vi := range b.vpcs {
		for ti, c := range cands[vi] {
			t := &b.d.VPCs[vi].Tiers[ti]
			if !c.skip {
				t.Routes = c.routes
			}
			if !c.skip && !c.epsUnknown {
				t.GatewayEndpoints = c.eps
			}
		}
	}
	explicit := tableKeys(design.NewRouting(design.Resolve(b.d)), b.d)
	for vi := range b.vpcs {
		for ti := range cands[vi] {
			t := &b.d.VPCs[vi].Tiers[ti]
			k := [2]int{vi, ti}
			if slices.Equal(derived[k].routes, explicit[k].routes) {
				t.Routes = nil
			}
			if slices.Equal(derived[k].eps, explicit[k].eps) {
				t.GatewayEndpoints = nil
			}
		}
	}
}

// tierTables are a tier's subnets' effective tables, one string per
// subnet, routes and gateway endpoints apart.
type tierTables struct{ routes, eps []string }

func tableKeys(r *design.Routing, d *design.Design) map[[2]int]tierTables {
	out := map[[2]int]tierTables{}
	l := design.Resolve(d)
	for vi := range l.VPCs {
		for ti, tl := range l.VPCs[vi].Tiers {
			var tt tierTables
			for _, s := range tl.Subnets {
				var rs, es []string
				for _, e := range r.Table(vi, ti, s.AZ).Entries {
					switch e.Target {
					case design.TargetLocal:
					case design.TargetEndpoint:
						es = append(es, e.Service)
					default:
						rs = append(rs, fmt.Sprintf("%s>%s/%s/%s", e.Dest, e.Target, e.NATAZ, e.Conn))
					}
				}
				sort.Strings(rs)
				sort.Strings(es)
				tt.routes = append(tt.routes, s.AZ+": "+strings.Join(rs, ","))
				tt.eps = append(tt.eps, s.AZ+": "+strings.Join(es, ","))
			}
			out[[2]int{vi, ti}] = tt
		}
	}
	return out
}

// tierCandidate reads the real routes of tier ti's subnets as the format
// writes them: a route present in every AZ of the tier once, one present in
// some AZs with `azs`.
func (vb *vpcBuilder) tierCandidate(ti int) tierCandidate {
	members := vb.members[ti]
	if vb.data.denied["ec2:DescribeRouteTables"] {
		return tierCandidate{skip: true}
	}
	type key struct{ to, via string }
	var order []key
	azs := map[key][]string{}
	byTo := map[string][]tableRoute{} // per destination, each member's route
	perMember := make([][]tableRoute, len(members))
	for i, s := range members {
		perMember[i] = vb.translate(s.rt)
		for _, r := range perMember[i] {
			byTo[r.to] = append(byTo[r.to], r)
		}
	}
	// A NAT route that every member sends to one NAT gateway reads nat:AZ
	// once, rather than nat in that AZ and nat:AZ in the others.
	sharedNAT := map[string]string{}
	for to, rs := range byTo {
		if len(rs) == len(members) && len(members) > 1 && rs[0].natAZ != "" &&
			!slices.ContainsFunc(rs, func(r tableRoute) bool { return r.natAZ != rs[0].natAZ }) {
			sharedNAT[to] = rs[0].natAZ
		}
	}
	for i, s := range members {
		for _, r := range perMember[i] {
			via := r.via
			switch {
			case r.natAZ != "" && sharedNAT[r.to] != "":
				via = "nat:" + sharedNAT[r.to]
			case r.natAZ != "" && r.natAZ != s.az:
				via = "nat:" + r.natAZ
			}
			k := key{r.to, via}
			if _, ok := azs[k]; !ok {
				order = append(order, k)
			}
			azs[k] = append(azs[k], s.az)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return routeLess(order[i].to, order[j].to) })
	c := tierCandidate{routes: []design.Route{}}
	for _, k := range order {
		r := design.Route{To: k.to, Via: k.via}
		if len(azs[k]) < len(members) {
			r.AZs = slices.Sorted(slices.Values(azs[k]))
		}
		c.routes = append(c.routes, r)
	}
	c.eps, c.epsUnknown = vb.tierEndpoints(members)
	return c
}

// routeLess orders written routes: CIDRs by address then length, then
// named destinations.
func routeLess(a, b string) bool {
	pa, ea := netip.ParsePrefix(a)
	pb, eb := netip.ParsePrefix(b)
	switch {
	case ea == nil && eb == nil:
		if c := pa.Addr().Compare(pb.Addr()); c != 0 {
			return c < 0
		}
		return pa.Bits() < pb.Bits()
	case ea == nil:
		return true
	case eb == nil:
		return false
	}
	return a < b
}

// tierEndpoints returns the gateway endpoints on the tables of a tier's
// subnets. The format places them per tier: when the subnets' tables
// disagree, only those on every table are written (an endpoint route is a
// more specific route to the service, never a wider one) and the rest
// noted.
func (vb *vpcBuilder) tierEndpoints(members []*subnet) (eps []string, unknown bool) {
	if vb.data.denied["ec2:DescribeVpcEndpoints"] {
		return nil, true
	}
	on := vb.endpointTables()
	eps = []string{}
	for _, svc := range vb.out.Endpoints {
		if !design.IsGatewayEndpoint(svc) {
			continue
		}
		var in, out []string
		for _, s := range members {
			if on[s.rt.id][svc] {
				in = append(in, s.id)
			} else {
				out = append(out, s.id)
			}
		}
		switch {
		case len(out) == 0:
			eps = append(eps, svc)
		case len(in) > 0:
			vb.note("", false, "gateway endpoint %s is on the route tables of %s but not of %s, in one tier: written as not on the tier", svc, strings.Join(in, ", "), strings.Join(out, ", "))
		}
	}
	return eps, false
}

// endpointTables maps route table IDs to the gateway endpoint services on
// them.
func (vb *vpcBuilder) endpointTables() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, e := range vb.data.endpoints {
		if endpointType(e) != types.VpcEndpointTypeGateway {
			continue
		}
		switch strings.ToLower(string(e.State)) {
		case "deleted", "deleting", "failed", "rejected", "expired":
			continue
		}
		svc, ok := shortService(cleanText(deref(e.ServiceName)), vb.b.inv.region)
		if !ok || !design.IsGatewayEndpoint(svc) {
			continue
		}
		for _, id := range e.RouteTableIds {
			id = cleanText(id)
			if out[id] == nil {
				out[id] = map[string]bool{}
			}
			out[id][svc] = true
		}
	}
	return out
}

// buildRouting fills in what needs the tiers and the connections: the
// network ACLs and the grouped IPv6 note.
func (vb *vpcBuilder) buildRouting() {
	vb.buildNACLs()
	if vb.ipv6Blocks > 0 || vb.ipv6Subnets > 0 || vb.ipv6Routes > 0 {
		var parts []string
		if vb.ipv6Blocks > 0 {
			parts = append(parts, fmt.Sprintf("%d IPv6 block(s) of the VPC", vb.ipv6Blocks))
		}
		if vb.ipv6Subnets > 0 {
			parts = append(parts, fmt.Sprintf("the IPv6 CIDRs of %d subnet(s)", vb.ipv6Subnets))
		}
		if vb.ipv6Routes > 0 {
			parts = append(parts, fmt.Sprintf("%d IPv6 route(s)", vb.ipv6Routes))
		}
		vb.note(vb.id, false, "IPv6 (%s): the format holds one IPv6 block per VPC and each subnet's /64 of it, so they are left out", strings.Join(parts, ", "))
	}
}
