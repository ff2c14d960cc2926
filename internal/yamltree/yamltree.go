// Package yamltree is the strict-YAML tree that vpcsmith's two file formats
// (design files and prices files) decode from, and the positioned checks
// both make on it: a mapping's keys against the known ones with a
// did-you-mean, a scalar read as text, goccy's errors with their position,
// what a value is called in a message. It holds no file format's rules: each
// decoder reports through its own Reporter, under its own file name.
package yamltree

import (
	"fmt"
	"slices"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/vpcsmith/vpcsmith/internal/suggest"
)

// Pos is a 1-based line and column in a file; the zero Pos is no position.
type Pos struct {
	Line   int
	Column int
}

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Node is one node of a parsed YAML document, reduced to what the decoders
// read. Two parsers produce it in design: goccy/go-yaml for any file
// (FromAST), and design's fast path for the canonical subset that vpcsmith
// itself writes. Decoders reading only Nodes is what lets the fast path
// exist.
type Node struct {
	// Kind and the three flags share one word: a large design has a
	// million nodes, and apart they padded each by 8 bytes.
	Kind   Kind
	Truth  bool // a bool's value
	Flow   bool // written in flow style: {...} or [...]
	Scalar bool // a scalar, so usable as a key
	Pos    Pos  // of the node's token, as goccy reports it
	// Start is a flow mapping's '{' (a block mapping's first ':'), which
	// comments in flow style attach to.
	Start Pos
	Tok   string // the token's text: a number as written, a string decoded
	Text  string // a string's value
	Pairs []Pair
	Items []*Node
	// Other describes a node of kind Other ("a tagged value", "\"x\"").
	Other string
}

// Kind is what a Node holds.
type Kind uint8

// The kinds of Node.
const (
	Null Kind = iota
	String
	Int
	Float
	Bool
	Inf
	NaN
	Mapping
	Sequence
	Other // anything else goccy can build: tags, aliases, merge keys
)

// Pair is one key: value of a mapping.
type Pair struct {
	Key       string // the key token's text
	KeyPos    Pos
	KeyScalar bool // false for a complex key (`? [a]`), which neither format uses
	Value     *Node
}

// TokenPos is the position of goccy's token tk.
func TokenPos(tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{}
	}
	return Pos{Line: tk.Position.Line, Column: tk.Position.Column}
}

// NodePos is the position of goccy's node n, that of its token.
func NodePos(n interface{ GetToken() *token.Token }) Pos {
	if n == nil {
		return Pos{}
	}
	return TokenPos(n.GetToken())
}

// FromAST converts goccy's tree. Only what the decoders read is kept.
func FromAST(n ast.Node) *Node {
	if n == nil {
		return &Node{Kind: Null, Scalar: true}
	}
	y := &Node{Pos: NodePos(n)}
	if tk := n.GetToken(); tk != nil {
		y.Tok = tk.Value // read for scalars only; cleared for collections below
	}
	_, y.Scalar = n.(ast.ScalarNode)
	switch v := n.(type) {
	case *ast.NullNode:
		y.Kind = Null
	case *ast.StringNode:
		y.Kind, y.Text = String, v.Value
	case *ast.LiteralNode:
		y.Kind, y.Text = String, v.Value.Value
	case *ast.IntegerNode:
		y.Kind = Int
	case *ast.FloatNode:
		y.Kind = Float
	case *ast.BoolNode:
		y.Kind, y.Truth = Bool, v.Value
	case *ast.InfinityNode:
		y.Kind = Inf
	case *ast.NanNode:
		y.Kind = NaN
	case *ast.MappingNode:
		y.Kind, y.Flow, y.Tok = Mapping, v.IsFlowStyle, ""
		if v.Start != nil {
			y.Start = TokenPos(v.Start)
		}
		y.Pairs = make([]Pair, len(v.Values))
		for i, kv := range v.Values {
			y.Pairs[i] = pairFromAST(kv)
		}
	case *ast.MappingValueNode:
		// goccy may give a mapping of one pair as the pair alone.
		y.Kind, y.Flow, y.Tok = Mapping, v.IsFlowStyle, ""
		y.Pairs = []Pair{pairFromAST(v)}
	case *ast.SequenceNode:
		y.Kind, y.Flow, y.Tok = Sequence, v.IsFlowStyle, ""
		y.Items = make([]*Node, len(v.Values))
		for i, it := range v.Values {
			y.Items[i] = FromAST(it)
		}
	default:
		y.Kind = Other
		y.Other = "a value"
		if _, tagged := n.(*ast.TagNode); tagged {
			y.Other = "a tagged value"
		} else if tk := n.GetToken(); tk != nil {
			y.Other = fmt.Sprintf("%q", tk.Value)
		}
	}
	return y
}

