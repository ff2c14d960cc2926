package design

import (
	"strings"
	"testing"
)

// TestUnsupportedConstructsNamed: valid YAML that goccy cannot read is
// refused with a message naming the construct and where it is first used,
// not with goccy's own puzzle ("',' or ']' must be specified", "could not
// find multi-line content").
func TestUnsupportedConstructsNamed(t *testing.T) {
	for _, c := range []struct {
		in        string
		line, col int
		message   string
	}{
		{"a: [x, \"k\":v]\n", 1, 11, `a value right after its key's ':' ("key":value)`},
		{"a: [ 'k':v ]\n", 1, 9, `a value right after its key's ':' ("key":value)`},
		{"version: 1\n...\n|\n%x\n", 2, 1, "document end markers (...), and documents after them"},
	} {
		_, err := suiteRead([]byte(c.in))
		if err == nil {
			t.Errorf("%q read", c.in)
			continue
		}
		if !strings.Contains(err.Message, c.message) || err.Pos.Line != c.line || err.Pos.Column != c.col {
			t.Errorf("%q: %d:%d %q, want %d:%d %q", c.in, err.Pos.Line, err.Pos.Column, err.Message, c.line, c.col, c.message)
		}
	}
	// Each refused valid case names its construct: none is left with
	// goccy's message.
	for id, why := range refusedValid {
		if strings.HasPrefix(why.message, "invalid YAML") {
			t.Errorf("refusedValid %s is refused with goccy's message %q; name the construct", id, why.message)
		}
	}
}
