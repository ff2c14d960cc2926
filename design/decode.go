package design

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/token"

	"github.com/vpcsmith/vpcsmith/internal/suggest"
	"github.com/vpcsmith/vpcsmith/internal/yamltree"
)

// decoder turns a parsed YAML document into a Design, collecting every error
// instead of stopping at the first, and recording each element's source.
type decoder struct {
	file    string
	errs    LoadErrors
	more    int      // errors found past MaxLoadErrors, counted and not listed
	anchors []anchor // places comments can attach to, in no particular order
	// keepAnchors is false when the file has no comment and no blank line
	// before its last line, which leave anchors nothing to attach.
	keepAnchors bool
	// parallelMin and chunks say how a design's VPCs are decoded: in
	// chunks (more than one) when there are at least parallelMin of them.
	parallelMin, chunks int
	slab                decodeSlab
}

// decodeSlab hands out what each decoded mapping needs (its fields, its
// source record and that record's key slices) from chunks shared by many
// mappings: a 100k-subnet design has about 400,000 mappings, and five
// allocations each were a third of the load's allocations and much of its
// garbage-collection work. The design keeps its sources, and so the chunks
// that hold them, for as long as it lives, as it kept each source before.
type decodeSlab struct {
	fields  []fields
	sources []source
	vals    []*yamlNode
	keys    []string
	pos     []Position
}

// slabChunk is how many elements a chunk of a decodeSlab holds.
const slabChunk = 1024

// carve returns an empty slice of capacity n cut from chunk, never nil
// (marshal tells a source's empty key list from none). Its capacity is
// exactly n, so an append past it reallocates instead of overwriting the
// next slice of the chunk. A request larger than a quarter chunk gets a
// slice of its own, so as not to waste the rest of the chunk.
func carve[T any](chunk *[]T, n int) []T {
	if n > slabChunk/4 {
		return make([]T, 0, n)
	}
	if *chunk == nil || n > cap(*chunk)-len(*chunk) {
		*chunk = make([]T, 0, slabChunk)
	}
	start := len(*chunk)
	*chunk = (*chunk)[:start+n]
	return (*chunk)[start : start : start+n]
}

// one returns a pointer to a new zero T cut from chunk.
func one[T any](chunk *[]T) *T {
	s := carve(chunk, 1)
	s = s[:1]
	return &s[0]
}

// anchor is an element or key that comments and blank lines attach to.
type anchor struct {
	line, col int
	src       *source
	key       string // "" for the element itself
}

func posOf(tk *token.Token) Position { return yamltree.TokenPos(tk) }

func nodePos(n interface{ GetToken() *token.Token }) Position { return yamltree.NodePos(n) }

