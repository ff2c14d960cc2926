package importer

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/templates"
)

// TestRoundTripTemplates: every single-region template is exported as
// CloudFormation, deployed into moto, imported back, and compared with the
// template: VPC CIDRs, AZ coverage, tiers (name, kind, subnets, AZs), NAT
// mode, flow logs, endpoints, security groups with every rule (the chain
// of group references included) and the peerings and transit gateways
// between the VPCs.
//
// Not compared, because nothing in AWS records them: workloads, traffic
// assumptions, and the tiers of security groups (they come from network
// interfaces, and the template starts no instance). PrivateLink and VPN
// connections are not imported (docs/import.md).
func TestRoundTripTemplates(t *testing.T) {
	l := newLab(t)
	for _, name := range templates.Names() {
		t.Run(name, func(t *testing.T) {
			want, err := templates.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if !singleRegion(want) {
				t.Skipf("%s spans regions", name)
			}
			want = inUSEast1(t, want)
			ts, err := cloudformation.Build(design.Resolve(want))
			if err != nil {
				t.Fatal(err)
			}
			body, err := ts[0].JSON()
			if err != nil {
				t.Fatal(err)
			}
			params := map[string]string{}
			for _, p := range ts[0].Parameters {
				if !p.HasDefault {
					params[p.Name] = "203.0.113.10"
				}
			}
			lt := *l
			lt.t = t
			res := lt.importVPCs(lt.deployStack("roundtrip-"+name, body, params)...)
			compareRoundTrip(t, want, res)
		})
	}
}

func singleRegion(d *design.Design) bool {
	for i := range d.VPCs {
		if d.VPCRegion(&d.VPCs[i]) != d.Region {
			return false
		}
	}
	return true
}

// inUSEast1 moves the design to us-east-1, whose AZs moto's !GetAZs
// answers with. It works on the YAML so that the template is untouched.
func inUSEast1(t *testing.T, d *design.Design) *design.Design {
	if d.Region == testRegion {
		return d
	}
	src := strings.ReplaceAll(string(design.Marshal(d)), d.Region, testRegion)
	out, err := design.Parse("moved.yaml", []byte(src))
	if err != nil {
		t.Fatalf("the moved design does not parse: %v", err)
	}
	return out
}

// compareRoundTrip reports every difference that matters between the
// template and what came back from AWS.
func compareRoundTrip(t *testing.T, want *design.Design, res *Result) {
	t.Helper()
	got := res.Design
	wl, gl := design.Resolve(want), design.Resolve(got)
	if len(got.VPCs) != len(want.VPCs) {
		t.Fatalf("%d VPCs imported, want %d", len(got.VPCs), len(want.VPCs))
	}
	for i := range wl.VPCs {
		wv := &wl.VPCs[i]
		var gv *design.VPCLayout
		for j := range gl.VPCs {
			if gl.VPCs[j].VPC.Name == wv.VPC.Name {
				gv = &gl.VPCs[j]
			}
		}
		if gv == nil {
			t.Errorf("VPC %s not imported under its name", wv.VPC.Name)
			continue
		}
		w, g := wv.VPC, gv.VPC
		where := "VPC " + w.Name
		check := func(what string, gotV, wantV any) {
			t.Helper()
			if fmt.Sprint(gotV) != fmt.Sprint(wantV) {
				t.Errorf("%s: %s = %v, want %v", where, what, gotV, wantV)
			}
		}
		check("CIDRs", gv.CIDRs, wv.CIDRs)
		check("IPv6", g.IPv6, w.IPv6)
		check("AZs", gv.AZs, wv.AZs)
		check("NAT", g.NAT, w.NAT)
		check("flow logs", g.FlowLogs, w.FlowLogs)
		check("endpoints", sorted(g.Endpoints), sorted(w.Endpoints))
		check("tiers", tierNames(g), tierNames(w))
		for _, wt := range wv.Tiers {
			for _, gt := range gv.Tiers {
				if gt.Tier.Name != wt.Tier.Name {
					continue
				}
				where := where + " tier " + wt.Tier.Name
				if gt.Tier.Kind != wt.Tier.Kind {
					t.Errorf("%s: kind %s, want %s", where, gt.Tier.Kind, wt.Tier.Kind)
				}
				if fmt.Sprint(gt.AZs) != fmt.Sprint(wt.AZs) {
					t.Errorf("%s: AZs %v, want %v", where, gt.AZs, wt.AZs)
				}
				if a, b := subnetSet(gt), subnetSet(wt); a != b {
					t.Errorf("%s: subnets %s, want %s", where, a, b)
				}
				if a, b := ipv6Set(gt), ipv6Set(wt); a != b {
					t.Errorf("%s: IPv6 %s, want %s", where, a, b)
				}
			}
		}
		nlbGroups := privateLinkNLBGroups(t, want, wv, g)
		check("security groups", slices.DeleteFunc(groupNames(g), func(n string) bool { return slices.Contains(nlbGroups, n) }), groupNames(w))
		for _, wg := range w.SecurityGroups {
			gg := g.FindSecurityGroup(wg.Name)
			if gg == nil {
				continue
			}
			where := where + " security group " + wg.Name
			if a, b := ruleSet(gg.Ingress), ruleSet(wg.Ingress); a != b {
				t.Errorf("%s: ingress\n  got  %s\n  want %s", where, a, b)
			}
			if (gg.Egress == nil) != (wg.Egress == nil) || ruleSet(gg.Egress) != ruleSet(wg.Egress) {
				t.Errorf("%s: egress\n  got  %s (nil %v)\n  want %s (nil %v)", where, ruleSet(gg.Egress), gg.Egress == nil, ruleSet(wg.Egress), wg.Egress == nil)
			}
		}
	}
	if a, b := connectionSet(got), connectionSet(want); a != b {
		t.Errorf("connections: got %s, want %s", a, b)
	}
	assertNoErrors(t, got)
	if t.Failed() {
		t.Logf("imported:\n%s\nnotes:\n%s", res.File(), notesOf(res))
	}
}

