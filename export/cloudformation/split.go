package cloudformation

import (
	"fmt"
	"regexp"
	"strings"
)

// A region's template past CloudFormation's quotas (500 resources, 200
// outputs or parameters, 1 MB) is split into stacks deployed in order:
//
//  1. a connections stack with what belongs to no VPC (transit gateways
//     and their route tables, customer gateways, VPN connections to a
//     transit gateway), when there is any;
//  2. one stack per VPC, in design order, with everything that depends on
//     that VPC and on nothing of a later stack: a connection between two
//     VPCs (a peering, its routes on both sides, a security-group rule
//     naming the other VPC's group) goes to the later VPC's stack.
//
// Each resource goes to the latest stack among those of the resources it
// names, so a stack imports (Fn::ImportValue) only from earlier stacks and
// the order above always deploys. The split works on the finished
// template, so the stacks hold exactly its resources and properties.

// splitIfNeeded leaves t whole when it fits every quota (unless force),
// or fills t.Stacks; a stack that alone is over a quota is a *LimitError.
func (b *builder) splitIfNeeded(t *Template, force bool) error {
	size := 0
	if !force && t.Resources <= MaxResources && len(b.params) <= MaxParameters && len(b.outputs) <= MaxOutputs {
		// JSON is the larger rendering; YAML fits when it does.
		j, err := renderJSON(t.body)
		if err != nil {
			return fmt.Errorf("render the template for %s: %w", t.Region, err)
		}
		if size = len(j); size <= MaxBodyBytes {
			return nil
		}
	}
	stacks := b.split(t)
	for _, s := range stacks {
		j, err := renderJSON(s.body)
		if err != nil {
			return fmt.Errorf("render stack %s for %s: %w", s.StackName, t.Region, err)
		}
		switch {
		case s.Resources > MaxResources:
			return &LimitError{Region: t.Region, What: "resources in stack " + s.StackName, Count: s.Resources, Max: MaxResources}
		case len(s.Parameters) > MaxParameters:
			return &LimitError{Region: t.Region, What: "parameters in stack " + s.StackName, Count: len(s.Parameters), Max: MaxParameters}
		case s.Outputs > MaxOutputs:
			return &LimitError{Region: t.Region, What: "outputs in stack " + s.StackName, Count: s.Outputs, Max: MaxOutputs}
		case len(j) > MaxBodyBytes:
			return &LimitError{Region: t.Region, What: "bytes in stack " + s.StackName, Count: len(j), Max: MaxBodyBytes}
		}
	}
	why := fmt.Sprintf("%d resources", t.Resources)
	if size > 0 {
		why = fmt.Sprintf("%d bytes", size)
	}
	t.Stacks = stacks
	t.Notes = append(t.Notes, fmt.Sprintf("the template would have %s, over a CloudFormation quota: it is split into %d stacks, to deploy in order: %s (the README says how)", why, len(stacks), stackNames(stacks)))
	return nil
}

func stackNames(stacks []*Template) string {
	names := make([]string, len(stacks))
	for i, s := range stacks {
		names[i] = s.StackName
	}
	return strings.Join(names, ", ")
}

// maxExportName is CloudFormation's limit on an export's name.
const maxExportName = 255

// subVar finds the variables of a !Sub string.
var subVar = regexp.MustCompile(`\$\{([A-Za-z0-9_.:]+)\}`)

// splitter holds the stack of each resource while the split runs.
type splitter struct {
	res      map[string]object // resource id → entry
	order    []string          // resource ids in template order
	stackOf  map[string]int    // resource id → stack index
	owned    map[string]int    // resource id → its VPC's stack, at least
	params   map[string]object
	conds    map[string]any
	names    []string // stack names, by index
	exports  []object // outputs added per stack, for imports
	exported map[string]string
	ids      *idSet
}

