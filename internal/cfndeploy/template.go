// Package cfndeploy deploys a CloudFormation template into moto the way
// AWS would deploy it: it reads YAML with its short tags, evaluates the
// template's Conditions and Fn::If itself (moto's evaluation differs from
// AWS's), and after the stack completes makes through the EC2 API what
// moto's CloudFormation records but does not apply. Tests use it to deploy
// published templates and vpcsmith's exports; it only talks to the endpoint
// it is given.
package cfndeploy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Template is a template in CloudFormation's JSON form: maps, lists,
// strings, numbers, booleans; every short tag written out (!Ref X as
// {"Ref": "X"}, !Sub as {"Fn::Sub": …}).
type Template map[string]any

// Parse reads a YAML or JSON template. Short tags become their long form,
// which decoding YAML into Go values would drop silently.
func Parse(body []byte) (Template, error) {
	// goccy/go-yaml reads a tag with nothing after it at the end of a
	// sequence item ("- !GetAZs") as tagging the mapping that follows;
	// YAML (and CloudFormation) read an empty scalar.
	body = bareTag.ReplaceAll(body, []byte("$1 ''"))
	f, err := parser.ParseBytes(body, 0)
	if err != nil {
		return nil, err
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, fmt.Errorf("want one YAML document, got %d", len(f.Docs))
	}
	v, err := fromNode(f.Docs[0].Body)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("template is a %T, not a mapping", v)
	}
	return Template(m), nil
}

