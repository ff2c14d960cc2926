package edit

import (
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// PathIndex maps validation paths ("vpcs.prod.tiers.app.subnets.us-east-1a")
// to the elements they name, so that findings mark cells in the diagram
// and the problems pane can jump to them.
type PathIndex struct {
	refs map[string]Ref
}

// NewPathIndex indexes every element of d under its path (with l, the
// subnets the layout places, carved ones included).
func NewPathIndex(d *design.Design, l *design.Layout) *PathIndex {
	ix := &PathIndex{refs: make(map[string]Ref, 8*len(d.VPCs)+len(d.Connections)+len(d.Networks))}
	add := func(r Ref) {
		p := r.Path(d)
		if _, dup := ix.refs[p]; !dup { // duplicate names: the first element
			ix.refs[p] = r
		}
	}
	for vi := range d.VPCs {
		add(Ref{Kind: VPC, V: vi})
		v := &d.VPCs[vi]
		for ti := range v.Tiers {
			add(Ref{Kind: Tier, V: vi, T: ti})
			if l != nil && vi < len(l.VPCs) && ti < len(l.VPCs[vi].Tiers) {
				for _, s := range l.VPCs[vi].Tiers[ti].Subnets {
					add(Ref{Kind: Subnet, V: vi, T: ti, AZ: s.AZ})
				}
			}
			for _, s := range v.Tiers[ti].Subnets {
				add(Ref{Kind: Subnet, V: vi, T: ti, AZ: s.AZ})
			}
		}
		for gi := range v.SecurityGroups {
			add(Ref{Kind: SG, V: vi, G: gi})
		}
	}
	for i := range d.Connections {
		add(Ref{Kind: Conn, I: i})
	}
	for i := range d.Networks {
		add(Ref{Kind: Network, I: i})
	}
	// Design-wide findings ("vpcs": a per-region quota) belong to the design.
	for _, top := range []string{"vpcs", "connections", "networks", "name", "region", "description", "version"} {
		if _, ok := ix.refs[top]; !ok {
			ix.refs[top] = Ref{Kind: DesignKind}
		}
	}
	return ix
}

// Lookup returns the element a path names: the element itself, or the
// closest enclosing element the designer shows ("vpcs.prod.traffic" is the
// VPC prod; what is in no element belongs to the design). Names may contain
// dots, so every shorter prefix is tried.
func (ix *PathIndex) Lookup(path string) (Ref, bool) {
	for p := path; p != ""; {
		if r, ok := ix.refs[p]; ok {
			return r, true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return Ref{Kind: DesignKind}, path != ""
}
