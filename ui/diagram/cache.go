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
// CIDR, a prefix) and no VPC moved, Build patches the last Doc: it copies
// its array of VPCs (a pointer each) and lays out the changed VPCs only,
// so an edit costs the same whatever the size of the design, but for that
// copy. Otherwise it places every VPC again in order, reusing the parts of
// VPCs that did not change (same name, marks, width and region), at their
// new index when a VPC was inserted or removed before them (Input.From):
// the parts do not embed their index (see local.go), so placing costs a
// few additions per VPC. It never compares what VPCs hold: hashing every
// VPC's contents on every edit, as this cache once did, cost more at
// 100,000 subnets than laying out the VPC that changed.
//
// The zero Cache is ready; a nil *Cache builds everything.
type Cache struct {
	width   int
	region  string
	subnets int         // in all VPCs
	marks   Marks       // the last build's (see Input.Marks)
	conns   []markEntry // its marks of connections and networks, sorted
	doc     *Doc
}

// cachedVPC is one VPC's part of a diagram: its box and group strip, and
// their navigation rows. Docs share it; it never changes once built. It
// names the VPC's elements with V = 0, in its items and marks alike, so
// that it serves the VPC at any index (see local.go).
type cachedVPC struct {
	name    string
	marks   []markEntry // sorted, V = 0
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
// (of the VPC's index in the last build, in.From) when they can be reused,
// else new ones.
func (c *Cache) vpcParts(in Input, vi int, marks []markEntry) *cachedVPC {
	if c != nil && c.doc != nil && in.Dirty != nil && vi < len(in.Dirty) && !in.Dirty[vi] &&
		c.width == in.Width && c.region == in.Design.Region {
		old := vi
		if in.From != nil {
			old = -1
			if vi < len(in.From) {
				old = in.From[vi]
			}
		}
		if old >= 0 && old < len(c.doc.vpcs) {
			if hit := c.doc.vpcs[old]; hit.name == in.Design.VPCs[vi].Name && slices.Equal(hit.marks, marks) {
				return hit
			}
		}
	}
	return newParts(in, vi, marks)
}

// tailParts returns the tail for a build in order: the last build's when
// connections, networks and their marks (conns, sorted) are the same (the
// tail moves with the VPCs above it, but its lines do not change), else a
// new one.
func (c *Cache) tailParts(in Input, conns []markEntry) segment {
	if c != nil && c.doc != nil && in.Dirty != nil && !in.ConnsDirty && slices.Equal(conns, c.conns) {
		return c.doc.tail
	}
	return newTail(in)
}

// store keeps a build for the next; conns is its sorted marks of
// connections and networks.
func (c *Cache) store(in Input, doc *Doc, subnets int, conns []markEntry) {
	if c == nil {
		return
	}
	c.width, c.region, c.subnets, c.doc, c.marks, c.conns = in.Width, in.Design.Region, subnets, doc, in.Marks, conns
}

// patch returns the last Doc with the changed VPCs replaced, or nil when
// it cannot (see Cache).
func (c *Cache) patch(in Input) *Doc {
	d := in.Design
	if c == nil || c.doc == nil || in.Dirty == nil || in.From != nil || len(in.Dirty) != len(d.VPCs) || len(c.doc.vpcs) != len(d.VPCs) ||
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
		case r.InVPC():
			if r.V >= 0 && r.V < len(d.VPCs) {
				changed[r.V] = true
			}
		case isConnRef(r):
			conns = true
		}
	}
	connMarks := c.conns
	if !sameMap(in.Marks, c.marks) {
		connMarks = nil
		for r, sev := range in.Marks {
			if c.marks[r] != sev {
				note(r)
			}
			if isConnRef(r) {
				connMarks = append(connMarks, markEntry{r, sev})
			}
		}
		sortMarks(connMarks)
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
		if r.InVPC() && changed[r.V] {
			marks[r.V] = append(marks[r.V], localMark(r, sev))
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
		doc.tail = newTail(in)
		doc.h = doc.tailY + doc.tail.h
	}
	doc.w = max(doc.head.w, doc.vpcW, doc.tail.w)
	c.store(in, &doc, subnets, connMarks)
	return &doc
}

// sameMap reports whether a and b are the same map (not equal ones).
func sameMap(a, b Marks) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// markEntry is one marked element of a VPC, named as its parts name it
// (V = 0).
type markEntry struct {
	ref edit.Ref
	sev int
}

// localMark is the entry of the mark sev of ref, an element of a VPC.
func localMark(ref edit.Ref, sev int) markEntry {
	ref.V = 0
	return markEntry{ref, sev}
}

func isConnRef(r edit.Ref) bool { return r.Kind == edit.Conn || r.Kind == edit.Network }

// splitMarks splits the marks of VPC elements by VPC and returns those of
// connections and networks apart, in one pass over the marks; each list
// is sorted so that two builds' marks compare with slices.Equal.
func splitMarks(in Input) (byVPC [][]markEntry, conns []markEntry) {
	byVPC = make([][]markEntry, len(in.Design.VPCs))
	for ref, sev := range in.Marks {
		switch {
		case ref.InVPC() && ref.V >= 0 && ref.V < len(byVPC):
			byVPC[ref.V] = append(byVPC[ref.V], localMark(ref, sev))
		case isConnRef(ref):
			conns = append(conns, markEntry{ref, sev})
		}
	}
	for _, ms := range byVPC {
		sortMarks(ms)
	}
	return byVPC, sortMarks(conns)
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
