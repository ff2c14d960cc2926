package mermaid

import (
	"github.com/vpcsmith/vpcsmith/design"
)

// names finds VPCs and networks by name; the first of a duplicated name
// wins, as everywhere else in the design.
type names struct {
	vpcs, networks map[string]int
}

func indexNames(d *design.Design) names {
	n := names{vpcs: map[string]int{}, networks: map[string]int{}}
	for i := range d.VPCs {
		if _, dup := n.vpcs[d.VPCs[i].Name]; !dup {
			n.vpcs[d.VPCs[i].Name] = i
		}
	}
	for i := range d.Networks {
		if _, dup := n.networks[d.Networks[i].Name]; !dup {
			n.networks[d.Networks[i].Name] = i
		}
	}
	return n
}
