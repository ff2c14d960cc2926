package cloudformation

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// TestHostileCorpus builds the template of testdata/hostile's design with
// each payload of the corpus in every name and description (Go values, so
// the payloads that are not UTF-8 are there too). In both formats the
// template must carry no character a terminal acts on, raw or after
// parsing: its strings become tags and descriptions in AWS, which the
// console and `aws ec2 describe-*` show. The YAML and the JSON must hold
// the same Name tags; the names must not change which resources there are;
// every template must build quickly whatever the names' length; and
// cfn-lint must find nothing in them.
func TestHostileCorpus(t *testing.T) {
	benign := resourceTypes(t, buildOne(t, "x"))
	dir := t.TempDir()
	var paths []string
	seen := map[rune]bool{}
	for _, p := range hostile.Payloads(t) {
		start := time.Now()
		tpl := buildOne(t, p.Text)
		y, j := render(t, tpl, "yaml"), render(t, tpl, "json")
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%s: took %v", p.Name, el)
		}
		var fromYAML, fromJSON any
		if err := yaml.Unmarshal(y, &fromYAML); err != nil {
			t.Errorf("%s: the YAML does not parse: %v", p.Name, err)
			continue
		}
		if err := json.Unmarshal(j, &fromJSON); err != nil {
			t.Errorf("%s: the JSON does not parse: %v", p.Name, err)
			continue
		}
		for format, text := range map[string][]byte{"yaml": y, "json": j} {
			if off, what, found := hostile.Find(string(text), hostile.Allow{Newline: true}); found {
				t.Errorf("%s %s: %s at byte %d: %s", p.Name, format, what, off, hostile.Excerpt(string(text), off))
			}
		}
		for _, tree := range []any{fromYAML, fromJSON} {
			for _, s := range parsedStrings(tree) {
				if off, what, found := hostile.Find(s, hostile.Allow{}); found {
					t.Errorf("%s: a value of the template holds %s: %s", p.Name, what, hostile.Excerpt(s, off))
					break
				}
			}
		}
		var yt, jt []string
		walkParsedTags(fromYAML, func(s string) { yt = append(yt, s) })
		walkParsedTags(fromJSON, func(s string) { jt = append(jt, s) })
		slices.Sort(yt)
		slices.Sort(jt)
		if len(yt) == 0 || !slices.Equal(yt, jt) {
			t.Errorf("%s: the YAML and the JSON hold different Name tags (%d, %d)", p.Name, len(yt), len(jt))
		}
		if got := resourceTypes(t, tpl); !slices.Equal(got, benign) {
			t.Errorf("%s: resources %v, want those of the design with harmless names %v", p.Name, got, benign)
		}
		// cfn-lint costs about a second a template: lint those whose text
		// has a character no template linted before, and the long ones.
		novel := p.Long()
		for _, r := range cleanText(p.Text) {
			if !seen[r] {
				seen[r], novel = true, true
			}
		}
		if novel {
			path := filepath.Join(dir, p.Name+".yaml")
			if err := os.WriteFile(path, y, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
	}
	testtools.Require(t, testtools.ToolCfnLint)
	for path, fs := range lintFiles(t, paths) {
		for _, f := range fs {
			t.Errorf("%s: %s %s at line %d (%v): %s", filepath.Base(path), f.Level, f.Rule.Id, f.Location.Start.LineNumber, f.Location.Path, f.Message)
		}
	}
}

// buildOne builds the one template of the hostile design with p in every
// text.
func buildOne(t *testing.T, p string) *Template {
	t.Helper()
	ts, err := Build(design.Resolve(hostile.Design(p, p)))
	if err != nil {
		t.Fatalf("%q: %v", hostile.Excerpt(p, 0), err)
	}
	if len(ts) != 1 {
		t.Fatalf("%d templates, want 1", len(ts))
	}
	return ts[0]
}

// resourceTypes lists the template's resource types, sorted.
func resourceTypes(t *testing.T, tpl *Template) []string {
	t.Helper()
	var m struct {
		Resources map[string]struct{ Type string }
	}
	if err := json.Unmarshal(render(t, tpl, "json"), &m); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range m.Resources {
		out = append(out, r.Type)
	}
	slices.Sort(out)
	return out
}

// parsedStrings lists every key and string value of a parsed template,
// sorted (a parser's maps have no order).
func parsedStrings(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			for k, x := range v {
				out = append(out, k)
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	slices.Sort(out)
	return out
}
