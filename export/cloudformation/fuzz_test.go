package cloudformation

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

// FuzzBuild feeds arbitrary design files through Build and both writers:
// whatever the file says, the exporter returns templates or an error, never
// panics, and what it returns renders: YAML that goccy's parser reads, JSON
// that encoding/json reads, both with the template's entries; logical ids
// that are [A-Za-z0-9]{1,255} and unique (ignoring case, resources,
// parameters and conditions sharing one namespace); and every Ref, GetAtt,
// DependsOn and Condition naming something the template defines. `go test`
// runs the seeds; run `go test -fuzz FuzzBuild ./export/cloudformation` to
// search further.
func FuzzBuild(f *testing.F) {
	for _, p := range []string{"../../design/testdata/reference.yaml", "testdata/hostile.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, name := range templates.Names() {
		b, err := templates.Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(egressDesign))
	f.Add([]byte(multiRegion))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := design.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		ts, err := Build(design.Resolve(d))
		if err != nil {
			var fe *FindingsError
			if errors.As(err, &fe) && !design.HasErrors(fe.Findings) {
				t.Fatalf("a FindingsError without errors: %v", fe.Findings)
			}
			return
		}
		for _, tpl := range ts {
			checkTemplate(t, tpl)
		}
	})
}

// FuzzBuildNames reaches the exporter on every input, which FuzzBuild
// seldom does (few mutated files still validate): four strings become the
// names of a valid two-VPC design with peering, VPN and PrivateLink, each
// used several times with endings that CamelCase drops ("", "-", "_", ...),
// so that ids collide and must be told apart. A design that validates must
// build, and its template pass checkTemplate; its Name tags hold no control
// or format character, no "${" and at most 256 characters.
func FuzzBuildNames(f *testing.F) {
	for _, s := range [][4]string{
		{"prod", "app", "web", "corp"}, {"Prod", "PROD", "prod", "p-r-o-d"}, {"a", "a", "a", "a"},
		{"🚀", "名前", "\x1b]0;x\x07", "\u202e"}, {"${AWS::Region}", "!Ref x", "*a", "&b"},
		{strings.Repeat("x", 300), strings.Repeat("Y", 70), "1", "0"}, {"yes", "null", "- x", "#c"},
		{"Resource", "Resource2", "VPC", "Vpc"}, {"", " ", "-", "\x00"},
	} {
		f.Add(s[0], s[1], s[2], s[3], false)
		f.Add(s[0], s[1], s[2], s[3], true)
	}
	f.Fuzz(func(t *testing.T, a, b, c, d string, tgw bool) {
		des := namesDesign(a, b, c, d, tgw)
		l := design.Resolve(des)
		errs := design.HasErrors(design.ValidateLayout(l))
		ts, err := Build(l)
		switch {
		case err != nil && !errs:
			t.Fatalf("a design without validation errors does not build: %v", err)
		case err == nil && errs:
			t.Fatalf("a design with validation errors builds")
		case err != nil:
			return
		}
		if len(ts) != 1 {
			t.Fatalf("%d templates for a one-region design", len(ts))
		}
		checkTemplate(t, ts[0])
		walkTags(ts[0].body, func(v string) {
			if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) ||
				utf8.RuneCountInString(v) > maxTagValue || strings.Contains(v, "${") {
				t.Fatalf("Name tag %q: control or format characters, ${ or too long", v)
			}
		})
	})
}

// namesDesign is a valid design (for ordinary names) whose every name is
// one of a, b, c, d plus an ending that CamelCase drops.
func namesDesign(a, b, c, d string, tgw bool) *design.Design {
	v0, v1 := a, a+"-"
	sg := func(sgName, tier string, rules ...design.Rule) design.SecurityGroup {
		return design.SecurityGroup{Name: sgName, Tier: tier, Ingress: rules}
	}
	vpc := func(name, cidr string) design.VPC {
		return design.VPC{
			Name: name, CIDR: cidr, AZs: design.AZSpec{Count: 2}, NAT: design.NATSingle, FlowLogs: true,
			Endpoints: []string{"s3", "ecr.api"},
			Tiers: []design.Tier{
				{Name: b, Kind: design.TierPublic, Prefix: 24},
				{Name: b + "_", Kind: design.TierPrivate, Prefix: 24},
				{Name: b + ".", Kind: design.TierIsolated, Prefix: 24},
			},
			SecurityGroups: []design.SecurityGroup{
				sg(c, b, design.Rule{From: "internet", Ports: "443", Description: d}),
				sg(c+"-", b+"_", design.Rule{From: "sg:" + c, Ports: "8080"}, design.Rule{From: "tier:" + b, Ports: "all"}),
				sg(c+" ", b+".", design.Rule{From: "sg:" + c + "-", Ports: "5432"}, design.Rule{From: "network:" + d + ".", Ports: "22"}),
			},
			Workloads: []design.Workload{
				{Name: d, Kind: "nlb", Tier: b, SecurityGroup: c},
				{Name: d + "-", Kind: "ecs", Tier: b + "_", SecurityGroup: c + "-"},
			},
		}
	}
	first, second := vpc(v0, "10.0.0.0/16"), vpc(v1, "10.1.0.0/16")
	second.SecurityGroups[2].Ingress = append(second.SecurityGroups[2].Ingress, design.Rule{From: "sg:" + v0 + "/" + c + "-", Ports: "5432"})
	link := design.Connection{Name: a + "/", Kind: design.ConnPeering, VPCs: []string{v0, v1}}
	if tgw {
		link = design.Connection{Name: a + "/", Kind: design.ConnTransitGateway, VPCs: []string{v0, v1}, Networks: []string{d + "."}}
	}
	return &design.Design{
		Version: 1, Name: a, Description: d, Region: "us-east-1",
		Networks: []design.Network{{Name: d + ".", CIDR: "172.16.0.0/12"}},
		VPCs:     []design.VPC{first, second},
		Connections: []design.Connection{
			link,
			{Name: a + "#", Kind: design.ConnVPN, VPC: v0, Network: d + "."},
			{Name: a + "~", Kind: design.ConnPrivateLink, Provider: v0, Consumer: v1, Port: 443},
		},
	}
}

