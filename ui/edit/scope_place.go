package edit

// Structural scopes: a VPC inserted into the list or removed from it.
//
// Adding or removing a VPC shifts the index of every VPC after it, but
// changes nothing else: AddVPC only inserts, and RemoveVPC leaves the
// references to the VPC it removes (connections, rule peers) for
// validation to report. Saying so, rather than "everything", lets the
// copy for undo share every VPC (CloneFor), the layout and the diagram
// reuse every other VPC's parts at its new index (Before, From), and undo
// and redo do the same in reverse (Reverse).

// InsertVPC is the scope of inserting a VPC at index at (AddVPC): the VPCs
// from at on move one place down, unchanged, and nothing else changes.
func InsertVPC(at int) Scope {
	return Scope{known: true, vpcs: []int{at}, place: 1, at: at}
}

// RemoveVPCAt is the scope of removing the VPC at index at (RemoveVPC):
// the VPCs after it move one place up, unchanged, and nothing else
// changes.
func RemoveVPCAt(at int) Scope {
	return Scope{known: true, place: -1, at: at}
}

// Place reports where a structural scope inserted (delta 1) or removed
// (delta -1) a VPC; delta is 0 for every other scope.
func (s Scope) Place() (at, delta int) {
	if !s.known || s.place == 0 {
		return 0, 0
	}
	return s.at, s.place
}

// Before returns the index before the edit of the VPC at index i after
// it: i itself unless a VPC was inserted or removed before it, -1 for the
// VPC inserted. It is meaningless for the scope everything.
func (s Scope) Before(i int) int {
	switch {
	case s.place == 0 || i < s.at:
		return i
	case s.place > 0 && i == s.at:
		return -1
	case s.place > 0:
		return i - 1
	}
	return i + 1
}

// After returns the index after the edit of the VPC at index j before it:
// the inverse of Before, -1 for the VPC removed.
func (s Scope) After(j int) int {
	switch {
	case s.place == 0 || j < s.at:
		return j
	case s.place > 0:
		return j + 1
	case j == s.at:
		return -1
	}
	return j - 1
}

// From returns, for a design of n VPCs after the edit, each VPC's index
// before it (Before), or nil when no VPC changed place: what
// design.ReresolveMoved and the diagram's cache (diagram.Input.From) read.
func (s Scope) From(n int) []int {
	if !s.known || s.place == 0 {
		return nil
	}
	from := make([]int, n)
	for i := range from {
		from[i] = s.Before(i)
	}
	return from
}

// Reverse returns the scope of going back from the state after the edit to
// the state before it (undo): a VPC inserted is removed at the same index
// and the other way round; an edit that moves no VPC changes the same
// VPCs both ways.
func (s Scope) Reverse() Scope {
	switch {
	case !s.known:
		return s
	case s.place > 0:
		return RemoveVPCAt(s.at)
	case s.place < 0:
		return InsertVPC(s.at)
	}
	return s
}

// InsertIndex is the index AddVPC gives a VPC added after the VPC at index
// after (-1: at the end) in a list of n VPCs: the index of its scope.
func InsertIndex(n, after int) int {
	if after >= 0 && after < n {
		return after + 1
	}
	return n
}
