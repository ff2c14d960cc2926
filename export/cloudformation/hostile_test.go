package cloudformation

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/vpcsmith/vpcsmith/design"
)

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"prod":                   "Prod",
		"payments-nlb":           "PaymentsNlb",
		"ecr.api":                "EcrApi",
		"us-east-1a":             "UsEast1a",
		"app tier (v2)":          "AppTierV2",
		"pröd":                   "PrD",
		"🚀":                      "",
		"":                       "",
		"PUBLIC":                 "PUBLIC",
		"${AWS::Region}":         "AWSRegion",
		strings.Repeat("x", 300): "X" + strings.Repeat("x", maxIDPart-1),
	} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}

var logicalID = regexp.MustCompile(`^[A-Za-z0-9]{1,255}$`)

func TestIDSetUniqueAndValid(t *testing.T) {
	s := newIDSet()
	seen := map[string]bool{}
	inputs := [][]string{
		{"prod", "VPC"}, {"Prod", "VPC"}, {"PROD", "vpc"}, {"p-r-o-d", "VPC"}, {"", ""}, {"🚀"}, {},
		{strings.Repeat("a", 300), strings.Repeat("b", 300), strings.Repeat("c", 300), strings.Repeat("d", 300)},
		{strings.Repeat("a", 300), strings.Repeat("b", 300), strings.Repeat("c", 300), strings.Repeat("d", 300)},
	}
	for i := range 30 {
		inputs = append(inputs, []string{"Resource"}, []string{strings.Repeat("z", 64), strings.Repeat("y", 64), strings.Repeat("x", 64), strings.Repeat("w", 64), string(rune('a' + i%3))})
	}
	for _, in := range inputs {
		id := s.make(in...)
		if !logicalID.MatchString(id) {
			t.Errorf("make(%q) = %q: not [A-Za-z0-9]{1,255}", in, id)
		}
		if seen[strings.ToLower(id)] {
			t.Errorf("make(%q) = %q: handed out twice", in, id)
		}
		seen[strings.ToLower(id)] = true
	}
	long := s.derive(strings.Repeat("Q", 250), "Route", "Table")
	if len(long) > maxIDLength || !logicalID.MatchString(long) {
		t.Errorf("derive of a long id = %q (%d chars)", long, len(long))
	}
}

// TestHostileNames exports testdata/hostile.yaml, whose names break naive
// YAML quoting (leading !, *, &, -, ?, {, [, %, @, `, |, >, quotes, #, yes,
// null, numbers), logical ids (unicode, emoji, names that collide after
// CamelCase, 300-character names) and terminals (NUL, ESC, bidi overrides,
// zero-width characters), and "${...}" that CloudFormation would read as a
// variable. Every logical id must be valid and unique, every Name tag must
// survive a YAML and a JSON round trip unchanged apart from the cleaning
// (TestCfnLint lints the template too).
func TestHostileNames(t *testing.T) {
	d, err := design.Load("testdata/hostile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("want one template, got %d", len(ts))
	}
	tpl := ts[0]

	shared := map[string]string{} // lower-cased id → section, for Resources, Parameters, Conditions
	for _, section := range []string{"Parameters", "Conditions", "Resources", "Outputs"} {
		entries, _ := tpl.body.get(section).(object)
		outputs := map[string]bool{}
		for _, e := range entries {
			if !logicalID.MatchString(e.key) {
				t.Errorf("%s: id %q is not [A-Za-z0-9]{1,255}", section, e.key)
			}
			k := strings.ToLower(e.key)
			if section == "Outputs" {
				if outputs[k] {
					t.Errorf("output id %q used twice", e.key)
				}
				outputs[k] = true
				continue
			}
			if s, dup := shared[k]; dup {
				t.Errorf("%s id %q already used in %s", section, e.key, s)
			}
			shared[k] = section
		}
	}

	// Every Name tag the template holds, in order, for the round trips.
	var want []string
	walkTags(tpl.body, func(v string) { want = append(want, v) })
	if len(want) < 50 {
		t.Fatalf("only %d Name tags found", len(want))
	}
	for _, v := range want {
		if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
			t.Errorf("tag %q holds control or format characters", v)
		}
		if utf8.RuneCountInString(v) > maxTagValue || strings.Contains(v, "${") {
			t.Errorf("tag %q: too long or holds ${", v)
		}
	}
	for _, sg := range d.VPCs[4].SecurityGroups {
		if !slices.Contains(want, tagValue("- specials-"+sg.Name)) {
			t.Errorf("no Name tag for security group %q (%q)", sg.Name, tagValue("- specials-"+sg.Name))
		}
	}

	y := render(t, tpl, "yaml")
	var fromYAML any
	if err := yaml.Unmarshal(y, &fromYAML); err != nil {
		t.Fatalf("the YAML does not parse: %v", err)
	}
	j := render(t, tpl, "json")
	var fromJSON any
	if err := json.Unmarshal(j, &fromJSON); err != nil {
		t.Fatalf("the JSON does not parse: %v", err)
	}
	for name, v := range map[string]any{"yaml": fromYAML, "json": fromJSON} {
		var got []string
		walkParsedTags(v, func(s string) { got = append(got, s) })
		if len(got) != len(want) {
			t.Errorf("%s: %d Name tags after parsing, want %d", name, len(got), len(want))
			continue
		}
		// Maps from a parser come back unordered: compare as multisets.
		count := map[string]int{}
		for _, s := range want {
			count[s]++
		}
		for _, s := range got {
			count[s]--
		}
		for s, n := range count {
			if n != 0 {
				t.Errorf("%s: Name tag %q changed in the round trip (%+d)", name, s, n)
			}
		}
	}
	if bytes.Contains(y, []byte("\x1b")) || bytes.Contains(j, []byte("\x1b")) {
		t.Error("an escape character reached the template")
	}

}