func (dec *decoder) fail(p Position, hint, format string, args ...any) {
	if dec.full() {
		dec.more++
		return
	}
	dec.errs = append(dec.errs, &LoadError{File: dec.file, Pos: p, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// full reports whether the decoder has listed as many errors as it lists;
// callers skip work (a did-you-mean) that only a listed error needs.
func (dec *decoder) full() bool { return len(dec.errs) >= MaxLoadErrors }

// Fail and Full make the decoder the reporter of yamltree's checks.
func (dec *decoder) Fail(p Position, hint, message string) {
	if dec.full() {
		dec.more++
		return
	}
	dec.errs = append(dec.errs, &LoadError{File: dec.file, Pos: p, Message: message, Hint: hint})
}

func (dec *decoder) Full() bool { return dec.full() }

// result is every error listed, with a last one counting those that were
// not; nil when there were none.
func (dec *decoder) result() LoadErrors {
	if dec.more == 0 || len(dec.errs) == 0 {
		return dec.errs
	}
	return append(dec.errs, moreErrors(dec.file, dec.more))
}

// fields is one decoded YAML mapping: its values by key and the source record
// of the element it becomes.
type fields struct {
	dec  *decoder
	what string // "a VPC", for messages
	src  *source
	// vals holds the value of each key of src.keyOrder, in the same order.
	// Elements have a dozen keys at most, so a list beats a map.
	vals []*yamlNode
}

// get returns the value written for key.
func (f *fields) get(key string) (*yamlNode, bool) {
	for i, k := range f.src.keyOrder {
		if k == key {
			return f.vals[i], true
		}
	}
	return nil, false
}

// mapping reads n as a mapping with the given known keys. Unknown and
// duplicate keys are reported with the closest known key; it returns nil when
// n is not a mapping at all.
func (dec *decoder) mapping(n *yamlNode, what string, known []string) *fields {
	if !n.ExpectMapping(what, dec) {
		return nil
	}
	// Only known keys are kept: a hostile mapping of 600,000 unknown keys
	// must not size three slices by its length.
	size := min(len(n.Pairs), len(known))
	sl := &dec.slab
	src := one(&sl.sources)
	*src = source{keyPos: carve(&sl.pos, size), keyOrder: carve(&sl.keys, size), flow: n.Flow}
	f := one(&sl.fields)
	*f = fields{dec: dec, what: what, vals: carve(&sl.vals, size), src: src}
	if len(n.Pairs) > 0 {
		first := n.Pairs[0].KeyPos
		f.src.pos = first
		col := first.Column - 1
		if n.Flow {
			col = n.Start.Column
		}
		if dec.keepAnchors {
			dec.anchors = append(dec.anchors, anchor{line: first.Line, col: col, src: f.src})
		}
	} else {
		f.src.pos = n.Pos
	}
	n.Keys(what, known, dec, func(kv *yamlPair) {
		f.vals = append(f.vals, kv.Value)
		f.src.keyPos = append(f.src.keyPos, kv.Value.Pos)
		f.src.keyOrder = append(f.src.keyOrder, kv.Key)
		if !n.Flow && dec.keepAnchors {
			dec.anchors = append(dec.anchors, anchor{line: kv.KeyPos.Line, col: kv.KeyPos.Column, src: f.src, key: kv.Key})
		}
	})
	return f
}

// sized is an empty slice with room for n elements, or nil for none (as
// appending nothing leaves it). An element's lists are decoded into it
// rather than regrown from nil: a VPC is several hundred bytes, and a
// design of 8,000 of them was copied a dozen times as it grew. A list
// item that does not decode is a load error, so the design, with its
// capacity, is never returned with fewer elements than were sized.
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// require reports keys that must be present.
func (f *fields) require(keys ...string) {
	yamltree.Require(f.dec, f.src.pos, f.what, f.present, keys...)
}

// str reads a text value. Numbers and booleans are taken as the text written,
// so `name: 2024` is the name "2024".
func (f *fields) str(key string) string {
	n, ok := f.get(key)
	if !ok {
		return ""
	}
	s, _ := f.dec.scalarText(n, key, f.what)
	return s
}

func (dec *decoder) scalarText(n *yamlNode, key, what string) (string, bool) {
	if n.Kind == kindNull {
		return "", true // not set
	}
	return n.AsText(key, what, dec)
}

// enum reads a text value that must be one of valid.
func enum[T ~string](f *fields, key string, valid []T) T {
	n, ok := f.get(key)
	if !ok {
		return ""
	}
	s, ok := f.dec.scalarText(n, key, f.what)
	if !ok {
		return ""
	}
	if s == "" || slices.Contains(valid, T(s)) {
		return T(s) // empty: not set; validation reports it where it matters
	}
	names := make([]string, len(valid))
	for i, v := range valid {
		names[i] = string(v)
	}
	hint := suggest.Hint(s, names)
	if hint == "" {
		hint = "use " + oneOf(valid)
	}
	f.dec.fail(n.Pos, hint, "%q is not a valid %s for %s", s, key, f.what)
	return ""
}

// integer reads a whole number; a prefix may be written "/24".
func (f *fields) integer(key string) int {
	n, ok := f.get(key)
	if !ok {
		return 0
	}
	switch n.Kind {
	case kindInt:
		if i, err := strconv.Atoi(n.Tok); err == nil {
			return i
		}
	case kindString:
		if i, err := strconv.Atoi(strings.TrimPrefix(n.Text, "/")); err == nil {
			return i
		}
	}
	f.dec.fail(n.Pos, "write a whole number", "%s in %s should be a whole number, found %s", key, f.what, n.Describe())
	return 0
}

func (f *fields) number(key string) float64 {
	n, ok := f.get(key)
	if !ok {
		return 0
	}
	if n.Kind == kindInt || n.Kind == kindFloat {
		if x, err := strconv.ParseFloat(strings.ReplaceAll(n.Tok, "_", ""), 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
			return x
		}
	}
	f.dec.fail(n.Pos, "write a number of GB such as 250", "%s in %s should be a number, found %s", key, f.what, n.Describe())
	return 0
}

func (f *fields) boolean(key string) bool {
	n, ok := f.get(key)
	if !ok {
		return false
	}
	if n.Kind == kindBool {
		return n.Truth
	}
	f.dec.fail(n.Pos, "write true or false", "%s in %s should be true or false, found %s", key, f.what, n.Describe())
	return false
}

// list returns the items of a list value, recording whether it was written
// in flow style. A key with no value is an empty list.
func (f *fields) list(key string) []*yamlNode {
	n, ok := f.get(key)
	if !ok {
		return nil
	}
	switch n.Kind {
	case kindNull:
		return nil
	case kindSequence:
		f.src.setListStyle(key, n.Flow)
		return n.Items
	}
	f.dec.fail(n.Pos, fmt.Sprintf("write a list: `%s: [a, b]`", key), "%s in %s should be a list, found %s", key, f.what, n.Describe())
	return nil
}

// present reports whether key was written with a list value (even an empty
// one); it separates `egress: []` from no egress key.
func (f *fields) present(key string) bool {
	_, ok := f.get(key)
	return ok
}

func (f *fields) strList(key string) []string {
	items := f.list(key)
	if items == nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := f.dec.scalarText(it, key, f.what); ok {
			out = append(out, s)
		}
	}
	return out
}
