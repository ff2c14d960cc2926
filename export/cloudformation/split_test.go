package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/ec2state"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// splitDesign is the n-VPC design of the Mermaid geometry test (peered in
// pairs) with every VPC on the transit gateway, as in the issue: each
// route table then routes to every other VPC, so 8 VPCs are over the
// 500-resource quota.
func splitDesign(n int) *design.Design {
	d := gen.Design(gen.Shape{VPCs: n, Tiers: 3, AZs: 3})
	hub := &d.Connections[len(d.Connections)-1]
	hub.VPCs = nil
	for _, v := range d.VPCs {
		hub.VPCs = append(hub.VPCs, v.Name)
	}
	return d
}

// TestSplitLints (issue 16): the 8- and 30-VPC designs are over the
// 500-resource quota as one template; each stack of their split passes
// cfn-lint with no finding and is itself within every quota.
func TestSplitLints(t *testing.T) {
	testtools.Require(t, testtools.ToolCfnLint)
	for _, n := range []int{8, 30} {
		ts, err := Build(design.Resolve(splitDesign(n)))
		if err != nil {
			t.Fatalf("%d VPCs: %v", n, err)
		}
		tpl := ts[0]
		if len(tpl.Stacks) == 0 {
			t.Fatalf("%d VPCs: %d resources, not split", n, tpl.Resources)
		}
		total := 0
		dir := t.TempDir()
		var paths []string
		for _, s := range tpl.Stacks {
			total += s.Resources
			path := filepath.Join(dir, fmt.Sprintf("%02d-%s.yaml", s.Order, s.StackName))
			if err := os.WriteFile(path, render(t, s, "yaml"), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
		for _, f := range testtools.CfnLintFiles(t, paths...) {
			t.Errorf("%d VPCs, %s: %s %s at line %d (%v): %s", n, filepath.Base(f.Filename), f.Level, f.Rule.Id, f.Location.Start.LineNumber, f.Location.Path, f.Message)
		}
		t.Logf("%d VPCs: %d resources in %d stacks", n, total, len(tpl.Stacks))
	}
}

// deployStacks deploys the stacks of tpl into the moto server at endpoint
// in their order and returns the ids of the VPCs they made.
func deployStacks(t *testing.T, endpoint string, stacks []*Template) []string {
	t.Helper()
	cfg := testtools.MotoConfig(endpoint)
	var vpcs []string
	for i, s := range stacks {
		if s.Order != i+1 {
			t.Fatalf("stack %s is number %d, at place %d", s.StackName, s.Order, i+1)
		}
		parsed, err := cfndeploy.Parse(render(t, withoutMotoGaps(s), "yaml"))
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]string{}
		for _, p := range s.Parameters {
			switch {
			case p.HasDefault:
			case strings.HasSuffix(p.Name, "CustomerGatewayIp"):
				params[p.Name] = "203.0.113.10"
			default:
				t.Fatalf("no test value for parameter %s", p.Name)
			}
		}
		st, err := cfndeploy.Deploy(ctx(t), cfg, s.StackName, parsed, params)
		if err != nil {
			t.Fatalf("stack %d, %s: %v", s.Order, s.StackName, err)
		}
		for _, id := range st.OfType("AWS::EC2::VPC") {
			vpcs = append(vpcs, st.ID(id))
		}
	}
	return vpcs
}

// readState reads the network of vpcs from the moto server at endpoint.
func readState(t *testing.T, endpoint string, vpcs []string) *ec2state.State {
	t.Helper()
	cfg := testtools.MotoConfig(endpoint)
	s, err := ec2state.Read(ctx(t), ec2.NewFromConfig(cfg), vpcs...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSplitDeploysAsWhole (issue 16): a design small enough for one
// template (3 VPCs, peered and on the transit gateway), deployed split
// into stacks in their order, makes the same network, read back through
// EC2 (internal/ec2state), as its single template.
func TestSplitDeploysAsWhole(t *testing.T) {
	l := design.Resolve(splitDesign(3))
	whole, err := Build(l)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole[0].Stacks) != 0 {
		t.Fatalf("3 VPCs: split into %d stacks, want one template", len(whole[0].Stacks))
	}
	split, err := build(l, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(split[0].Stacks) != 4 {
		t.Fatalf("3 VPCs: %d stacks, want the connections stack and one per VPC", len(split[0].Stacks))
	}
	a := testtools.MotoServer(t)
	wholeVPCs := deployStacks(t, a, []*Template{{Region: whole[0].Region, Order: 1, StackName: "whole", body: whole[0].body, Parameters: whole[0].Parameters}})
	b := testtools.MotoServer(t)
	splitVPCs := deployStacks(t, b, split[0].Stacks)
	if len(wholeVPCs) != 3 || len(splitVPCs) != 3 {
		t.Fatalf("VPCs: %d whole, %d split; want 3", len(wholeVPCs), len(splitVPCs))
	}
	sa, sb := readState(t, a, wholeVPCs), readState(t, b, splitVPCs)
	if len(sa.Lines) < 50 {
		t.Fatalf("the whole deployment reads as %d facts only", len(sa.Lines))
	}
	if d := ec2state.Diff(sa, sb); len(d) > 0 {
		t.Errorf("the split deployment differs from the whole one (- whole, + split):\n%s", strings.Join(d, "\n"))
	}
}

// TestSplitDeploys deploys the 8- and 30-VPC designs' stacks into moto in
// their order.
func TestSplitDeploys(t *testing.T) {
	for _, n := range []int{8, 30} {
		ts, err := Build(design.Resolve(splitDesign(n)))
		if err != nil {
			t.Fatal(err)
		}
		vpcs := deployStacks(t, testtools.MotoServer(t), ts[0].Stacks)
		if len(vpcs) != n {
			t.Errorf("%d VPCs: the stacks made %d", n, len(vpcs))
		}
	}
}

// TestSplitNames: stack names are unique and valid even when VPC names
// slug alike or are not names at all, and every export name fits
// CloudFormation's 255 characters with long ids.
func TestSplitNames(t *testing.T) {
	d := splitDesign(3)
	d.Name = "名前 ✓"
	d.VPCs[0].Name = "Prod"
	d.VPCs[1].Name = "prod"
	d.VPCs[2].Name = strings.Repeat("x", 60) + "-" + strings.Repeat("y", 60)
	for i := range d.Connections {
		d.Connections[i].VPCs = []string{"Prod", "prod", d.VPCs[2].Name}[:len(d.Connections[i].VPCs)]
	}
	ts, err := build(design.Resolve(d), true)
	if err != nil {
		t.Fatal(err)
	}
	valid := regexp.MustCompile(`^[a-z][-a-z0-9]{0,127}$`)
	seen := map[string]bool{}
	for _, s := range ts[0].Stacks {
		if !valid.MatchString(s.StackName) || seen[s.StackName] {
			t.Errorf("stack name %q: invalid or taken twice (%v)", s.StackName, seen)
		}
		seen[s.StackName] = true
		outs, _ := s.body.get("Outputs").(object)
		for _, o := range outs {
			if name, ok := o.value.(object).get("Export").(object).get("Name").(string); ok && len(name) > maxExportName {
				t.Errorf("export name of %d characters: %s", len(name), name)
			}
		}
	}
	if len(seen) != 4 {
		t.Errorf("stacks %v, want 4", seen)
	}
}

// TestSplitsOverSize: a template within the resource quota but over 1 MB
// is split too, and the note gives its size. The bytes are padding added
// to each VPC (no design of today's format reaches 1 MB under 500
// resources: names and descriptions are cut short).
func TestSplitsOverSize(t *testing.T) {
	l := design.Resolve(splitDesign(2))
	b := newBuilder(l, "us-east-1", []int{0, 1})
	tpl, err := b.build()
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("x", MaxBodyBytes*6/10)
	for i, f := range b.resources {
		if f.value.(object).get("Type") == "AWS::EC2::VPC" {
			b.resources[i].value = append(f.value.(object), field{"Metadata", object{{"padding", pad}}})
		}
	}
	if err := b.splitIfNeeded(tpl, false); err != nil {
		t.Fatal(err)
	}
	if len(tpl.Stacks) != 3 {
		t.Fatalf("%d stacks, want the connections stack and one per VPC", len(tpl.Stacks))
	}
	if !strings.Contains(strings.Join(tpl.Notes, "\n"), " bytes, over a CloudFormation quota") {
		t.Errorf("notes %q: want the size", tpl.Notes)
	}
	for _, s := range tpl.Stacks {
		render(t, s, "json") // each within 1 MB, or render fails the test
	}
}
