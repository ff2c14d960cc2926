package cost_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
)

// TestHostileCorpus prices the design of testdata/hostile with each payload
// of the corpus in every name and reference: a name is a label, so the
// estimate and its advice must be exactly those of the same design with
// harmless names (no item lost, added or priced differently because a name
// holds escapes, NUL, "/" or 100 KB), each charge must still name its VPC
// or connection as the design does (the CLI sanitizes them when it prints),
// and the estimate must take no longer for a long name.
func TestHostileCorpus(t *testing.T) {
	prices, err := cost.DefaultPrices()
	if err != nil {
		t.Fatal(err)
	}
	const plain = "x"
	want, err := cost.Estimate(hostile.Design(plain, plain), prices)
	if err != nil {
		t.Fatal(err)
	}
	vpcs, conns := 0, 0
	for _, it := range want.Items {
		if it.VPC != "" {
			vpcs++
		}
		if it.Connection != "" {
			conns++
		}
	}
	if vpcs == 0 || conns == 0 || len(want.Advice) == 0 {
		t.Fatalf("the hostile design prices too little to test (%d items of VPCs, %d of connections, %d pieces of advice)", vpcs, conns, len(want.Advice))
	}
	// name maps a name of the plain design to the same element's name in
	// the hostile one: "b x" is "b "+p.
	name := func(plainName, p string) string {
		if plainName == "" {
			return ""
		}
		return strings.TrimSuffix(plainName, plain) + p
	}
	for _, p := range hostile.Payloads(t) {
		start := time.Now()
		got, err := cost.Estimate(hostile.Design(p.Text, p.Text), prices)
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%s: the estimate took %v", p.Name, el)
		}
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if got.MonthlyTotal != want.MonthlyTotal || len(got.Items) != len(want.Items) || len(got.Advice) != len(want.Advice) {
			t.Errorf("%s: %v a month in %d items with %d pieces of advice, want %v, %d and %d", p.Name,
				got.MonthlyTotal, len(got.Items), len(got.Advice), want.MonthlyTotal, len(want.Items), len(want.Advice))
			continue
		}
		for i, w := range want.Items {
			g := got.Items[i]
			if g.Category != w.Category || g.Quantity != w.Quantity || g.UnitPrice != w.UnitPrice || g.Monthly != w.Monthly {
				t.Errorf("%s: item %d is %s %v × %v = %v, want %s %v × %v = %v", p.Name, i,
					g.Category, g.Quantity, g.UnitPrice, g.Monthly, w.Category, w.Quantity, w.UnitPrice, w.Monthly)
			}
			if g.VPC != name(w.VPC, p.Text) || g.Connection != name(w.Connection, p.Text) {
				t.Errorf("%s: item %d (%s) is charged to VPC %s, connection %s; want %q, %q", p.Name, i, g.Category,
					hostile.Excerpt(g.VPC, 0), hostile.Excerpt(g.Connection, 0), w.VPC, w.Connection)
			}
		}
		for i, w := range want.Advice {
			g := got.Advice[i]
			if g.Kind != w.Kind || g.MonthlyDifference != w.MonthlyDifference || len(g.Changes) != len(w.Changes) {
				t.Errorf("%s: advice %d is %v (%v), want %v (%v)", p.Name, i, g.Kind, g.MonthlyDifference, w.Kind, w.MonthlyDifference)
			}
			if g.VPC != name(w.VPC, p.Text) || g.Connection != name(w.Connection, p.Text) {
				t.Errorf("%s: advice %d is about VPC %s, connection %s; want %q, %q", p.Name, i,
					hostile.Excerpt(g.VPC, 0), hostile.Excerpt(g.Connection, 0), w.VPC, w.Connection)
			}
		}
	}
}
