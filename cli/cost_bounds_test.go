package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const costBoundsDesign = `version: 1
name: bounds
region: us-east-1
vpcs:
  - name: big
    cidr: 10.0.0.0/16
    azs: 1
    nat: single
    tiers:
      - {name: web, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 24}
    traffic:
      internet_egress_gb: VALUE
`

// TestCostTrafficBoundsThroughTheCommand: traffic values at the bound give
// exact totals in text and JSON; past it (however spelled, 1e308 as much
// as 1.79e308) the command stops with the load error at the value's line
// and column that states the bound, in either format, and never prints a
// negative or malformed figure.
func TestCostTrafficBoundsThroughTheCommand(t *testing.T) {
	for _, c := range []struct {
		value string
		total string // text total, when it loads
		json  string // monthly_total in JSON
	}{
		// 1 NAT × 730 × $0.045 = $32.85; its address 730 × $0.005 = $3.65;
		// NAT data 10^9 × $0.045 = $45,000,000.00; internet egress 10^9 ×
		// $0.09 = $90,000,000.00: $135,000,036.50.
		{"1000000000", "$135,000,036.50", "135000036.50"},
		{"1e9", "$135,000,036.50", "135000036.50"},
		// 1,500 GB: 32.85 + 3.65 + 67.50 + 135.00 = $239.00.
		{"1500", "$239.00", "239.00"},
		{"1000000001", "", ""},
		{"1e17", "", ""},
		{"1e19", "", ""},
		{"1e308", "", ""},
		{"1.79e308", "", ""},
	} {
		file := writeFile(t, "bounds.yaml", strings.Replace(costBoundsDesign, "VALUE", c.value, 1))
		for _, format := range []string{"text", "json"} {
			code, out, errOut := run(t, "cost", file, "--format", format)
			if c.total == "" {
				if code != ExitUsage || out != "" || !strings.Contains(errOut, "bounds.yaml:13:27: error: internet_egress_gb in traffic is "+c.value+" GB, over the bound of 1,000,000,000 GB a month") {
					t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 2 with the bound's error", c.value, format, code, out, errOut)
				}
				continue
			}
			if code != ExitOK {
				t.Errorf("%s %s: exit %d: %s", c.value, format, code, errOut)
				continue
			}
			if format == "text" {
				if !strings.Contains(out, "TOTAL") || !strings.Contains(out, c.total) || strings.Contains(out, "-$") && !strings.Contains(out, "ADVICE") {
					t.Errorf("%s: text lacks total %s:\n%s", c.value, c.total, out)
				}
				continue
			}
			var doc map[string]json.RawMessage
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Errorf("%s: JSON does not decode: %v", c.value, err)
				continue
			}
			if got := string(doc["monthly_total"]); got != c.json {
				t.Errorf("%s: monthly_total %s, want %s", c.value, got, c.json)
			}
		}
	}
}

// TestCostPriceBound: a price over $1,000 per unit is refused with its
// position, so no price times a bounded quantity can overflow.
func TestCostPriceBound(t *testing.T) {
	code, prices, _ := run(t, "cost", "--print-prices")
	if code != ExitOK {
		t.Fatal(code)
	}
	prices = strings.Replace(prices, "nat_gateway_hour: {price: 0.045,", "nat_gateway_hour: {price: 1000000,", 1)
	pf := writeFile(t, "p.yaml", prices)
	file := writeFile(t, "bounds.yaml", strings.Replace(costBoundsDesign, "VALUE", "1", 1))
	code, _, errOut := run(t, "cost", file, "--prices", pf)
	if code != ExitUsage || !strings.Contains(errOut, "a price is at most $1000 per unit") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
