package diff

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/templates"
)

// fastEdits are edits whose effect reaches past the VPC edited (a peer's
// or a hub member's routes, a connection's name in a target) or that
// defeat pairing by name, for TestFastPathAgreesWithFull.
var fastEdits = []struct {
	name string
	edit func(d *design.Design)
}{
	{"none", func(d *design.Design) {}},
	{"first VPC's CIDR", func(d *design.Design) { d.VPCs[0].CIDR = "10.200.0.0/16" }},
	{"first VPC's secondary CIDR", func(d *design.Design) {
		d.VPCs[0].SecondaryCIDRs = append(d.VPCs[0].SecondaryCIDRs, "100.64.0.0/16")
	}},
	{"last VPC's CIDR", func(d *design.Design) { d.VPCs[len(d.VPCs)-1].CIDR = "10.201.0.0/16" }},
	{"NAT single", func(d *design.Design) { d.VPCs[0].NAT = design.NATSingle }},
	{"NAT none", func(d *design.Design) { d.VPCs[len(d.VPCs)-1].NAT = design.NATNone }},
	{"network added", func(d *design.Design) {
		d.Networks = append(d.Networks, design.Network{Name: "lab", CIDR: "192.168.0.0/16"})
	}},
	{"network CIDR", func(d *design.Design) {
		if len(d.Networks) > 0 {
			d.Networks[0].CIDR = "172.20.0.0/16"
		}
	}},
	{"connection renamed", func(d *design.Design) {
		if len(d.Connections) > 0 {
			d.Connections[0].Name += "-2"
		}
	}},
	{"connection removed", func(d *design.Design) {
		if len(d.Connections) > 0 {
			d.Connections = d.Connections[1:]
		}
	}},
	{"connections reversed", func(d *design.Design) { slices.Reverse(d.Connections) }},
	{"VPC added to the first connection", func(d *design.Design) {
		if len(d.Connections) > 0 && len(d.VPCs) > 2 {
			c := &d.Connections[0]
			c.VPCs = append(c.VPCs, d.VPCs[2].Name)
		}
	}},
	{"endpoint added", func(d *design.Design) { d.VPCs[0].Endpoints = append(d.VPCs[0].Endpoints, "dynamodb") }},
	{"gateway endpoints written empty", func(d *design.Design) { d.VPCs[0].Tiers[0].GatewayEndpoints = []string{} }},
	{"routes written empty", func(d *design.Design) { d.VPCs[0].Tiers[len(d.VPCs[0].Tiers)-1].Routes = []design.Route{} }},
	{"tier kind", func(d *design.Design) {
		t := &d.VPCs[0].Tiers[0]
		t.Kind = map[design.TierKind]design.TierKind{design.TierPublic: design.TierPrivate}[t.Kind]
	}},
	{"tier IPv6 and DNS64", func(d *design.Design) {
		t := &d.VPCs[0].Tiers[len(d.VPCs[0].Tiers)/2]
		t.IPv6, t.DNS64 = design.TierIPv6Only, true
	}},
	{"VPC IPv6", func(d *design.Design) { d.VPCs[0].IPv6 = design.IPv6Amazon }},
	{"VPC renamed", func(d *design.Design) { d.VPCs[0].Name += "x" }},
	{"VPC name used twice", func(d *design.Design) { d.VPCs = append(d.VPCs, d.Clone().VPCs[0]) }},
	{"tier name used twice", func(d *design.Design) {
		v := &d.VPCs[0]
		t := v.Tiers[0]
		t.Kind = design.TierIsolated
		v.Tiers = append(v.Tiers, t)
	}},
	{"design region", func(d *design.Design) { d.Region = "eu-west-1" }},
	{"everything reversed", func(d *design.Design) {
		slices.Reverse(d.VPCs)
		for i := range d.VPCs {
			slices.Reverse(d.VPCs[i].Tiers)
		}
	}},
}

