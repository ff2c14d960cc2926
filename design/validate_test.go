package design

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// baseDesign is a clean design: it must validate with no findings at all,
// so that each case below shows that its one change triggers its code.
const baseDesign = `version: 1
name: base
region: us-east-1
networks:
  - {name: corp, cidr: 172.16.0.0/12}
vpcs:
  - name: prod
    cidr: 10.0.0.0/16
    azs: 2
    nat: per-az
    endpoints: [s3, sqs]
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 20}
      - name: data
        kind: isolated
        subnets:
          - {az: us-east-1a, cidr: 10.0.200.0/24}
          - {az: us-east-1b, cidr: 10.0.201.0/24}
    security_groups:
      - name: alb
        tier: public
        ingress:
          - {from: internet, ports: 443}
      - name: app
        tier: app
        ingress:
          - {from: sg:alb, ports: 8080}
          - {from: network:corp, ports: 22}
          - {from: sg:shared/batch, ports: 8080}
      - name: db
        tier: data
        ingress:
          - {from: sg:app, ports: 5432}
        egress: []
    workloads:
      - {name: web, kind: alb, tier: public, security_group: alb}
      - {name: orders, kind: rds, tier: data, security_group: db}
  - name: shared
    cidr: 10.1.0.0/16
    azs: [us-east-1a, us-east-1b]
    nat: none
    tiers:
      - {name: services, kind: isolated, prefix: 24}
    security_groups:
      - name: batch
        tier: services
        ingress:
          - {from: vpc:prod, ports: 443}
    workloads:
      - {name: api, kind: nlb, tier: services, security_group: batch}
connections:
  - {name: prod-shared, kind: peering, vpcs: [prod, shared]}
  - {name: corp-vpn, kind: vpn, vpc: prod, network: corp}
  - {name: svc, kind: privatelink, provider: shared, consumer: prod, port: 443}
`

