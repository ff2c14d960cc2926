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
