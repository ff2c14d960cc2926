package panes

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Advice below the fold of the cost pane gets a hint on its last line
// (issue 15: it sat below the fold with no hint).
func TestCostAdviceBelowFoldHint(t *testing.T) {
	items := []cost.Item{
		{Category: cost.NATGatewayHours, Monthly: 6570},
		{Category: cost.InterfaceEndpointHours, Monthly: 1460},
		{Category: cost.CrossAZData, Monthly: 200},
		{Category: cost.GatewayEndpoint},
	}
	b := &cost.Breakdown{Currency: "USD", Items: items, MonthlyTotal: cost.Total(items), Advice: []cost.Advice{
		{Message: "Add S3 and DynamoDB gateway endpoints to save NAT processing.", MonthlyDifference: -450},
		{Message: "One NAT gateway instead of three saves its hours.", MonthlyDifference: -6570},
		{Message: "Per-AZ NAT avoids cross-AZ charges.", MonthlyDifference: 200},
	}}
	c := NewCost(styles.Plain())
	c.SetEstimate(b, nil)
	c.SetSize(44, 9) // 7 lines inside: the total, 3 categories, free, blank, "advice"
	view := func() []string {
		out := c.View(true)
		for i := range out {
			out[i] = ansi.Strip(out[i])
		}
		return out
	}
	v2 := func(v []string) string { return strings.Trim(v[len(v)-2], "│┃ ") }
	v := view()
	if len(v) != 9 {
		t.Fatalf("%d lines", len(v))
	}
	if last := v[len(v)-2]; !strings.Contains(last, "↓ 3 more: advice") {
		t.Errorf("last line %q, want the hint for 3 advice items:\n%s", last, strings.Join(v, "\n"))
	}
	// Narrower, the hint says less rather than being cut.
	for w, want := range map[int]string{36: "↓ 3 more: advice (tab, j)", 24: "↓ 3 more: advice"} {
		c.SetSize(w+4, 9)
		if last := v2(view()); !strings.HasPrefix(strings.TrimSpace(last), want) || strings.Contains(last, "…") {
			t.Errorf("%d cells inside: last line %q, want %q whole", w, last, want)
		}
	}
	c.SetSize(44, 9)
	// Scrolled to the end: nothing is below, no hint.
	for range 20 {
		c.HandleMsg(tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	v = view()
	if s := strings.Join(v, "\n"); strings.Contains(s, "↓") || !strings.Contains(s, "+$2.00 / month") {
		t.Errorf("scrolled to the end:\n%s", s)
	}
	// Tall enough for everything: no hint.
	c.SetSize(44, 30)
	c.HandleMsg(tea.KeyPressMsg{Code: 'g', Text: "g"})
	if s := strings.Join(view(), "\n"); strings.Contains(s, "↓") {
		t.Errorf("a pane that fits has a hint:\n%s", s)
	}
}