func fromNode(n ast.Node) (any, error) {
	switch x := n.(type) {
	case *ast.DocumentNode:
		return fromNode(x.Body)
	case *ast.MappingNode:
		m := map[string]any{}
		for _, kv := range x.Values {
			if err := putPair(m, kv); err != nil {
				return nil, err
			}
		}
		return m, nil
	case *ast.MappingValueNode:
		m := map[string]any{}
		return m, putPair(m, x)
	case *ast.SequenceNode:
		out := []any{}
		for _, e := range x.Values {
			v, err := fromNode(e)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *ast.TagNode:
		v, err := fromNode(x.Value)
		if err != nil {
			return nil, err
		}
		return longForm(x.Start.Value, v)
	case *ast.StringNode:
		return x.Value, nil
	case *ast.LiteralNode:
		return x.Value.Value, nil
	case *ast.IntegerNode:
		return x.Value, nil
	case *ast.FloatNode:
		return x.Value, nil
	case *ast.BoolNode:
		return x.Value, nil
	case *ast.NullNode, nil:
		return nil, nil
	case *ast.AnchorNode:
		return fromNode(x.Value)
	}
	// Anything else (dates such as 2010-09-09 read as plain scalars, …)
	// stays the text it was written as.
	return n.String(), nil
}

func putPair(m map[string]any, kv *ast.MappingValueNode) error {
	k, err := fromNode(kv.Key)
	if err != nil {
		return err
	}
	v, err := fromNode(kv.Value)
	if err != nil {
		return err
	}
	m[fmt.Sprint(k)] = v
	return nil
}

var bareTag = regexp.MustCompile(`(?m)(-\s+!GetAZs)[ \t]*$`)

// longForm writes a short tag as CloudFormation's JSON does.
func longForm(tag string, v any) (any, error) {
	name := strings.TrimPrefix(tag, "!")
	switch name {
	case "Ref", "Condition":
		return map[string]any{name: v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			res, attr, _ := strings.Cut(s, ".")
			return map[string]any{"Fn::GetAtt": []any{res, attr}}, nil
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	case "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
		"And", "Equals", "If", "Not", "Or", "ToJsonString", "Length":
		return map[string]any{"Fn::" + name: v}, nil
	}
	return nil, fmt.Errorf("unknown tag %s", tag)
}

// JSON renders the template, keys sorted.
func (t Template) JSON() []byte {
	b, err := json.Marshal(map[string]any(t))
	if err != nil {
		panic(err) // only maps, lists and scalars are ever stored
	}
	return b
}

// Resources returns the template's Resources section.
func (t Template) Resources() map[string]any {
	r, _ := t["Resources"].(map[string]any)
	return r
}

// noValue marks what AWS::NoValue removes from its parent.
type noValue struct{}

// Resolve evaluates the template's Conditions with params (and the
// parameters' defaults), removes the resources and outputs whose condition
// is false, takes each Fn::If's branch and drops AWS::NoValue with its key
// or list item. Moto compares "2" and 2 as unequal in Fn::Equals and
// crashes on AWS::NoValue inside Tags, so templates that use them deploy
// only resolved.
func (t Template) Resolve(params map[string]string) (Template, error) {
	e := &evaluator{t: t, params: params, conds: map[string]bool{}}
	conds, _ := t["Conditions"].(map[string]any)
	for name := range conds {
		if _, err := e.cond(name); err != nil {
			return nil, fmt.Errorf("condition %s: %w", name, err)
		}
	}
	out := Template{}
	for k, v := range t {
		if k == "Conditions" {
			continue
		}
		out[k] = v
	}
	for _, section := range []string{"Resources", "Outputs"} {
		sec, _ := t[section].(map[string]any)
		if sec == nil {
			continue
		}
		kept := map[string]any{}
		for id, r := range sec {
			m, _ := r.(map[string]any)
			if c, ok := m["Condition"].(string); ok {
				if !e.conds[c] {
					continue
				}
				m = shallow(m)
				delete(m, "Condition")
			}
			v, err := e.prune(m)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", section, id, err)
			}
			kept[id] = v
		}
		out[section] = kept
	}
	dropMissingDependsOn(out.Resources())
	return out, nil
}

// dropMissingDependsOn removes from each resource's DependsOn the
// resources res does not hold (left out by a condition, or held back).
func dropMissingDependsOn(res map[string]any) {
	for id, r := range res {
		m := r.(map[string]any)
		switch d := m["DependsOn"].(type) {
		case string:
			if _, ok := res[d]; !ok {
				m = shallow(m)
				delete(m, "DependsOn")
			}
		case []any:
			var keep []any
			for _, x := range d {
				if _, ok := res[fmt.Sprint(x)]; ok {
					keep = append(keep, x)
				}
			}
			m = shallow(m)
			m["DependsOn"] = keep
			if len(keep) == 0 {
				delete(m, "DependsOn")
			}
		}
		res[id] = m
	}
}

func shallow(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

type evaluator struct {
	t      Template
	params map[string]string
	conds  map[string]bool
	busy   []string
}

func (e *evaluator) cond(name string) (bool, error) {
	if v, ok := e.conds[name]; ok {
		return v, nil
	}
	if slices.Contains(e.busy, name) {
		return false, fmt.Errorf("conditions refer to each other: %s", strings.Join(append(e.busy, name), " → "))
	}
	conds, _ := e.t["Conditions"].(map[string]any)
	def, ok := conds[name]
	if !ok {
		return false, fmt.Errorf("no condition %s", name)
	}
	e.busy = append(e.busy, name)
	v, err := e.boolean(def)
	e.busy = e.busy[:len(e.busy)-1]
	if err != nil {
		return false, err
	}
	e.conds[name] = v
	return v, nil
}

func (e *evaluator) boolean(v any) (bool, error) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false, fmt.Errorf("not a condition: %v", v)
	}
	for fn, arg := range m {
		args, _ := arg.([]any)
		switch fn {
		case "Condition":
			return e.cond(fmt.Sprint(arg))
		case "Fn::Equals":
			if len(args) != 2 {
				return false, fmt.Errorf("Fn::Equals wants 2 arguments: %v", arg)
			}
			a, err := e.Value(args[0])
			if err != nil {
				return false, err
			}
			b, err := e.Value(args[1])
			if err != nil {
				return false, err
			}
			// AWS compares the values as strings: "2" equals 2.
			return scalar(a) == scalar(b), nil
		case "Fn::Not":
			if len(args) != 1 {
				return false, fmt.Errorf("Fn::Not wants 1 argument: %v", arg)
			}
			b, err := e.boolean(args[0])
			return !b, err
		case "Fn::And", "Fn::Or":
			and := fn == "Fn::And"
			for _, a := range args {
				b, err := e.boolean(a)
				if err != nil {
					return false, err
				}
				if b != and {
					return !and, nil
				}
			}
			return and, nil
		}
		return false, fmt.Errorf("not a condition function: %s", fn)
	}
	return false, nil
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// Value evaluates what a condition can compare: literals, parameters,
// pseudo parameters, Fn::Select, Fn::Split, Fn::Join.
func (e *evaluator) Value(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return v, nil
	}
	for fn, arg := range m {
		switch fn {
		case "Ref":
			return e.param(fmt.Sprint(arg))
		case "Fn::Select", "Fn::Split", "Fn::Join":
			args, _ := arg.([]any)
			if len(args) != 2 {
				return nil, fmt.Errorf("%s wants 2 arguments: %v", fn, arg)
			}
			a, err := e.Value(args[0])
			if err != nil {
				return nil, err
			}
			b, err := e.Value(args[1])
			if err != nil {
				return nil, err
			}
			return apply(fn, a, b)
		}
	}
	return v, nil
}