// checkTemplate checks one built template: logical ids and references,
// then both renderings parse (goccy's YAML parser, encoding/json) and hold
// the template's entries; a split template, each of its stacks. A
// template over CloudFormation's size quota may refuse to render, with a
// LimitError.
func checkTemplate(t *testing.T, tpl *Template) {
	t.Helper()
	if len(tpl.Stacks) > 0 {
		// A split template is its stacks.
		for _, s := range tpl.Stacks {
			checkTemplate(t, s)
		}
		return
	}
	checkLogicalIDs(t, tpl)
	for _, r := range []struct {
		format string
		render func() ([]byte, error)
		parse  func([]byte, any) error
	}{{"YAML", tpl.YAML, func(b []byte, v any) error { return yaml.Unmarshal(b, v) }}, {"JSON", tpl.JSON, json.Unmarshal}} {
		out, err := r.render()
		if err != nil {
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("%s: %v", r.format, err)
			}
			continue
		}
		var v any
		if err := r.parse(out, &v); err != nil {
			t.Fatalf("the %s does not parse: %v\n%s", r.format, err, out)
		}
		checkParsedSections(t, tpl, r.format, v)
	}
}

// idSections are the template's sections keyed by logical id.
var idSections = []string{"Parameters", "Conditions", "Resources", "Outputs"}

// checkLogicalIDs fails on an id that is not [A-Za-z0-9]{1,255}, on ids
// that clash ignoring case, and on a Ref, GetAtt, DependsOn or Condition
// that names nothing in the template.
func checkLogicalIDs(t *testing.T, tpl *Template) {
	t.Helper()
	defined := map[string]map[string]bool{}
	shared := map[string]string{} // lower-cased id → section
	for _, section := range idSections {
		entries, _ := tpl.body.get(section).(object)
		defined[section] = map[string]bool{}
		for _, e := range entries {
			if !logicalID.MatchString(e.key) {
				t.Fatalf("%s: id %q is not [A-Za-z0-9]{1,255}", section, e.key)
			}
			k := strings.ToLower(e.key)
			if defined[section][e.key] {
				t.Fatalf("%s: id %q defined twice", section, e.key)
			}
			defined[section][e.key] = true
			if section == "Outputs" {
				continue
			}
			if s, dup := shared[k]; dup {
				t.Fatalf("%s id %q clashes with an id in %s", section, e.key, s)
			}
			shared[k] = section
		}
	}
	if n := len(defined["Resources"]); n != tpl.Resources || n == 0 {
		t.Fatalf("the template has %d resources; Template.Resources says %d", n, tpl.Resources)
	}
	if n := len(defined["Outputs"]); n != tpl.Outputs {
		t.Fatalf("the template has %d outputs; Template.Outputs says %d", n, tpl.Outputs)
	}
	for target := range referenced(tpl.body, map[string]bool{}) {
		if !defined["Resources"][target] && !defined["Parameters"][target] && !strings.HasPrefix(target, "AWS::") {
			t.Fatalf("a Ref or GetAtt names %q, which the template does not define", target)
		}
	}
	resources, _ := tpl.body.get("Resources").(object)
	for _, r := range resources {
		body, _ := r.value.(object)
		if c, ok := body.get("Condition").(string); ok && !defined["Conditions"][c] {
			t.Fatalf("resource %s has condition %q, which the template does not define", r.key, c)
		}
		deps, _ := body.get("DependsOn").([]any)
		if one, ok := body.get("DependsOn").(string); ok {
			deps = []any{one}
		}
		for _, dep := range deps {
			if s, _ := dep.(string); !defined["Resources"][s] {
				t.Fatalf("resource %s depends on %v, which the template does not define", r.key, dep)
			}
		}
	}
}

// checkParsedSections fails unless the parsed template (v, from the YAML or
// the JSON) holds exactly the template's ids in every section.
func checkParsedSections(t *testing.T, tpl *Template, format string, v any) {
	t.Helper()
	root, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: the template is a %T, not a mapping", format, v)
	}
	for _, section := range idSections {
		entries, _ := tpl.body.get(section).(object)
		parsed, _ := root[section].(map[string]any)
		if len(parsed) != len(entries) {
			t.Fatalf("%s: %s has %d entries after parsing, want %d", format, section, len(parsed), len(entries))
		}
		for _, e := range entries {
			if _, ok := parsed[e.key]; !ok {
				t.Fatalf("%s: %s lost %q in parsing", format, section, e.key)
			}
		}
	}
}
