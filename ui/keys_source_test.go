package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestNoRawKeyStrings: the dialogs, the picker, the import flow, the
// files' dialogs and Update match keys through key.Binding (keys.go,
// keys_dialogs.go), never by comparing a key's String() with a literal,
// so that help, palette and handlers name the same keys (issue 15's
// structural item).
func TestNoRawKeyStrings(t *testing.T) {
	fset := token.NewFileSet()
	for _, name := range []string{"modals.go", "picker.go", "importflow.go", "files.go", "update.go", "conflict.go", "palette.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		isStringCall := func(e ast.Expr) bool {
			c, ok := e.(*ast.CallExpr)
			if !ok {
				return false
			}
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "keyOf" {
				return true
			}
			sel, ok := c.Fun.(*ast.SelectorExpr)
			return ok && sel.Sel.Name == "String" && len(c.Args) == 0
		}
		isLit := func(e ast.Expr) bool { l, ok := e.(*ast.BasicLit); return ok && l.Kind == token.STRING }
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SwitchStmt:
				if n.Tag != nil && isStringCall(n.Tag) {
					t.Errorf("%s: switch on a key's string; match key.Bindings", fset.Position(n.Pos()))
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isStringCall(n.X) && isLit(n.Y) || isLit(n.X) && isStringCall(n.Y)) {
					t.Errorf("%s: a key's string compared with a literal; match a key.Binding", fset.Position(n.Pos()))
				}
			case *ast.FuncDecl:
				if n.Name.Name == "keyOf" {
					t.Errorf("%s: keyOf turns keys into strings to compare", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
}