func apply(fn string, a, b any) (any, error) {
	switch fn {
	case "Fn::Select":
		i, err := strconv.Atoi(scalar(a))
		list := toList(b)
		if err != nil || i < 0 || i >= len(list) {
			return nil, fmt.Errorf("Fn::Select %v of %v", a, b)
		}
		return list[i], nil
	case "Fn::Split":
		var out []any
		for _, s := range strings.Split(scalar(b), scalar(a)) {
			out = append(out, s)
		}
		return out, nil
	case "Fn::Join":
		var parts []string
		for _, x := range toList(b) {
			parts = append(parts, scalar(x))
		}
		return strings.Join(parts, scalar(a)), nil
	}
	return nil, fmt.Errorf("cannot evaluate %s", fn)
}

func toList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		var out []any
		for _, s := range strings.Split(x, ",") {
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	return nil
}

func (e *evaluator) param(name string) (any, error) {
	switch name {
	case "AWS::Region":
		return Region, nil
	case "AWS::AccountId":
		return "123456789012", nil
	case "AWS::NoValue":
		return noValue{}, nil
	}
	if v, ok := e.params[name]; ok {
		return v, nil
	}
	ps, _ := e.t["Parameters"].(map[string]any)
	p, ok := ps[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no parameter %s", name)
	}
	if d, ok := p["Default"]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("parameter %s has no value and no default", name)
}

// prune takes Fn::If's branches and removes AWS::NoValue.
func (e *evaluator) prune(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			if r, ok := x["Ref"]; ok && r == "AWS::NoValue" {
				return noValue{}, nil
			}
			if arg, ok := x["Fn::If"]; ok {
				args, _ := arg.([]any)
				if len(args) != 3 {
					return nil, fmt.Errorf("Fn::If wants 3 arguments: %v", arg)
				}
				c, err := e.cond(fmt.Sprint(args[0]))
				if err != nil {
					return nil, err
				}
				if c {
					return e.prune(args[1])
				}
				return e.prune(args[2])
			}
		}
		out := map[string]any{}
		for k, val := range x {
			p, err := e.prune(val)
			if err != nil {
				return nil, err
			}
			if _, gone := p.(noValue); !gone {
				out[k] = p
			}
		}
		return out, nil
	case []any:
		out := []any{}
		for _, val := range x {
			p, err := e.prune(val)
			if err != nil {
				return nil, err
			}
			if _, gone := p.(noValue); !gone {
				out = append(out, p)
			}
		}
		return out, nil
	}
	return v, nil
}

// Region is the one region the deploys use: moto's Fn::GetAZs answers
// us-east-1's AZs whatever the region.
const Region = "us-east-1"
