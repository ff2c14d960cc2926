package design

import "testing"

// routingBase is a clean design with every routing key: it must validate
// with no findings, so that each case shows that its one change triggers
// its code.
const routingBase = `version: 1
name: routing-base
region: us-east-1
networks:
  - {name: dc, cidr: 192.168.0.0/16}
vpcs:
  - name: hub
    cidr: 10.0.0.0/16
    azs: 2
    nat: per-az
    endpoints: [s3]
    tiers:
      - {name: public, kind: public, prefix: 24}
      - name: fw
        kind: private
        prefix: 24
        routes:
          - {to: 0.0.0.0/0, via: nat}
          - {to: 10.0.0.0/8, via: "connection:tgw"}
      - name: attach
        kind: isolated
        prefix: 28
        routes:
          - {to: 0.0.0.0/0, via: "nat:us-east-1a", azs: [us-east-1a]}
          - {to: 0.0.0.0/0, via: "nat:us-east-1b", azs: [us-east-1b]}
  - name: spoke
    cidr: 10.1.0.0/16
    azs: 2
    tiers:
      - name: web
        kind: isolated
        prefix: 24
        network_acl: web
        routes:
          - {to: 0.0.0.0/0, via: "connection:tgw"}
      - name: app
        kind: isolated
        prefix: 24
        network_acl: app
        routes:
          - {to: 0.0.0.0/0, via: "connection:tgw"}
    security_groups:
      - name: web
        tier: web
        ingress:
          - {from: 10.0.0.0/8, ports: 443}
      - name: app
        tier: app
        ingress:
          - {from: sg:web, ports: 8080}
    network_acls:
      - name: web
        ingress:
          - {rule: 100, action: allow, ports: 443, cidr: 10.0.0.0/8}
          - {rule: 110, action: allow, ports: 1024-65535, cidr: 10.1.0.0/16}
        egress:
          - {rule: 90, action: allow, ports: 8080, cidr: 10.1.0.0/16}
          - {rule: 100, action: allow, ports: 1024-65535, cidr: 10.0.0.0/8}
      - name: app
        ingress:
          - {rule: 100, action: allow, ports: 8080, cidr: 10.1.0.0/16}
        egress:
          - {rule: 100, action: allow, ports: 1024-65535, cidr: 10.1.0.0/16}
  - name: spoke2
    cidr: 10.2.0.0/16
    azs: 2
    tiers:
      - name: app
        kind: isolated
        prefix: 24
        routes:
          - {to: 0.0.0.0/0, via: "connection:tgw"}
connections:
  - name: tgw
    kind: transit-gateway
    vpcs: [hub, spoke, spoke2]
    default_association: false
    default_propagation: false
    attachments:
      - {vpc: hub, tier: attach}
    route_tables:
      - name: spokes
        associations: ["vpc:spoke", "vpc:spoke2"]
        routes:
          - {to: 0.0.0.0/0, via: "vpc:hub"}
      - name: inspected
        associations: ["vpc:hub"]
        propagations: ["vpc:spoke", "vpc:spoke2"]
  - {name: other, kind: peering, vpcs: [hub, spoke2]}
`

func tierByName(d *Design, vpc, tier string) *Tier { return d.FindVPC(vpc).FindTier(tier) }
func aclByName(d *Design, vpc, acl string) *NetworkACL {
	return d.FindVPC(vpc).FindNetworkACL(acl)
}

