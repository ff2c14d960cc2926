package mermaid

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// document is the Markdown form of a drawing: a heading, each diagram in a
// ```mermaid fence under a heading of its own, and after the diagrams a
// table of every VPC's subnets (tier, AZ, CIDR, usable addresses), which a
// reader copies addresses from and a diagram cannot hold at any size.
func document(l *design.Layout, view View, diagrams []Diagram) string {
	var b strings.Builder
	b.WriteString("# " + mdText(l.Design.Name) + " · " + string(view) + "\n")
	for _, d := range diagrams {
		switch {
		case d.VPC >= 0:
			b.WriteString("\n## VPC " + mdText(d.Name) + "\n\n")
		case len(diagrams) > 1:
			b.WriteString("\n## Overview\n\n")
		default:
			b.WriteString("\n")
		}
		b.WriteString("```mermaid\n" + d.Text + "```\n")
	}
	b.WriteString("\n## Subnets\n")
	for i := range l.VPCs {
		vl := &l.VPCs[i]
		b.WriteString("\n### " + mdText(vl.VPC.Name) + " · " + mdText(cidrList(vl)) + "\n\n")
		b.WriteString("| tier | kind | AZ | CIDR | usable addresses |\n|---|---|---|---|---:|\n")
		rows := 0
		for _, az := range azOrder(vl) {
			for _, tl := range vl.Tiers {
				for _, s := range tl.Subnets {
					if s.AZ != az {
						continue
					}
					rows++
					b.WriteString("| " + mdText(tl.Tier.Name) + " | " + string(tl.Tier.Kind) + " | " + mdText(s.AZ) + " | " +
						prefixText(s) + " | " + usable(s) + " |\n")
				}
			}
		}
		if rows == 0 {
			b.WriteString("| (no subnets) | | | | |\n")
		}
	}
	return b.String()
}

// usable is how many addresses of a subnet an instance can take: AWS
// reserves the first four and the last one of every subnet.
func usable(s design.SubnetLayout) string {
	if !s.Prefix.IsValid() || !s.Prefix.Addr().Is4() {
		return "–"
	}
	n := (1 << (32 - s.Prefix.Bits())) - 5
	return strconv.Itoa(max(n, 0))
}

// mdText is a name from the design as Markdown text: cleaned and cut like
// a label, with every character Markdown or HTML could read as markup
// backslash-escaped or entity-encoded, so a name cannot end a table cell,
// open a fence or inject HTML.
func mdText(s string) string {
	s = short(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
