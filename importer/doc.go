// Package importer reads existing VPCs through the EC2 API (Describe calls
// only) and writes them as a vpcsmith design, the way a person would have
// written it: tiers grouped by routing and naming, explicit subnets, the NAT
// mode, endpoints, flow logs, security groups with their references, and the
// connections between the imported VPCs. What the design format cannot
// express is returned as notes, and calls that AWS denied as gaps, so that
// nothing is dropped silently.
//
// The package never imports the terminal UI or the command line: the cli
// package is a client of it, like the UI.
package importer
