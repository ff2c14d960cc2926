package design

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// decoder turns a parsed YAML document into a Design, collecting every error
// instead of stopping at the first, and recording each element's source.
type decoder struct {
	file    string
	errs    LoadErrors
	anchors []anchor // places comments can attach to, in no particular order
}

// anchor is an element or key that comments and blank lines attach to.
type anchor struct {
	line, col int
	src       *source
	key       string // "" for the element itself
}

func posOf(tk *token.Token) Position {
	if tk == nil || tk.Position == nil {
		return Position{}
	}
	return Position{Line: tk.Position.Line, Column: tk.Position.Column}
}

func nodePos(n ast.Node) Position {
	if n == nil {
		return Position{}
	}
	return posOf(n.GetToken())
}

func (dec *decoder) fail(p Position, hint, format string, args ...any) {
	dec.errs = append(dec.errs, &LoadError{File: dec.file, Pos: p, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// fields is one decoded YAML mapping: its values by key and the source record
// of the element it becomes.
type fields struct {
	dec  *decoder
	what string // "a VPC", for messages
	src  *source
	vals map[string]ast.Node
}

// mapping reads n as a mapping with the given known keys. Unknown and
// duplicate keys are reported with the closest known key; it returns nil when
// n is not a mapping at all.
func (dec *decoder) mapping(n ast.Node, what string, known []string) *fields {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		dec.fail(nodePos(n), "", "expected %s (a mapping of key: value), found %s", what, describeNode(n))
		return nil
	}
	f := &fields{dec: dec, what: what, vals: make(map[string]ast.Node, len(m.Values)),
		src: &source{keyPos: make(map[string]Position, len(m.Values)), flow: m.IsFlowStyle}}
	if len(m.Values) > 0 {
		first := posOf(m.Values[0].Key.GetToken())
		f.src.pos = first
		col := first.Column - 1
		if m.IsFlowStyle {
			col = posOf(m.Start).Column
		}
		dec.anchors = append(dec.anchors, anchor{line: first.Line, col: col, src: f.src})
	} else {
		f.src.pos = nodePos(m)
	}
	for _, kv := range m.Values {
		keyTok := kv.Key.GetToken()
		key := ""
		if keyTok != nil {
			key = keyTok.Value
		}
		kp := posOf(keyTok)
		if _, isScalar := kv.Key.(ast.ScalarNode); !isScalar {
			dec.fail(kp, "", "a key of %s must be plain text", what)
			continue
		}
		if !contains(known, key) {
			dec.fail(kp, suggest(key, known), "unknown key %q in %s", key, what)
			continue
		}
		if _, dup := f.vals[key]; dup {
			dec.fail(kp, "remove one of them", "key %q appears twice in %s", key, what)
			continue
		}
		f.vals[key] = kv.Value
		f.src.keyPos[key] = nodePos(kv.Value)
		f.src.keyOrder = append(f.src.keyOrder, key)
		if !m.IsFlowStyle {
			dec.anchors = append(dec.anchors, anchor{line: kp.Line, col: kp.Column, src: f.src, key: key})
		}
	}
	return f
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func describeNode(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.TagNode:
		return "a tagged value"
	default:
		if tk := n.GetToken(); tk != nil {
			return fmt.Sprintf("%q", tk.Value)
		}
		return "a value"
	}
}

// require reports keys that must be present.
func (f *fields) require(keys ...string) {
	for _, k := range keys {
		if _, ok := f.vals[k]; !ok {
			f.dec.fail(f.src.pos, fmt.Sprintf("add `%s: ...`", k), "%s needs the key %q", f.what, k)
		}
	}
}

// str reads a text value. Numbers and booleans are taken as the text written,
// so `name: 2024` is the name "2024".
func (f *fields) str(key string) string {
	n, ok := f.vals[key]
	if !ok {
		return ""
	}
	s, _ := f.dec.scalarText(n, key, f.what)
	return s
}

func (dec *decoder) scalarText(n ast.Node, key, what string) (string, bool) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	dec.fail(nodePos(n), "write it as plain text", "%s in %s should be text, found %s", key, what, describeNode(n))
	return "", false
}

// enum reads a text value that must be one of valid.
func enum[T ~string](f *fields, key string, valid []T) T {
	n, ok := f.vals[key]
	if !ok {
		return ""
	}
	s, ok := f.dec.scalarText(n, key, f.what)
	if !ok {
		return ""
	}
	if s == "" || contains(valid, T(s)) {
		return T(s) // empty: not set; validation reports it where it matters
	}
	names := make([]string, len(valid))
	for i, v := range valid {
		names[i] = string(v)
	}
	hint := suggest(s, names)
	if hint == "" {
		hint = "use " + oneOf(valid)
	}
	f.dec.fail(nodePos(n), hint, "%q is not a valid %s for %s", s, key, f.what)
	return ""
}

// integer reads a whole number; a prefix may be written "/24".
func (f *fields) integer(key string) int {
	n, ok := f.vals[key]
	if !ok {
		return 0
	}
	if iv, ok := n.(*ast.IntegerNode); ok {
		if i, err := strconv.Atoi(iv.GetToken().Value); err == nil {
			return i
		}
	}
	if sv, ok := n.(*ast.StringNode); ok {
		if i, err := strconv.Atoi(strings.TrimPrefix(sv.Value, "/")); err == nil {
			return i
		}
	}
	f.dec.fail(nodePos(n), "write a whole number", "%s in %s should be a whole number, found %s", key, f.what, describeNode(n))
	return 0
}

func (f *fields) number(key string) float64 {
	n, ok := f.vals[key]
	if !ok {
		return 0
	}
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		if x, err := strconv.ParseFloat(strings.ReplaceAll(v.GetToken().Value, "_", ""), 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
			return x
		}
	}
	f.dec.fail(nodePos(n), "write a number of GB such as 250", "%s in %s should be a number, found %s", key, f.what, describeNode(n))
	return 0
}

func (f *fields) boolean(key string) bool {
	n, ok := f.vals[key]
	if !ok {
		return false
	}
	if b, ok := n.(*ast.BoolNode); ok {
		return b.Value
	}
	f.dec.fail(nodePos(n), "write true or false", "%s in %s should be true or false, found %s", key, f.what, describeNode(n))
	return false
}

// list returns the items of a list value, recording whether it was written
// in flow style. A key with no value is an empty list.
func (f *fields) list(key string) []ast.Node {
	n, ok := f.vals[key]
	if !ok {
		return nil
	}
	switch v := n.(type) {
	case *ast.NullNode:
		return nil
	case *ast.SequenceNode:
		if f.src.flowKeys == nil {
			f.src.flowKeys = map[string]bool{}
		}
		f.src.flowKeys[key] = v.IsFlowStyle
		return v.Values
	}
	f.dec.fail(nodePos(n), fmt.Sprintf("write a list: `%s: [a, b]`", key), "%s in %s should be a list, found %s", key, f.what, describeNode(n))
	return nil
}

// present reports whether key was written with a list value (even an empty
// one); it separates `egress: []` from no egress key.
func (f *fields) present(key string) bool {
	_, ok := f.vals[key]
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
