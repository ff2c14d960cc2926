package importer

import (
	"fmt"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Result is one import: the design, and everything about the VPCs that the
// design does not hold.
type Result struct {
	Design *design.Design
	// VPCs maps the design's VPCs back to AWS, in the design's order.
	VPCs []ImportedVPC
	// Notes list what the format cannot express and what the imported VPCs
	// reference outside the import.
	Notes []Note
	// Gaps list the calls AWS denied or answered unreadably; the design
	// lacks what they would have returned.
	Gaps []Gap
	// Calls is the number of API requests made.
	Calls int
}

// ImportedVPC names one imported VPC in the design and in AWS.
type ImportedVPC struct {
	Name string // in the design
	ID   string // vpc-...
	// AZIDs pairs each AZ name the VPC uses with its AZ ID (use1-az1), the
	// stable identity across accounts; the format has no key for it yet.
	AZIDs []AZID
}

// AZID is an AZ's name and ID.
type AZID struct{ Name, ID string }

// Note is something in AWS that the design does not hold.
type Note struct {
	VPC      string // the VPC's name in the design; "" when region-wide
	Resource string // the AWS ID it is about
	Message  string
	// Outside: a reference to something outside the import (another VPC,
	// account, gateway), rather than a setting the format cannot express.
	Outside bool
}

func (n Note) String() string {
	var b strings.Builder
	if n.VPC != "" {
		b.WriteString(n.VPC + ": ")
	}
	if n.Resource != "" {
		b.WriteString(n.Resource + ": ")
	}
	b.WriteString(n.Message)
	return cleanText(b.String())
}

// Gap is a call AWS denied, or answered with a page that could not be
// decoded, and what the design lacks because of it.
type Gap struct {
	Action string // as IAM names it, e.g. ec2:DescribeFlowLogs
	VPCID  string // "" for a region-wide call
	VPC    string // the VPC's name in the design; "" for a VPC not imported
	Effect string
	// Unreadable: AWS answered, but not in valid XML (a raw control
	// character in a tag does this), rather than denying the call.
	Unreadable bool
}

func (g Gap) String() string {
	s := g.Action + " denied"
	if g.Unreadable {
		s = g.Action + " answered invalid XML"
	}
	switch {
	case g.VPC != "":
		s += " for " + g.VPC
		if g.VPCID != "" && g.VPCID != g.VPC {
			s += " (" + g.VPCID + ")"
		}
	case g.VPCID != "":
		s += " for " + g.VPCID
	}
	if g.Effect != "" {
		s += ": " + g.Effect
	}
	if g.Unreadable {
		s += " (a control character such as ESC in a tag or name does this: remove it in AWS and import again)"
	}
	return cleanText(s)
}

// Partial reports whether some call was denied or unreadable, so that the
// design lacks part of what exists.
func (r *Result) Partial() bool { return len(r.Gaps) > 0 }

// gapEffects say what the design lacks when a call is denied.
var gapEffects = map[string]string{
	"ec2:DescribeVpcs":                      "the VPC was not imported",
	"ec2:DescribeSubnets":                   "no subnets, so no tiers, were imported",
	"ec2:DescribeRouteTables":               "subnet routing is unknown: every tier is written as isolated and nat as none",
	"ec2:DescribeNatGateways":               "NAT gateway placement is unknown: the NAT mode comes from the routes alone",
	"ec2:DescribeVpcEndpoints":              "endpoints are unknown: none are written",
	"ec2:DescribeFlowLogs":                  "flow logs are unknown: flow_logs is written as false",
	"ec2:DescribeSecurityGroups":            "security groups were not imported",
	"ec2:DescribeNetworkInterfaces":         "the tiers of security groups were not inferred",
	"ec2:DescribeNetworkAcls":               "network ACLs were not checked for rules the format cannot express",
	"ec2:DescribeVpcPeeringConnections":     "peering connections were not imported",
	"ec2:DescribeTransitGatewayAttachments": "transit gateway connections were not imported",
	"ec2:DescribeTransitGateways":           "transit gateway names are unknown: connections are named by gateway ID",
}

// Header returns the comment block that heads the written design: where it
// came from, and every note and gap, so that nothing is dropped silently.
// Each line starts with "#"; every piece of AWS text in it is cleaned, and a
// line break in it would end the comment, so none survives.
func (r *Result) Header() []string {
	var lines []string
	add := func(indent, format string, args ...any) {
		lines = append(lines, "# "+indent+cleanText(fmt.Sprintf(format, args...)))
	}
	region := ""
	if r.Design != nil {
		region = r.Design.Region
	}
	add("", "Imported from AWS by `vpcsmith import` (region %s):", region)
	for _, v := range r.VPCs {
		var azs []string
		for _, a := range v.AZIDs {
			if a.ID != "" {
				azs = append(azs, a.Name+" = "+a.ID)
			}
		}
		if len(azs) > 0 {
			add("  ", "%s: %s; AZ IDs %s", v.Name, v.ID, strings.Join(azs, ", "))
		} else {
			add("  ", "%s: %s", v.Name, v.ID)
		}
	}
	var inexpressible, outside []Note
	for _, n := range r.Notes {
		if n.Outside {
			outside = append(outside, n)
		} else {
			inexpressible = append(inexpressible, n)
		}
	}
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		lines = append(lines, "#")
		add("", "%s", title)
		for _, s := range items {
			add("  - ", "%s", s)
		}
	}
	section("Not expressible in the design format (left out of the design):", notesText(inexpressible))
	section("Outside the import (referenced, not imported):", notesText(outside))
	var gaps []string
	for _, g := range r.Gaps {
		gaps = append(gaps, g.String())
	}
	section(r.gapTitle(), gaps)
	return lines
}

// gapTitle heads the gaps; it names unreadable answers only when there are
// some, so that a denial reads as it always has.
func (r *Result) gapTitle() string {
	for _, g := range r.Gaps {
		if g.Unreadable {
			return "PARTIAL IMPORT: AWS denied these calls, or answered them in invalid XML:"
		}
	}
	return "PARTIAL IMPORT: AWS denied these calls:"
}

func notesText(ns []Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.String()
	}
	return out
}

// File returns the design file to write: the header comment block, a blank
// line, then the design in canonical form. design.Parse keeps the block as
// the comment of the file's first key, so the editor saves it back.
func (r *Result) File() []byte {
	var b strings.Builder
	for _, l := range r.Header() {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.Write(design.Marshal(r.Design))
	return []byte(b.String())
}
