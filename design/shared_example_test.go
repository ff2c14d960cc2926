package design

import (
	"os"
	"testing"
)

// The shared reference example is the format's contract: it must load and
// validate with zero errors, and the repository's copy must not drift from
// it. CI clones the repository with shared/ beside it.
func TestSharedReferenceExample(t *testing.T) {
	const shared = "../../shared/examples/reference.yaml"
	want, err := os.ReadFile(shared)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the shared reference example is missing: %v", err)
		}
		t.Skipf("no shared/ beside the repository: %v", err)
	}
	got, err := os.ReadFile("../examples/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("examples/reference.yaml differs from shared/examples/reference.yaml: copy it again")
	}
	d, err := Load(shared)
	if err != nil {
		t.Fatal(err)
	}
	if fs := Validate(d); HasErrors(fs) {
		t.Errorf("shared reference has errors: %v", fs)
	}
}
