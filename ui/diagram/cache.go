package diagram

import (
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// Cache keeps the laid-out VPCs of the last Build. An edit usually changes
// one VPC; the others are reused when their fingerprint (their content, the
// marks on them, their index and the pane width) is unchanged, which halves
// the cost of an edit in a large design. The zero Cache is ready; a nil
// *Cache builds everything.
type Cache struct {
	vpcs map[uint64]*cachedVPC
}

type cachedVPC struct {
	block *vpcBlock
	rows  [][]Item // Y relative to the block
	strip *stripBlock
	srow  []Item
}

// vpcParts returns VPC vi's blocks and rows, from the cache when its
// fingerprint is there; next collects the entries of this build.
func (c *Cache) vpcParts(in Input, vi int, counts [][3]int, marks []markEntry, next map[uint64]*cachedVPC) *cachedVPC {
	var fp uint64
	if c != nil {
		fp = fingerprint(in, vi, counts, marks)
		if hit, ok := c.vpcs[fp]; ok {
			next[fp] = hit
			return hit
		}
	}
	cv := &cachedVPC{}
	cv.block, cv.rows = newVPC(in, vi, counts)
	cv.strip, cv.srow = newStrip(in, vi)
	if c != nil {
		next[fp] = cv
	}
	return cv
}

// copyRows returns rows with fresh backing arrays (the builder offsets Y).
func copyRows(rows [][]Item) [][]Item {
	out := make([][]Item, len(rows))
	for i, r := range rows {
		out[i] = append([]Item(nil), r...)
	}
	return out
}

// markEntry is one marked element of a VPC.
type markEntry struct {
	ref edit.Ref
	sev int
}

// marksByVPC splits the marks of VPC elements by VPC.
func marksByVPC(in Input) [][]markEntry {
	out := make([][]markEntry, len(in.Design.VPCs))
	for ref, sev := range in.Marks {
		switch ref.Kind {
		case edit.VPC, edit.Tier, edit.Subnet, edit.SG:
			if ref.V >= 0 && ref.V < len(out) {
				out[ref.V] = append(out[ref.V], markEntry{ref, sev})
			}
		}
	}
	return out
}

// fingerprint hashes everything the blocks of VPC vi are drawn from.
func fingerprint(in Input, vi int, counts [][3]int, marks []markEntry) uint64 {
	w := newHash()
	v := &in.Design.VPCs[vi]
	w.ints(vi, in.Width, v.AZs.Count, len(v.Tiers), len(v.SecurityGroups), len(v.Workloads))
	w.strs(in.Design.Region, v.Name, v.Region, v.CIDR, string(v.NAT))
	if v.FlowLogs {
		w.ints(1)
	}
	w.list(v.SecondaryCIDRs)
	w.list(v.AZs.Names)
	w.list(v.Endpoints)
	for _, t := range v.Tiers {
		w.strs(t.Name, string(t.Kind))
		w.ints(t.Prefix, len(t.Subnets))
		w.list(t.AZs)
		for _, s := range t.Subnets {
			w.strs(s.AZ, s.CIDR)
		}
	}
	for _, g := range v.SecurityGroups {
		w.strs(g.Name, g.Tier)
		w.rules(g.Ingress)
		w.rules(g.Egress)
	}
	for _, wl := range v.Workloads {
		w.strs(wl.Name, string(wl.Kind), wl.Tier, wl.SecurityGroup)
	}
	if vi < len(counts) {
		w.ints(counts[vi][0], counts[vi][1], counts[vi][2])
	}
	// Marks: an order-independent sum of the entries' hashes.
	var sum uint64
	for _, m := range marks {
		e := newHash()
		e.ints(int(m.ref.Kind), m.ref.V, m.ref.T, m.ref.G, m.sev)
		e.strs(m.ref.AZ)
		sum += uint64(e)
	}
	w.ints(int(sum), len(marks))
	return uint64(w)
}

// fnvHash is 64-bit FNV-1a, written out so that hashing strings does not
// allocate.
type fnvHash uint64

func newHash() fnvHash { return 14695981039346656037 }

func (h *fnvHash) byte(b byte) { *h = (*h ^ fnvHash(b)) * 1099511628211 }

func (h *fnvHash) ints(xs ...int) {
	for _, x := range xs {
		for i := range 8 {
			h.byte(byte(uint64(x) >> (8 * i)))
		}
	}
}

// strs writes each string with its length, so that ("ab","c") and
// ("a","bc") differ.
func (h *fnvHash) strs(ss ...string) {
	for _, s := range ss {
		h.ints(len(s))
		for i := 0; i < len(s); i++ {
			h.byte(s[i])
		}
	}
}

func (h *fnvHash) list(ss []string) {
	if ss == nil {
		h.ints(-1)
		return
	}
	h.ints(len(ss))
	h.strs(ss...)
}

func (h *fnvHash) rules(rs []design.Rule) {
	if rs == nil {
		h.ints(-1)
		return
	}
	h.ints(len(rs))
	for _, r := range rs {
		h.strs(r.From, r.To, r.Ports, r.Protocol, r.Description)
	}
}
