package panes

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestEveryCategoryHasAName: a category the estimate adds is read by a
// person in the pane, not shown as its JSON name.
func TestEveryCategoryHasAName(t *testing.T) {
	for _, c := range cost.Categories() {
		if categoryNames[c] == "" {
			t.Errorf("category %s has no name in the cost pane", c)
		}
	}
}

// TestCostPaneShowsWhatIsNotPriced: the estimate's warnings (traffic on a
// connection the VPC lacks, a missing price) are in the pane, so nothing
// left out reads as $0.
func TestCostPaneShowsWhatIsNotPriced(t *testing.T) {
	items := []cost.Item{{Category: cost.NATGatewayHours, Monthly: 3285}}
	b := &cost.Breakdown{Currency: "USD", Items: items, MonthlyTotal: cost.Total(items),
		Warnings: []cost.Warning{{VPC: "app", Message: "VPC app states transit_gateway_gb: 100 but is on no transit gateway: not priced"}}}
	c := NewCost(styles.Plain())
	c.SetEstimate(b, nil)
	c.SetSize(60, 12)
	view := ansi.Strip(strings.Join(c.View(false), "\n"))
	if !strings.Contains(view, "not priced") || !strings.Contains(view, "transit_gateway_gb: 100") {
		t.Errorf("the warning is not shown:\n%s", view)
	}
}
