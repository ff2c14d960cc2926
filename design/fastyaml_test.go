package design

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// compareParsers runs the fast path on data and, when it accepts the file,
// goccy too: goccy must accept it as well and build the same tree with the
// same comments. diff says what differs; accepted reports whether the fast
// path took the file.
func compareParsers(data []byte) (accepted bool, diff string) {
	fast, fastComments, ok := parseCanonical(data)
	if !ok {
		return false, ""
	}
	slow, slowComments, err := parseAnyYAML("f.yaml", data)
	if err != nil {
		return true, "goccy rejects what the fast path accepted: " + err.Error()
	}
	if d := sameNode("$", fast, slow); d != "" {
		return true, d
	}
	if len(fastComments) != len(slowComments) {
		return true, fmt.Sprintf("%d comments, goccy finds %d: %+v vs %+v", len(fastComments), len(slowComments), fastComments, slowComments)
	}
	for i := range fastComments {
		if fastComments[i] != slowComments[i] {
			return true, fmt.Sprintf("comment %d: %+v, goccy %+v", i, fastComments[i], slowComments[i])
		}
	}
	return true, ""
}

// sameNode describes the first difference between two trees ("" if none).
// An empty list is not a missing one: `networks: []` is kept on saving.
func sameNode(path string, a, b *yamlNode) string {
	if a.Kind != b.Kind || a.Pos != b.Pos || a.Tok != b.Tok || a.Text != b.Text || a.Truth != b.Truth ||
		a.Flow != b.Flow || a.Scalar != b.Scalar || a.Other != b.Other || len(a.Pairs) != len(b.Pairs) || len(a.Items) != len(b.Items) ||
		(a.Pairs == nil) != (b.Pairs == nil) || (a.Items == nil) != (b.Items == nil) {
		return fmt.Sprintf("%s: fast %s, goccy %s", path, nodeSummary(a), nodeSummary(b))
	}
	if a.Kind == kindMapping && a.Start != b.Start {
		return fmt.Sprintf("%s: mapping starts at %v, goccy %v", path, a.Start, b.Start)
	}
	for i := range a.Pairs {
		pa, pb := a.Pairs[i], b.Pairs[i]
		if pa.Key != pb.Key || pa.KeyPos != pb.KeyPos || pa.KeyScalar != pb.KeyScalar {
			return fmt.Sprintf("%s: key %d: fast %q at %v, goccy %q at %v", path, i, pa.Key, pa.KeyPos, pb.Key, pb.KeyPos)
		}
		if d := sameNode(path+"."+pa.Key, pa.Value, pb.Value); d != "" {
			return d
		}
	}
	for i := range a.Items {
		if d := sameNode(fmt.Sprintf("%s[%d]", path, i), a.Items[i], b.Items[i]); d != "" {
			return d
		}
	}
	return ""
}

func nodeSummary(n *yamlNode) string {
	return fmt.Sprintf("{kind %d at %v tok %q text %q truth %v flow %v scalar %v pairs %d (nil %v) items %d (nil %v)}",
		n.Kind, n.Pos, n.Tok, n.Text, n.Truth, n.Flow, n.Scalar, len(n.Pairs), n.Pairs == nil, len(n.Items), n.Items == nil)
}

// canonicalSamples are small files in the subset, each a shape the writer
// produces or a person typing in its style would.
var canonicalSamples = []string{
	"version: 1\n",
	"version: 1",
	"a: 1 # c1\n# own\nb:\n  x: \"q\\x1bé\\u202E\\\\\\\"\" \n  y: 'it''s'\nc:\n  - {az: é1, cidr: 10.0.0.0/24}\n  - name: n\n    v: [a, \"b\"]\ne: {}\nf: []\ng: x:y\ni: 0x1F\nj: 1.5\nk: é é # cé\n",
	"\n\n# head\n\nversion: 1\nname: a b  # trailing\n\n\n# footer\n\n",
	"version: 1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n    tiers:\n      - name: t\n        kind: public\n        subnets:\n          - {az: x, cidr: 10.0.0.0/24}\n\n  - name: b\n",
	"version: 1\nvpcs:\n    -   name: wide\n        cidr: 10.0.0.0/16\n",
	"a: [1, 2.5, true, false, null, Null, 0o17, 0b11, 017, 1_000, 10.0.0.0/8]\n",
	"a: {x: [p, q], y: \"\"}\nb: ''\n",
	"a: TRUE\nb: False\nc: NULL\nd: 8000-8100\ne: 1e3\nf: sg:alb\ng: x(v2)\nh: a'b\n",
	"a: [ x , y ]\nb: {  k: v  }\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
}

