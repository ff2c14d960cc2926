package cloudformation

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// buildYAML exports a design given as YAML and returns its one template.
func buildYAML(t *testing.T, src string) *Template {
	t.Helper()
	ts, err := buildSrc(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("want one template, got %d", len(ts))
	}
	return ts[0]
}

// buildUnchecked runs the builder without Build's validation, to show the
// exporter's own refusals of what validation also reports.
func buildUnchecked(t *testing.T, src string) error {
	t.Helper()
	d, err := design.Parse("routing.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	l := design.Resolve(d)
	var idx []int
	for i := range l.VPCs {
		idx = append(idx, i)
	}
	_, err = newBuilder(l, "us-east-1", idx).build()
	return err
}

func buildSrc(t *testing.T, src string) ([]*Template, error) {
	t.Helper()
	d, err := design.Parse("routing.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Build(design.Resolve(d))
}

// routingTemplate is the template of testdata/routing-export.yaml.
func routingTemplate(t *testing.T) *Template {
	t.Helper()
	d, err := design.Load(filepath.Join("testdata", "routing-export.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	return ts[0]
}

// routesOf returns each route table's routes: destination → target
// property and the id it names.
func routesOf(t *testing.T, tpl *Template) map[string]map[string]string {
	t.Helper()
	res, order := resources(t, tpl)
	out := map[string]map[string]string{}
	for _, id := range order {
		r := res[id]
		switch r.get("Type") {
		case "AWS::EC2::RouteTable":
			if out[id] == nil {
				out[id] = map[string]string{}
			}
		case "AWS::EC2::Route":
			p := props(r)
			table := refTo(p.get("RouteTableId"))
			for _, k := range []string{"GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId"} {
				if v := p.get(k); v != nil {
					if out[table] == nil {
						out[table] = map[string]string{}
					}
					out[table][p.get("DestinationCidrBlock").(string)] = k + " " + refTo(v)
				}
			}
		}
	}
	return out
}

// ofType lists the resources of a type, in order.
func ofType(t *testing.T, tpl *Template, typ string) []object {
	t.Helper()
	res, order := resources(t, tpl)
	var out []object
	for _, id := range order {
		if res[id].get("Type") == typ {
			out = append(out, res[id])
		}
	}
	return out
}

// TestRefuseCoveredBlackhole: design/testdata/routing.yaml blackholes
// 10.99.0.0/16 in tier tgw under 0.0.0.0/0 via NAT. AWS::EC2::Route has no
// blackhole target and leaving the route out would send that traffic to
// the NAT, so the export is refused, naming the VPC, tier, route and fix,
// at the route's place in the file.
func TestRefuseCoveredBlackhole(t *testing.T) {
	d, err := design.Load(filepath.Join("..", "..", "design", "testdata", "routing.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(design.Resolve(d))
	var ee *ExportError
	if !errors.As(err, &ee) {
		t.Fatalf("want an ExportError, got %v", err)
	}
	for _, want := range []string{`VPC "inspection"`, `tier "tgw"`, "route 3", "10.99.0.0/16 via blackhole", "0.0.0.0/0 via nat:us-east-1a", "fix:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if ee.Pos.Line != 33 {
		t.Errorf("error at %+v, want line 33 (the route)", ee.Pos)
	}
}

const peeringRoutes = `version: 1
name: peers
region: us-east-1
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 2
    tiers:
      - name: app
        kind: isolated
        prefix: 24
        routes:
          - {to: "vpc:b", via: "connection:ab"}
          - {to: 10.50.0.0/16, via: blackhole}
      - name: db
        kind: isolated
        prefix: 24
        routes: []
      - name: plain
        kind: isolated
        prefix: 24
  - name: b
    cidr: 10.1.0.0/16
    azs: 2
    tiers:
      - {name: app, kind: isolated, prefix: 24}
connections:
  - {name: ab, kind: peering, vpcs: [a, b]}
`

// TestPeeringRouteOnlyWhereWritten: a peering route is in the tables of
// the tiers whose routes name it (app) and of the derived tiers (plain,
// and b's), not in a tier's with `routes: []` (db); the blackhole that no
// other route covers is left out (no route drops the same traffic).
func TestPeeringRouteOnlyWhereWritten(t *testing.T) {
	tpl := buildYAML(t, peeringRoutes)
	routes := routesOf(t, tpl)
	pcx := "VpcPeeringConnectionId AbPeeringConnection"
	if got := routes["AAppRouteTable"]; len(got) != 1 || got["10.1.0.0/16"] != pcx {
		t.Errorf("tier app's table: %v, want only 10.1.0.0/16 via the peering", got)
	}
	if got, ok := routes["ADbRouteTable"]; !ok || len(got) != 0 {
		t.Errorf("tier db's table (routes: []): %v (exists %v), want a table with no routes", got, ok)
	}
	if got := routes["AIsolatedRouteTable"]; got["10.1.0.0/16"] != pcx {
		t.Errorf("derived table of tier plain: %v, want the peering route", got)
	}
	if got := routes["BIsolatedRouteTable"]; got["10.0.0.0/16"] != pcx {
		t.Errorf("b's table: %v, want the peering route", got)
	}
	for table, rs := range routes {
		if _, ok := rs["10.50.0.0/16"]; ok {
			t.Errorf("table %s routes the blackholed 10.50.0.0/16", table)
		}
	}
	res, _ := resources(t, tpl)
	for _, sub := range []string{"AAppSubnetA", "AAppSubnetB"} {
		if got := refTo(props(res[sub+"RouteTableAssociation"]).get("RouteTableId")); got != "AAppRouteTable" {
			t.Errorf("%s is associated with %s, want AAppRouteTable", sub, got)
		}
	}
}

// TestTierTablesPerAZ: tier tgw routes 0.0.0.0/0 to a different NAT in
// each AZ, so it gets a table per AZ, each to its own NAT; tier firewall
// routes via nat under per-AZ NAT, likewise; the spokes' tiers get one
// table, with only their written default route to the transit gateway.
func TestTierTablesPerAZ(t *testing.T) {
	routes := routesOf(t, routingTemplate(t))
	for _, tier := range []string{"Tgw", "Firewall"} {
		for _, az := range []string{"A", "B"} {
			table := "Inspection" + tier + "RouteTable" + az
			if got := routes[table]["0.0.0.0/0"]; got != "NatGatewayId InspectionNatGateway"+az {
				t.Errorf("%s: default route %q, want NAT gateway %s", table, got, az)
			}
		}
	}
	if got := routes["InspectionFirewallRouteTableA"]["10.0.0.0/8"]; got != "TransitGatewayId HubTransitGateway" {
		t.Errorf("firewall table: 10.0.0.0/8 via %q, want the transit gateway", got)
	}
	for _, spoke := range []string{"SpokeA", "SpokeB"} {
		got := routes[spoke+"AppRouteTable"]
		if len(got) != 1 || got["0.0.0.0/0"] != "TransitGatewayId HubTransitGateway" {
			t.Errorf("%s's table: %v, want only 0.0.0.0/0 via the transit gateway", spoke, got)
		}
	}
}

// TestRouteToMissingNAT: a route via the NAT of an AZ without one is
// refused (validation reports it too; the exporter never falls back to
// another NAT).
func TestRouteToMissingNAT(t *testing.T) {
	src := strings.Replace(peeringRoutes, `          - {to: "vpc:b", via: "connection:ab"}`, `          - {to: 0.0.0.0/0, via: "nat:us-east-1b"}`, 1)
	src = strings.Replace(src, "          - {to: 10.50.0.0/16, via: blackhole}\n", "", 1)
	src = strings.Replace(src, "    azs: 2\n    tiers:\n      - name: app", "    azs: 2\n    nat: single\n    tiers:\n      - {name: public, kind: public, prefix: 24}\n      - name: app", 1)
	if _, err := buildSrc(t, src); err == nil {
		t.Fatal("Build exported a route to a NAT gateway that does not exist")
	}
	err := buildUnchecked(t, src)
	var ee *ExportError
	if !errors.As(err, &ee) || !strings.Contains(err.Error(), "NAT gateway in us-east-1b") || ee.Pos.Line == 0 {
		t.Fatalf("want a refusal naming the missing NAT, got %v", err)
	}
}

// TestGatewayEndpointPlacement: the s3 endpoint is on exactly the tables
// of the tiers whose effective table has it: routing.yaml's public tier
// says `gateway_endpoints: []`, its other tiers keep the default.
func TestGatewayEndpointPlacement(t *testing.T) {
	var tables []string
	for _, e := range ofType(t, routingTemplate(t), "AWS::EC2::VPCEndpoint") {
		for _, v := range props(e).get("RouteTableIds").([]any) {
			tables = append(tables, refTo(v))
		}
	}
	want := []string{"InspectionFirewallRouteTableA", "InspectionFirewallRouteTableB", "InspectionTgwRouteTableA", "InspectionTgwRouteTableB"}
	if !slices.Equal(tables, want) {
		t.Errorf("s3 endpoint on %v, want %v", tables, want)
	}
	// A derived tier whose endpoints differ from its kind's gets its own
	// table, so the shared table keeps the endpoint.
	src := strings.Replace(peeringRoutes, "      - name: plain\n        kind: isolated\n        prefix: 24\n",
		"      - name: plain\n        kind: isolated\n        prefix: 24\n      - name: plain2\n        kind: isolated\n        prefix: 24\n        gateway_endpoints: []\n", 1)
	src = strings.Replace(src, "  - name: a\n    cidr: 10.0.0.0/16\n", "  - name: a\n    cidr: 10.0.0.0/16\n    endpoints: [s3]\n", 1)
	tables = nil
	for _, e := range ofType(t, buildYAML(t, src), "AWS::EC2::VPCEndpoint") {
		for _, v := range props(e).get("RouteTableIds").([]any) {
			tables = append(tables, refTo(v))
		}
	}
	if want := []string{"AIsolatedRouteTable", "AAppRouteTable", "ADbRouteTable"}; !slices.Equal(tables, want) {
		t.Errorf("s3 endpoint on %v, want %v (not plain2's own table)", tables, want)
	}
}

// TestNetworkACLs: routing.yaml's ACL becomes one NetworkAcl with an entry
// per rule (protocol numbers, port ranges, direction) and is associated
// with the subnets of tier tgw only.
func TestNetworkACLs(t *testing.T) {
	tpl := routingTemplate(t)
	if n := len(ofType(t, tpl, "AWS::EC2::NetworkAcl")); n != 1 {
		t.Fatalf("%d network ACLs, want 1", n)
	}
	type entry struct {
		rule, proto int
		action      string
		egress      bool
		cidr        string
		ports       string
	}
	var got []entry
	for _, e := range ofType(t, tpl, "AWS::EC2::NetworkAclEntry") {
		p := props(e)
		x := entry{p.get("RuleNumber").(int), p.get("Protocol").(int), p.get("RuleAction").(string), p.get("Egress").(bool), p.get("CidrBlock").(string), ""}
		if pr, ok := p.get("PortRange").(object); ok {
			x.ports = strconv.Itoa(pr.get("From").(int)) + "-" + strconv.Itoa(pr.get("To").(int))
		}
		got = append(got, x)
	}
	want := []entry{
		{100, -1, "allow", false, "10.0.0.0/8", ""},
		{200, -1, "deny", false, "0.0.0.0/0", ""},
		{100, 6, "allow", true, "0.0.0.0/0", "443-443"},
		{110, 6, "allow", true, "10.0.0.0/8", "1024-65535"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries %+v, want %+v", got, want)
	}
	var subnets []string
	for _, a := range ofType(t, tpl, "AWS::EC2::SubnetNetworkAclAssociation") {
		subnets = append(subnets, refTo(props(a).get("SubnetId")))
	}
	if want := []string{"InspectionTgwSubnetA", "InspectionTgwSubnetB"}; !slices.Equal(subnets, want) {
		t.Errorf("ACL associated with %v, want %v", subnets, want)
	}
	// icmp: protocol 1, any type and code.
	src := strings.Replace(peeringRoutes, "connections:", `    network_acls:
      - name: ping
        ingress:
          - {rule: 10, action: allow, protocol: icmp, cidr: 10.0.0.0/8}
connections:`, 1)
	// (in VPC b, the last before connections)
	src = strings.Replace(src, "{name: app, kind: isolated, prefix: 24}", "{name: app, kind: isolated, prefix: 24, network_acl: ping}", 1)
	entries := ofType(t, buildYAML(t, src), "AWS::EC2::NetworkAclEntry")
	if len(entries) != 1 {
		t.Fatalf("%d entries, want 1", len(entries))
	}
	p := props(entries[0])
	icmp, _ := p.get("Icmp").(object)
	if p.get("Protocol") != 1 || icmp.get("Code") != -1 || icmp.get("Type") != -1 || p.get("PortRange") != nil {
		t.Errorf("icmp entry %v, want protocol 1 with Icmp {Code: -1, Type: -1}", p)
	}
}

// TestFlowLogOptions: inspection logs rejected traffic to an S3 bucket of
// its own (encrypted, public access blocked, retained) without a role;
// spoke-a logs all traffic to CloudWatch Logs with the role, as before.
func TestFlowLogOptions(t *testing.T) {
	tpl := routingTemplate(t)
	res, _ := resources(t, tpl)
	fl := props(res["InspectionFlowLog"])
	if fl.get("TrafficType") != "REJECT" || fl.get("LogDestinationType") != "s3" || fl.get("DeliverLogsPermissionArn") != nil {
		t.Errorf("inspection's flow log %v, want REJECT to s3 without a role", fl)
	}
	if dest, ok := fl.get("LogDestination").(intrinsic); !ok || dest.name != "GetAtt" || dest.arg != [2]string{"InspectionFlowLogBucket", "Arn"} {
		t.Errorf("LogDestination %v, want !GetAtt InspectionFlowLogBucket.Arn", fl.get("LogDestination"))
	}
	bucket := res["InspectionFlowLogBucket"]
	if bucket.get("DeletionPolicy") != "Retain" || props(bucket).get("BucketEncryption") == nil {
		t.Errorf("bucket %v, want encrypted and retained", bucket)
	}
	pab, _ := props(bucket).get("PublicAccessBlockConfiguration").(object)
	for _, k := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
		if pab.get(k) != true {
			t.Errorf("bucket's %s is %v, want true", k, pab.get(k))
		}
	}
	spoke := props(res["SpokeAFlowLog"])
	if spoke.get("TrafficType") != "ALL" || spoke.get("LogDestinationType") != "cloud-watch-logs" || spoke.get("DeliverLogsPermissionArn") == nil {
		t.Errorf("spoke-a's flow log %v, want ALL to CloudWatch Logs with the role", spoke)
	}
}

// TestTransitGatewayTables: routing.yaml's hub has default association
// and propagation off, attaches inspection by its tgw tier, associates the
// spokes (and the datacenter, by parameter) with table spokes, which learns
// no spoke's routes (so there is no spoke-to-spoke path but through the
// inspection VPC), and propagates the spokes into table firewall.
func TestTransitGatewayTables(t *testing.T) {
	tpl := routingTemplate(t)
	res, _ := resources(t, tpl)
	tgw := props(res["HubTransitGateway"])
	if tgw.get("DefaultRouteTableAssociation") != "disable" || tgw.get("DefaultRouteTablePropagation") != "disable" {
		t.Errorf("transit gateway %v, want default association and propagation disabled", tgw)
	}
	var subnets []string
	for _, s := range props(res["HubInspectionAttachment"]).get("SubnetIds").([]any) {
		subnets = append(subnets, refTo(s))
	}
	if want := []string{"InspectionTgwSubnetA", "InspectionTgwSubnetB"}; !slices.Equal(subnets, want) {
		t.Errorf("inspection's attachment uses %v, want tier tgw's %v", subnets, want)
	}
	member := func(p object) string {
		if s := refTo(p.get("TransitGatewayAttachmentId")); s != "" {
			return s
		}
		return "?"
	}
	links := map[string][]string{}
	for _, typ := range []string{"AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation"} {
		for _, r := range ofType(t, tpl, typ) {
			p := props(r)
			key := strings.TrimPrefix(typ, "AWS::EC2::TransitGatewayRouteTable") + " " + refTo(p.get("TransitGatewayRouteTableId"))
			m := member(p)
			if c, _ := r.get("Condition").(string); c != "" {
				m += " if " + c
			}
			links[key] = append(links[key], m)
		}
	}
	want := map[string][]string{
		"Association HubSpokesRouteTable":   {"HubSpokeAAttachment", "HubSpokeBAttachment", "HubDatacenterVpnAttachmentId if HubDatacenterVpnAttached"},
		"Association HubFirewallRouteTable": {"HubInspectionAttachment"},
		"Propagation HubFirewallRouteTable": {"HubSpokeAAttachment", "HubSpokeBAttachment", "HubDatacenterVpnAttachmentId if HubDatacenterVpnAttached"},
	}
	if len(links) != len(want) {
		t.Errorf("associations and propagations %v, want %v", links, want)
	}
	for k, w := range want {
		if !slices.Equal(links[k], w) {
			t.Errorf("%s: %v, want %v", k, links[k], w)
		}
	}
	type route struct{ table, dest, via string }
	var routes []route
	for _, r := range ofType(t, tpl, "AWS::EC2::TransitGatewayRoute") {
		p := props(r)
		via := member(p)
		if p.get("Blackhole") == true {
			via = "blackhole"
		}
		routes = append(routes, route{refTo(p.get("TransitGatewayRouteTableId")), p.get("DestinationCidrBlock").(string), via})
	}
	if want := []route{{"HubSpokesRouteTable", "0.0.0.0/0", "HubInspectionAttachment"}, {"HubSpokesRouteTable", "10.3.0.0/16", "blackhole"}}; !slices.Equal(routes, want) {
		t.Errorf("static routes %v, want %v", routes, want)
	}
}

// TestDefaultAssociationWithTables: with default association on, AWS
// associates each new attachment with the default table, and a second
// association fails, so the exporter refuses tables with associations.
func TestDefaultAssociationWithTables(t *testing.T) {
	src := `version: 1
name: hub
region: us-east-1
vpcs:
  - {name: a, cidr: 10.0.0.0/16, azs: 2, tiers: [{name: app, kind: isolated, prefix: 24}]}
  - {name: b, cidr: 10.1.0.0/16, azs: 2, tiers: [{name: app, kind: isolated, prefix: 24}]}
connections:
  - name: hub
    kind: transit-gateway
    vpcs: [a, b]
    route_tables:
      - {name: only-a, associations: ["vpc:a"], propagations: ["vpc:b"]}
`
	if _, err := buildSrc(t, src); err == nil {
		t.Fatal("Build exported route table associations with default association on")
	}
	err := buildUnchecked(t, src)
	if err == nil || !strings.Contains(err.Error(), "default_association: false") {
		t.Fatalf("want a refusal saying to turn default association off, got %v", err)
	}
	// With it off, the table and its links are written.
	tpl := buildYAML(t, strings.Replace(src, "    route_tables:", "    default_association: false\n    route_tables:", 1))
	if n := len(ofType(t, tpl, "AWS::EC2::TransitGatewayRouteTableAssociation")); n != 1 {
		t.Errorf("%d associations, want 1", n)
	}
}

// TestSecurityGroupTierTag (groups of VPC b): a group's tier is in the tag vpcsmith:tier,
// where the importer reads it back; a group without a tier has no such tag.
func TestSecurityGroupTierTag(t *testing.T) {
	src := strings.Replace(peeringRoutes, "connections:", `    security_groups:
      - {name: web, tier: app}
      - {name: any}
connections:`, 1)
	res, _ := resources(t, buildYAML(t, src))
	tierOf := func(id string) string {
		for _, tg := range props(res[id]).get("Tags").([]any) {
			if tg.(object).get("Key") == TierTagKey {
				return tg.(object).get("Value").(string)
			}
		}
		return ""
	}
	if got := tierOf("BWebSecurityGroup"); got != "app" {
		t.Errorf("web's %s tag is %q, want app", TierTagKey, got)
	}
	if got := tierOf("BAnySecurityGroup"); got != "" {
		t.Errorf("any's %s tag is %q, want none", TierTagKey, got)
	}
}

const edgeRoutes = `version: 1
name: edge
region: us-east-1
networks:
  - {name: office, cidr: 192.168.0.0/16}
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    azs: 2
    tiers:
      - name: edge
        kind: isolated
        prefix: 24
        routes:
          - {to: 0.0.0.0/0, via: internet-gateway}
          - {to: "network:office", via: "connection:vpn"}
      - {name: data, kind: isolated, prefix: 24}
connections:
  - {name: vpn, kind: vpn, vpc: v, network: office}
`

// TestTierRoutesIGWAndVPN: a tier routing to the internet gateway makes
// one even without a public tier, and a route via a VPN connection goes to
// the virtual private gateway once it is attached; the tier's own table is
// left out of the VPN's route propagation, which only derived tables get.
func TestTierRoutesIGWAndVPN(t *testing.T) {
	src := edgeRoutes
	tpl := buildYAML(t, src)
	res, _ := resources(t, tpl)
	if res["VInternetGateway"] == nil || res["VInternetGatewayAttachment"] == nil {
		t.Fatal("no internet gateway, though tier edge routes to one")
	}
	routes := routesOf(t, tpl)
	want := map[string]string{"0.0.0.0/0": "GatewayId VInternetGateway", "192.168.0.0/16": "GatewayId VVpnGateway"}
	if got := routes["VEdgeRouteTable"]; len(got) != 2 || got["0.0.0.0/0"] != want["0.0.0.0/0"] || got["192.168.0.0/16"] != want["192.168.0.0/16"] {
		t.Errorf("edge's table %v, want %v", got, want)
	}
	if got := routes["VIsolatedRouteTable"]; len(got) != 0 {
		t.Errorf("data's derived table %v, want no routes (the VPN's come by propagation)", got)
	}
	for id, r := range res {
		if r.get("Type") == "AWS::EC2::Route" && props(r).get("DestinationCidrBlock") == "192.168.0.0/16" && r.get("DependsOn") != "VVpnGatewayAttachment" {
			t.Errorf("%s: DependsOn %v, want the gateway's attachment", id, r.get("DependsOn"))
		}
	}
	var tables []string
	for _, v := range props(res["VVpnRoutePropagation"]).get("RouteTableIds").([]any) {
		tables = append(tables, refTo(v))
	}
	if !slices.Equal(tables, []string{"VIsolatedRouteTable"}) {
		t.Errorf("VPN propagates into %v, want only the derived table", tables)
	}
}
