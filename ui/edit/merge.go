package edit

import (
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// Merge adds the VPCs, networks and connections of imp (an imported
// design) to d. Names that d already uses get a suffix, and the references
// inside imp follow them. A VPC from another region than d's keeps its
// region explicitly. It returns the index in d of the first added VPC and
// the renames ("old → new"), for the user to read.
func Merge(d, imp *design.Design) (first int, renamed []string) {
	imp = imp.Clone()
	region := imp.Region
	if d.Region == "" {
		d.Region = region
	}
	for vi := range imp.VPCs {
		v := &imp.VPCs[vi]
		if v.Region == "" && region != d.Region {
			v.Region = region
		}
		if taken := append(VPCNames(d, -1), VPCNames(imp, vi)...); slices.Contains(taken, v.Name) {
			old := v.Name
			nu := UniqueName(old, taken)
			v.Name = nu
			renameVPCRefs(imp, old, nu)
			renamed = append(renamed, "VPC "+old+" → "+nu)
		}
	}
	for ni := range imp.Networks {
		n := &imp.Networks[ni]
		if taken := append(NetworkNames(d, -1), NetworkNames(imp, ni)...); slices.Contains(taken, n.Name) {
			old := n.Name
			n.Name = UniqueName(old, taken)
			renameNetworkRefs(imp, old, n.Name)
			renamed = append(renamed, "network "+old+" → "+n.Name)
		}
	}
	for ci := range imp.Connections {
		c := &imp.Connections[ci]
		if taken := append(ConnNames(d, -1), ConnNames(imp, ci)...); slices.Contains(taken, c.Name) {
			old := c.Name
			c.Name = UniqueName(old, taken)
			renamed = append(renamed, "connection "+old+" → "+c.Name)
		}
	}
	first = len(d.VPCs)
	d.VPCs = append(d.VPCs, imp.VPCs...)
	d.Networks = append(d.Networks, imp.Networks...)
	d.Connections = append(d.Connections, imp.Connections...)
	return first, renamed
}