func TestCanonicalAgreesWithGoccy(t *testing.T) {
	files := append([]string(nil), canonicalSamples...)
	for _, path := range []string{"testdata/reference.yaml", "testdata/messy.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, string(data))
	}
	for i, f := range files {
		accepted, diff := compareParsers([]byte(f))
		if diff != "" {
			t.Errorf("file %d: %s\n%s", i, diff, f)
		}
		if !accepted && i < len(canonicalSamples) {
			t.Errorf("sample %d is in the subset but the fast path declined it:\n%s", i, f)
		}
	}
	if accepted, _ := compareParsers([]byte(mustRead(t, "testdata/reference.yaml"))); !accepted {
		t.Error("the reference design is not in the canonical subset")
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestCanonicalDeclines: outside the subset the fast path gives the file to
// goccy, which parses it or reports the error; Parse's result is the same
// either way.
func TestCanonicalDeclines(t *testing.T) {
	for name, f := range map[string]string{
		"empty":              "",
		"comments only":      "# nothing\n",
		"crlf":               "version: 1\r\nname: a\r\n",
		"tab indent":         "a:\n\tb: 1\n",
		"tab in value":       "a: x\ty\n",
		"anchor":             "a: &x 1\nb: *x\n",
		"tag":                "a: !!str 1\n",
		"document marker":    "---\nversion: 1\n",
		"document end":       "version: 1\n...\n",
		"directive":          "%YAML 1.2\n---\nversion: 1\n",
		"null value":         "version: 1\nname:\n",
		"null at end":        "version: 1\nname:",
		"duplicate key":      "a: 1\na: 2\n",
		"duplicate flow key": "a: {b: 1, b: 2}\n",
		"multi-line plain":   "a: b\n  c\n",
		"multi-line quoted":  "a: \"b\n  c\"\n",
		"multi-line flow":    "a: [b,\n  c]\n",
		"literal block":      "a: |\n  text\n",
		"folded block":       "a: >\n  text\n",
		"top-level list":     "- a\n",
		"indented root":      "  a: 1\n",
		"sequence under key": "a:\n- b\n",
		"nested entries":     "a:\n  - - b\n",
		"empty entry":        "a:\n  -\n  - b\n",
		"complex key":        "? a\n: b\n",
		"quoted key":         "\"a\": b\n",
		"no space after :":   "a:b\n",
		"flow no space":      "a: {b:c}\n",
		"trailing comma":     "a: [b, c,]\n",
		"empty flow item":    "a: [b, , c]\n",
		"nested flow seq":    "a: [[b]]\n",
		"nested flow map":    "a: {b: {c: d}}\n",
		"unknown escape":     "a: \"\\q\"\n",
		"folding escape":     "a: \"\\\n b\"\n",
		"high x escape":      "a: \"\\xff\"\n",
		"comment in flow":    "a: [b # c\n]\n",
		"colon space":        "a: b: c\n",
		"dash value":         "a: -1\n",
		"comma in plain":     "a: b, c\n",
		"bracket in plain":   "a: b[0]\n",
		"raw control":        "a: \"\x1b\"\n",
		"bidi in plain":      "a: x\u202ey\n",
		"bidi in comment":    "a: x # \u202e\n",
		"nbsp plain":         "a: x\u00a0y\n",
		"line separator":     "a: x\u2028y\n",
		"deeper line":        "a: 1\n  b: 2\n",
		"entry after scalar": "a: 1\n- b\n",
		"hash without space": "a: [b]#c\n",
		"trailing spaces":    "a: b   \nc: d\n",
		"leading dot":        "a: .inf\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, ok := parseCanonical([]byte(f)); ok {
				t.Fatalf("the fast path accepted %q", f)
			}
		})
	}
}

// FuzzCanonical: whatever the fast path accepts, goccy accepts and reads
// the same. Seeds are canonical files, so mutations stay near the subset's
// edges.
func FuzzCanonical(f *testing.F) {
	for _, s := range canonicalSamples {
		f.Add([]byte(s))
	}
	for _, path := range []string{"testdata/reference.yaml", "testdata/messy.yaml"} {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(strings.Repeat("a:\n  ", 20) + "b: c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, diff := compareParsers(data); diff != "" {
			t.Fatalf("%s\ninput: %q", diff, data)
		}
	})
}
