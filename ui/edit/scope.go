package edit

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Scope is the part of a design an edit may change. The designer copies
// only that part before the edit (CloneFor) and, after it, lays out again
// only the VPCs in it: at organisation scale (thousands of VPCs) copying,
// resolving and drawing every VPC for each keystroke would take many
// frames.
//
// The zero Scope is everything: any VPC, the list of VPCs itself (adding,
// removing, moving one shifts the others' indices), the design's region,
// connections and networks. An edit whose reach is not known uses it.
// Inserting or removing one VPC has a scope of its own (InsertVPC,
// RemoveVPCAt, in scope_place.go): the VPCs after it change places but not
// contents, and what is derived from them can follow them there.
type Scope struct {
	known bool
	vpcs  []int // indices, after the edit, of VPCs whose content may change
	rest  bool  // connections, networks, the design's name and description
	// A structural edit: the list of VPCs gained (place > 0) or lost
	// (place < 0) one VPC at index at; the VPCs after it moved one place.
	place int
	at    int
}

// Everything is the scope of an edit that may change anything.
var Everything = Scope{}

// InVPC is the scope of an edit inside VPC vi: its fields, tiers, subnets,
// security groups and rules, but not its place in the list nor anything
// outside it.
func InVPC(vi int) Scope { return Scope{known: true, vpcs: []int{vi}} }

// OutsideVPCs is the scope of an edit of connections, networks, or the
// design's name and description: no VPC changes.
func OutsideVPCs() Scope { return Scope{known: true, rest: true} }

// All reports whether the scope is everything.
func (s Scope) All() bool { return !s.known }

// Outside reports whether the edit may change connections, networks or
// the design's own fields.
func (s Scope) Outside() bool { return !s.known || s.rest }

// VPCs returns the indices of the VPCs the edit may change, for a scope
// that is not everything: indices in the design after the edit (a VPC
// inserted is one of them).
func (s Scope) VPCs() []int { return s.vpcs }

// String describes the scope, for messages and tests.
func (s Scope) String() string {
	switch {
	case !s.known:
		return "everything"
	case s.place > 0:
		return fmt.Sprintf("VPC inserted at %d", s.at)
	case s.place < 0:
		return fmt.Sprintf("VPC removed at %d", s.at)
	case s.rest:
		return "outside VPCs"
	}
	return fmt.Sprintf("VPCs %v", s.vpcs)
}

// Dirty returns, for a design of n VPCs, which VPCs the edit may have
// changed (design.Reresolve's and the diagram's dirty set); nil when the
// scope is everything, which both read as "all of them".
func (s Scope) Dirty(n int) []bool {
	if !s.known {
		return nil
	}
	dirty := make([]bool, n)
	for _, vi := range s.vpcs {
		if vi >= 0 && vi < n {
			dirty[vi] = true
		}
	}
	return dirty
}

// CloneFor returns a copy of d to make an edit of scope s on, so that d
// itself never changes (undo keeps it; commands may be reading it).
//
// For the zero scope it is d.Clone(), a deep copy. Otherwise the copy has
// its own list of VPCs (each VPC's own fields copied), deep copies of the
// VPCs in the scope, and of connections and networks when the scope names
// them, but shares the insides (tiers, subnets, groups, rules...) of every
// other VPC with d: an edit at 100,000 subnets then copies a few megabytes
// of VPC headers instead of the whole design, and the undo history shares
// what its states have in common. That is safe only if the edit keeps to
// its scope; ops_test.go checks every edit against the scope the designer
// gives it, and the designer's tests check each edit they make.
//
// For a VPC inserted or removed, only the list is copied (with room for
// one more VPC, so that the insertion does not copy it again): the new VPC
// is the edit's own, and every other VPC keeps its contents.
func CloneFor(d *design.Design, s Scope) *design.Design {
	if d == nil || !s.known {
		return d.Clone()
	}
	c := *d
	if s.place != 0 {
		c.VPCs = append(make([]design.VPC, 0, len(d.VPCs)+1), d.VPCs...)
		return &c
	}
	c.VPCs = slices.Clone(d.VPCs)
	if s.rest {
		rest := (&design.Design{Networks: d.Networks, Connections: d.Connections}).Clone()
		c.Networks, c.Connections = rest.Networks, rest.Connections
	}
	for _, vi := range s.vpcs {
		if vi >= 0 && vi < len(c.VPCs) {
			c.VPCs[vi] = (&design.Design{VPCs: d.VPCs[vi : vi+1]}).Clone().VPCs[0]
		}
	}
	return &c
}

