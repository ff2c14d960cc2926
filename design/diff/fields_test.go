package diff

import (
	"os"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// notDiffed lists the exported fields of the design's element types that
// Changes deliberately does not compare, each with the reason. Every
// other field has an edit in fieldEdits that must be a change.
var notDiffed = map[string]string{
	"Design.Version": "only format version 1 loads (design.FormatVersion): two designs that load have the same version",
	"Subnet.HasIPv6": "says whether a subnet's /64 index is written or carved; subnets are compared as the layout places them, " +
		"so an index dropped from the file that is carved back to the same /64 is no change, and another /64 is Subnet.IPv6's change",
}

// fieldEdit changes one field of a base design (fieldBases).
type fieldEdit struct {
	base string
	edit func(d *design.Design)
}

func tier(d *design.Design, vi int, name string) *design.Tier {
	t := d.VPCs[vi].FindTier(name)
	if t == nil {
		panic("no tier " + name)
	}
	return t
}

func conn(d *design.Design, name string) *design.Connection {
	for i := range d.Connections {
		if d.Connections[i].Name == name {
			return &d.Connections[i]
		}
	}
	panic("no connection " + name)
}

// fieldEdits holds, per "Type.Field", an edit of that field alone. The
// traffic fields are added by TestEveryFieldIsDiffed from the type, one
// edit each through design.Traffic's own key table.
var fieldEdits = map[string]fieldEdit{
	"Design.Name":        {"three-tier", func(d *design.Design) { d.Name += "-2" }},
	"Design.Description": {"three-tier", func(d *design.Design) { d.Description += " and more" }},
	"Design.Region":      {"three-tier", func(d *design.Design) { d.Region = "eu-west-1" }},
	"Design.Networks": {"three-tier", func(d *design.Design) {
		d.Networks = append(d.Networks, design.Network{Name: "dc", CIDR: "192.168.0.0/16"})
	}},
	"Design.VPCs":        {"peering", func(d *design.Design) { d.VPCs = d.VPCs[:1] }},
	"Design.Connections": {"peering", func(d *design.Design) { d.Connections = nil }},

	"Network.Name": {"routing", func(d *design.Design) { d.Networks[0].Name = "dc2" }},
	"Network.CIDR": {"routing", func(d *design.Design) { d.Networks[0].CIDR = "172.16.0.0/16" }},
	"Network.IPv6": {"routing", func(d *design.Design) { d.Networks[0].IPv6 = "fd00::/48" }},

	"VPC.Name":           {"three-tier", func(d *design.Design) { d.VPCs[0].Name = "prod" }},
	"VPC.Region":         {"three-tier", func(d *design.Design) { d.VPCs[0].Region = "us-west-2" }},
	"VPC.CIDR":           {"three-tier", func(d *design.Design) { d.VPCs[0].CIDR = "10.0.0.0/15" }},
	"VPC.SecondaryCIDRs": {"three-tier", func(d *design.Design) { d.VPCs[0].SecondaryCIDRs = []string{"100.64.0.0/16"} }},
	"VPC.IPv6":           {"three-tier", func(d *design.Design) { d.VPCs[0].IPv6 = design.IPv6Amazon }},
	"VPC.AZs":            {"three-tier", func(d *design.Design) { d.VPCs[0].AZs = design.AZSpec{Count: 3} }},
	"VPC.ReservedAZs":    {"three-tier", func(d *design.Design) { d.VPCs[0].ReservedAZs = 1 }},
	"VPC.NAT":            {"three-tier", func(d *design.Design) { d.VPCs[0].NAT = design.NATPerAZ }},
	"VPC.FlowLogs":       {"three-tier", func(d *design.Design) { d.VPCs[0].FlowLogs = false }},
	"VPC.FlowLog": {"three-tier", func(d *design.Design) {
		d.VPCs[0].FlowLog = &design.FlowLogOptions{Traffic: design.FlowLogReject}
	}},
	"VPC.Endpoints": {"three-tier", func(d *design.Design) { d.VPCs[0].Endpoints = append(d.VPCs[0].Endpoints, "sqs") }},
	"VPC.Tiers": {"three-tier", func(d *design.Design) {
		d.VPCs[0].Tiers = append(d.VPCs[0].Tiers, design.Tier{Name: "cache", Kind: design.TierIsolated, Prefix: 24})
	}},
	"VPC.SecurityGroups": {"three-tier", func(d *design.Design) {
		d.VPCs[0].SecurityGroups = append(d.VPCs[0].SecurityGroups, design.SecurityGroup{Name: "extra", Tier: "app"})
	}},
	"VPC.NetworkACLs": {"routing", func(d *design.Design) {
		d.VPCs[0].NetworkACLs = append(d.VPCs[0].NetworkACLs, design.NetworkACL{Name: "extra"})
	}},
	"VPC.Workloads": {"three-tier", func(d *design.Design) {
		d.VPCs[0].Workloads = append(d.VPCs[0].Workloads, design.Workload{Name: "cron", Kind: "ec2", Tier: "app", SecurityGroup: "app"})
	}},
	"VPC.Traffic": {"three-tier", func(d *design.Design) { d.VPCs[0].Traffic = nil }},

	"AZSpec.Count": {"three-tier", func(d *design.Design) { d.VPCs[0].AZs.Count = 3 }},
	"AZSpec.Names": {"three-tier", func(d *design.Design) {
		d.VPCs[0].AZs = design.AZSpec{Names: []string{"us-east-1a", "us-east-1c"}}
	}},

	"FlowLogOptions.Traffic":     {"routing", func(d *design.Design) { d.VPCs[0].FlowLog.Traffic = design.FlowLogAccept }},
	"FlowLogOptions.Destination": {"routing", func(d *design.Design) { d.VPCs[0].FlowLog.Destination = design.FlowLogCloudWatch }},

	"Tier.Name":  {"three-tier", func(d *design.Design) { tier(d, 0, "data").Name = "db" }},
	"Tier.Kind":  {"three-tier", func(d *design.Design) { tier(d, 0, "data").Kind = design.TierPrivate }},
	"Tier.IPv6":  {"dual-stack", func(d *design.Design) { tier(d, 0, "data").IPv6 = design.TierDualStack }},
	"Tier.DNS64": {"three-tier", func(d *design.Design) { tier(d, 0, "app").DNS64 = true }},
	"Tier.AssignIPv6": {"dual-stack", func(d *design.Design) {
		off := false
		tier(d, 0, "app").AssignIPv6 = &off
	}},
	"Tier.Prefix":  {"three-tier", func(d *design.Design) { tier(d, 0, "app").Prefix = 25 }},
	"Tier.Reserve": {"three-tier", func(d *design.Design) { tier(d, 0, "app").Reserve = 1 }},
	"Tier.AZs":     {"three-tier", func(d *design.Design) { tier(d, 0, "data").AZs = []string{"us-east-1a"} }},
	"Tier.Subnets": {"routing", func(d *design.Design) {
		tier(d, 0, "public").Subnets = []design.Subnet{{AZ: "us-east-1a", CIDR: "10.0.200.0/24"}}
	}},
	"Tier.Reserved":         {"dual-stack", func(d *design.Design) { tier(d, 0, "data").Reserved[0].CIDR = "10.0.250.0/24" }},
	"Tier.Routes":           {"routing", func(d *design.Design) { t := tier(d, 0, "firewall"); t.Routes = t.Routes[:1] }},
	"Tier.GatewayEndpoints": {"routing", func(d *design.Design) { tier(d, 0, "firewall").GatewayEndpoints = []string{} }},
	"Tier.NetworkACL":       {"routing", func(d *design.Design) { tier(d, 0, "firewall").NetworkACL = "attachments" }},

	"Subnet.AZ":   {"three-tier", func(d *design.Design) { tier(d, 0, "app").Subnets[1].AZ = "us-east-1c" }},
	"Subnet.CIDR": {"three-tier", func(d *design.Design) { tier(d, 0, "app").Subnets[0].CIDR = "10.0.12.0/24" }},
	"Subnet.IPv6": {"dual-stack", func(d *design.Design) { tier(d, 0, "public").Subnets[0].IPv6 = 9 }},

	"Route.To":  {"routing", func(d *design.Design) { tier(d, 0, "firewall").Routes[1].To = "10.0.0.0/9" }},
	"Route.Via": {"routing", func(d *design.Design) { tier(d, 0, "firewall").Routes[0].Via = "nat:us-east-1b" }},
	"Route.AZs": {"routing", func(d *design.Design) { tier(d, 0, "tgw").Routes[2].AZs = []string{"us-east-1a"} }},

	"SecurityGroup.Name":    {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[2].Name = "database" }},
	"SecurityGroup.Tier":    {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[2].Tier = "app" }},
	"SecurityGroup.Ingress": {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress = nil }},
	"SecurityGroup.Egress":  {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[2].Egress = nil }},

	"Rule.From":        {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].From = "10.0.0.0/8" }},
	"Rule.To":          {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[1].Egress[0].To = "10.9.0.0/16" }},
	"Rule.Ports":       {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Ports = "8443" }},
	"Rule.Protocol":    {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Protocol = "udp" }},
	"Rule.Description": {"three-tier", func(d *design.Design) { d.VPCs[0].SecurityGroups[0].Ingress[0].Description = "TLS" }},

	"NetworkACL.Name":    {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Name = "attach" }},
	"NetworkACL.Ingress": {"routing", func(d *design.Design) { a := &d.VPCs[0].NetworkACLs[0]; a.Ingress = a.Ingress[:1] }},
	"NetworkACL.Egress":  {"routing", func(d *design.Design) { a := &d.VPCs[0].NetworkACLs[0]; a.Egress = a.Egress[:1] }},

	"ACLRule.Rule":     {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[0].Rule = 150 }},
	"ACLRule.Action":   {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[0].Action = design.ACLDeny }},
	"ACLRule.Protocol": {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[0].Protocol = "udp" }},
	"ACLRule.Ports":    {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[0].Ports = "80" }},
	"ACLRule.CIDR":     {"routing", func(d *design.Design) { d.VPCs[0].NetworkACLs[0].Ingress[0].CIDR = "10.0.0.0/9" }},

	"Workload.Name":          {"three-tier", func(d *design.Design) { d.VPCs[0].Workloads[0].Name = "www" }},
	"Workload.Kind":          {"three-tier", func(d *design.Design) { d.VPCs[0].Workloads[0].Kind = "nlb" }},
	"Workload.Tier":          {"three-tier", func(d *design.Design) { d.VPCs[0].Workloads[1].Tier = "data" }},
	"Workload.SecurityGroup": {"three-tier", func(d *design.Design) { d.VPCs[0].Workloads[1].SecurityGroup = "db" }},
	"Workload.PublicIPv4":    {"three-tier", func(d *design.Design) { d.VPCs[0].Workloads[1].PublicIPv4 = 2 }},

	"Connection.Name":     {"peering", func(d *design.Design) { d.Connections[0].Name += "-2" }},
	"Connection.Kind":     {"peering", func(d *design.Design) { d.Connections[0].Kind = design.ConnTransitGateway }},
	"Connection.VPCs":     {"routing", func(d *design.Design) { c := conn(d, "hub"); c.VPCs = c.VPCs[:2] }},
	"Connection.Networks": {"routing", func(d *design.Design) { conn(d, "hub").Networks = nil }},
	"Connection.Provider": {"privatelink", func(d *design.Design) { d.Connections[0].Provider = "backend" }},
	"Connection.Consumer": {"privatelink", func(d *design.Design) { d.Connections[0].Consumer = "database" }},
	"Connection.Port":     {"privatelink", func(d *design.Design) { d.Connections[0].Port = 5433 }},
	"Connection.VPC":      {"vpn", func(d *design.Design) { conn(d, "dc-vpn").VPC = "spoke-b" }},
	"Connection.Network":  {"vpn", func(d *design.Design) { conn(d, "dc-vpn").Network = "lab" }},
	"Connection.DefaultAssociation": {"routing", func(d *design.Design) {
		on := true
		conn(d, "hub").DefaultAssociation = &on
	}},
	"Connection.DefaultPropagation": {"routing", func(d *design.Design) {
		on := true
		conn(d, "hub").DefaultPropagation = &on
	}},
	"Connection.RouteTables": {"routing", func(d *design.Design) { c := conn(d, "hub"); c.RouteTables = c.RouteTables[:1] }},
	"Connection.Attachments": {"routing", func(d *design.Design) { conn(d, "hub").Attachments = nil }},

	"TGWRouteTable.Name":         {"routing", func(d *design.Design) { conn(d, "hub").RouteTables[0].Name = "spoke" }},
	"TGWRouteTable.Associations": {"routing", func(d *design.Design) { rt := &conn(d, "hub").RouteTables[0]; rt.Associations = rt.Associations[:2] }},
	"TGWRouteTable.Propagations": {"routing", func(d *design.Design) { rt := &conn(d, "hub").RouteTables[1]; rt.Propagations = rt.Propagations[:1] }},
	"TGWRouteTable.Routes":       {"routing", func(d *design.Design) { rt := &conn(d, "hub").RouteTables[0]; rt.Routes = rt.Routes[:1] }},

	"TGWRoute.To":  {"routing", func(d *design.Design) { conn(d, "hub").RouteTables[0].Routes[1].To = "10.4.0.0/16" }},
	"TGWRoute.Via": {"routing", func(d *design.Design) { conn(d, "hub").RouteTables[0].Routes[1].Via = "vpc:inspection" }},

	"TGWAttachment.VPC":  {"routing", func(d *design.Design) { a := &conn(d, "hub").Attachments[0]; a.VPC, a.Tier = "spoke-a", "app" }},
	"TGWAttachment.Tier": {"routing", func(d *design.Design) { conn(d, "hub").Attachments[0].Tier = "firewall" }},
}

