package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestRoutingKeyChanges: a transit gateway's route tables (routes,
// associations, propagations), its defaults and written tier routes, each
// change, and the lists whose order AWS ignores reordered as no change.
func TestRoutingKeyChanges(t *testing.T) {
	const hub = "connections/hub"
	base := func(d *design.Design) {
		c := &d.Connections[0]
		c.RouteTables = []design.TGWRouteTable{{Name: "spokes",
			Associations: []string{"vpc:backend"}, Propagations: []string{"vpc:database"},
			Routes: []design.TGWRoute{{To: "0.0.0.0/0", Via: "blackhole"}, {To: "10.9.0.0/16", Via: "vpc:database"}}}}
		tr := &d.VPCs[0].Tiers[1]
		tr.Routes = []design.Route{{To: "10.8.0.0/16", Via: "connection:hub"}, {To: "10.7.0.0/16", Via: design.ViaBlackhole}}
		tr.GatewayEndpoints = []string{"s3", "dynamodb"}
		d.VPCs[0].Endpoints = append(d.VPCs[0].Endpoints, "s3", "dynamodb")
	}
	cases := []struct {
		name string
		edit func(d *design.Design)
		want []string
	}{
		{"a TGW route's attachment", func(d *design.Design) { d.Connections[0].RouteTables[0].Routes[1].Via = "blackhole" },
			[]string{"changed " + hub + "/route_tables/spokes/routes/10.9.0.0%2F16"}},
		{"a TGW route removed", func(d *design.Design) {
			d.Connections[0].RouteTables[0].Routes = d.Connections[0].RouteTables[0].Routes[:1]
		},
			[]string{"removed " + hub + "/route_tables/spokes/routes/10.9.0.0%2F16"}},
		{"an association moved", func(d *design.Design) { d.Connections[0].RouteTables[0].Associations = []string{"vpc:database"} },
			[]string{"changed " + hub + "/route_tables/spokes"}},
		{"a propagation added", func(d *design.Design) {
			rt := &d.Connections[0].RouteTables[0]
			rt.Propagations = append(rt.Propagations, "vpc:backend")
		}, []string{"changed " + hub + "/route_tables/spokes"}},
		{"default propagation off", func(d *design.Design) { f := false; d.Connections[0].DefaultPropagation = &f },
			[]string{"changed " + hub}},
		{"a route table removed", func(d *design.Design) { d.Connections[0].RouteTables = nil },
			[]string{"removed " + hub + "/route_tables/spokes"}},
		{"a written tier route's target", func(d *design.Design) { d.VPCs[0].Tiers[1].Routes[1].Via = "connection:hub" },
			[]string{"changed vpcs/backend/tiers/app/routes/10.7.0.0%2F16"}},
		{"TGW routes, associations and tier routes reordered", func(d *design.Design) {
			rt := &d.Connections[0].RouteTables[0]
			slices.Reverse(rt.Routes)
			rt.Associations = append(rt.Associations, "vpc:database")
			slices.Reverse(d.VPCs[0].Tiers[1].Routes)
			slices.Reverse(d.VPCs[0].Tiers[1].GatewayEndpoints)
		}, []string{"changed " + hub + "/route_tables/spokes"}}, // the association added, nothing for the order
		{"route tables reordered", func(d *design.Design) {
			c := &d.Connections[0]
			c.RouteTables = append(c.RouteTables, design.TGWRouteTable{Name: "edge"})
		}, []string{"added " + hub + "/route_tables/edge"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old := load(t, "transit-gateway")
			base(old)
			new := old.Clone()
			tc.edit(new)
			got := summary(Changes(old, new))
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if tc.name == "route tables reordered" {
				slices.Reverse(new.Connections[0].RouteTables)
				if got2 := summary(Changes(old, new)); !slices.Equal(got2, tc.want) {
					t.Errorf("reversed: %v, want %v", got2, tc.want)
				}
			}
		})
	}
}
