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
