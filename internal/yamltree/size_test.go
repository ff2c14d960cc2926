package yamltree

import (
	"testing"
	"unsafe"
)

// TestNodeHasNoPadding: a Node's kind and flags share a word, so a node is
// 136 bytes on 64-bit platforms (144 with them apart); the fast path of
// design allocates a million of them for a 100k-subnet design.
func TestNodeHasNoPadding(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are for 64-bit platforms")
	}
	if got := unsafe.Sizeof(Node{}); got > 136 {
		t.Fatalf("a Node is %d bytes, want at most 136", got)
	}
}
