package design

import (
	"net/netip"
	"sort"
)

// allocator hands out aligned blocks of a VPC's address space first-fit,
// around what is already taken. Blocks come from the VPC's CIDRs in order
// (primary first, then secondaries).
type allocator struct {
	pools []span
	taken []span // sorted by lo; may overlap (invalid designs)
	// next remembers, per pool and prefix length, where the last search for
	// that size ended: first-fit for one size only moves forward, since
	// space is never freed while carving, so later searches start there.
	next map[[2]int]uint32
}

func newAllocator(cidrs []netip.Prefix, taken []netip.Prefix) *allocator {
	a := &allocator{next: map[[2]int]uint32{}}
	for _, c := range cidrs {
		a.pools = append(a.pools, spanOf(c))
	}
	for _, t := range taken {
		a.taken = append(a.taken, spanOf(t))
	}
	sort.Slice(a.taken, func(i, j int) bool { return a.taken[i].lo < a.taken[j].lo })
	return a
}

// allocate returns the first free aligned /bits block, or false.
func (a *allocator) allocate(bits int) (netip.Prefix, bool) {
	size := uint64(1) << (32 - bits)
	for pi, pool := range a.pools {
		if uint64(pool.hi-pool.lo)+1 < size {
			continue
		}
		key := [2]int{pi, bits}
		cand := uint64(pool.lo)
		if n, ok := a.next[key]; ok {
			cand = uint64(n)
		}
		cand = alignUp(cand, size)
		// The first taken span that could overlap [cand, ...).
		i := sort.Search(len(a.taken), func(i int) bool { return uint64(a.taken[i].hi) >= cand })
		for cand+size-1 <= uint64(pool.hi) {
			blocked := false
			for ; i < len(a.taken) && uint64(a.taken[i].lo) <= cand+size-1; i++ {
				if uint64(a.taken[i].hi) >= cand {
					cand = alignUp(uint64(a.taken[i].hi)+1, size)
					blocked = true
					break
				}
			}
			if !blocked {
				s := span{uint32(cand), uint32(cand + size - 1)}
				a.take(s)
				a.next[key] = uint32(cand)
				return prefixAt(s.lo, bits), true
			}
		}
		a.next[key] = pool.hi // full for this size
	}
	return netip.Prefix{}, false
}

func (a *allocator) take(s span) {
	i := sort.Search(len(a.taken), func(i int) bool { return a.taken[i].lo >= s.lo })
	a.taken = append(a.taken, span{})
	copy(a.taken[i+1:], a.taken[i:])
	a.taken[i] = s
}

func alignUp(v, size uint64) uint64 { return (v + size - 1) / size * size }
