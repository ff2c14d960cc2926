package design

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
)

// yamlNode is one node of a parsed YAML document, reduced to what the decoder
// reads. Two parsers produce it: goccy/go-yaml for any file (fromAST), and
// the fast path for the canonical subset that vpcsmith itself writes
// (fastyaml.go). The decoder reading only ynodes is what lets the fast path
// exist: the two parsers are checked to give equal trees (fastyaml_test.go).
type yamlNode struct {
	kind yamlKind
	pos  Position // of the node's token, as goccy reports it
	// start is a flow mapping's '{' (a block mapping's first ':'), which
	// comments in flow style attach to.
	start  Position
	tok    string // the token's text: a number as written, a string decoded
	text   string // a string's value
	truth  bool   // a bool's value
	flow   bool   // written in flow style: {...} or [...]
	scalar bool   // a scalar, so usable as a key
	pairs  []yamlPair
	items  []*yamlNode
	// other describes a node of kind kindOther ("a tagged value", "\"x\"").
	other string
}

type yamlKind uint8

const (
	kindNull yamlKind = iota
	kindString
	kindInt
	kindFloat
	kindBool
	kindInf
	kindNaN
	kindMapping
	kindSequence
	kindOther // anything else goccy can build: tags, aliases, merge keys
)

// yamlPair is one key: value of a mapping.
type yamlPair struct {
	key       string // the key token's text
	keyPos    Position
	keyScalar bool // false for a complex key (`? [a]`), which designs never use
	value     *yamlNode
}

// fromAST converts goccy's tree. Only what the decoder reads is kept.
func fromAST(n ast.Node) *yamlNode {
	if n == nil {
		return &yamlNode{kind: kindNull, scalar: true}
	}
	y := &yamlNode{pos: nodePos(n)}
	if tk := n.GetToken(); tk != nil {
		y.tok = tk.Value // read for scalars only; cleared for collections below
	}
	_, y.scalar = n.(ast.ScalarNode)
	switch v := n.(type) {
	case *ast.NullNode:
		y.kind = kindNull
	case *ast.StringNode:
		y.kind, y.text = kindString, v.Value
	case *ast.LiteralNode:
		y.kind, y.text = kindString, v.Value.Value
	case *ast.IntegerNode:
		y.kind = kindInt
	case *ast.FloatNode:
		y.kind = kindFloat
	case *ast.BoolNode:
		y.kind, y.truth = kindBool, v.Value
	case *ast.InfinityNode:
		y.kind = kindInf
	case *ast.NanNode:
		y.kind = kindNaN
	case *ast.MappingNode:
		y.kind, y.flow, y.tok = kindMapping, v.IsFlowStyle, ""
		if v.Start != nil {
			y.start = posOf(v.Start)
		}
		y.pairs = make([]yamlPair, len(v.Values))
		for i, kv := range v.Values {
			p := &y.pairs[i]
			if tk := kv.Key.GetToken(); tk != nil {
				p.key = tk.Value
			}
			p.keyPos = posOf(kv.Key.GetToken())
			_, p.keyScalar = kv.Key.(ast.ScalarNode)
			p.value = fromAST(kv.Value)
		}
	case *ast.SequenceNode:
		y.kind, y.flow, y.tok = kindSequence, v.IsFlowStyle, ""
		y.items = make([]*yamlNode, len(v.Values))
		for i, it := range v.Values {
			y.items[i] = fromAST(it)
		}
	default:
		y.kind = kindOther
		y.other = "a value"
		if _, tagged := n.(*ast.TagNode); tagged {
			y.other = "a tagged value"
		} else if tk := n.GetToken(); tk != nil {
			y.other = fmt.Sprintf("%q", tk.Value)
		}
	}
	return y
}

// describe names what the node is, for messages: "a list", "\"abc\"".
func (y *yamlNode) describe() string {
	switch y.kind {
	case kindNull:
		return "nothing"
	case kindMapping:
		return "a mapping"
	case kindSequence:
		return "a list"
	case kindOther:
		return y.other
	}
	return fmt.Sprintf("%q", y.tok)
}