// walkTags calls f with the value of every Name tag in the tree.
func walkTags(v any, f func(string)) {
	switch v := v.(type) {
	case object:
		if v.get("Key") == "Name" {
			if s, ok := nameTagText(v.get("Value")); ok {
				f(s)
			}
		}
		for _, x := range v {
			walkTags(x.value, f)
		}
	case []any:
		for _, x := range v {
			walkTags(x, f)
		}
	}
}

// nameTagText is a Name tag's text after the TagPrefix parameter, from
// the tree (intrinsic), a parsed YAML tree (intrinsic too) or parsed JSON
// ({"Fn::Sub": ...}).
func nameTagText(v any) (string, bool) {
	var s string
	switch v := v.(type) {
	case intrinsic:
		if v.name != "Sub" {
			return "", false
		}
		s, _ = v.arg.(string)
	case map[string]any:
		s, _ = v["Fn::Sub"].(string)
	case string:
		// goccy's Unmarshal into any drops the !Sub tag and keeps its text.
		s = v
	default:
		return "", false
	}
	return strings.CutPrefix(s, "${"+tagPrefixParam+"}")
}

// walkParsedTags does the same on a parser's generic maps.
func walkParsedTags(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		if v["Key"] == "Name" {
			if s, ok := nameTagText(v["Value"]); ok {
				f(s)
			}
		}
		for _, x := range v {
			walkParsedTags(x, f)
		}
	case []any:
		for _, x := range v {
			walkParsedTags(x, f)
		}
	}
}

// TestCanPlain checks the quoting rule, including the fast path, against
// what YAML readers would take for another type or for syntax.
func TestCanPlain(t *testing.T) {
	for _, s := range []string{"ProdVPC", "AWS::EC2::VPC", "10.0.0.0/16", "us-east-1a", "vpc", "sts:AssumeRole", "a.b", "Name"} {
		if !canPlain(s) {
			t.Errorf("%q should be plain", s)
		}
	}
	for _, s := range []string{"yes", "No", "ON", "y", "n", "true", "Null", "~", "2010-09-09", "1:20", "1_000", "0x1F", "-1", ".5", "123",
		"a: b", "a #b", "key:", "!Ref", "*x", "&x", "- x", "? x", "{x", "[x", "'x", "\"x", "%x", "@x", "`x", "|x", ">x", "#x", " x", "x ", "a\tb", "::/0", ""} {
		if canPlain(s) {
			t.Errorf("%q must be quoted", s)
		}
	}
}
