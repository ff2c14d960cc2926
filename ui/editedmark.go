package ui

import (
	"net/netip"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// markRef is where the diagram marks finding f, whose element is r. An
// overlap is reported on whichever of the two subnets sorts later by
// address, often not the one just edited; when the selected subnet (the
// cell the user edited, or is looking at) is the other side of it, the ✗
// goes on the selected one, where the user's eyes are (issue 15). The
// problems pane keeps the finding's own element.
func (m *Model) markRef(f *design.Finding, r edit.Ref) edit.Ref {
	sel := m.sel
	if f.Code != "subnet-overlap" || sel.Kind != edit.Subnet || r.Kind != edit.Subnet || r == sel || r.V != sel.V {
		return r
	}
	a, okA := m.subnetPrefix(r)
	b, okB := m.subnetPrefix(sel)
	if okA && okB && a.Overlaps(b) {
		return sel
	}
	return r
}

// subnetPrefix is the IPv4 CIDR of the subnet r in the current layout.
func (m *Model) subnetPrefix(r edit.Ref) (netip.Prefix, bool) {
	if m.layout == nil || r.V >= len(m.layout.VPCs) || r.T >= len(m.layout.VPCs[r.V].Tiers) {
		return netip.Prefix{}, false
	}
	for _, s := range m.layout.VPCs[r.V].Tiers[r.T].Subnets {
		if s.AZ == r.AZ {
			return s.Prefix, s.Prefix.IsValid()
		}
	}
	return netip.Prefix{}, false
}
