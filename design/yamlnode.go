package design

import (
	"github.com/goccy/go-yaml/ast"

	"github.com/vpcsmith/vpcsmith/internal/yamltree"
)

// yamlNode is one node of a parsed YAML document (yamltree.Node). Two
// parsers produce it: goccy/go-yaml for any file (fromAST), and the fast
// path for the canonical subset that vpcsmith itself writes (fastyaml.go).
// The decoder reading only ynodes is what lets the fast path exist: the two
// parsers are checked to give equal trees (fastyaml_test.go).
type yamlNode = yamltree.Node

type yamlKind = yamltree.Kind

const (
	kindNull     = yamltree.Null
	kindString   = yamltree.String
	kindInt      = yamltree.Int
	kindFloat    = yamltree.Float
	kindBool     = yamltree.Bool
	kindInf      = yamltree.Inf
	kindNaN      = yamltree.NaN
	kindMapping  = yamltree.Mapping
	kindSequence = yamltree.Sequence
	kindOther    = yamltree.Other
)

// yamlPair is one key: value of a mapping.
type yamlPair = yamltree.Pair

// fromAST converts goccy's tree (yamltree.FromAST).
func fromAST(n ast.Node) *yamlNode { return yamltree.FromAST(n) }
