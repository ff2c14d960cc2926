package edit

import (
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// PathIndex maps validation paths ("vpcs.prod.tiers.app.subnets.us-east-1a")
// to the elements they name, so that findings mark cells in the diagram
// and the problems pane can jump to them. It indexes names, not paths, and
// a VPC's tiers and groups only when a finding asks for them: an edit of a
// large design pays for its findings, not for its size.
type PathIndex struct {
	d          *design.Design
	vpcs       map[string]int
	conns      map[string]int
	nets       map[string]int
	tiers, sgs map[int]map[string]int
}

// NewPathIndex indexes the names of d's elements. (l is accepted for
// symmetry with the other derived data; subnets are named by AZ.)
func NewPathIndex(d *design.Design, _ *design.Layout) *PathIndex {
	ix := &PathIndex{d: d, tiers: map[int]map[string]int{}, sgs: map[int]map[string]int{}}
	ix.vpcs = names(len(d.VPCs), func(i int) string { return d.VPCs[i].Name })
	ix.conns = names(len(d.Connections), func(i int) string { return d.Connections[i].Name })
	ix.nets = names(len(d.Networks), func(i int) string { return d.Networks[i].Name })
	return ix
}

// NewPathIndexOf is NewPathIndex limited to the VPCs at the indices vis
// and, with rest, to connections and networks: enough to look up again the
// paths of findings about those elements after an edit, at a cost that
// does not grow with the design. Paths into other VPCs resolve to the
// design.
func NewPathIndexOf(d *design.Design, vis []int, rest bool) *PathIndex {
	ix := &PathIndex{d: d, tiers: map[int]map[string]int{}, sgs: map[int]map[string]int{}, vpcs: map[string]int{}}
	for _, vi := range vis {
		if vi < 0 || vi >= len(d.VPCs) {
			continue
		}
		if k := orUnnamed(d.VPCs[vi].Name); !hasLower(ix.vpcs, k, vi) {
			ix.vpcs[k] = vi
		}
	}
	if rest {
		ix.conns = names(len(d.Connections), func(i int) string { return d.Connections[i].Name })
		ix.nets = names(len(d.Networks), func(i int) string { return d.Networks[i].Name })
	}
	return ix
}

// hasLower reports whether m maps k to an index below i (NewPathIndex maps
// a repeated name to its first element).
func hasLower(m map[string]int, k string, i int) bool {
	j, ok := m[k]
	return ok && j < i
}

// names maps each name (as paths write it) to the first element with it.
func names(n int, name func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := range n {
		k := orUnnamed(name(i))
		if _, dup := m[k]; !dup {
			m[k] = i
		}
	}
	return m
}

// match finds the longest name in names that s starts with, followed by
// the end or a dot, and returns its index and the rest of s. Names may
// contain dots, so every such prefix is a candidate.
func match(s string, names map[string]int) (int, string, bool) {
	for end := len(s); end > 0; {
		if i, ok := names[s[:end]]; ok {
			return i, s[end:], true
		}
		end = strings.LastIndexByte(s[:end], '.')
	}
	return 0, "", false
}

// Lookup returns the element a path names: the element itself, or the
// closest enclosing element the designer shows ("vpcs.prod.traffic" is the
// VPC prod; what is in no element belongs to the design).
func (ix *PathIndex) Lookup(path string) (Ref, bool) {
	if path == "" {
		return Ref{}, false
	}
	design := Ref{Kind: DesignKind}
	switch {
	case strings.HasPrefix(path, "connections."):
		if i, _, ok := match(path[len("connections."):], ix.conns); ok {
			return Ref{Kind: Conn, I: i}, true
		}
		return design, true
	case strings.HasPrefix(path, "networks."):
		if i, _, ok := match(path[len("networks."):], ix.nets); ok {
			return Ref{Kind: Network, I: i}, true
		}
		return design, true
	case !strings.HasPrefix(path, "vpcs."):
		return design, true
	}
	vi, rest, ok := match(path[len("vpcs."):], ix.vpcs)
	if !ok {
		return design, true
	}
	vpc := Ref{Kind: VPC, V: vi}
	v := &ix.d.VPCs[vi]
	switch {
	case strings.HasPrefix(rest, ".tiers."):
		tiers, ok := ix.tiers[vi]
		if !ok {
			tiers = names(len(v.Tiers), func(i int) string { return v.Tiers[i].Name })
			ix.tiers[vi] = tiers
		}
		ti, rest, ok := match(rest[len(".tiers."):], tiers)
		if !ok {
			return vpc, true
		}
		if az, found := strings.CutPrefix(rest, ".subnets."); found {
			if i := strings.IndexByte(az, '.'); i >= 0 {
				az = az[:i]
			}
			return Ref{Kind: Subnet, V: vi, T: ti, AZ: az}, true
		}
		return Ref{Kind: Tier, V: vi, T: ti}, true
	case strings.HasPrefix(rest, ".security_groups."):
		sgs, ok := ix.sgs[vi]
		if !ok {
			sgs = names(len(v.SecurityGroups), func(i int) string { return v.SecurityGroups[i].Name })
			ix.sgs[vi] = sgs
		}
		if gi, _, ok := match(rest[len(".security_groups."):], sgs); ok {
			return Ref{Kind: SG, V: vi, G: gi}, true
		}
	}
	return vpc, true
}

// PathName is an element's name as validation paths write it: "(unnamed)"
// for no name.
func PathName(name string) string { return orUnnamed(name) }
