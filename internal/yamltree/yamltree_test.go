package yamltree

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"
)

// list is a Reporter that lists max problems and counts the rest.
type list struct {
	max  int
	got  []string
	more int
}

func (l *list) Fail(p Pos, hint, message string) {
	if l.Full() {
		l.more++
		return
	}
	l.got = append(l.got, fmt.Sprintf("%d:%d %s; %s", p.Line, p.Column, message, hint))
}

func (l *list) Full() bool { return len(l.got) >= l.max }

func parse(t *testing.T, src string) *Node {
	t.Helper()
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	return FromAST(f.Docs[0].Body)
}

func TestKeys(t *testing.T) {
	// Built by hand: goccy's parser itself refuses a repeated key.
	pair := func(line int, k, v string, scalar bool) Pair {
		return Pair{Key: k, KeyPos: Pos{line, 1}, KeyScalar: scalar, Value: &Node{Kind: String, Tok: v, Text: v}}
	}
	n := &Node{Kind: Mapping, Pairs: []Pair{pair(1, "name", "a", true), pair(2, "cidrr", "x", true), pair(3, "name", "b", true), pair(4, "[a]", "1", false), pair(5, "azs", "2", true)}}
	r := &list{max: 10}
	var accepted []string
	n.Keys("a VPC", []string{"name", "cidr", "azs"}, r, func(p *Pair) { accepted = append(accepted, p.Key+"="+p.Value.Tok) })
	want := []string{
		`2:1 unknown key "cidrr" in a VPC; did you mean "cidr"?`,
		`3:1 key "name" appears twice in a VPC; remove one of them`,
		`4:1 a key of a VPC must be plain text; `,
	}
	if strings.Join(r.got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(r.got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(accepted, " ") != "name=a azs=2" {
		t.Errorf("accepted %v", accepted)
	}
	// Without known keys, any key is accepted once.
	r = &list{max: 10}
	accepted = nil
	regions := &Node{Kind: Mapping, Pairs: []Pair{pair(1, "us-east-1", "1", true), pair(2, "eu-west-1", "2", true), pair(3, "us-east-1", "3", true)}}
	regions.Keys("regions", nil, r, func(p *Pair) { accepted = append(accepted, p.Key) })
	if len(r.got) != 1 || !strings.Contains(r.got[0], `key "us-east-1" appears twice in regions`) || len(accepted) != 2 {
		t.Errorf("problems %v, accepted %v", r.got, accepted)
	}
}

// A full reporter is only told to count: no message is formatted.
func TestKeysFullReporterCounts(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	r := &list{max: 3}
	parse(t, b.String()).Keys("a VPC", []string{"name"}, r, func(*Pair) { t.Error("an unknown key was accepted") })
	if len(r.got) != 3 || r.more != 47 {
		t.Errorf("%d listed, %d counted; want 3 and 47", len(r.got), r.more)
	}
}

func TestScalarTextAndDescribe(t *testing.T) {
	n := parse(t, "a: x\nb: 2024\nc: true\nd: .inf\ne:\nf: [1]\ng: {h: 1}\n")
	for i, c := range []struct {
		text     string
		ok       bool
		describe string
	}{
		{"x", true, `"x"`}, {"2024", true, `"2024"`}, {"true", true, `"true"`}, {".inf", true, `".inf"`},
		{"", false, "nothing"}, {"", false, "a list"}, {"", false, "a mapping"},
	} {
		v := n.Pairs[i].Value
		if s, ok := v.ScalarText(); s != c.text || ok != c.ok || v.Describe() != c.describe {
			t.Errorf("%s: ScalarText %q %v, Describe %q; want %q %v %q", n.Pairs[i].Key, s, ok, v.Describe(), c.text, c.ok, c.describe)
		}
	}
	if p := n.Pairs[1].Value.Pos; p != (Pos{Line: 2, Column: 4}) || !p.IsValid() || (Pos{}).IsValid() {
		t.Errorf("position %v", p)
	}
}

func TestParseError(t *testing.T) {
	_, err := parser.ParseBytes([]byte("a: [1, 2\n"), 0)
	if err == nil {
		t.Fatal("parsed")
	}
	p, msg := ParseError(err)
	if !p.IsValid() || !strings.HasPrefix(msg, "invalid YAML: ") {
		t.Errorf("%v %q", p, msg)
	}
}

func TestExpectMappingAndAsText(t *testing.T) {
	n := parse(t, "a: x\nb: 2024\nc:\nd: [1]\ne: {f: 1}\n")
	r := &list{max: 10}
	for _, kv := range n.Pairs {
		kv.Value.ExpectMapping("a VPC", r)
		if s, ok := kv.Value.AsText(kv.Key, "a VPC", r); ok != (kv.Key == "a" || kv.Key == "b") || (ok && s != map[string]string{"a": "x", "b": "2024"}[kv.Key]) {
			t.Errorf("%s: AsText %q %v", kv.Key, s, ok)
		}
	}
	want := []string{
		`1:4 expected a VPC (a mapping of key: value), found "x"; `,
		`2:4 expected a VPC (a mapping of key: value), found "2024"; `,
		`3:3 expected a VPC (a mapping of key: value), found nothing; `,
		`3:3 c in a VPC should be text, found nothing; write it as plain text`,
		`4:4 expected a VPC (a mapping of key: value), found a list; `,
		`4:4 d in a VPC should be text, found a list; write it as plain text`,
		`5:4 e in a VPC should be text, found a mapping; write it as plain text`,
	}
	if strings.Join(r.got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(r.got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRequire(t *testing.T) {
	r := &list{max: 10}
	has := func(k string) bool { return k == "name" }
	if Require(r, Pos{2, 3}, "a VPC", has, "name") != true || len(r.got) != 0 {
		t.Errorf("a present key reported: %v", r.got)
	}
	if Require(r, Pos{2, 3}, "a VPC", has, "name", "cidr", "azs") {
		t.Error("missing keys not refused")
	}
	want := "2:3 a VPC needs the key \"cidr\"; add `cidr: ...`\n2:3 a VPC needs the key \"azs\"; add `azs: ...`"
	if got := strings.Join(r.got, "\n"); got != want {
		t.Errorf("problems\n%s\nwant\n%s", got, want)
	}
	// A full reporter counts the missing keys.
	full := &list{max: 0}
	Require(full, Pos{1, 1}, "a VPC", has, "cidr", "azs")
	if full.more != 2 {
		t.Errorf("counted %d, want 2", full.more)
	}
}
