package design

import "testing"

// TestCarveKeepsSlicesApart: slices cut from one chunk never share
// elements, even when one of them is appended to past its size, and an
// empty one is not nil (marshal tells an empty key list from none).
func TestCarveKeepsSlicesApart(t *testing.T) {
	var chunk []string
	a := carve(&chunk, 2)
	b := carve(&chunk, 2)
	a = append(a, "a1", "a2")
	b = append(b, "b1", "b2")
	a = append(a, "a3") // past its capacity: must not reach b
	if b[0] != "b1" || b[1] != "b2" || len(a) != 3 || a[2] != "a3" {
		t.Fatalf("carved slices overlap: a=%q b=%q", a, b)
	}
	if e := carve(&chunk, 0); e == nil || cap(e) != 0 {
		t.Fatalf("carve(0) = %#v, want an empty non-nil slice of capacity 0", e)
	}
	var fresh []int
	if e := carve(&fresh, 0); e == nil {
		t.Fatal("carve(0) from an empty chunk is nil")
	}
	big := carve(&chunk, slabChunk)
	if cap(big) != slabChunk || len(chunk) != 4 {
		t.Fatalf("a large request took the chunk: cap %d, chunk used %d", cap(big), len(chunk))
	}
	p, q := one(&chunk), one(&chunk)
	*p, *q = "p", "q"
	if *p != "p" || p == q {
		t.Fatal("one returned the same element twice")
	}
}

// TestListStyleFollowsDroppedKeys: a source's record of which lists were
// written in flow style stays with its keys when an earlier key is
// dropped, and a key without a list has no style.
func TestListStyleFollowsDroppedKeys(t *testing.T) {
	s := &source{keyOrder: []string{"name", "azs", "tiers", "endpoints"}, keyPos: make([]Position, 4)}
	s.setListStyle("azs", true)
	s.setListStyle("tiers", false)
	s.setListStyle("endpoints", true)
	s.setListStyle("endpoints", false) // the last record wins
	want := func(key string, flow, ok bool) {
		t.Helper()
		if f, o := s.listStyle(key); f != flow || o != ok {
			t.Errorf("listStyle(%q) = %v, %v; want %v, %v (keys %q)", key, f, o, flow, ok, s.keyOrder)
		}
	}
	want("azs", true, true)
	want("tiers", false, true)
	want("endpoints", false, true)
	want("name", false, false)
	s.dropKey(0)
	want("azs", true, true)
	want("tiers", false, true)
	want("name", false, false)
	s.dropKey(1) // tiers
	want("azs", true, true)
	want("endpoints", false, true)
	want("tiers", false, false)
	if len(s.keyOrder) != 2 || len(s.keyPos) != 2 {
		t.Fatalf("keys after two drops: %q", s.keyOrder)
	}
	var none *source
	if _, ok := none.listStyle("azs"); ok {
		t.Error("a nil source has a list style")
	}
}

// TestSizedIsNilForNone: an empty list decodes to nil, as appending
// nothing left it, so that `egress: []` and an absent key stay told apart
// by their own code; a list of n items gets room for all of them.
func TestSizedIsNilForNone(t *testing.T) {
	if s := sized[Rule](0); s != nil {
		t.Fatalf("sized(0) = %#v, want nil", s)
	}
	if s := sized[VPC](3); s == nil || len(s) != 0 || cap(s) != 3 {
		t.Fatalf("sized(3): len %d cap %d", len(s), cap(s))
	}
}
