package design

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortAnchorsIsTheStableSort: the counting sort by line gives the
// order of the generic stable sort, ties (same line and column) kept in
// the decoder's order, on anchors shuffled in blocks as the decoder leaves
// them and on anchors off the file's lines (which take the generic sort).
func TestSortAnchorsIsTheStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 10, 300, 5_000} {
		for _, nLines := range []int{n/3 + 1, n + 7} {
			anchors := make([]anchor, n)
			for i := range anchors {
				anchors[i] = anchor{line: 1 + rng.IntN(nLines), col: 1 + rng.IntN(4), key: fmt.Sprint(i)}
			}
			if n > 0 && nLines > n {
				anchors[n/2].line = nLines + 3 // off the file
			}
			want := slices.Clone(anchors)
			slices.SortStableFunc(want, func(a, b anchor) int {
				return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
			})
			sortAnchors(anchors, nLines)
			if !slices.Equal(anchors, want) {
				t.Fatalf("%d anchors on %d lines: the counting sort differs from the stable sort", n, nLines)
			}
		}
	}
}

// TestLinesAreBytesSplit: lines cuts a file as bytes.Split on "\n" does.
func TestLinesAreBytesSplit(t *testing.T) {
	for _, data := range []string{"", "\n", "a", "a\n", "a\nbc\n\n d", "\n\nx"} {
		want := bytes.Split([]byte(data), []byte("\n"))
		l := newLines([]byte(data))
		if l.count() != len(want) {
			t.Fatalf("%q: %d lines, bytes.Split gives %d", data, l.count(), len(want))
		}
		for i, w := range want {
			if got := l.text(i + 1); !bytes.Equal(got, w) {
				t.Errorf("%q: line %d is %q, bytes.Split gives %q", data, i+1, got, w)
			}
		}
	}
}