var routingCases = []codeCase{
	{"route-invalid", Error, "not a CIDR or a VPC or network", func(d *Design) { tierByName(d, "hub", "fw").Routes[1].To = "vpc:nowhere" }, func(d *Design) { tierByName(d, "hub", "fw").Routes[1].To = "vpc:spoke" }},
	{"route-invalid", Error, "write internet-gateway, nat", func(d *Design) { tierByName(d, "hub", "fw").Routes[0].Via = "igw" }, func(d *Design) { tierByName(d, "hub", "fw").Routes[0].Via = "internet-gateway" }},
	{"route-invalid", Error, "which the tier does not cover", func(d *Design) { tierByName(d, "hub", "attach").Routes[0].AZs = []string{"us-east-1c"} }, nil},
	{"route-invalid", Error, "twice in us-east-1a", func(d *Design) {
		tierByName(d, "hub", "fw").Routes = append(tierByName(d, "hub", "fw").Routes, Route{To: "10.0.0.0/8", Via: "blackhole"})
	}, nil},
	{"route-invalid", Error, "the VPC's local route", func(d *Design) {
		tierByName(d, "hub", "fw").Routes = append(tierByName(d, "hub", "fw").Routes, Route{To: "10.0.0.0/16", Via: "nat"})
	}, nil},
	{"route-no-nat", Error, "which VPC hub does not have", func(d *Design) { d.FindVPC("hub").NAT = NATSingle }, func(d *Design) {
		d.FindVPC("hub").NAT = NATSingle
		tierByName(d, "hub", "fw").Routes[0].Via = "nat:us-east-1a"
		tierByName(d, "hub", "attach").Routes[1].Via = "nat:us-east-1a"
	}},
	{"route-unconnected", Error, "which VPC spoke is not on", func(d *Design) { tierByName(d, "spoke", "web").Routes[0].Via = "connection:other" }, nil},
	{"route-unconnected", Error, "which the design does not have", func(d *Design) { tierByName(d, "spoke", "web").Routes[0].Via = "connection:tgww" }, nil},
	{"route-shadowed", Warning, "never carries traffic", func(d *Design) {
		// 10.0.0.0/15 is all local (10.0.0.0/16) and peered (10.1.0.0/16).
		tierByName(d, "hub", "fw").Routes = append(tierByName(d, "hub", "fw").Routes, Route{To: "10.1.0.0/16", Via: "connection:tgw"}, Route{To: "10.0.0.0/15", Via: "connection:tgw"})
	}, func(d *Design) {
		tierByName(d, "hub", "fw").Routes = append(tierByName(d, "hub", "fw").Routes, Route{To: "10.0.0.0/15", Via: "connection:tgw"})
	}},
	{"route-blackhole", Warning, "a blackhole route", func(d *Design) {
		tierByName(d, "hub", "fw").Routes = append(tierByName(d, "hub", "fw").Routes, Route{To: "10.9.0.0/16", Via: "blackhole"})
	}, nil},
	{"route-blackhole", Warning, "route table spokes drops traffic", func(d *Design) {
		rt := &d.Connections[0].RouteTables[0]
		rt.Routes = append(rt.Routes, TGWRoute{To: "10.9.0.0/16", Via: "blackhole"})
	}, nil},
	{"nacl-invalid", Error, "AWS takes 1 to 32766", func(d *Design) { aclByName(d, "spoke", "app").Ingress[0].Rule = 32767 }, func(d *Design) { aclByName(d, "spoke", "app").Ingress[0].Rule = 32766 }},
	{"nacl-invalid", Error, "numbered 100", func(d *Design) {
		a := aclByName(d, "spoke", "app")
		a.Ingress = append(a.Ingress, ACLRule{Rule: 100, Action: ACLDeny, CIDR: "0.0.0.0/0"})
	}, func(d *Design) {
		a := aclByName(d, "spoke", "app")
		a.Ingress = append(a.Ingress, ACLRule{Rule: 200, Action: ACLDeny, CIDR: "0.0.0.0/0"})
	}},
	{"nacl-invalid", Error, "not a valid port range", func(d *Design) { aclByName(d, "spoke", "app").Ingress[0].Ports = "9000-80" }, nil},
	{"unknown-reference", Error, "network ACL \"ap\"", func(d *Design) { tierByName(d, "spoke", "app").NetworkACL = "ap" }, nil},
	{"nacl-rule-shadowed", Warning, "rule 200 never matches", func(d *Design) {
		a := aclByName(d, "spoke", "app")
		a.Ingress = append(a.Ingress, ACLRule{Rule: 200, Action: ACLDeny, Ports: "8080", CIDR: "10.1.2.0/24"})
	}, func(d *Design) {
		a := aclByName(d, "spoke", "app")
		a.Ingress = append(a.Ingress, ACLRule{Rule: 200, Action: ACLDeny, Ports: "8081", CIDR: "10.1.2.0/24"})
	}},
	// The app tier answers sg:web; without the ephemeral range back to
	// the web tier, the replies are dropped.
	{"nacl-blocks-return", Warning, "drops the return traffic", func(d *Design) { aclByName(d, "spoke", "app").Egress[0].Ports = "1024-32767" }, nil},
	{"nacl-blocks-return", Warning, "network ACL web of tier web drops the return", func(d *Design) { aclByName(d, "spoke", "web").Ingress[1].Ports = "443" }, nil},
	{"nacl-blocks-flow", Warning, "drops ingress tcp traffic on 8080", func(d *Design) {
		a := aclByName(d, "spoke", "app")
		a.Ingress = append([]ACLRule{{Rule: 50, Action: ACLDeny, Ports: "8080", CIDR: "10.1.0.0/24"}}, a.Ingress...)
	}, nil},
	{"tgw-invalid", Error, "not one of its attachments", func(d *Design) { d.Connections[0].RouteTables[0].Associations[1] = "vpc:spoke3" }, nil},
	{"tgw-invalid", Error, "an attachment has one route table", func(d *Design) {
		d.Connections[0].RouteTables[1].Associations = append(d.Connections[0].RouteTables[1].Associations, "vpc:spoke")
	}, nil},
	{"tgw-invalid", Error, "confused with its default route table", func(d *Design) {
		d.Connections[0].RouteTables[1].Name = "default"
		on := true
		d.Connections[0].DefaultPropagation = &on
	}, func(d *Design) { d.Connections[0].RouteTables[1].Name = "default" }},
	{"tgw-invalid", Error, "which it does not join", func(d *Design) { d.Connections[0].Attachments[0].VPC = "other" }, nil},
	{"unknown-reference", Error, "attaches VPC hub in tier \"atach\"", func(d *Design) { d.Connections[0].Attachments[0].Tier = "atach" }, nil},
	{"tgw-table-unassociated", Warning, "has no association", func(d *Design) {
		d.Connections[0].RouteTables = append(d.Connections[0].RouteTables, TGWRouteTable{Name: "spare"})
	}, nil},
	{"tgw-attachment-unassociated", Warning, "the attachment of vpc:spoke2 is associated with no route table", func(d *Design) {
		d.Connections[0].RouteTables[0].Associations = []string{"vpc:spoke"}
	}, func(d *Design) {
		d.Connections[0].RouteTables[0].Associations = []string{"vpc:spoke"}
		on := true
		d.Connections[0].DefaultAssociation = &on
	}},
	{"tgw-attachment-az-gap", Warning, "no subnet in us-east-1b", func(d *Design) {
		tierByName(d, "hub", "attach").AZs = []string{"us-east-1a"}
		tierByName(d, "hub", "attach").Routes = tierByName(d, "hub", "attach").Routes[:1]
	}, nil},
	// The hub's table sends spoke2's traffic straight to spoke, while the
	// spokes' table sends everything through the hub.
	{"tgw-asymmetric", Warning, "routes vpc:spoke → vpc:spoke2 through vpc:hub but the return directly", func(d *Design) {
		rt := &d.Connections[0].RouteTables[0]
		rt.Routes = append(rt.Routes, TGWRoute{To: "vpc:spoke", Via: "vpc:spoke"})
		rt.Associations = []string{"vpc:spoke"}
		d.Connections[0].RouteTables = append(d.Connections[0].RouteTables, TGWRouteTable{Name: "direct", Associations: []string{"vpc:spoke2"}, Routes: []TGWRoute{{To: "vpc:spoke", Via: "vpc:spoke"}, {To: "0.0.0.0/0", Via: "vpc:hub"}}})
	}, nil},
}

func TestRoutingValidationCodes(t *testing.T) {
	if fs := Validate(mustParse(t, routingBase)); len(fs) > 0 {
		t.Fatalf("the routing base design must validate clean: %v", fs)
	}
	checkCodeCases(t, routingCases, func() *Design { return mustParse(t, routingBase) }, Validate)
}
