package cost

import "testing"

// inspectionHub sends spoke-to-spoke traffic and the spokes' internet
// egress through one inspection VPC, which also holds the NAT gateways.
const inspectionHub = `
version: 1
name: inspection
region: us-east-1
vpcs:
  - name: inspection
    cidr: 10.0.0.0/16
    azs: 2
    nat: per-az
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: firewall, kind: private, prefix: 24}
  - name: spoke-a
    cidr: 10.1.0.0/16
    azs: 2
    tiers:
      - name: app
        kind: isolated
        prefix: 24
        routes:
          - {to: 0.0.0.0/0, via: "connection:hub"}
    traffic: {transit_gateway_gb: 100, internet_egress_gb: 50}
  - name: spoke-b
    cidr: 10.2.0.0/16
    azs: 2
    tiers:
      - {name: app, kind: isolated, prefix: 24}
    traffic: {transit_gateway_gb: 40}
connections:
  - name: hub
    kind: transit-gateway
    vpcs: [inspection, spoke-a, spoke-b]
    default_association: false
    default_propagation: false
    route_tables:
      - name: spokes
        associations: ["vpc:spoke-a", "vpc:spoke-b"]
        routes:
          - {to: 0.0.0.0/0, via: "vpc:inspection"}
      - name: firewall
        associations: ["vpc:inspection"]
        propagations: ["vpc:spoke-a", "vpc:spoke-b"]
`

// Traffic a route table sends through the inspection VPC enters the
// gateway twice; internet egress a spoke routes into the gateway is charged
// there and at the inspection VPC's NAT. Figures by hand, us-east-1:
// transit-gateway data $0.02/GB, NAT data $0.045/GB.
func TestTransitGatewayPathsAreCharged(t *testing.T) {
	b := estimate(t, parseDesign(t, inspectionHub))
	got := map[string]Money{}
	for _, it := range b.Items {
		got[itemKey(it)] += it.Monthly
	}
	want := map[string]Money{
		// spoke-a: 100 GB of its own + 50 GB of internet egress = 150 GB.
		"transit-gateway-data hub/spoke-a": 300,
		// spoke-b: its own 40 GB.
		"transit-gateway-data hub/spoke-b": 80,
		// inspection sends both spokes' traffic back in: 140 GB.
		"transit-gateway-data hub/inspection": 280,
		// spoke-a's 50 GB of egress through the inspection VPC's NAT.
		"nat-gateway-data hub": 225,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %v, want %v", k, got[k], w)
		}
	}
	// Without route tables of its own the gateway adds nothing: each VPC
	// pays for what it sends, and nothing is charged at the inspection VPC.
	flat := parseDesign(t, inspectionHub)
	flat.Connections[0].RouteTables = nil
	flat.Connections[0].DefaultAssociation, flat.Connections[0].DefaultPropagation = nil, nil
	for _, it := range estimate(t, flat).Items {
		if k := itemKey(it); k == "transit-gateway-data hub/inspection" || k == "nat-gateway-data hub" {
			t.Errorf("a flat gateway charged %s: %v", k, it.Monthly)
		}
		if k := itemKey(it); k == "transit-gateway-data hub/spoke-a" && it.Monthly != 200 {
			t.Errorf("flat spoke-a: got %v, want $2.00 (its own 100 GB)", it.Monthly)
		}
	}
}
