package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEscapesOnlyInColor: color.go says no other file of the CLI writes an
// escape sequence, so that colour stays behind Streams.Color() and NO_COLOR
// in one place. Every string literal of the package's other files must be
// free of ESC (and of the one-byte CSI).
func TestEscapesOnlyInColor(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if name == "color.go" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
				return true
			}
			v := lit.Value
			if lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					v = s
				}
			} else if r, _, _, err := strconv.UnquoteChar(strings.Trim(lit.Value, "'"), '\''); err == nil {
				v = string(r)
			}
			if strings.ContainsAny(v, "\x1b\u009b") {
				t.Errorf("%s: an escape sequence %s: use color.go's constants", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
	if checked < 5 {
		t.Fatalf("only %d files checked: is the test running in the cli directory?", checked)
	}
}