// privateLinkNLBGroups finds, among the groups imported from a provider
// VPC, the one the export gives each PrivateLink service's NLB
// (export/cloudformation/privatelink_access.go): the design has no such
// group, AWS has it, and the import brings it back as it is. Each must
// admit exactly the service port from the consumer VPC's CIDRs and send
// exactly that port to the provider VPC; its names are returned so the
// comparison of group names can leave them out.
func privateLinkNLBGroups(t *testing.T, want *design.Design, wv *design.VPCLayout, got *design.VPC) []string {
	t.Helper()
	var names []string
	for _, c := range want.Connections {
		if c.Kind != design.ConnPrivateLink || c.Provider != wv.VPC.Name {
			continue
		}
		port := strconv.Itoa(c.Port)
		var in []design.Rule
		for _, l := range design.Resolve(want).VPCs {
			if l.VPC.Name == c.Consumer {
				for _, p := range l.CIDRs {
					in = append(in, design.Rule{From: p.String(), Ports: port})
				}
			}
		}
		out := []design.Rule{{To: "vpc:" + wv.VPC.Name, Ports: port}}
		found := ""
		for _, g := range got.SecurityGroups {
			if wv.VPC.FindSecurityGroup(g.Name) == nil && ruleSet(g.Ingress) == ruleSet(in) && ruleSet(g.Egress) == ruleSet(out) {
				found = g.Name
			}
		}
		if found == "" {
			t.Errorf("VPC %s: no imported group is PrivateLink %s's NLB group (%s in, %s out)", wv.VPC.Name, c.Name, ruleSet(in), ruleSet(out))
			continue
		}
		names = append(names, found)
	}
	return names
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func tierNames(v *design.VPC) []string {
	var out []string
	for _, t := range v.Tiers {
		out = append(out, t.Name)
	}
	return sorted(out)
}

func groupNames(v *design.VPC) []string {
	var out []string
	for _, g := range v.SecurityGroups {
		out = append(out, g.Name)
	}
	return sorted(out)
}

func subnetSet(tl design.TierLayout) string {
	var out []string
	for _, s := range tl.Subnets {
		out = append(out, s.AZ+"="+s.Prefix.String())
	}
	return strings.Join(sorted(out), " ")
}

// ruleSet writes rules as a sorted set of peer/ports/protocol.
func ruleSet(rs []design.Rule) string {
	var out []string
	for _, r := range rs {
		ports := r.Ports
		if p, err := design.ParsePorts(r.Ports); err == nil {
			ports = p.String()
		}
		out = append(out, r.Peer()+" "+ports+"/"+r.EffectiveProtocol())
	}
	return "[" + strings.Join(sorted(out), ", ") + "]"
}

// connectionSet lists the peerings and transit gateways by their VPCs; the
// import has no PrivateLink or VPN connections.
func connectionSet(d *design.Design) string {
	var out []string
	for _, c := range d.Connections {
		if c.Kind == design.ConnPeering || c.Kind == design.ConnTransitGateway {
			out = append(out, string(c.Kind)+":"+strings.Join(sorted(c.VPCs), "+"))
		}
	}
	return strings.Join(sorted(out), " ")
}
