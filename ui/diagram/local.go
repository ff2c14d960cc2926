package diagram

import "github.com/vpcsmith/vpcsmith/ui/edit"

// A VPC's parts (its box, its group strip and their navigation rows: see
// cachedVPC) name the elements they draw with V = 0, "this VPC", rather
// than with the VPC's index: the Doc sets V to the index where the part is
// placed whenever it hands an element out (items, HitTest) or compares one
// with a part's (locate, drawing the selection). So when a VPC is inserted
// or removed, the parts of the VPCs after it are reused at their new
// indices as they are, instead of being laid out again (or copied with
// every Ref rewritten), which at 100,000 subnets took most of a second.

// markOf returns the mark of the element local (V = 0) of the VPC at vi.
func markOf(in Input, vi int, local edit.Ref) int {
	local.V = vi
	return in.Marks[local]
}

// localRef returns ref as the parts of VPC vi name it, and whether it is
// an element of that VPC.
func localRef(ref edit.Ref, vi int) (edit.Ref, bool) {
	if !ref.InVPC() || ref.V != vi {
		return edit.Ref{}, false
	}
	ref.V = 0
	return ref, true
}

// placeItem returns an item of the parts of VPC vi (vi < 0: of the head or
// the tail, which name their elements fully) as the Doc hands it out.
func placeItem(it Item, vi int) Item {
	if vi >= 0 {
		it.Ref.V = vi
	}
	return it
}

// inVPC returns the renderer for drawing the parts of VPC vi: its
// selection is the parts' name for the selected element when that is in
// the VPC, and nothing otherwise.
func (r *renderer) inVPC(vi int) *renderer {
	local := *r
	local.sel, _ = localRef(r.sel, vi)
	return &local
}