// writtenRouteToPeer writes a route in the first VPC to the second by
// name (`to: vpc:NAME`), so that the second's CIDR reaches its table.
func writtenRouteToPeer(d *design.Design) {
	if len(d.VPCs) < 2 || len(d.Connections) == 0 {
		return
	}
	t := &d.VPCs[0].Tiers[len(d.VPCs[0].Tiers)-1]
	t.Routes = append(t.Routes, design.Route{To: "vpc:" + d.VPCs[1].Name, Via: "connection:" + d.Connections[0].Name})
}

func fastBases(t *testing.T) map[string]*design.Design {
	bases := map[string]*design.Design{}
	for _, name := range templates.Names() {
		bases[name] = load(t, name)
		d := load(t, name)
		writtenRouteToPeer(d)
		bases[name+" with a route to vpc:"] = d
	}
	bases["gen"] = gen.Design(gen.Shape{VPCs: 24, Tiers: 4, AZs: 3, Explicit: true})
	bases["gen routing"] = gen.Design(gen.Shape{VPCs: 24, Tiers: 4, AZs: 3, Routing: true})
	bases["gen dual-stack"] = gen.Design(gen.Shape{VPCs: 24, Tiers: 3, AZs: 2, Explicit: true, DualStack: true})
	return bases
}

// TestFastPathAgreesWithFull holds Changes (unchanged VPCs skipped, routes
// compared as typed pairs) against the plain element-by-element comparison
// of every VPC: the same changes, with the same values, both ways.
func TestFastPathAgreesWithFull(t *testing.T) {
	for bname, base := range fastBases(t) {
		for _, e := range slices.Concat(fastEdits, costKeyEdits) {
			old := base.Clone()
			new := base.Clone()
			e.edit(new)
			for _, dir := range [][2]*design.Design{{old, new}, {new, old}} {
				fast, full := changes(dir[0], dir[1], true), changes(dir[0], dir[1], false)
				if !reflect.DeepEqual(fast, full) {
					t.Errorf("%s, %s: fast path\n  %s\nfull comparison\n  %s", bname, e.name,
						strings.Join(summary(fast), "\n  "), strings.Join(summary(full), "\n  "))
				}
			}
		}
	}
	// A written route to a VPC by name follows that VPC's CIDR, in a VPC
	// that is otherwise the same.
	base := load(t, "peering")
	writtenRouteToPeer(base)
	new := base.Clone()
	new.VPCs[1].CIDR = "10.202.0.0/16"
	fast, full := changes(base, new, true), changes(base, new, false)
	if !reflect.DeepEqual(fast, full) || !slices.ContainsFunc(fast, func(c Change) bool {
		return strings.HasPrefix(c.Path, "vpcs/"+base.VPCs[0].Name+"/tiers/") && c.Element == "route"
	}) {
		t.Errorf("peer CIDR under a written route: fast %v, full %v; want the first VPC's route changed in both", summary(fast), summary(full))
	}
}

// TestUnchangedIgnoresPositions: the VPCs of a file loaded again with a
// line added above them are skipped, though every source position moved;
// an edited VPC and the VPCs it routes to are not.
func TestUnchangedIgnoresPositions(t *testing.T) {
	src, err := templates.Source("transit-gateway")
	if err != nil {
		t.Fatal(err)
	}
	a, err := design.Parse("a.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := design.Parse("b.yaml", append([]byte("# a comment line moves every element\n\n"), src...))
	if err != nil {
		t.Fatal(err)
	}
	la, lb := design.Resolve(a), design.Resolve(b)
	if got := newPairing(la, lb).unchanged(); len(got) != len(a.VPCs) {
		t.Errorf("unchanged %v: want all %d VPCs", got, len(a.VPCs))
	}
	b.VPCs[1].CIDR = "10.203.0.0/16"
	lb = design.Resolve(b)
	// The hub routes backend to database's block: both are compared.
	if got := newPairing(la, lb).unchanged(); len(got) != 0 {
		t.Errorf("unchanged %v after database's CIDR changed: want none (backend routes to it)", got)
	}
}
