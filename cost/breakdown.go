package cost

import "slices"

// Category names one kind of charge. The names are part of the JSON output
// and stable across releases.
type Category string

// The categories of the estimate, in the order items appear within a VPC.
const (
	NATGatewayHours               Category = "nat-gateway-hours"
	PublicIPv4                    Category = "public-ipv4"
	NATGatewayData                Category = "nat-gateway-data"
	CrossAZData                   Category = "cross-az-data"
	InterRegionData               Category = "inter-region-data"
	InternetEgressData            Category = "internet-egress-data"
	InterfaceEndpointHours        Category = "interface-endpoint-hours"
	InterfaceEndpointData         Category = "interface-endpoint-data"
	TransitGatewayAttachmentHours Category = "transit-gateway-attachment-hours"
	TransitGatewayData            Category = "transit-gateway-data"
	VPNConnectionHours            Category = "vpn-connection-hours"
	LoadBalancerHours             Category = "load-balancer-hours"
	FlowLogsData                  Category = "flow-logs-data"
	// NATInstanceHours appears only in advice: the format has no NAT
	// instance, so the estimate itself never holds one.
	NATInstanceHours Category = "nat-instance-hours"
	// GatewayEndpoint and VPCPeering are free; their $0 items say so, so a
	// reader sees they were considered rather than forgotten.
	GatewayEndpoint Category = "gateway-endpoint"
	VPCPeering      Category = "vpc-peering"
)

// Units of item quantities.
const (
	UnitHour       = "hour"
	UnitGB         = "GB"
	UnitEndpoint   = "endpoint"
	UnitConnection = "connection"
)

// Breakdown is a monthly estimate: every item, their total and advice. Its
// JSON form is the output of `vpcsmith cost --format json`.
type Breakdown struct {
	Currency string `json:"currency"`
	// MonthlyTotal is exactly the sum of the items' Monthly.
	MonthlyTotal Money  `json:"monthly_total"`
	Items        []Item `json:"items"`
	// Warnings name what the estimate could not price: traffic stated
	// for a connection the VPC does not have, a price the file lacks, a
	// cross-region link with no volume. Never a silent zero.
	Warnings []Warning `json:"warnings"`
	Advice   []Advice  `json:"advice"`
}

// Warning is something the estimate leaves out, and why.
type Warning struct {
	VPC        string `json:"vpc"`
	Connection string `json:"connection"`
	Message    string `json:"message"`
}

// Item is one line of the estimate: a charge of one VPC or one connection.
// Monthly is Quantity × UnitPrice rounded to the cent, except for tiered
// interface-endpoint data beyond the first tier, where UnitPrice is the
// region's blended rate and the description says so.
type Item struct {
	Category    Category `json:"category"`
	VPC         string   `json:"vpc"`        // "" when the item is a connection's alone
	Connection  string   `json:"connection"` // "" when the item belongs to a VPC
	Description string   `json:"description"`
	Quantity    float64  `json:"quantity"`
	Unit        string   `json:"unit"`
	UnitPrice   Rate     `json:"unit_price"`
	Monthly     Money    `json:"monthly"`
	// Region is where the charge arises; the text output groups by it.
	Region string `json:"-"`
}

// Total sums the items' monthly figures.
func Total(items []Item) Money {
	t, _ := checkedTotal(items)
	return t
}

// checkedTotal sums the items, reporting false when the sum leaves Money's
// range (then the total is meaningless and Estimate refuses it).
func checkedTotal(items []Item) (Money, bool) {
	var t Money
	for _, it := range items {
		var ok bool
		if t, ok = addMoney(t, it.Monthly); !ok {
			return 0, false
		}
	}
	return t, true
}

// categoryOrder fixes the order Changes are listed in.
var categoryOrder = []Category{
	NATGatewayHours, PublicIPv4, NATGatewayData, CrossAZData, InterRegionData, InternetEgressData,
	InterfaceEndpointHours, InterfaceEndpointData, TransitGatewayAttachmentHours,
	TransitGatewayData, VPNConnectionHours, LoadBalancerHours, FlowLogsData,
	GatewayEndpoint, VPCPeering, NATInstanceHours,
}

const numCategories = 16

// catIndex is a category's position in categoryOrder. A switch, not the
// map: the adviser looks categories up hundreds of thousands of times, and
// comparing a few constant strings beats hashing one.
func catIndex(c Category) int {
	switch c {
	case NATGatewayHours:
		return 0
	case PublicIPv4:
		return 1
	case NATGatewayData:
		return 2
	case CrossAZData:
		return 3
	case InterRegionData:
		return 4
	case InternetEgressData:
		return 5
	case InterfaceEndpointHours:
		return 6
	case InterfaceEndpointData:
		return 7
	case TransitGatewayAttachmentHours:
		return 8
	case TransitGatewayData:
		return 9
	case VPNConnectionHours:
		return 10
	case LoadBalancerHours:
		return 11
	case FlowLogsData:
		return 12
	case GatewayEndpoint:
		return 13
	case VPCPeering:
		return 14
	}
	return 15 // NATInstanceHours
}

// Categories lists every category in the estimate's order, so that a
// display can name each one (its test fails on a category it lacks).
func Categories() []Category { return slices.Clone(categoryOrder) }

// categoryIndex is each category's position in categoryOrder; a test
// checks catIndex against it.
var categoryIndex = func() map[Category]int {
	if len(categoryOrder) != numCategories {
		panic("cost: numCategories does not match categoryOrder")
	}
	m := make(map[Category]int, numCategories)
	for i, c := range categoryOrder {
		m[c] = i
	}
	return m
}()
