package design

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// FuzzParse: no input may panic the loader, and whatever loads must save
// to a file that loads again and saves byte-identically.
func FuzzParse(f *testing.F) {
	for _, path := range []string{"testdata/reference.yaml", "testdata/messy.yaml"} {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(baseDesign))
	for _, data := range []string{
		"version: 1\nvpcs: []\n", "version: 1\nname: \"\\x1b]0;x\\x07\"\n", "{version: 1, vpcs: [{name: a, cidr: 10.0.0.0/16}]}",
		"version: 1\nvpcs:\n  - name: a\n    azs: [x, y]\n    tiers: [{name: t, kind: public, prefix: 24}]\n", "- - - x", "[[[[", "a: &a b\nc: *a\n",
	} {
		f.Add([]byte(data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Go's fuzzer does not report hangs; a call this slow is a bug, and
		// panicking makes the fuzzer keep the input as a crasher.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Parse hung on %q", data)) })
		defer timer.Stop()
		d, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		Validate(d)
		once := Marshal(d)
		d2, err := Parse("saved.yaml", once)
		if err != nil {
			t.Fatalf("saved form does not load: %v\ninput: %q\nsaved:\n%s", err, data, once)
		}
		if twice := Marshal(d2); string(twice) != string(once) {
			t.Fatalf("not idempotent:\ninput: %q\n--- once\n%s\n--- twice\n%s", data, once, twice)
		}
	})
}
