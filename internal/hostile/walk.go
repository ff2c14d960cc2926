package hostile

import (
	"fmt"
	"reflect"

	"github.com/vpcsmith/vpcsmith/design"
)

// Field is one string of a design with the path of exported fields that
// leads to it ("VPCs[0].Tiers[1].Name").
type Field struct {
	Path, Value string
}

// Fields lists every string a design holds, in order, by reflection over
// its exported fields: a field added to the model later is covered without
// touching the tests.
func Fields(d *design.Design) []Field {
	var out []Field
	walk(reflect.ValueOf(d).Elem(), "", &out)
	return out
}

func walk(v reflect.Value, path string, out *[]Field) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, Field{path, v.String()})
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), path, out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				p := f.Name
				if path != "" {
					p = path + "." + f.Name
				}
				walk(v.Field(i), p, out)
			}
		}
	}
}
