package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestRoundTrip parses every template back (YAML with goccy/go-yaml's
// parser, tags included; JSON with encoding/json, key order included) and
// wants exactly the tree it was written from: proof that the writers quote,
// indent and tag correctly, on the cases and on the hostile names.
func TestRoundTrip(t *testing.T) {
	cases := append(exportCases(t), exportCase{"hostile", func() (*design.Design, error) { return design.Load("testdata/hostile.yaml") }})
	for _, c := range cases {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			y := render(t, tpl, "yaml")
			f, err := parser.ParseBytes(y, 0)
			if err != nil {
				t.Fatalf("%s: goccy cannot parse the YAML: %v", c.name, err)
			}
			fromYAML, err := fromNode(f.Docs[0].Body)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if !reflect.DeepEqual(fromYAML, tpl.body) {
				t.Errorf("%s %s: the YAML reads back as a different tree%s", c.name, tpl.Region, treeDiff(tpl.body, fromYAML))
			}
			dec := json.NewDecoder(bytes.NewReader(render(t, tpl, "json")))
			dec.UseNumber()
			fromJSON, err := fromJSONValue(dec)
			if err != nil {
				t.Fatalf("%s: the JSON does not parse: %v", c.name, err)
			}
			if !reflect.DeepEqual(fromJSON, tpl.body) {
				t.Errorf("%s %s: the JSON reads back as a different tree%s", c.name, tpl.Region, treeDiff(tpl.body, fromJSON))
			}
		}
	}
}

// fromNode converts goccy's AST into the exporter's tree types.
func fromNode(n ast.Node) (any, error) {
	switch n := n.(type) {
	case *ast.MappingNode:
		o := object{}
		for _, mv := range n.Values {
			k, err := fromNode(mv.Key)
			if err != nil {
				return nil, err
			}
			v, err := fromNode(mv.Value)
			if err != nil {
				return nil, err
			}
			o = append(o, field{fmt.Sprint(k), v})
		}
		return o, nil
	case *ast.MappingValueNode:
		return fromNode(&ast.MappingNode{Values: []*ast.MappingValueNode{n}})
	case *ast.SequenceNode:
		out := []any{}
		for _, x := range n.Values {
			v, err := fromNode(x)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *ast.StringNode:
		return n.Value, nil
	case *ast.IntegerNode:
		switch v := n.Value.(type) {
		case int64:
			return int(v), nil
		case uint64:
			return int(v), nil
		}
		return nil, fmt.Errorf("integer %v of type %T", n.Value, n.Value)
	case *ast.BoolNode:
		return n.Value, nil
	case *ast.TagNode:
		name := strings.TrimPrefix(n.Start.Value, "!")
		arg, err := fromNode(n.Value)
		if err != nil {
			return nil, err
		}
		if name == "GetAtt" {
			res, attr, _ := strings.Cut(arg.(string), ".")
			return intrinsic{name, [2]string{res, attr}}, nil
		}
		return intrinsic{name, arg}, nil
	}
	return nil, fmt.Errorf("unexpected YAML node %T: %s", n, n)
}

// fromJSONValue reads one JSON value, keeping object key order, turning
// {"Ref": x} and {"Fn::Name": x} back into intrinsics.
func fromJSONValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			o := object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := fromJSONValue(dec)
				if err != nil {
					return nil, err
				}
				o = append(o, field{k.(string), v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if len(o) == 1 {
				if o[0].key == "Ref" {
					return intrinsic{"Ref", o[0].value}, nil
				}
				if name, ok := strings.CutPrefix(o[0].key, "Fn::"); ok {
					if name == "GetAtt" {
						l := o[0].value.([]any)
						return intrinsic{name, [2]string{l[0].(string), l[1].(string)}}, nil
					}
					return intrinsic{name, o[0].value}, nil
				}
			}
			return o, nil
		case '[':
			out := []any{}
			for dec.More() {
				v, err := fromJSONValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return out, nil
		}
	case string, bool:
		return tok, nil
	case json.Number:
		i, err := tok.Int64()
		return int(i), err
	case nil:
		return nil, io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// treeDiff names the first difference between two trees.
func treeDiff(want, got any) string {
	path, w, g := firstTreeDiff(want, got, "")
	return fmt.Sprintf(" at %s:\n  want %#v\n  got  %#v", path, w, g)
}

func firstTreeDiff(want, got any, path string) (string, any, any) {
	switch w := want.(type) {
	case object:
		g, ok := got.(object)
		if !ok || len(g) != len(w) {
			return path, want, got
		}
		for i := range w {
			if w[i].key != g[i].key {
				return path + "/" + w[i].key, w[i].key, g[i].key
			}
			if !reflect.DeepEqual(w[i].value, g[i].value) {
				return firstTreeDiff(w[i].value, g[i].value, path+"/"+w[i].key)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path, want, got
		}
		for i := range w {
			if !reflect.DeepEqual(w[i], g[i]) {
				return firstTreeDiff(w[i], g[i], fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	return path, want, got
}
