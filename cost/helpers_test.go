package cost

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// parseDesign decodes a design written in a test, failing the test on error.
func parseDesign(t testing.TB, yaml string) *design.Design {
	t.Helper()
	d, err := design.Parse("test.yaml", []byte(strings.TrimLeft(yaml, "\n")))
	if err != nil {
		t.Fatalf("test design does not load: %v", err)
	}
	return d
}

func builtinPrices(t testing.TB) *Prices {
	t.Helper()
	p, err := DefaultPrices()
	if err != nil {
		t.Fatalf("embedded prices: %v", err)
	}
	return p
}

func estimate(t testing.TB, d *design.Design) *Breakdown {
	t.Helper()
	b, err := Estimate(d, builtinPrices(t))
	if err != nil {
		t.Fatalf("Estimate: %v", err)
	}
	return b
}

// itemKey names an item in expectations: category, then the VPC or
// connection it belongs to ("nat-gateway-hours app", "transit-gateway-data
// hub/a", "load-balancer-hours front ALB").
func itemKey(it Item) string {
	switch {
	case it.Connection != "" && it.VPC != "" && (it.Category == TransitGatewayData || it.Category == CrossAZData || it.Category == InterRegionData):
		return string(it.Category) + " " + it.Connection + "/" + it.VPC
	case it.Connection != "":
		return string(it.Category) + " " + it.Connection
	case it.Category == LoadBalancerHours: // one item per kind: "1 ALB: web"
		return string(it.Category) + " " + it.VPC + " " + strings.TrimSuffix(strings.Fields(it.Description)[1], ":")
	}
	return string(it.Category) + " " + it.VPC
}

// checkItems asserts the estimate holds exactly the expected items (by
// itemKey, in cents) and that the total is their sum.
func checkItems(t *testing.T, b *Breakdown, want map[string]Money, wantTotal Money) {
	t.Helper()
	got := map[string]Money{}
	for _, it := range b.Items {
		k := itemKey(it)
		if _, dup := got[k]; dup {
			t.Errorf("two items %q", k)
		}
		got[k] = it.Monthly
	}
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("missing item %q (want %s)", k, w)
		} else if g != w {
			t.Errorf("%s = %s, want %s", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected item %q = %s", k, g)
		}
	}
	if b.MonthlyTotal != wantTotal {
		t.Errorf("total = %s, want %s", b.MonthlyTotal, wantTotal)
	}
	if s := Total(b.Items); s != b.MonthlyTotal {
		t.Errorf("total %s is not the sum of the items %s", b.MonthlyTotal, s)
	}
}

func findAdvice(t *testing.T, b *Breakdown, kind AdviceKind, subject string) Advice {
	t.Helper()
	for _, a := range b.Advice {
		if a.Kind == kind && (a.VPC == subject || a.Connection == subject) {
			return a
		}
	}
	t.Fatalf("no %s advice for %s; advice: %+v", kind, subject, b.Advice)
	return Advice{}
}
