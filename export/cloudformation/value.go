package cloudformation

// The template is built as a tree of a few value types, so that one tree
// renders as YAML (short intrinsic tags) and as JSON ("Ref"/"Fn::" objects)
// with the same key order, byte for byte the same every time.
//
// Values are: string, int, bool, object, []any and intrinsic.

// object is a mapping whose keys keep the order they were added in:
// CloudFormation readers expect Type before Properties, and golden files
// need a stable order.
type object []field

// field is one key of an object.
type field struct {
	key   string
	value any
}

// get returns the value of key, or nil.
func (o object) get(key string) any {
	for _, f := range o {
		if f.key == key {
			return f.value
		}
	}
	return nil
}

// intrinsic is a CloudFormation intrinsic function: Ref, or Fn::name.
type intrinsic struct {
	name string // "Ref", "GetAtt", "Sub", "Select", "GetAZs", "Join", "Not", "Equals"
	arg  any
}

// ref is !Ref id: a resource's id or a parameter's value.
func ref(id string) intrinsic { return intrinsic{"Ref", id} }

// getAtt is !GetAtt id.attr.
func getAtt(id, attr string) intrinsic { return intrinsic{"GetAtt", [2]string{id, attr}} }

// sub is !Sub s.
func sub(s string) intrinsic { return intrinsic{"Sub", s} }

// selectAZ is !Select [i, !GetAZs ”]: the region's i-th AZ in the deploying
// account.
func selectAZ(i int) intrinsic {
	return intrinsic{"Select", []any{i, intrinsic{"GetAZs", ""}}}
}

// join is !Join [sep, items].
func join(sep string, items []any) intrinsic { return intrinsic{"Join", []any{sep, items}} }

// notEmpty is !Not [!Equals [!Ref param, ”]]: the condition that a string
// parameter was given.
func notEmpty(param string) intrinsic {
	return intrinsic{"Not", []any{intrinsic{"Equals", []any{ref(param), ""}}}}
}

// tags is the Tags property: the Name tag, which carries the design's
// names into the console (after the TagPrefix parameter), and the
// Environment tag (params.go).
func tags(name string) []any {
	return []any{object{{"Key", "Name"}, {"Value", taggedName(tagValue(name))}}, environmentTag()}
}

// elbTags is tags for Elastic Load Balancing resources (see elbTagValue).
func elbTags(name string) []any {
	return []any{object{{"Key", "Name"}, {"Value", taggedName(elbTagValue(name))}}, environmentTag()}
}

// refs turns ids into a list of !Ref.
func refs(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = ref(id)
	}
	return out
}
