package mermaid_test

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

// A transit gateway with route tables of its own is drawn as its segments:
// each attachment joined to the table it is associated with and the tables
// it propagates to, each table with its static routes; without them it is
// one node with an edge per attachment, as before.
func TestTransitGatewaySegments(t *testing.T) {
	d, err := design.Load(routingPath)
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, d, mermaid.Options{View: mermaid.ViewNetwork}).Text
	for _, want := range []string{
		`subgraph tgw1["Transit gateway<br/>hub"]`,
		`tgwrt1_1{{"route table spokes<br/>0.0.0.0/0 → inspection<br/>10.3.0.0/16 → blackhole"}}`,
		// Associations solid, propagations dotted, as the legend says; no
		// labels, which would lie on edges running behind VPC boxes.
		`vpc2 <--> tgwrt1_1`, // spoke-a in the spokes segment
		`vpc3 <--> tgwrt1_1`,
		`vpc1 <--> tgwrt1_2`, // inspection in the firewall segment
		`vpc2 -.-> tgwrt1_2`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("segmented diagram lacks %s", want)
		}
	}
	for _, not := range []string{`vpc2 -.-> tgwrt1_1`, `"attachment"`} {
		if strings.Contains(out, not) {
			t.Errorf("segmented diagram has %s: the spokes table learns no spoke's routes", not)
		}
	}

	flat := d.Clone()
	flat.Connections[0].RouteTables, flat.Connections[0].DefaultAssociation, flat.Connections[0].DefaultPropagation = nil, nil, nil
	out = render(t, flat, mermaid.Options{View: mermaid.ViewNetwork}).Text
	if !strings.Contains(out, `tgw1{{"Transit gateway<br/>hub"}}`) || strings.Contains(out, "tgwrt") || !strings.Contains(out, `vpc1 <--> tgw1`) {
		t.Errorf("a gateway without route tables should be one node with attachments:\n%s", out)
	}
}