// split makes the stacks of t.
func (b *builder) split(t *Template) []*Template {
	sp := &splitter{res: map[string]object{}, stackOf: map[string]int{}, owned: map[string]int{}, params: map[string]object{}, conds: map[string]any{}, exported: map[string]string{}, ids: newIDSet()}
	for _, f := range b.resources {
		sp.res[f.key] = f.value.(object)
		sp.order = append(sp.order, f.key)
	}
	for _, f := range b.params {
		sp.params[f.key] = f.value.(object)
	}
	for _, f := range b.conditions {
		sp.conds[f.key] = f.value
	}
	for _, f := range b.outputs {
		sp.ids.used[strings.ToLower(f.key)] = true
	}
	prefix := stackSlug(b.d.Name, "vpcsmith")
	sp.names = []string{prefix + "-connections"}
	taken := map[string]bool{sp.names[0]: true}
	for i, p := range b.vpcs {
		sp.stackOf[p.id] = i + 1
		// Two VPC names can slug alike ("prod", "Prod"): number the later.
		name := prefix + "-" + stackSlug(p.v.Name, "vpc")
		for n := 2; taken[name]; n++ {
			name = fmt.Sprintf("%s-%s-%d", prefix, stackSlug(p.v.Name, "vpc"), n)
		}
		taken[name] = true
		sp.names = append(sp.names, name)
	}
	for _, id := range sp.order {
		if owner := b.ownerOf[id]; owner != "" && id != owner {
			sp.owned[id] = sp.stackOf[owner]
		}
	}
	for _, id := range sp.order {
		sp.stack(id, map[string]bool{})
	}
	sp.exports = make([]object, len(sp.names))

	bodies := make([]object, len(sp.names))
	for _, id := range sp.order {
		s := sp.stackOf[id]
		bodies[s] = append(bodies[s], field{id, sp.rewrite(sp.res[id], s)})
	}
	outs := make([]object, len(sp.names))
	for _, f := range b.outputs {
		s := sp.latest(f.value, map[string]bool{})
		outs[s] = append(outs[s], field{f.key, sp.rewrite(f.value.(object), s)})
	}
	var stacks []*Template
	for s := range sp.names {
		if len(bodies[s]) == 0 {
			continue
		}
		outputs := append(outs[s], sp.exports[s]...)
		st := &Template{Region: t.Region, StackName: sp.names[s], Order: len(stacks) + 1, Resources: len(bodies[s]), Outputs: len(outputs)}
		used := map[string]bool{}
		sp.names2(bodies[s], used)
		sp.names2(outputs, used)
		var params, conds object
		for _, f := range b.conditions {
			if used[f.key] {
				conds = append(conds, f)
				sp.names2(f.value, used)
			}
		}
		for i, f := range b.params {
			if used[f.key] {
				params = append(params, f)
				st.Parameters = append(st.Parameters, b.paramInfo[i])
			}
		}
		desc := truncateBytes(fmt.Sprintf("%s (stack %d of the split: %s)", b.description(), st.Order, sp.names[s]), maxTemplateDescription)
		st.body = object{{"AWSTemplateFormatVersion", "2010-09-09"}, {"Description", desc}}
		if len(params) > 0 {
			st.body = append(st.body, field{"Parameters", params})
		}
		if len(conds) > 0 {
			st.body = append(st.body, field{"Conditions", conds})
		}
		st.body = append(st.body, field{"Resources", bodies[s]})
		if len(outputs) > 0 {
			st.body = append(st.body, field{"Outputs", outputs})
		}
		stacks = append(stacks, st)
	}
	return stacks
}

// stack returns the stack of resource id: its VPC's for a VPC, else the
// latest among its own VPC's (the builder's owner) and those of the
// resources it names (0, the connections stack, for none).
func (sp *splitter) stack(id string, visiting map[string]bool) int {
	if s, ok := sp.stackOf[id]; ok {
		return s
	}
	if visiting[id] {
		return 0 // a cycle CloudFormation would refuse anyway
	}
	visiting[id] = true
	s := max(sp.owned[id], sp.latest(sp.res[id], visiting))
	sp.stackOf[id] = s
	return s
}

// latest is the latest stack among the resources v names.
func (sp *splitter) latest(v any, visiting map[string]bool) int {
	s := 0
	sp.each(v, func(id string) {
		if _, ok := sp.res[id]; ok {
			s = max(s, sp.stack(id, visiting))
		}
	})
	return s
}