// fieldBases are the designs the edits start from: templates, the routing
// test design that uses every routing key, and it with a VPN.
func fieldBases(t *testing.T) map[string]*design.Design {
	t.Helper()
	src, err := os.ReadFile("../testdata/routing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	routing, err := design.Parse("routing.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	vpn := routing.Clone()
	vpn.Networks = append(vpn.Networks, design.Network{Name: "lab", CIDR: "172.31.0.0/16"})
	vpn.Connections = append(vpn.Connections, design.Connection{Name: "dc-vpn", Kind: design.ConnVPN, VPC: "spoke-a", Network: "datacenter"})
	out := map[string]*design.Design{"routing": routing, "vpn": vpn}
	for _, name := range []string{"three-tier", "dual-stack", "peering", "privatelink"} {
		out[name] = load(t, name)
	}
	return out
}

// elementFields lists "Type.Field" for every exported field of the
// design's element types, those reachable from design.Design.
func elementFields() []string {
	var out []string
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != designPkg || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			out = append(out, t.Name()+"."+f.Name)
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[design.Design]())
	sort.Strings(out)
	return out
}

// trafficEdits makes an edit for each field of design.Traffic: the field
// set through reflection, which TrafficValue must then read under some
// key, so a field the key table lacks (and the diff would miss) fails.
func trafficEdits() map[string]fieldEdit {
	out := map[string]fieldEdit{}
	tt := reflect.TypeFor[design.Traffic]()
	for i := range tt.NumField() {
		f := tt.Field(i)
		if !f.IsExported() {
			continue
		}
		out["Traffic."+f.Name] = fieldEdit{"three-tier", func(d *design.Design) {
			if d.VPCs[0].Traffic == nil {
				d.VPCs[0].Traffic = &design.Traffic{}
			}
			fv := reflect.ValueOf(d.VPCs[0].Traffic).Elem().Field(i)
			fv.SetFloat(fv.Float() + 12345)
		}}
	}
	return out
}

