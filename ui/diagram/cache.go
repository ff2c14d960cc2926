package diagram

import (
	"cmp"
	"reflect"
	"slices"

	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// Cache keeps what the last Build made with it, so that the next Build,
// after an edit, redoes only what the edit changed. The caller says which
// VPCs may have changed (Input.Dirty) and whether connections or networks
// may have (Input.ConnsDirty); the cache finds the elements whose marks
// changed itself, by comparing the marks with the last build's.
//
// When no changed VPC's box changed size (the usual edit: a NAT mode, a
// CIDR, a prefix), Build patches the last Doc: it copies its array of
// VPCs (a pointer each) and lays out the changed VPCs only, so an edit
// costs the same whatever the size of the design, but for that copy.
// Otherwise it places every VPC again in order, reusing the parts of VPCs
// that did not change (same index and name, marks, width and region). It
// never compares what VPCs hold: hashing every VPC's contents on every
// edit, as this cache once did, cost more at 100,000 subnets than laying
// out the VPC that changed.
//
// The zero Cache is ready; a nil *Cache builds everything.
type Cache struct {
	width   int
	region  string
	subnets int   // in all VPCs
	marks   Marks // the last build's (see Input.Marks)
	doc     *Doc
}

// cachedVPC is one VPC's part of a diagram: its box and group strip, and
// their navigation rows. Docs share it; it never changes once built.
type cachedVPC struct {
	name    string
	marks   []markEntry // sorted
	subnets int
	w       int // the wider of box and strip
	block   *vpcBlock
	rows    [][]Item // Y relative to the box
	strip   *stripBlock
	srow    []Item // Y relative to the strip
}

// newParts lays out VPC vi.
func newParts(in Input, vi int, marks []markEntry) *cachedVPC {
	cv := &cachedVPC{name: in.Design.VPCs[vi].Name, marks: marks, subnets: subnetsOf(in, vi)}
	cv.block, cv.rows = newVPC(in, vi, markCounts(marks))
	cv.strip, cv.srow = newStrip(in, vi)
	cv.w = cv.block.width()
	if cv.hasStrip() {
		cv.w = max(cv.w, cv.strip.width())
	}
	return cv
}

// hasStrip reports whether the VPC shows a security-group strip.
func (cv *cachedVPC) hasStrip() bool { return cv.strip != nil && len(cv.srow) > 0 }

// sameShape reports whether a and b take the same lines and rows, so that
// one can replace the other in place.
func sameShape(a, b *cachedVPC) bool {
	if a.block.height() != b.block.height() || len(a.rows) != len(b.rows) || a.hasStrip() != b.hasStrip() {
		return false
	}
	return !a.hasStrip() || a.strip.height() == b.strip.height()
}

// vpcParts returns VPC vi's parts for a build in order: the cached ones
// when they can be reused, else new ones.
func (c *Cache) vpcParts(in Input, vi int, marks []markEntry) *cachedVPC {
	if c != nil && c.doc != nil && in.Dirty != nil && vi < len(in.Dirty) && !in.Dirty[vi] && vi < len(c.doc.vpcs) &&
		c.width == in.Width && c.region == in.Design.Region {
		if hit := c.doc.vpcs[vi]; hit.name == in.Design.VPCs[vi].Name && slices.Equal(hit.marks, marks) {
			return hit
		}
	}
	return newParts(in, vi, marks)
}

// store keeps a build for the next.
func (c *Cache) store(in Input, doc *Doc, subnets int) {
	if c == nil {
		return
	}
	c.width, c.region, c.subnets, c.doc, c.marks = in.Width, in.Design.Region, subnets, doc, in.Marks
}

// patch returns the last Doc with the changed VPCs replaced, or nil when
// it cannot (see Cache).
func (c *Cache) patch(in Input) *Doc {
	d := in.Design
	if c == nil || c.doc == nil || in.Dirty == nil || len(in.Dirty) != len(d.VPCs) || len(c.doc.vpcs) != len(d.VPCs) ||
		c.width != in.Width || c.region != d.Region {
		return nil
	}
	// What changed: the dirty VPCs, and the elements whose marks differ.
	changed := map[int]bool{}
	for vi, dirty := range in.Dirty {
		if dirty {
			changed[vi] = true
		}
	}
	conns := in.ConnsDirty
	note := func(r edit.Ref) {
		switch {
		case isVPCRef(r):
			if r.V >= 0 && r.V < len(d.VPCs) {
				changed[r.V] = true
			}
		case r.Kind == edit.Conn || r.Kind == edit.Network:
			conns = true
		}
	}
	if !sameMap(in.Marks, c.marks) {
		for r, sev := range in.Marks {
			if c.marks[r] != sev {
				note(r)
			}
		}
		for r := range c.marks {
			if _, ok := in.Marks[r]; !ok {
				note(r)
			}
		}
	}
	if len(changed) > len(d.VPCs)/4+1 {
		return nil // as cheap to place every VPC again
	}
	marks := map[int][]markEntry{}
	for r, sev := range in.Marks {
		if isVPCRef(r) && changed[r.V] {
			marks[r.V] = append(marks[r.V], markEntry{r, sev})
		}
	}
	prev := c.doc
	parts := make(map[int]*cachedVPC, len(changed))
	for vi := range changed {
		cv := newParts(in, vi, sortMarks(marks[vi]))
		if !sameShape(prev.vpcs[vi], cv) {
			return nil
		}
		parts[vi] = cv
	}

	// The same places: share them, and the tail unless it changed.
	doc := *prev
	doc.vpcs = slices.Clone(prev.vpcs)
	subnets := c.subnets
	narrower := false
	for vi, cv := range parts {
		old := doc.vpcs[vi]
		subnets += cv.subnets - old.subnets
		narrower = narrower || old.w == prev.vpcW && cv.w < old.w
		doc.vpcW = max(doc.vpcW, cv.w)
		doc.vpcs[vi] = cv
	}
	if narrower {
		// The widest VPC got narrower: find the widest now.
		doc.vpcW = 0
		for _, cv := range doc.vpcs {
			doc.vpcW = max(doc.vpcW, cv.w)
		}
	}
	doc.head, _ = newHead(d, subnets)
	if conns {
		doc.netRow = doc.connRow + len(d.Connections)
		doc.tail, doc.h = newTail(in, doc.tailY)
	}
	doc.w = max(doc.head.w, doc.vpcW, doc.tail.w)
	c.store(in, &doc, subnets)
	return &doc
}

// sameMap reports whether a and b are the same map (not equal ones).
func sameMap(a, b Marks) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// markEntry is one marked element of a VPC.
type markEntry struct {
	ref edit.Ref
	sev int
}

func isVPCRef(r edit.Ref) bool {
	switch r.Kind {
	case edit.VPC, edit.Tier, edit.Subnet, edit.SG:
		return true
	}
	return false
}

// marksByVPC splits the marks of VPC elements by VPC, each VPC's sorted so
// that two builds' marks compare with slices.Equal.
func marksByVPC(in Input) [][]markEntry {
	out := make([][]markEntry, len(in.Design.VPCs))
	for ref, sev := range in.Marks {
		if isVPCRef(ref) && ref.V >= 0 && ref.V < len(out) {
			out[ref.V] = append(out[ref.V], markEntry{ref, sev})
		}
	}
	for _, ms := range out {
		sortMarks(ms)
	}
	return out
}

func sortMarks(ms []markEntry) []markEntry {
	if len(ms) > 1 {
		slices.SortFunc(ms, func(a, b markEntry) int {
			return cmp.Or(cmp.Compare(a.ref.Kind, b.ref.Kind), cmp.Compare(a.ref.T, b.ref.T), cmp.Compare(a.ref.G, b.ref.G),
				cmp.Compare(a.ref.I, b.ref.I), cmp.Compare(a.ref.AZ, b.ref.AZ), cmp.Compare(a.sev, b.sev))
		})
	}
	return ms
}