// each calls f with every id v names: Ref, GetAtt, !Sub variables and
// DependsOn.
func (sp *splitter) each(v any, f func(string)) {
	switch v := v.(type) {
	case object:
		for _, x := range v {
			if x.key == "DependsOn" {
				switch d := x.value.(type) {
				case string:
					f(d)
				case []any:
					for _, e := range d {
						f(e.(string))
					}
				}
				continue
			}
			sp.each(x.value, f)
		}
	case []any:
		for _, x := range v {
			sp.each(x, f)
		}
	case intrinsic:
		switch a := v.arg.(type) {
		case string:
			switch v.name {
			case "Ref":
				f(a)
			case "Sub":
				for _, m := range subVar.FindAllStringSubmatch(a, -1) {
					f(strings.SplitN(m[1], ".", 2)[0])
				}
			}
		case [2]string:
			f(a[0])
		default:
			sp.each(a, f)
		}
	}
}

// names2 marks the parameters and conditions v names.
func (sp *splitter) names2(v any, used map[string]bool) {
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case object:
			for _, x := range v {
				if x.key == "Condition" {
					if c, ok := x.value.(string); ok {
						used[c] = true
					}
				}
				walk(x.value)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case intrinsic:
			switch a := v.arg.(type) {
			case string:
				if v.name == "Ref" {
					used[a] = true
				}
				if v.name == "Sub" {
					for _, m := range subVar.FindAllStringSubmatch(a, -1) {
						used[m[1]] = true
					}
				}
			default:
				walk(a)
			}
		}
	}
	walk(v)
}

// rewrite copies v for stack s: a name of a resource in an earlier stack
// becomes an import of that stack's export, and a DependsOn on one is
// dropped (the stack order makes it hold).
func (sp *splitter) rewrite(v any, s int) object {
	return sp.value(v, s).(object)
}

func (sp *splitter) value(v any, s int) any {
	switch v := v.(type) {
	case object:
		out := make(object, 0, len(v))
		for _, x := range v {
			if x.key == "DependsOn" {
				var keep []any
				deps, ok := x.value.([]any)
				if !ok {
					deps = []any{x.value}
				}
				for _, d := range deps {
					if sp.stackOf[d.(string)] == s {
						keep = append(keep, d)
					}
				}
				switch len(keep) {
				case 0:
				case 1:
					out = append(out, field{x.key, keep[0]})
				default:
					out = append(out, field{x.key, keep})
				}
				continue
			}
			out = append(out, field{x.key, sp.value(x.value, s)})
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = sp.value(x, s)
		}
		return out
	case intrinsic:
		switch a := v.arg.(type) {
		case string:
			switch v.name {
			case "Ref":
				if sp.foreign(a, s) {
					return sp.importOf(a, "", s)
				}
			case "Sub":
				return sp.sub(a, s)
			}
			return v
		case [2]string:
			if sp.foreign(a[0], s) {
				return sp.importOf(a[0], a[1], s)
			}
			return v
		default:
			return intrinsic{v.name, sp.value(a, s)}
		}
	}
	return v
}

// foreign reports whether id is a resource of a stack other than s.
func (sp *splitter) foreign(id string, s int) bool {
	if _, ok := sp.res[id]; !ok {
		return false
	}
	return sp.stackOf[id] != s
}

// sub rewrites a !Sub string whose variables name resources of other
// stacks into the list form, each such variable bound to an import.
func (sp *splitter) sub(str string, s int) any {
	var vars object
	seen := map[string]bool{}
	out := subVar.ReplaceAllStringFunc(str, func(m string) string {
		name := m[2 : len(m)-1]
		id, attr, _ := strings.Cut(name, ".")
		if !sp.foreign(id, s) {
			return m
		}
		key := id + camel(attr)
		if !seen[key] {
			seen[key] = true
			vars = append(vars, field{key, sp.importOf(id, attr, s)})
		}
		return "${" + key + "}"
	})
	if len(vars) == 0 {
		return intrinsic{"Sub", str}
	}
	return intrinsic{"Sub", []any{out, vars}}
}

