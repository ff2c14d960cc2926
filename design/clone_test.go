package design

import (
	"bytes"
	"reflect"
	"testing"
)

func TestCloneMarshalsTheSame(t *testing.T) {
	d, err := Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Marshal(d), Marshal(d.Clone())) {
		t.Fatal("the clone marshals differently from the original (comments or order lost?)")
	}
}

// TestCloneSharesNoExportedMemory walks the design by reflection: every
// exported slice or pointer that is non-empty in the original must point to
// different memory in the clone. A field added to design.Design fails here
// until Clone copies it.
func TestCloneSharesNoExportedMemory(t *testing.T) {
	d := mustLoadReference(t)
	fillEverything(reflect.ValueOf(d).Elem())
	c := d.Clone()
	checkNoSharing(t, "Design", reflect.ValueOf(d).Elem(), reflect.ValueOf(c).Elem())
}

// fillEverything gives every exported nil slice and pointer in v one
// element, so that the sharing check sees every field.
func fillEverything(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillEverything(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			fillEverything(v.Index(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fillEverything(v.Elem())
	}
}

func checkNoSharing(t *testing.T, path string, a, b reflect.Value) {
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if f.IsExported() {
				checkNoSharing(t, path+"."+f.Name, a.Field(i), b.Field(i))
			}
		}
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the slice with the original", path)
		}
		for i := range min(a.Len(), b.Len()) {
			checkNoSharing(t, path+"[]", a.Index(i), b.Index(i))
		}
	case reflect.Pointer:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the pointer with the original", path)
		}
		if !a.IsNil() && !b.IsNil() {
			checkNoSharing(t, path, a.Elem(), b.Elem())
		}
	}
}

func TestCloneKeepsNilApartFromEmpty(t *testing.T) {
	d := mustLoadReference(t)
	db := d.FindVPC("prod").FindSecurityGroup("db")
	app := d.FindVPC("prod").FindSecurityGroup("app")
	if db.Egress == nil || app.Egress != nil {
		t.Fatal("fixture: db has egress: [], app has none")
	}
	c := d.Clone()
	if c.FindVPC("prod").FindSecurityGroup("db").Egress == nil {
		t.Error("egress: [] became absent (allow all) in the clone")
	}
	if c.FindVPC("prod").FindSecurityGroup("app").Egress != nil {
		t.Error("absent egress became egress: [] in the clone")
	}
}

func mustLoadReference(t *testing.T) *Design {
	t.Helper()
	d, err := Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