// TestEveryFieldIsDiffed: every exported field of every element type of
// the design (walked by reflection from design.Design, so a new type is
// found too) is either changed by an edit that Changes reports, on the
// fast path and in the full comparison alike, or listed in notDiffed with
// a reason. A field added to the format without either fails here.
func TestEveryFieldIsDiffed(t *testing.T) {
	edits := map[string]fieldEdit{}
	for k, e := range fieldEdits {
		edits[k] = e
	}
	for k, e := range trafficEdits() {
		edits[k] = e
	}
	fields := elementFields()
	for _, f := range fields {
		_, edited := edits[f]
		_, skipped := notDiffed[f]
		switch {
		case edited && skipped:
			t.Errorf("%s is both edited and listed as not diffed", f)
		case !edited && !skipped:
			t.Errorf("%s is neither diffed (an edit in fieldEdits that Changes reports) nor listed in notDiffed with a reason", f)
		}
	}
	for k := range fieldEdits {
		if !slices.Contains(fields, k) {
			t.Errorf("fieldEdits names %s, which no design element type has", k)
		}
	}
	for k := range notDiffed {
		if !slices.Contains(fields, k) {
			t.Errorf("notDiffed names %s, which no design element type has", k)
		}
	}
	bases := fieldBases(t)
	for _, f := range fields {
		e, ok := edits[f]
		if !ok {
			continue
		}
		base := bases[e.base]
		if base == nil {
			t.Fatalf("%s: no base %q", f, e.base)
		}
		new := base.Clone()
		e.edit(new)
		fast, full := changes(base, new, true), changes(base, new, false)
		if len(fast) == 0 {
			t.Errorf("%s: the edit is no change", f)
		}
		if !reflect.DeepEqual(fast, full) {
			t.Errorf("%s: fast path %v, full comparison %v", f, summary(fast), summary(full))
		}
	}
}
