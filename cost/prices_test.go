package cost

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// The regions the issue requires the built-in prices to cover.
var requiredRegions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1"}

func TestEmbeddedPricesCoverTheRegionsWithSources(t *testing.T) {
	p := builtinPrices(t)
	if got := strings.Join(p.Regions(), " "); got != "ap-northeast-1 ap-southeast-1 eu-central-1 eu-west-1 sa-east-1 us-east-1 us-west-2" {
		t.Errorf("regions = %s", got)
	}
	for _, name := range requiredRegions {
		r, ok := p.Region(name)
		if !ok {
			t.Fatalf("no prices for %s", name)
		}
		for _, fk := range figureKeys {
			f := fk.of(r)
			if f.Rate <= 0 || f.Source == "" || f.Date == "" {
				t.Errorf("%s %s: %+v lacks a price, source or date", name, fk.key, *f)
			}
		}
		if len(r.InterfaceEndpointGB.Tiers) != 3 || r.InterfaceEndpointGB.Source == "" {
			t.Errorf("%s interface_endpoint_gb: %+v", name, r.InterfaceEndpointGB)
		}
	}
	us, _ := p.Region("us-east-1")
	// Spot checks against shared/notes/aws-facts.md.
	for _, c := range []struct {
		got  Rate
		want string
	}{{us.NATGatewayHour.Rate, "0.045"}, {us.PublicIPv4Hour.Rate, "0.005"}, {us.ALBHour.Rate, "0.0225"}, {us.FlowLogsGB.Rate, "0.50"}} {
		if c.got.Plain() != c.want {
			t.Errorf("us-east-1 figure %s, want %s", c.got.Plain(), c.want)
		}
	}
}

func TestEmbeddedPricesAreAValidPricesFile(t *testing.T) {
	// The text --print-prices writes must load back as a --prices file.
	path := filepath.Join(t.TempDir(), "prices.yaml")
	if err := os.WriteFile(path, EmbeddedPricesYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPrices(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Regions()) != len(requiredRegions) {
		t.Errorf("regions = %v", p.Regions())
	}
}

// minimalPrices is a valid one-region prices file; tests break it in one
// place at a time.
const minimalPrices = `version: 1
currency: USD
sources:
  page: {title: A page, url: https://example.com/}
regions:
  us-east-1:
    nat_gateway_hour: {price: 0.045, source: page, date: 2026-11}
    nat_gateway_gb: {price: 0.045, source: page, date: 2026-11}
    public_ipv4_hour: {price: 0.005, source: page, date: 2026-11}
    interface_endpoint_hour: {price: 0.01, source: page, date: 2026-11}
    interface_endpoint_gb:
      tiers: [{up_to_gb: 1048576, price: 0.01}, {price: 0.006}]
      source: page
      date: 2026-11-22
    transit_gateway_attachment_hour: {price: 0.05, source: page, date: 2026-11}
    transit_gateway_gb: {price: 0.02, source: page, date: 2026-11}
    vpn_connection_hour: {price: 0.05, source: page, date: 2026-11}
    inter_az_gb: {price: 0.01, source: page, date: 2026-11}
    internet_egress_gb: {price: 0.09, source: page, date: 2026-11}
    alb_hour: {price: 0.0225, source: page, date: 2026-11}
    nlb_hour: {price: 0.0225, source: page, date: 2026-11}
    flow_logs_gb: {price: 0.5, source: page, date: 2026-11, note: CloudWatch Logs}
`

func TestParsePricesMinimal(t *testing.T) {
	p, err := ParsePrices("p.yaml", []byte(minimalPrices))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := p.Region("us-east-1")
	if r.ALBHour.Rate != 22500 || r.FlowLogsGB.Note != "CloudWatch Logs" || r.InterfaceEndpointGB.Tiers[1].Rate != 6000 {
		t.Errorf("decoded %+v", r)
	}
}

func TestParsePricesErrorsNameFileLineColumnAndFix(t *testing.T) {
	for _, c := range []struct {
		name, old, new string
		want           []string // substrings of the error text
	}{
		{"unknown key", "nat_gateway_gb:", "nat_gatway_gb:", []string{"p.yaml:8:5: unknown key \"nat_gatway_gb\"", `did you mean "nat_gateway_gb"?`, "has no nat_gateway_gb"}},
		{"price as text", "price: 0.045, source: page, date: 2026-11}\n    nat_gateway_gb", "price: \"0.045\", source: page, date: 2026-11}\n    nat_gateway_gb", []string{"p.yaml:7:31: price in region us-east-1 nat_gateway_hour should be a number", "without quotes"}},
		{"too precise", "price: 0.0225, source", "price: 0.00000001, source", []string{"p.yaml:20:23:", "six decimal places"}},
		{"negative", "price: 0.02, source", "price: -0.02, source", []string{"p.yaml:16:33:", "negative"}},
		{"unknown source", "alb_hour: {price: 0.0225, source: page", "alb_hour: {price: 0.0225, source: pgae", []string{"p.yaml:20:39:", `source "pgae"`, `did you mean "page"?`}},
		{"bad date", "date: 2026-11-22", "date: last week", []string{"p.yaml:14:13:", "YYYY-MM"}},
		{"bounded last tier", "{price: 0.006}]", "{up_to_gb: 5000000, price: 0.006}]", []string{"p.yaml:12:60:", "last tier", "no upper bound"}},
		{"tiers out of order", "up_to_gb: 1048576", "up_to_gb: -1", []string{"p.yaml:12:26:", "exceed the one before"}},
		{"missing figure", "    vpn_connection_hour: {price: 0.05, source: page, date: 2026-11}\n", "", []string{"p.yaml:6:3: region us-east-1 has no vpn_connection_hour", "add `vpn_connection_hour:"}},
		{"bad region", "  us-east-1:", "  US East:", []string{"p.yaml:6:3:", "not an AWS region code"}},
		{"version", "version: 1", "version: 2", []string{"p.yaml:1:10:", "version 1"}},
		{"alias", "date: 2026-11-22", "date: *d", []string{"p.yaml:14:13:", "aliases"}},
		{"not yaml", "regions:", "regions: [", []string{"p.yaml:", "invalid YAML"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(minimalPrices, c.old, c.new, 1)
			if src == minimalPrices {
				t.Fatalf("test edit %q does not apply", c.old)
			}
			_, err := ParsePrices("p.yaml", []byte(src))
			var le design.LoadErrors
			if !errors.As(err, &le) {
				t.Fatalf("want LoadErrors, got %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\nshould contain %q", err, w)
				}
			}
		})
	}
}

func TestParsePricesNeverPanics(t *testing.T) {
	for _, src := range []string{"", "\x00", "[", "- a\n- b", "version: 1\nregions: 3", "{{{{", "version: 1\ncurrency: EUR\nsources: {}\nregions: {}\n", "a: &x 1\nb: *x\n", "\xff\xfe"} {
		if _, err := ParsePrices("p.yaml", []byte(src)); err == nil {
			t.Errorf("%q: want an error", src)
		}
	}
}

func TestLoadPricesMissingFile(t *testing.T) {
	_, err := LoadPrices(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: cannot") {
		t.Errorf("err = %v", err)
	}
}
