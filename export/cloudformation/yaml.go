package cloudformation

import (
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// renderYAML prints the tree as YAML with CloudFormation's short tags
// (!Ref, !GetAtt A.B, !Sub, ...), the form people write by hand.
func renderYAML(root object) ([]byte, error) {
	return yaml.MarshalWithOptions(toYAML(root), yamlOptions...)
}

var yamlOptions = []yaml.EncodeOption{yaml.Indent(2), yaml.IndentSequence(true), yaml.UseSingleQuote(true)}

// toYAML converts the tree into values goccy/go-yaml encodes in order:
// MapSlice for objects, tagged for intrinsics.
func toYAML(v any) any {
	switch v := v.(type) {
	case object:
		m := make(yaml.MapSlice, len(v))
		for i, f := range v {
			m[i] = yaml.MapItem{Key: f.key, Value: toYAML(f.value)}
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = toYAML(x)
		}
		return out
	case intrinsic:
		return tagged{v}
	}
	return v
}

// tagged encodes an intrinsic as a tag node: the encoder calls MarshalYAML
// and prints the returned *ast.TagNode as `!Name value`.
type tagged struct{ fn intrinsic }

func (t tagged) MarshalYAML() (any, error) {
	tag := "!" + t.fn.name
	var arg any
	switch a := t.fn.arg.(type) {
	case [2]string: // GetAtt: the dotted short form, which moto also reads
		arg = a[0] + "." + a[1]
	default:
		arg = toYAML(a)
	}
	// Lists inside a tag print in flow style: !Select [0, !GetAZs ''].
	n, err := yaml.ValueToNode(arg, append(yamlOptions, yaml.Flow(true))...)
	if err != nil {
		return nil, err
	}
	return &ast.TagNode{BaseNode: &ast.BaseNode{}, Start: token.New(tag, tag, &token.Position{}), Value: n}, nil
}
