package design

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// manyKeys is a design of n keys at the top level besides version, each
// unknown (k0000000: 1, ...), and dup adds one that repeats the first.
func manyKeys(n int, dup bool) []byte {
	var b strings.Builder
	b.Grow(13 * n)
	b.WriteString("version: 1\n")
	for i := range n {
		fmt.Fprintf(&b, "k%07d: 1\n", i)
	}
	if dup {
		b.WriteString("k0000000: 2\n")
	}
	return []byte(b.String())
}

func asLoadErrors(t *testing.T, err error) LoadErrors {
	t.Helper()
	var le LoadErrors
	if !errors.As(err, &le) {
		t.Fatalf("error is %T, not LoadErrors: %v", err, err)
	}
	return le
}

// The fast path finds a repeated key past the first keys, where it looks
// keys up in a set instead of comparing them, and leaves the file to goccy.
func TestFastPathFindsDuplicatesInLargeMappings(t *testing.T) {
	for _, n := range []int{smallMapping - 1, smallMapping, smallMapping + 1, 5000} {
		if _, _, ok := parseCanonical(manyKeys(n, false)); !ok {
			t.Errorf("%d distinct keys: the fast path declined", n)
		}
		if _, _, ok := parseCanonical(manyKeys(n, true)); ok {
			t.Errorf("%d keys and a repeat of the first: the fast path accepted it", n)
		}
	}
	flow := "version: 1\nx: {" + strings.Repeat("a: 1, ", 0)
	for i := range 40 {
		flow += "f" + strconv.Itoa(i) + ": 1, "
	}
	if _, _, ok := parseCanonical([]byte(flow + "f0: 2}\n")); ok {
		t.Error("a flow mapping repeating its first key after 40 keys: the fast path accepted it")
	}
	if _, _, ok := parseCanonical([]byte(flow + "g: 2}\n")); !ok {
		t.Error("a flow mapping of 41 distinct keys: the fast path declined")
	}
}

// 200,000 keys (2.9 MB) in the fast path: every one reported would be
// 200,000 errors; the list stops at MaxLoadErrors and counts the rest.
// BenchmarkManyKeys times it.
func TestManyKeysAreCappedErrors(t *testing.T) {
	_, err := Parse("keys.yaml", manyKeys(200_000, false))
	le := asLoadErrors(t, err)
	if len(le) != MaxLoadErrors+1 {
		t.Fatalf("%d errors, want the first %d and a count of the rest", len(le), MaxLoadErrors)
	}
	if got, want := le[0].Error(), `keys.yaml:2:1: unknown key "k0000000" in the design`; got != want {
		t.Errorf("first error %q, want %q", got, want)
	}
	want := "keys.yaml: … and 199,900 more errors; only the first 100 are listed; fix those and load the file again"
	if got := le[len(le)-1].Error(); got != want {
		t.Errorf("last error %q, want %q", got, want)
	}
}

// goccy's parser is quadratic in the keys of one mapping (40,000 keys: 18 s),
// so a file it would parse is refused by the token prescan past
// maxMappingKeys, at the key that goes over, before the parser runs.
func TestTooManyKeysForGoccyAreRefused(t *testing.T) {
	// The repeated key makes the fast path decline: goccy's road.
	_, err := Parse("keys.yaml", manyKeys(200_000, true))
	le := asLoadErrors(t, err)
	want := "keys.yaml:1001:1: a mapping holds more than 1,000 keys; a design's mappings have a dozen keys at most; check the file is a vpcsmith design"
	if len(le) != 1 || le[0].Error() != want {
		t.Fatalf("got %v, want %q", le, want)
	}
	// In flow style and inside lists too.
	var b strings.Builder
	b.WriteString("version: 1\nvpcs:\n  - name: a\n    x: {")
	for i := range maxMappingKeys + 1 {
		fmt.Fprintf(&b, "'k%d': 1, ", i)
	}
	b.WriteString("}\n")
	_, err = Parse("flow.yaml", []byte(b.String()))
	le = asLoadErrors(t, err)
	if len(le) != 1 || !strings.Contains(le[0].Message, "more than 1,000 keys") || le[0].Pos.Line != 4 {
		t.Fatalf("flow mapping of %d keys: got %v", maxMappingKeys+1, le)
	}
}

// The prescan counts keys per mapping, not per file: a list of many
// small mappings, as every large design is, passes it.
func TestKeyPrescanPassesLargeLists(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\r\nvpcs:\r\n")
	for i := range 3 * maxMappingKeys {
		fmt.Fprintf(&b, "  - name: v%d\r\n    cidr: 10.0.0.0/16\r\n    azs: [a, b]\r\n  - {name: w%d, cidr: 10.1.0.0/16}\r\n", i, i)
	}
	d, err := Parse("list.yaml", []byte(b.String())) // CRLF: goccy's road
	if err != nil {
		t.Fatal(err)
	}
	if len(d.VPCs) != 6*maxMappingKeys {
		t.Fatalf("%d VPCs", len(d.VPCs))
	}
}

// hostileKeys is a file of as many distinct unknown keys as fit in size
// bytes: "A: 1", ..., "a: 1", ..., "A0: 1", ...
func hostileKeys(size int) []byte {
	b := make([]byte, 0, size)
	b = append(b, "version: 1\n"...)
	for i := 0; ; i++ {
		k := strconv.FormatInt(int64(i), 36)
		if k[0] >= '0' && k[0] <= '9' { // keys start with a letter: 0 → A
			k = string(rune('A'+k[0]-'0')) + k[1:]
		}
		if len(b)+len(k)+5 > size {
			return b
		}
		b = append(b, k...)
		b = append(b, ": 1\n"...)
	}
}

// A 4 MiB file of unknown keys is answered with the capped list, allocating
// far less than the 732 MB that listing 729,400 errors took. Bytes
// allocated bound the peak heap from above and, unlike the peak, do not
// depend on when the collector runs.
func TestHostileUnknownKeysAreCapped(t *testing.T) {
	data := hostileKeys(MaxFileSize)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse("hostile.yaml", data)
	runtime.ReadMemStats(&after)
	le := asLoadErrors(t, err)
	if len(le) != MaxLoadErrors+1 || !strings.HasPrefix(le[len(le)-1].Message, "… and ") {
		t.Fatalf("%d errors, last %v", len(le), le[len(le)-1])
	}
	t.Logf("allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 300<<20 {
		t.Errorf("loading allocated %d MB, want under 300", alloc>>20)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 729300: "729,300", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkManyKeys loads the 2.9 MB file of 200,000 top-level keys (47 s
// when the fast path compared each key with every earlier one).
func BenchmarkManyKeys(b *testing.B) {
	data := manyKeys(200_000, false)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("keys.yaml", data); err == nil {
			b.Fatal("loaded")
		}
	}
}
