// Package cost estimates the monthly AWS bill a design implies: NAT
// gateways, public IPv4 addresses, endpoints, transit gateways, VPNs, load
// balancers and the data charges its traffic assumptions imply, with advice
// computed by estimating changed copies of the design.
//
// Prices are data: prices.yaml, embedded in the binary, holds every figure
// with its source and the date it was checked; a file of the same format
// replaces it (LoadPrices). Money is integer cents and prices integer
// micro-dollars, so totals are exact sums of the items shown.
//
// The package is a domain package: it never imports the terminal UI.
package cost