// CheckScope reports how an edit strayed from its scope s. before is a deep
// copy of prev made before the edit; prev is the state the edit started
// from, which must not have changed (CloneFor shares parts of it with
// next); next is the edited copy, which may differ from before only within
// s. It is for tests: it compares whole designs.
func CheckScope(before, prev, next *design.Design, s Scope) error {
	if !reflect.DeepEqual(before, prev) {
		return fmt.Errorf("the edit (scope %v) changed the state it started from", s)
	}
	if !s.known {
		return nil
	}
	if len(next.VPCs) != len(before.VPCs)+s.place {
		return fmt.Errorf("scope %v: the edit has %d VPCs after it, %d before", s, len(next.VPCs), len(before.VPCs))
	}
	if next.Version != before.Version || next.Region != before.Region {
		return fmt.Errorf("scope %v: the edit changed the design's version or region", s)
	}
	// Each VPC outside the scope equals the VPC it was before the edit:
	// the same index, or for a VPC inserted or removed, the index it had.
	for i := range next.VPCs {
		if slices.Contains(s.vpcs, i) {
			continue
		}
		j := s.Before(i)
		if j < 0 {
			return fmt.Errorf("scope %v: VPC %d (%s) is new", s, i, next.VPCs[i].Name)
		}
		if !reflect.DeepEqual(next.VPCs[i], before.VPCs[j]) {
			return fmt.Errorf("scope %v: the edit changed VPC %d (%s)", s, i, next.VPCs[i].Name)
		}
	}
	if !s.rest && (next.Name != before.Name || next.Description != before.Description ||
		!reflect.DeepEqual(next.Connections, before.Connections) || !reflect.DeepEqual(next.Networks, before.Networks)) {
		return fmt.Errorf("scope %v: the edit changed connections, networks or the design's name", s)
	}
	return nil
}

// RenameVPCScope is the scope of renaming VPC vi: the VPC, the VPCs whose
// rules name it (vpc:NAME, sg:NAME/GROUP), and connections. Finding them
// reads every rule once, which costs far less than an edit of everything
// in a large design.
func RenameVPCScope(d *design.Design, vi int) Scope {
	vpcPeer, sgPrefix := "vpc:"+d.VPCs[vi].Name, "sg:"+d.VPCs[vi].Name+"/"
	s := peerScope(d, vi, func(p string) bool { return p == vpcPeer || strings.HasPrefix(p, sgPrefix) })
	s.rest = true
	return s
}

// RenameSGScope is the scope of renaming security group gi of VPC vi: the
// VPC and the VPCs whose rules name the group (sg:VPC/NAME).
func RenameSGScope(d *design.Design, vi, gi int) Scope {
	peer := "sg:" + d.VPCs[vi].Name + "/" + d.VPCs[vi].SecurityGroups[gi].Name
	return peerScope(d, vi, func(p string) bool { return p == peer })
}

// RenameNetworkScope is the scope of renaming network ni: connections, and
// the VPCs whose rules name it (network:NAME).
func RenameNetworkScope(d *design.Design, ni int) Scope {
	peer := "network:" + d.Networks[ni].Name
	s := peerScope(d, -1, func(p string) bool { return p == peer })
	s.rest = true
	return s
}

// peerScope is the scope of VPC vi (none when -1) and of the VPCs with a
// rule whose peer matches.
func peerScope(d *design.Design, vi int, match func(peer string) bool) Scope {
	s := Scope{known: true}
	if vi >= 0 {
		s.vpcs = append(s.vpcs, vi)
	}
	for i := range d.VPCs {
		if i != vi && hasPeer(&d.VPCs[i], match) {
			s.vpcs = append(s.vpcs, i)
		}
	}
	return s
}

func hasPeer(v *design.VPC, match func(string) bool) bool {
	for gi := range v.SecurityGroups {
		g := &v.SecurityGroups[gi]
		for _, rules := range [][]design.Rule{g.Ingress, g.Egress} {
			for _, r := range rules {
				if r.From != "" && match(r.From) || r.To != "" && match(r.To) {
					return true
				}
			}
		}
	}
	return false
}