func mustParse(t testing.TB, src string) *Design {
	t.Helper()
	d, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

func findingsWith(fs []Finding, code string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func TestBaseDesignIsClean(t *testing.T) {
	fs := Validate(mustParse(t, baseDesign))
	for _, f := range fs {
		t.Errorf("unexpected finding: %v", f)
	}
}

func TestReferenceExampleValidates(t *testing.T) {
	d, err := Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Validate(d) {
		if f.Severity == Error {
			t.Errorf("reference example: %v", f)
		}
	}
}

// validationCases: for each code, a change to the base design that must
// trigger it (with the severity and a fragment of the message), and a
// nearby change that must not.
var validationCases = []codeCase{
	{"cidr-invalid", Error, "network address 10.0.0.0/16", func(d *Design) { d.VPCs[0].CIDR = "10.0.0.1/16" }, nil},
	{"cidr-invalid", Error, "not a valid IPv4 CIDR", func(d *Design) { d.Networks[0].CIDR = "172.16.0.0/33" }, nil},
	{"cidr-invalid", Error, "prefix length", func(d *Design) { d.VPCs[0].Tiers[2].Subnets[0].CIDR = "10.0.200.0" }, nil},
	{"prefix-out-of-range", Error, "/15", func(d *Design) { d.VPCs[0].CIDR = "10.0.0.0/15" }, func(d *Design) { d.VPCs[0].CIDR = "10.0.0.0/16" }},
	{"prefix-out-of-range", Error, "prefix /29", func(d *Design) { d.VPCs[0].Tiers[0].Prefix = 29 }, func(d *Design) { d.VPCs[0].Tiers[0].Prefix = 28 }},
	{"subnet-outside-vpc", Error, "not inside VPC prod", func(d *Design) { d.VPCs[0].Tiers[2].Subnets[0].CIDR = "10.9.0.0/24" }, func(d *Design) { d.VPCs[0].Tiers[2].Subnets[0].CIDR = "10.0.255.0/24" }},
	{"subnet-overlap", Error, "overlaps 10.0.200.0/24 (tier data, us-east-1a)", func(d *Design) { d.VPCs[0].Tiers[2].Subnets[1].CIDR = "10.0.200.128/25" }, func(d *Design) { d.VPCs[0].Tiers[2].Subnets[1].CIDR = "10.0.202.0/25" }},
	{"subnet-overlap", Error, "overlaps 10.0.0.0/24 (tier public, us-east-1a)", func(d *Design) {
		d.VPCs[0].Tiers[0].Subnets = []Subnet{{AZ: "us-east-1a", CIDR: "10.0.0.0/24"}, {AZ: "us-east-1b", CIDR: "10.0.1.0/24"}}
		d.VPCs[0].Tiers[2].Subnets[0].CIDR = "10.0.0.0/23"
	}, nil},
	{"vpc-overlap", Error, "a connection joins them", func(d *Design) { d.VPCs[1].CIDR = "10.0.128.0/17" }, func(d *Design) { d.VPCs[1].CIDR = "10.2.0.0/16" }},
	{"vpc-overlap", Error, "network corp", func(d *Design) { d.Networks[0].CIDR = "10.0.0.0/8" }, func(d *Design) { d.Networks[0].CIDR = "192.168.0.0/16" }},
	{"vpc-overlap", Warning, "cannot be connected later", func(d *Design) {
		d.Connections = d.Connections[1:2] // keep only the VPN
		d.VPCs[1].CIDR = "10.0.0.0/16"
		d.VPCs[0].SecurityGroups[1].Ingress = d.VPCs[0].SecurityGroups[1].Ingress[:2]
		d.VPCs[1].SecurityGroups[0].Ingress[0].From = "10.0.0.0/16"
	}, nil},
	{"vpc-cidr-public", Warning, "8.8.0.0/16 is publicly routable", func(d *Design) { setVPCBlock(d, "8.8.0.0/16") }, func(d *Design) { setVPCBlock(d, "172.20.0.0/16") }},
	{"vpc-cidr-public", Warning, "publicly routable", func(d *Design) { setVPCBlock(d, "100.128.0.0/16") }, func(d *Design) { setVPCBlock(d, "100.127.0.0/16") }},
	{"vpc-cidr-reserved", Error, "224.0.0.0/16 is in 224.0.0.0/4, multicast", func(d *Design) { setVPCBlock(d, "224.0.0.0/16") }, func(d *Design) { setVPCBlock(d, "223.255.0.0/16") }},
	{"vpc-cidr-reserved", Error, "127.0.0.0/16 is in 127.0.0.0/8, loopback", func(d *Design) { setVPCBlock(d, "127.0.0.0/16") }, func(d *Design) { setVPCBlock(d, "192.168.0.0/16") }},
	{"vpc-cidr-reserved", Error, "link-local", func(d *Design) { setVPCBlock(d, "169.254.0.0/16") }, func(d *Design) { setVPCBlock(d, "100.64.0.0/16") }},
	{"secondary-cidr-restricted", Error, "192.168.0.0/16 are restricted", func(d *Design) { d.VPCs[0].SecondaryCIDRs = []string{"192.168.0.0/16"} }, func(d *Design) { d.VPCs[0].SecondaryCIDRs = []string{"100.64.0.0/16"} }},
	{"secondary-cidr-restricted", Error, "10.0.0.0/15", func(d *Design) {
		d.VPCs[0].CIDR = "10.1.0.0/16"
		d.VPCs[0].Tiers[2].Subnets = nil
		d.VPCs[0].Tiers[2].Prefix = 24
		d.VPCs[1].CIDR = "10.5.0.0/16"
		d.VPCs[0].SecondaryCIDRs = []string{"10.0.0.0/16"}
	}, func(d *Design) { d.VPCs[0].SecondaryCIDRs = []string{"10.3.0.0/16"} }},
	{"secondary-cidr-restricted", Error, "overlaps the VPC's block 100.64.0.0/16", func(d *Design) { d.VPCs[0].SecondaryCIDRs = []string{"100.64.0.0/16", "100.64.128.0/17"} }, nil},
	{"no-room", Error, "needs a /19 in us-east-1b but VPC prod has no free aligned /19", func(d *Design) {
		d.VPCs[0].CIDR = "10.0.0.0/18"
		d.VPCs[0].Tiers[2].Subnets = nil
		d.VPCs[0].Tiers[2].Prefix = 24
		d.VPCs[0].Tiers[1].Prefix = 19
	}, func(d *Design) {
		d.VPCs[0].CIDR = "10.0.0.0/18"
		d.VPCs[0].Tiers[2].Subnets = nil
		d.VPCs[0].Tiers[2].Prefix = 24
	}},
	{"az-coverage", Warning, "covers 1 of VPC prod's 2 AZs", func(d *Design) { d.VPCs[0].Tiers[1].AZs = []string{"us-east-1a"} }, func(d *Design) { d.VPCs[0].Tiers[1].AZs = []string{"us-east-1a", "us-east-1b"} }},
	{"single-az", Warning, "uses one AZ", func(d *Design) { d.VPCs[1].AZs = AZSpec{Count: 1} }, nil},
	{"nat-single", Warning, "2 AZs", func(d *Design) { d.VPCs[0].NAT = NATSingle }, func(d *Design) { d.VPCs[0].NAT = NATSingle; d.VPCs[0].Tiers[1].AZs = []string{"us-east-1a"} }},
	{"nat-needs-public", Error, "no public subnet there", func(d *Design) { d.VPCs[0].Tiers[0].AZs = []string{"us-east-1a"} }, nil},
	{"nat-needs-public", Error, "no public subnet to hold it", func(d *Design) { d.VPCs[1].NAT = NATSingle; d.VPCs[1].Tiers[0].Kind = TierPrivate }, nil},
	{"sg-unknown-ref", Error, `did you mean "alb"?`, func(d *Design) { d.VPCs[0].SecurityGroups[1].Ingress[0].From = "sg:albb" }, nil},
	{"sg-unknown-ref", Error, `no VPC "nope"`, func(d *Design) { d.VPCs[0].SecurityGroups[1].Ingress[2].From = "sg:nope/batch" }, nil},
	{"sg-world-open", Error, "high-risk ports 22", func(d *Design) { d.VPCs[0].SecurityGroups[1].Ingress[1].From = "internet" }, nil},
	{"sg-world-open", Error, "high-risk", func(d *Design) {
		d.VPCs[0].SecurityGroups[0].Ingress[0].From = "0.0.0.0/0"
		d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "all"
	}, nil},
	{"sg-world-open", Error, "isolated tier data", func(d *Design) {
		d.VPCs[0].SecurityGroups[2].Ingress[0] = Rule{From: "internet", Ports: "443"}
	}, nil},
	{"sg-world-open", Warning, "only 80 and 443", func(d *Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "8443" }, func(d *Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "80" }},
	{"unknown-reference", Error, `tier "ap"`, func(d *Design) { d.VPCs[0].SecurityGroups[1].Tier = "ap" }, nil},
	{"unknown-reference", Error, `VPC "prd"`, func(d *Design) { d.Connections[0].VPCs[0] = "prd" }, nil},
	{"unknown-reference", Error, `network "crop"`, func(d *Design) { d.Connections[1].Network = "crop" }, nil},
	{"unknown-reference", Error, `security group "dbb"`, func(d *Design) { d.VPCs[0].Workloads[1].SecurityGroup = "dbb" }, nil},
	{"duplicate-name", Error, `named "app"`, func(d *Design) { d.VPCs[0].Tiers[2].Name = "app" }, nil},
	{"duplicate-name", Error, `VPCs are named "prod"`, func(d *Design) { d.VPCs[1].Name = "prod" }, nil},
	{"missing-field", Error, "no CIDR", func(d *Design) { d.VPCs[1].CIDR = "" }, nil},
	{"missing-field", Error, "no region", func(d *Design) { d.Region = "" }, func(d *Design) { d.Region = ""; d.VPCs[0].Region = "us-east-1"; d.VPCs[1].Region = "us-east-1" }},
	{"az-unknown", Error, "not an AZ of region us-east-1", func(d *Design) { d.VPCs[1].AZs.Names[1] = "us-west-2b" }, nil},
	{"az-unknown", Error, "which VPC prod does not use", func(d *Design) { d.VPCs[0].Tiers[1].AZs = []string{"us-east-1a", "us-east-1c"} }, nil},
	{"azs-invalid", Error, "asks for 9 AZs", func(d *Design) { d.VPCs[0].AZs.Count = 9 }, func(d *Design) { d.VPCs[0].AZs.Count = 6 }},
	{"tier-needs-prefix", Error, "no subnet in us-east-1b", func(d *Design) { d.VPCs[0].Tiers[2].Subnets = d.VPCs[0].Tiers[2].Subnets[:1] }, nil},
	{"tier-duplicate-az", Warning, "2 subnets in us-east-1a", func(d *Design) { d.VPCs[0].Tiers[2].Subnets[1].AZ = "us-east-1a"; d.VPCs[0].Tiers[2].Prefix = 24 }, nil},
	{"nat-unused", Warning, "no private tier", func(d *Design) { d.VPCs[0].Tiers[1].Kind = TierIsolated }, nil},
	{"private-no-egress", Warning, "nat: none", func(d *Design) { d.VPCs[0].NAT = NATNone }, nil},
	{"endpoint-invalid", Error, "not an AWS service name", func(d *Design) { d.VPCs[0].Endpoints = []string{"S3 bucket"} }, func(d *Design) { d.VPCs[0].Endpoints = []string{"ecr.api"} }},
	{"endpoint-no-subnet", Warning, "no private or isolated tier", func(d *Design) { d.VPCs[0].Tiers = d.VPCs[0].Tiers[:1]; d.VPCs[0].NAT = NATNone; trimSGs(d) }, nil},
	{"alb-needs-two-azs", Error, "at least 2 AZs", func(d *Design) { d.VPCs[0].Tiers[0].AZs = []string{"us-east-1a"}; d.VPCs[0].NAT = NATSingle }, nil},
	{"rds-needs-two-azs", Error, "at least 2 AZs", func(d *Design) {
		d.VPCs[0].Tiers[2].AZs = []string{"us-east-1a"}
		d.VPCs[0].Tiers[2].Subnets = d.VPCs[0].Tiers[2].Subnets[:1]
	}, nil},
	{"database-public", Warning, "public tier public", func(d *Design) { d.VPCs[0].Workloads[1].Tier = "public"; d.VPCs[0].SecurityGroups[2].Tier = "public" }, nil},
	{"workload-tier-mismatch", Warning, "security group db is for tier data", func(d *Design) { d.VPCs[0].Workloads[1].Tier = "app" }, nil},
	{"traffic-invalid", Error, "0 or more", func(d *Design) { d.VPCs[0].Traffic = &Traffic{S3GB: -5} }, func(d *Design) { d.VPCs[0].Traffic = &Traffic{S3GB: 5} }},
	{"ports-invalid", Error, "not a port", func(d *Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "https" }, func(d *Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "443-443" }},
	{"ports-invalid", Error, "low to high", func(d *Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "500-400" }, nil},
	{"peer-unreachable", Error, "peering is not transitive", func(d *Design) {
		d.VPCs = append(d.VPCs, VPC{Name: "third", CIDR: "10.3.0.0/16", AZs: AZSpec{Count: 2}, NAT: NATNone, Tiers: []Tier{{Name: "t", Kind: TierIsolated, Prefix: 24}},
			SecurityGroups: []SecurityGroup{{Name: "x", Tier: "t", Ingress: []Rule{{From: "vpc:prod", Ports: "443"}}}}})
		d.Connections = append(d.Connections, Connection{Name: "shared-third", Kind: ConnPeering, VPCs: []string{"shared", "third"}})
	}, func(d *Design) {
		d.VPCs = append(d.VPCs, VPC{Name: "third", CIDR: "10.3.0.0/16", AZs: AZSpec{Count: 2}, NAT: NATNone, Tiers: []Tier{{Name: "t", Kind: TierIsolated, Prefix: 24}},
			SecurityGroups: []SecurityGroup{{Name: "x", Tier: "t", Ingress: []Rule{{From: "vpc:shared", Ports: "443"}}}}})
		d.Connections = append(d.Connections, Connection{Name: "shared-third", Kind: ConnPeering, VPCs: []string{"shared", "third"}})
	}},
	{"peer-unreachable", Error, "no peering or transit gateway joins them", func(d *Design) {
		d.Connections = d.Connections[1:]
	}, func(d *Design) {
		// PrivateLink alone joins them, and the provider allows its consumer.
		d.Connections = d.Connections[1:]
		d.VPCs[0].SecurityGroups[1].Ingress = d.VPCs[0].SecurityGroups[1].Ingress[:2]
	}},
	{"peer-unreachable", Warning, "no VPN or transit gateway", func(d *Design) { d.Connections = append(d.Connections[:1], d.Connections[2]) }, nil},
	{"sg-cross-region", Error, "only within one region", func(d *Design) {
		d.VPCs[1].Region = "us-west-2"
		d.VPCs[1].AZs.Names = []string{"us-west-2a", "us-west-2b"}
	}, nil},
	{"connection-invalid", Error, "exactly two VPCs", func(d *Design) { d.Connections[0].VPCs = []string{"prod"} }, nil},
	{"connection-invalid", Error, "with itself", func(d *Design) {
		d.Connections[0].VPCs = []string{"prod", "prod"}
		d.VPCs[0].SecurityGroups[1].Ingress = d.VPCs[0].SecurityGroups[1].Ingress[:2]
	}, nil},
	{"duplicate-connection", Warning, "already joins", func(d *Design) {
		d.Connections = append(d.Connections, Connection{Name: "again", Kind: ConnPeering, VPCs: []string{"shared", "prod"}})
	}, nil},
	{"privatelink-needs-nlb", Warning, "no nlb workload", func(d *Design) { d.VPCs[1].Workloads = nil }, nil},
	{"region-unknown", Warning, "does not look like an AWS region", func(d *Design) {
		d.Region = "mars-1"
		d.VPCs[1].AZs = AZSpec{Count: 2}
	}, nil},
	{"quota-subnets", Warning, "default quota is 200", func(d *Design) {
		d.VPCs[0].CIDR = "10.0.0.0/16"
		for i := 0; i < 100; i++ {
			d.VPCs[0].Tiers = append(d.VPCs[0].Tiers, Tier{Name: "t" + itoa(i), Kind: TierIsolated, Prefix: 28})
		}
	}, nil},
	{"quota-cidr-blocks", Warning, "default quota is 5", func(d *Design) {
		d.VPCs[0].SecondaryCIDRs = []string{"100.64.0.0/16", "100.65.0.0/16", "100.66.0.0/16", "100.67.0.0/16", "100.68.0.0/16"}
	}, func(d *Design) {
		d.VPCs[0].SecondaryCIDRs = []string{"100.64.0.0/16", "100.65.0.0/16", "100.66.0.0/16", "100.67.0.0/16"}
	}},
	{"quota-sg-rules", Warning, "default quota is 60", func(d *Design) {
		for i := 0; i < 60; i++ {
			d.VPCs[0].SecurityGroups[1].Ingress = append(d.VPCs[0].SecurityGroups[1].Ingress, Rule{From: "10.0.0.0/16", Ports: itoa(1000 + i)})
		}
	}, nil},
	{"quota-vpcs-per-region", Info, "default quota is 5 VPCs per region", func(d *Design) {
		for i := 0; i < 4; i++ {
			d.VPCs = append(d.VPCs, VPC{Name: "extra" + itoa(i), CIDR: "10." + itoa(10+i) + ".0.0/16", AZs: AZSpec{Count: 2}, NAT: NATNone, Tiers: []Tier{{Name: "t", Kind: TierIsolated, Prefix: 24}}})
		}
	}, nil},
	{"quota-interface-endpoints", Warning, "default quota is 50", func(d *Design) {
		for i := 0; i < 51; i++ {
			d.VPCs[0].Endpoints = append(d.VPCs[0].Endpoints, "svc"+itoa(i))
		}
	}, nil},
	{"privatelink-cross-region", Warning, "spans regions", func(d *Design) {
		d.VPCs[1].Region = "us-west-2"
		d.VPCs[1].AZs.Names = []string{"us-west-2a", "us-west-2b"}
	}, nil},
	{"quota-gateway-endpoints", Warning, "default quota is 20 per region", func(d *Design) {
		for i := 0; i < 20; i++ {
			d.VPCs = append(d.VPCs, VPC{Name: "gw" + itoa(i), CIDR: "10." + itoa(20+i) + ".0.0/16", AZs: AZSpec{Count: 2}, NAT: NATNone, Endpoints: []string{"s3"}, Tiers: []Tier{{Name: "t", Kind: TierIsolated, Prefix: 24}}})
		}
	}, nil},
	{"quota-peerings", Warning, "default quota is 50 active peerings", func(d *Design) {
		for i := 0; i < 50; i++ {
			name := "p" + itoa(i)
			d.VPCs = append(d.VPCs, VPC{Name: name, CIDR: "10." + itoa(20+i) + ".0.0/16", AZs: AZSpec{Count: 2}, NAT: NATNone, Tiers: []Tier{{Name: "t", Kind: TierIsolated, Prefix: 24}}})
			d.Connections = append(d.Connections, Connection{Name: "to-" + name, Kind: ConnPeering, VPCs: []string{"prod", name}})
		}
	}, nil},
	{"no-tiers", Warning, "no tiers", func(d *Design) { d.VPCs[1].Tiers = nil; d.VPCs[1].SecurityGroups = nil; d.VPCs[1].Workloads = nil }, nil},
}

func itoa(i int) string { return strconv.Itoa(i) }

func trimSGs(d *Design) {
	d.VPCs[0].SecurityGroups = d.VPCs[0].SecurityGroups[:1]
	d.VPCs[0].Workloads = d.VPCs[0].Workloads[:1]
}

// codeCase is a change to a base design that must trigger a finding of
// code, with the severity and a fragment of the message, and a nearby
// change that must not.
type codeCase struct {
	code     string
	severity Severity
	message  string // a fragment the message must contain
	bad      func(d *Design)
	good     func(d *Design) // a near miss; nil: the base design itself
}

// checkCodeCases runs each case on a fresh base design through check.
func checkCodeCases(t *testing.T, cases []codeCase, base func() *Design, check func(*Design) []Finding) {
	for _, tc := range cases {
		t.Run(tc.code+"/"+tc.message, func(t *testing.T) {
			d := base()
			tc.bad(d)
			got := findingsWith(check(d), tc.code)
			found := false
			for _, f := range got {
				if f.Severity == tc.severity && strings.Contains(f.Message, tc.message) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s %s containing %q; got %v", tc.severity, tc.code, tc.message, got)
			}
			d = base()
			if tc.good != nil {
				tc.good(d)
			}
			if got := findingsWith(check(d), tc.code); len(got) > 0 {
				t.Errorf("near miss should not trigger %s: %v", tc.code, got)
			}
		})
	}
}

func TestValidationCodes(t *testing.T) {
	checkCodeCases(t, validationCases, func() *Design { return mustParse(t, baseDesign) }, Validate)
}

// Every code that validation can emit has a test case above and a row in
// docs/validation.md.
func TestEveryEmittedCodeIsTestedAndDocumented(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	emitted := map[string]bool{}
	re := regexp.MustCompile(`(?:v\.add\([A-Za-z]+,|code :?=) "([a-z0-9-]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			emitted[m[1]] = true
		}
	}
	if len(emitted) < 40 {
		t.Fatalf("found only %d codes in the source; is the pattern stale?", len(emitted))
	}
	tested := map[string]bool{}
	for _, tc := range validationCases {
		tested[tc.code] = true
	}
	for _, tc := range securityCases { // the security lint's, in validate_security_test.go
		tested[tc.code] = true
	}
	for _, tc := range routingCases { // in validate_routing_test.go
		tested[tc.code] = true
	}
	for _, tc := range ipv6Cases { // in validate_ipv6_test.go
		tested[tc.code] = true
	}
	doc, err := os.ReadFile("../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	for code := range emitted {
		if !tested[code] {
			t.Errorf("code %s has no test case", code)
		}
		if !strings.Contains(string(doc), "| `"+code+"` |") {
			t.Errorf("code %s is not in docs/validation.md", code)
		}
	}
}

// Every code the issue lists has a case above.
func TestEveryRequiredCodeIsCovered(t *testing.T) {
	required := []string{"cidr-invalid", "prefix-out-of-range", "subnet-outside-vpc", "subnet-overlap", "vpc-overlap",
		"secondary-cidr-restricted", "no-room", "az-coverage", "single-az", "nat-single", "nat-needs-public",
		"sg-unknown-ref", "sg-world-open", "unknown-reference", "duplicate-name"}
	have := map[string]bool{}
	for _, tc := range validationCases {
		have[tc.code] = true
	}
	for _, c := range required {
		if !have[c] {
			t.Errorf("no test case for %s", c)
		}
	}
}

func TestFindingsCarryFilePositions(t *testing.T) {
	src := strings.Replace(baseDesign, "cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16", 1)
	fs := findingsWith(Validate(mustParse(t, src)), "cidr-invalid")
	if len(fs) != 1 {
		t.Fatalf("want one cidr-invalid, got %v", fs)
	}
	if fs[0].Pos != (Position{Line: 8, Column: 11}) || fs[0].Path != "vpcs.prod" {
		t.Errorf("finding at %+v path %s; want 8:11 vpcs.prod", fs[0].Pos, fs[0].Path)
	}
}

func TestValidationIsDeterministic(t *testing.T) {
	d := mustParse(t, baseDesign)
	d.VPCs[0].SecurityGroups[1].Ingress[1].From = "internet"
	d.VPCs[1].CIDR = "10.0.0.0/16"
	first := Validate(d)
	for range 20 {
		again := Validate(d)
		if len(again) != len(first) {
			t.Fatal("finding count changed between runs")
		}
		for i := range first {
			if first[i] != again[i] {
				t.Fatalf("finding %d differs: %v vs %v", i, first[i], again[i])
			}
		}
	}
}

// setVPCBlock renumbers the base design's shared VPC, whose subnets are
// all carved, so that only the block's own address space is in question.
func setVPCBlock(d *Design, cidr string) { d.VPCs[1].CIDR = cidr }

// TestNATSingleAdviceReadsAsAKey: the nat-single advice must not end in
// words that read as a VPC's name ("use nat: per-az for production" on a
// VPC named production): the VPC is named once, the fix is the key.
func TestNATSingleAdviceReadsAsAKey(t *testing.T) {
	d := mustParse(t, baseDesign)
	d.VPCs[0].Name = "production"
	d.VPCs[0].NAT = NATSingle
	for _, f := range findingsWith(Validate(d), "nat-single") {
		if n := strings.Count(f.Message, "production"); n != 1 || !strings.HasSuffix(f.Message, "set `nat: per-az` (a NAT gateway in each AZ)") {
			t.Errorf("nat-single names production %d times, or ends otherwise: %q", n, f.Message)
		}
	}
}
