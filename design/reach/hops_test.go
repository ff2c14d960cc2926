package reach

import (
	"os"
	"strings"
	"testing"
)

// TestHopACLs: the network ACLs of the hops in between (a NAT gateway's
// subnet, transit-gateway attachment subnets, a middlebox VPC's attachment
// subnet, an interface endpoint's subnet) apply as AWS applies them; each
// row a pair of designs where the answer flips on that ACL alone.
func TestHopACLs(t *testing.T) {
	routing, err := os.ReadFile("../testdata/routing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tcp443 := Query{Protocol: "tcp", Ports: Port(443)}
	// The NAT gateway sits in a's public subnet; its ACL sees the app's
	// request in and out, and the internet's replies in and out.
	natACL := func(ingress string) string {
		return strings.Replace(variant(map[string]string{"NACLS": `network_acls:
      - name: pub
        ingress: [{rule: 100, action: allow, ports: 443, cidr: 10.0.0.0/16}` + ingress + `]
        egress: [{rule: 100, action: allow, ports: 443, cidr: 0.0.0.0/0}, {rule: 110, action: allow, ports: 1024-65535, cidr: 10.0.0.0/16}]`}),
			"{name: public, kind: public, prefix: 24}", "{name: public, kind: public, prefix: 24, network_acl: pub}", 1)
	}
	// The egress VPC's attachment subnet (inspection/tgw) denies inbound
	// traffic from outside 10.0.0.0/8: the internet's replies, which the
	// NAT gateway sends back into the gateway through it.
	repliesIn := strings.Replace(string(routing), "          - {rule: 200, action: deny, protocol: all, cidr: 0.0.0.0/0}",
		"          - {rule: 150, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}\n          - {rule: 200, action: deny, protocol: all, cidr: 0.0.0.0/0}", 1)
	// The middlebox's attachment subnet must pass the replies back out
	// to spoke-a (egress on the ephemeral range).
	narrowReplies := strings.Replace(string(routing), "ports: 1024-65535, cidr: 10.0.0.0/8}", "ports: 1024-2000, cidr: 10.0.0.0/8}", 1)
	// x's attachment subnet sends out only to y: the gateway's traffic to
	// x/app is dropped there, to an interface in x/tgw it is not evaluated.
	egressTo20 := strings.Replace(tgwDesign("10.0.0.0/8"), "egress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/8}]", "egress: [{rule: 100, action: allow, protocol: all, cidr: 10.20.0.0/16}]", 1)
	rows := []flip{
		{"the NAT gateway's subnet ACL sees the replies from the internet",
			question{natACL(", {rule: 110, action: allow, ports: 1024-65535, cidr: 0.0.0.0/0}"), "a/app", "internet", tcp443},
			question{natACL(""), "a/app", "internet", tcp443}, CodeACL, "", "(NAT gateway) (ingress)"},
		{"the NAT gateway's subnet ACL sees the request from the private subnet",
			question{natACL(", {rule: 110, action: allow, ports: 1024-65535, cidr: 0.0.0.0/0}"), "a/app", "internet", tcp443},
			question{natACL(", {rule: 110, action: allow, ports: 1024-65535, cidr: 0.0.0.0/0}"), "a/app", "internet", Query{Protocol: "tcp", Ports: Port(80)}}, CodeACL, "", "(NAT gateway) (ingress)"},
		{"an attachment subnet's inbound rules see traffic into the transit gateway, by its source",
			question{tgwDesign("10.0.0.0/8"), "x/app", "y/app", tcp443},
			question{tgwDesign("10.20.0.0/16"), "x/app", "y/app", tcp443}, CodeACL, "", "(attachment hub) (ingress)"},
		{"an attachment subnet's outbound rules see traffic out of the gateway by its destination, except to the attachment subnet itself",
			question{egressTo20, "y/app", "x/tgw", tcp443},
			question{egressTo20, "y/app", "x/app", tcp443}, CodeACL, "", "(attachment hub) (egress)"},
		{"an egress VPC's attachment subnet sees the internet's replies going back into the gateway",
			question{repliesIn, "spoke-a/app", "internet", tcp443},
			question{string(routing), "spoke-a/app", "internet", tcp443}, CodeACL, "", "inspection/tgw/us-east-1a (attachment hub) (ingress)"},
		{"a middlebox VPC's attachment subnet sees the traffic out of and back into the gateway",
			question{string(routing), "spoke-a/app", "spoke-b/app", tcp443},
			question{narrowReplies, "spoke-a/app", "spoke-b/app", tcp443}, CodeACL, "", "(middlebox attachment hub) (egress)"},
		{"an interface endpoint's subnet ACL sees the consumer's request",
			question{endpointDesign("10.0.0.0/8"), "backend/sg:app", "database/workload:db-service", Query{Protocol: "tcp", Ports: Port(5432)}},
			question{endpointDesign("10.99.0.0/16"), "backend/sg:app", "database/workload:db-service", Query{Protocol: "tcp", Ports: Port(5432)}}, CodeACL, "", "(interface endpoint database-service) (ingress)"},
	}
	checkFlips(t, rows)
}

// tgwDesign is two VPCs on a transit gateway; x attaches through a
// dedicated tgw tier whose ACL admits inbound traffic from allowIn.
func tgwDesign(allowIn string) string {
	return `version: 1
region: us-east-1
vpcs:
  - name: x
    cidr: 10.10.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24}
      - {name: tgw, kind: isolated, prefix: 28, network_acl: att}
    network_acls:
      - name: att
        ingress: [{rule: 100, action: allow, protocol: all, cidr: ` + allowIn + `}]
        egress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/8}]
  - name: y
    cidr: 10.20.0.0/16
    azs: 1
    tiers:
      - {name: app, kind: isolated, prefix: 24}
connections:
  - name: hub
    kind: transit-gateway
    vpcs: [x, y]
    attachments:
      - {vpc: x, tier: tgw}
`
}

// endpointDesign is the privatelink template with an ACL on the consumer's
// endpoint tier (backend's first private tier) admitting allowIn.
func endpointDesign(allowIn string) string {
	return `version: 1
region: us-east-1
vpcs:
  - name: backend
    cidr: 10.0.0.0/16
    azs: 1
    tiers:
      - {name: endpoints, kind: private, prefix: 28, network_acl: ep}
      - {name: app, kind: isolated, prefix: 24}
    network_acls:
      - name: ep
        ingress: [{rule: 100, action: allow, protocol: all, cidr: ` + allowIn + `}]
        egress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/8}]
    security_groups:
      - {name: app, tier: app, egress: [{to: vpc:backend, ports: 5432}]}
  - name: database
    cidr: 10.1.0.0/16
    azs: 1
    tiers:
      - {name: data, kind: isolated, prefix: 24}
    security_groups:
      - {name: nlb, tier: data, ingress: [{from: 10.0.0.0/16, ports: 5432}]}
    workloads:
      - {name: db-service, kind: nlb, tier: data, security_group: nlb}
connections:
  - {name: database-service, kind: privatelink, provider: database, consumer: backend, port: 5432}
`
}
