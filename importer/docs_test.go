package importer

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestActionsMatchAPI: Actions (the documented policy) names exactly the
// methods of API, the only calls the import can make, and all are reads
// (Describe, or the transit gateway route tables' Get and Search).
func TestActionsMatchAPI(t *testing.T) {
	var methods []string
	api := reflect.TypeFor[API]()
	for i := range api.NumMethod() {
		m := api.Method(i).Name
		if !strings.HasPrefix(m, "Describe") && !strings.HasPrefix(m, "GetTransitGatewayRouteTable") && m != "SearchTransitGatewayRoutes" {
			t.Errorf("API has %s: the import must only read", m)
		}
		methods = append(methods, "ec2:"+m)
	}
	got := slices.Sorted(slices.Values(Actions))
	if !slices.Equal(got, methods) {
		t.Errorf("Actions = %v\nAPI methods = %v", got, methods)
	}
}

// TestDocumentedPolicy: docs/import.md's IAM policy is valid JSON and
// grants exactly Actions.
func TestDocumentedPolicy(t *testing.T) {
	doc, err := os.ReadFile("../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## Minimal IAM policy")
	if !ok {
		t.Fatal("docs/import.md has no policy section")
	}
	_, rest, _ = strings.Cut(rest, "```json\n")
	block, _, _ := strings.Cut(rest, "```")
	var policy struct {
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal([]byte(block), &policy); err != nil {
		t.Fatalf("the documented policy is not JSON: %v", err)
	}
	if len(policy.Statement) != 1 || policy.Statement[0].Effect != "Allow" {
		t.Fatalf("policy: %+v", policy)
	}
	if got, want := slices.Sorted(slices.Values(policy.Statement[0].Action)), slices.Sorted(slices.Values(Actions)); !slices.Equal(got, want) {
		t.Errorf("documented actions %v, want %v", got, want)
	}
	for _, a := range Actions {
		if gapEffect(a) == "" && a != "ec2:DescribeVpcs" {
			t.Errorf("no effect documented for a denied %s", a)
		}
		if !strings.Contains(string(doc), "| `"+a+"` |") {
			t.Errorf("docs/import.md's table of denied actions lacks %s", a)
		}
	}
}
