package cost

import (
	_ "embed"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/vpcsmith/vpcsmith/design"
)

// HoursPerMonth is the month AWS bills hourly resources for: 730 hours
// (8,760 hours a year / 12).
const HoursPerMonth = 730

// MaxPricesFileSize bounds a prices file; the embedded one is under 20 KB.
const MaxPricesFileSize = 1 << 20

//go:embed prices.yaml
var embeddedPrices []byte

// EmbeddedPricesFile is the name errors use for the built-in prices file.
const EmbeddedPricesFile = "cost/prices.yaml (built in)"

// Prices is a decoded prices file: per region, every figure the estimate
// uses, each with the source it was read from and when.
type Prices struct {
	File     string // where it was read from, for messages
	Currency string
	Sources  map[string]Source
	regions  map[string]*RegionPrices
}

// Source is one entry of the file's `sources`: where figures were read.
type Source struct {
	ID    string
	Title string
	URL   string
}

// RegionPrices holds the figures of one region.
type RegionPrices struct {
	Region string
	// NATGatewayHour is per NAT gateway per hour; NATGatewayGB per GB the
	// gateway processes, on top of any data transfer.
	NATGatewayHour Figure
	NATGatewayGB   Figure
	// PublicIPv4Hour is per public IPv4 address per hour, in use or idle.
	PublicIPv4Hour Figure
	// InterfaceEndpointHour is per interface endpoint per AZ per hour;
	// InterfaceEndpointGB is tiered on the region's total of all endpoints.
	InterfaceEndpointHour Figure
	InterfaceEndpointGB   TieredFigure
	// TransitGatewayAttachmentHour is per attachment (VPC or VPN) per hour;
	// TransitGatewayGB per GB sent into the transit gateway.
	TransitGatewayAttachmentHour Figure
	TransitGatewayGB             Figure
	// VPNConnectionHour is per Site-to-Site VPN connection per hour.
	VPNConnectionHour Figure
	// InterAZGB is per GB crossing between AZs, charged in each direction.
	InterAZGB Figure
	// InternetEgressGB is the first tier of data transfer out to the internet.
	InternetEgressGB Figure
	// ALBHour and NLBHour are per load balancer per hour, without capacity units.
	ALBHour Figure
	NLBHour Figure
	// FlowLogsGB is per GB of flow-log records delivered to CloudWatch Logs.
	FlowLogsGB Figure

	// The optional figures (a file may lack them: Missing is then set).
	// InterRegionGB is per GB sent to another region (peering, transit
	// gateway peering); FlowLogsS3GB per GB of flow logs delivered to S3;
	// NATInstanceHour the hourly price of the smallest instance that can
	// stand in for a NAT gateway outside production.
	InterRegionGB   Figure
	FlowLogsS3GB    Figure
	NATInstanceHour Figure
}

// Figure is one price with its provenance.
type Figure struct {
	Rate   Rate
	Source string // an ID in Prices.Sources
	Date   string // when the figure was checked, YYYY-MM or YYYY-MM-DD
	Note   string // caveats, e.g. that a figure could not be confirmed
	// Missing is set for an optional figure the file does not give.
	Missing bool
}

// TieredFigure is a per-GB price that falls as the monthly volume grows.
type TieredFigure struct {
	Tiers  []PriceTier // in increasing order; the last has no upper bound
	Source string
	Date   string
	Note   string
}

// PriceTier is one step of a tiered price: Rate applies to the GB of the
// month's total up to UpToGB (cumulative); 0 means no upper bound.
type PriceTier struct {
	UpToGB float64
	Rate   Rate
}

// cost is the price of gb GB through the tiers, in micro-dollars.
func (t TieredFigure) cost(gb float64) float64 {
	var total, from float64
	for _, tier := range t.Tiers {
		if gb <= from {
			break
		}
		upper := gb
		if tier.UpToGB > 0 && tier.UpToGB < gb {
			upper = tier.UpToGB
		}
		total += (upper - from) * float64(tier.Rate)
		from = upper
	}
	return total
}

// marginal is the rate of the next GB after a month's total of gb.
func (t TieredFigure) marginal(gb float64) Rate {
	for _, tier := range t.Tiers {
		if tier.UpToGB == 0 || gb < tier.UpToGB {
			return tier.Rate
		}
	}
	return t.Tiers[len(t.Tiers)-1].Rate
}

// Region returns the prices of region, if the file has them.
func (p *Prices) Region(region string) (*RegionPrices, bool) {
	r, ok := p.regions[region]
	return r, ok
}

// Regions lists the regions the file prices, sorted.
func (p *Prices) Regions() []string {
	out := make([]string, 0, len(p.regions))
	for r := range p.regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// MissingRegionError says the design uses regions the prices file does not
// cover, and names those it does.
type MissingRegionError struct {
	File    string
	Missing []string // "ap-south-1 (VPC payments)"
	Have    []string
}

func (e *MissingRegionError) Error() string {
	return fmt.Sprintf("%s has no prices for %s; it has prices for %s. Add the region to a prices file and pass it with --prices (see docs/cost.md)",
		e.File, strings.Join(e.Missing, ", "), strings.Join(e.Have, ", "))
}

var (
	defaultOnce   sync.Once
	defaultPrices *Prices
	defaultErr    error
)

// DefaultPrices returns the prices built into the binary. A test decodes the
// embedded file, so the error is for completeness, never expected.
func DefaultPrices() (*Prices, error) {
	defaultOnce.Do(func() {
		defaultPrices, defaultErr = ParsePrices(EmbeddedPricesFile, embeddedPrices)
	})
	return defaultPrices, defaultErr
}

// EmbeddedPricesYAML returns the text of the built-in prices file, a starting
// point for a file passed with --prices.
func EmbeddedPricesYAML() []byte { return append([]byte(nil), embeddedPrices...) }

// LoadPrices reads a prices file. Errors are design.LoadErrors naming the
// file, line and column.
func LoadPrices(path string) (*Prices, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, design.LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	if fi.IsDir() {
		return nil, design.LoadErrors{{File: path, Message: "is a directory, not a prices file"}}
	}
	if fi.Size() > MaxPricesFileSize {
		return nil, design.LoadErrors{{File: path, Message: fmt.Sprintf("is %d bytes; a prices file is at most %d", fi.Size(), MaxPricesFileSize)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, design.LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	return ParsePrices(path, data)
}

func cleanOSError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Sprintf("cannot %s: %v", pe.Op, pe.Err)
	}
	return err.Error()
}
