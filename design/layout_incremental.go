package design

import "net/netip"

// Reresolve derives the Layout of d from prev, the layout of an earlier
// state of the same design, when only the VPCs marked in dirty may differ
// between the two: an editor changes one VPC at a time, and resolving every
// VPC again (carving, free space) costs as much as a frame in a design of
// thousands of VPCs.
//
// dirty runs parallel to d.VPCs. VPC i is resolved afresh when dirty[i] is
// true, when i is past the end of dirty (so a nil dirty resolves every VPC)
// or past the end of prev; otherwise prev's layout of VPC i is reused, with
// every pointer rebound to d's elements (d is usually a copy of prev's
// design, so prev's pointers lead to the old copy). A caller whose edit
// inserted or removed VPCs uses ReresolveMoved, or marks them all dirty. As
// a safeguard against a mistake, a VPC whose name, region or number of
// tiers differs from prev's is resolved afresh whatever dirty says.
//
// The result equals Resolve(d) whenever the unmarked VPCs are unchanged;
// prev is not modified, and it shares its immutable parts (subnets, CIDRs,
// free space) with the result.
func Reresolve(prev *Layout, d *Design, dirty []bool) *Layout {
	return ReresolveMoved(prev, d, dirty, nil)
}

// ReresolveMoved is Reresolve after an edit that also moved VPCs in the
// list (a VPC inserted or removed shifts the ones after it): from runs
// parallel to d.VPCs and gives each VPC's index in prev, or -1 for a VPC
// prev does not have (resolved afresh); nil means every VPC kept its
// index. dirty marks, by their indices in d, the VPCs whose contents may
// have changed. A VPC is resolved once, whatever its place: a layout
// depends on the VPC and the design's region only.
func ReresolveMoved(prev *Layout, d *Design, dirty []bool, from []int) *Layout {
	if prev == nil {
		return Resolve(d)
	}
	l := &Layout{Design: d, VPCs: make([]VPCLayout, len(d.VPCs)), Networks: make([]netip.Prefix, len(d.Networks))}
	// Networks are few and cheap to parse: always afresh.
	for i := range d.Networks {
		if p, err := ParseCIDR(d.Networks[i].CIDR); err == nil {
			l.Networks[i] = p
		}
	}
	for i := range d.VPCs {
		v := &d.VPCs[i]
		j := i
		if from != nil {
			j = -1
			if i < len(from) {
				j = from[i]
			}
		}
		if i < len(dirty) && !dirty[i] && j >= 0 && j < len(prev.VPCs) && reusable(&prev.VPCs[j], d, v) {
			l.VPCs[i] = rebind(&prev.VPCs[j], v)
		} else {
			l.VPCs[i] = resolveVPC(d, v)
		}
	}
	return l
}

// reusable is the cheap check that prev is the layout of a VPC that v may
// be an unchanged copy of.
func reusable(prev *VPCLayout, d *Design, v *VPC) bool {
	return prev.VPC != nil && prev.VPC.Name == v.Name && prev.Region == d.VPCRegion(v) && len(prev.Tiers) == len(v.Tiers)
}

// rebind copies prev, the layout of an unchanged copy of v, pointing it at
// v: the VPC and its tiers, and the AZ lists that Resolve takes from the
// design itself rather than computing.
func rebind(prev *VPCLayout, v *VPC) VPCLayout {
	vl := *prev
	vl.VPC = v
	if v.AZs.Names != nil {
		vl.AZs = v.AZs.Names
	}
	if sharesTiers(prev, v) {
		// v's tiers are prev's (a copy that shares the VPC's insides, as
		// the editor makes for the VPCs an edit leaves alone): prev's tier
		// layouts already point at them.
		return vl
	}
	vl.Tiers = make([]TierLayout, len(prev.Tiers))
	for ti := range prev.Tiers {
		tl := prev.Tiers[ti]
		t := &v.Tiers[ti]
		tl.Tier = t
		tl.AZs = vl.AZs
		if t.AZs != nil {
			tl.AZs = t.AZs
		}
		vl.Tiers[ti] = tl
	}
	return vl
}

// sharesTiers reports whether prev's tier layouts point into v's tiers,
// and its AZ lists are v's. A layout's tier layouts point into the tiers of
// its VPC (Resolve and Reresolve make them so), so it is enough that v and
// prev's VPC share their tiers: a check of slice headers that never reads
// the tiers, since at 100,000 subnets reading every VPC's tier layouts
// costs more in cache misses than the rest of an edit.
func sharesTiers(prev *VPCLayout, v *VPC) bool {
	old := prev.VPC.Tiers
	if len(old) != len(v.Tiers) || len(old) > 0 && &old[0] != &v.Tiers[0] {
		return false
	}
	return v.AZs.Names == nil || sameSlice(prev.AZs, v.AZs.Names)
}

// sameSlice reports whether a and b are the same slice: same length, same
// first element.
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
