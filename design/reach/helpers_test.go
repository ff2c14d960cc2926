package reach

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// engineFor loads a design from YAML text.
func engineFor(t testing.TB, src string) *Engine {
	t.Helper()
	d, err := design.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("design does not load: %v", err)
	}
	return New(design.Resolve(d))
}

// ask resolves both names and asks with q.
func ask(t testing.TB, e *Engine, from, to string, q Query) Result {
	t.Helper()
	f, err := e.Resolve(from)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Resolve(to)
	if err != nil {
		t.Fatal(err)
	}
	return e.Reach(f, d, q)
}

func describe(r Result) string {
	var b strings.Builder
	for _, p := range r.Paths {
		for _, h := range p {
			b.WriteString("  " + h.Component + ": " + h.Detail + "\n")
		}
		b.WriteString("  --\n")
	}
	if r.BlockedBy != nil {
		b.WriteString("  blocked: " + r.BlockedBy.Code + " " + r.BlockedBy.Component + ": " + r.BlockedBy.Message + "\n")
	}
	return b.String()
}

// question is one reachability question, asked of a design's text.
type question struct {
	design, from, to string
	q                Query
}

// flip is a pair of questions that differ in the one thing a rule is
// about: open must be reachable and closed blocked with code, by a
// component containing component when that is given; pathHint, when
// given, is a hop open's path must show.
type flip struct {
	rule         string
	open, closed question
	code         string
	pathHint     string
	component    string
}

// tcp asks about one TCP port.
func tcp(p int) Query { return Query{Protocol: "tcp", Ports: Port(p)} }

// checkFlips asks both questions of every row; a rule broken in the
// engine turns one of them the other way.
func checkFlips(t *testing.T, rows []flip) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.rule, func(t *testing.T) {
			open := askIn(t, row.open.design, row.open.from, row.open.to, row.open.q)
			if !open.Reachable {
				t.Fatalf("%s → %s should be reachable:\n%s", row.open.from, row.open.to, describe(open))
			}
			if !strings.Contains(describe(open), row.pathHint) {
				t.Errorf("the path does not show %q:\n%s", row.pathHint, describe(open))
			}
			closed := askIn(t, row.closed.design, row.closed.from, row.closed.to, row.closed.q)
			if closed.Reachable {
				t.Fatalf("%s → %s should be blocked:\n%s", row.closed.from, row.closed.to, describe(closed))
			}
			if closed.BlockedBy.Code != row.code || !strings.Contains(closed.BlockedBy.Component, row.component) {
				t.Errorf("blocked by %s %q, want %s by a component with %q:\n%s", closed.BlockedBy.Code, closed.BlockedBy.Component, row.code, row.component, describe(closed))
			}
		})
	}
}