// importOf is !ImportValue of id's value (attr "" for Ref), exported by
// id's stack under a name made of the stack's name and an output id.
func (sp *splitter) importOf(id, attr string, s int) intrinsic {
	from := sp.stackOf[id]
	key := id + "|" + attr
	name, ok := sp.exported[key]
	if !ok {
		out := sp.ids.make("Export", id, attr)
		name = sp.names[from] + "-" + out
		if len(name) > maxExportName {
			// A long id: a numbered name instead, which no id can take
			// (ids have no hyphen).
			name = fmt.Sprintf("%s-Export-%d", sp.names[from], len(sp.exports[from])+1)
		}
		var value any = ref(id)
		if attr != "" {
			value = getAtt(id, attr)
		}
		sp.exports[from] = append(sp.exports[from], field{out, object{
			{"Description", truncateBytes("For the later stacks of the split: "+id+" "+attr, maxTemplateDescription)},
			{"Value", value},
			{"Export", object{{"Name", name}}},
		}})
		sp.exported[key] = name
	}
	return intrinsic{"ImportValue", name}
}

// stackSlug is a name as a part of a stack name: lower-case letters,
// digits and single hyphens, at most 48 characters, fallback when nothing
// is left. CloudFormation's stack names are [A-Za-z][-A-Za-z0-9]*, at
// most 128 characters; the design's name leads, so it starts with a letter
// when the fallback is used.
func stackSlug(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	out := b.String()
	if out == "" || out[0] < 'a' || out[0] > 'z' {
		out = fallback + strings.TrimPrefix("-"+out, "-"+fallback)
		if out != fallback && !strings.HasPrefix(out, fallback+"-") {
			out = fallback + "-" + strings.TrimPrefix(out, fallback)
		}
	}
	return out
}

// SplitReadme is the README of a split template's directory: why it is
// split, the stacks in deployment order with their files (files[i] is
// Stacks[i]'s) and the commands that deploy them.
func (t *Template) SplitReadme(design string, files []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s, %s: %d CloudFormation stacks\n\n", cleanText(design), t.Region, len(t.Stacks))
	fmt.Fprintf(&b, "The design's template for %s would be over a CloudFormation quota (%d resources; at most %d resources, %d outputs, %d parameters and %d bytes per stack), so vpcsmith split it into one stack per VPC, after a connections stack with what belongs to no VPC (transit gateways, customer gateways) when there is any. A connection between two VPCs is in the later VPC's stack.\n\n",
		t.Region, t.Resources, MaxResources, MaxOutputs, MaxParameters, MaxBodyBytes)
	b.WriteString("Deploy them **in this order**, each after the previous one is complete: a stack imports (`Fn::ImportValue`) what the earlier ones export, and CloudFormation refuses an import of an export that does not exist yet. Delete them in the reverse order.\n\n")
	b.WriteString("`<file>` stands for the design file's name without `.yaml`, as in every file name here.\n\n")
	b.WriteString("| order | stack | file | resources |\n|---|---|---|---|\n")
	for i, s := range t.Stacks {
		fmt.Fprintf(&b, "| %d | %s | %s | %d |\n", s.Order, s.StackName, files[i], s.Resources)
	}
	b.WriteString("\n```sh\n")
	for i, s := range t.Stacks {
		fmt.Fprintf(&b, "aws cloudformation deploy --region %s --stack-name %s --template-file %s --capabilities CAPABILITY_IAM\n", t.Region, s.StackName, files[i])
	}
	b.WriteString("```\n\nThe export names are fixed (`<stack>-Export<resource>`), not derived from the stack names you deploy under, and an export name is unique in an account's region: deploying the same split design twice in one region needs a second design name.\n")
	if len(t.Notes) > 0 {
		b.WriteString("\nNotes:\n\n")
		for _, n := range t.Notes {
			b.WriteString("- " + n + "\n")
		}
	}
	return b.String()
}