func pairFromAST(kv *ast.MappingValueNode) Pair {
	var p Pair
	if tk := kv.Key.GetToken(); tk != nil {
		p.Key = tk.Value
	}
	p.KeyPos = TokenPos(kv.Key.GetToken())
	_, p.KeyScalar = kv.Key.(ast.ScalarNode)
	p.Value = FromAST(kv.Value)
	return p
}

// Describe names what the node is, for messages: "a list", "\"abc\"".
func (y *Node) Describe() string {
	switch y.Kind {
	case Null:
		return "nothing"
	case Mapping:
		return "a mapping"
	case Sequence:
		return "a list"
	case Other:
		return y.Other
	}
	return fmt.Sprintf("%q", y.Tok)
}

// ScalarText is a scalar's text: a string's value, or a number or boolean
// as written, so that `name: 2024` is the name "2024". ok is false for
// nothing, a collection or another node.
func (y *Node) ScalarText() (s string, ok bool) {
	switch y.Kind {
	case String:
		return y.Text, true
	case Int, Float, Bool, Inf, NaN:
		return y.Tok, true
	}
	return "", false
}

// ExpectMapping reports whether y is a mapping, and reports to r that it
// should be one, naming it as what ("a VPC"), when it is not.
func (y *Node) ExpectMapping(what string, r Reporter) bool {
	if y.Kind == Mapping {
		return true
	}
	fail(r, y.Pos, "", "expected %s (a mapping of key: value), found %s", what, y.Describe())
	return false
}

// AsText is ScalarText for the value of key in what, reporting to r that
// it should be text when it is not. Nothing is not text here: a decoder that
// takes an empty value as unset checks for Null first.
func (y *Node) AsText(key, what string, r Reporter) (string, bool) {
	if s, ok := y.ScalarText(); ok {
		return s, true
	}
	fail(r, y.Pos, "write it as plain text", "%s in %s should be text, found %s", key, what, y.Describe())
	return "", false
}

// Require reports to r, at the mapping's position at, each of keys that has
// says the mapping what lacks, with the line to add as the fix; it returns
// false when any is missing. has is the decoder's own view of the keys it
// accepted (Keys may have refused some).
func Require(r Reporter, at Pos, what string, has func(key string) bool, keys ...string) bool {
	ok := true
	for _, k := range keys {
		if !has(k) {
			fail(r, at, "add `"+k+": ...`", "%s needs the key %q", what, k)
			ok = false
		}
	}
	return ok
}

// Reporter receives the problems a check finds, each at its position with
// its message and its fix (hint, may be empty). Full reports whether it lists
// no more of them: the check then skips the work (a message, a
// did-you-mean) that only a listed problem needs and calls Fail with an
// empty message, which the reporter counts. The message comes formatted,
// not as a format and arguments, so that a hostile file's hundreds of
// thousands of problems box nothing.
type Reporter interface {
	Fail(p Pos, hint, message string)
	Full() bool
}

// fail formats a problem for r, unless r is full.
func fail(r Reporter, p Pos, hint, format string, args ...string) {
	if r.Full() {
		r.Fail(p, "", "")
		return
	}
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	r.Fail(p, hint, fmt.Sprintf(format, a...))
}

// Keys checks the keys of the mapping n, reporting to r each that is not
// plain text, not in known (with the closest known key) or written twice,
// and calls accept with each other pair, in file order. With known nil
// every key is accepted once. The messages name the mapping as what ("a
// VPC").
func (y *Node) Keys(what string, known []string, r Reporter, accept func(*Pair)) {
	var seenKnown uint64 // duplicates among up to 64 known keys, without a map
	var seen map[string]bool
	if known == nil || len(known) > 64 {
		seen = make(map[string]bool, min(len(y.Pairs), 64))
	}
	for i := range y.Pairs {
		kv := &y.Pairs[i]
		if !kv.KeyScalar {
			fail(r, kv.KeyPos, "", "a key of %s must be plain text", what)
			continue
		}
		dup := false
		if known != nil {
			k := slices.Index(known, kv.Key)
			if k < 0 {
				hint := ""
				if !r.Full() {
					hint = suggest.Hint(kv.Key, known)
				}
				fail(r, kv.KeyPos, hint, "unknown key %q in %s", kv.Key, what)
				continue
			}
			if seen == nil {
				dup = seenKnown&(1<<k) != 0
				seenKnown |= 1 << k
			}
		}
		if seen != nil {
			dup = seen[kv.Key]
			seen[kv.Key] = true
		}
		if dup {
			fail(r, kv.KeyPos, "remove one of them", "key %q appears twice in %s", kv.Key, what)
			continue
		}
		accept(kv)
	}
}

// ParseError is goccy's error err as a message, "invalid YAML: ...", and
// the position of the token it names, when it names one.
func ParseError(err error) (Pos, string) {
	type tokenError interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if te, ok := err.(tokenError); ok {
		return TokenPos(te.GetToken()), "invalid YAML: " + te.GetMessage()
	}
	return Pos{}, "invalid YAML: " + err.Error()
}
