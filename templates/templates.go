package templates

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// The designs live one per file so that each reads as an ordinary design
// file in a review; the file name (without .yaml) is the template's name.
//
//go:embed designs/*.yaml
var files embed.FS

const dir = "designs"

// Default is the template `vpcsmith new` uses when none is named.
const Default = "three-tier"

// Template describes one built-in design.
type Template struct {
	Name string
	// Description is one line: the design file's own `description`.
	Description string
}

// List returns every template, sorted by name.
func List() []Template {
	names := Names()
	out := make([]Template, 0, len(names))
	for _, n := range names {
		t := Template{Name: n}
		// The tests prove every template parses; a description that cannot
		// be read is still better shown as empty than as a crash.
		if d, err := Load(n); err == nil {
			t.Description = oneLine(d.Description)
		}
		out = append(out, t)
	}
	return out
}

// Names returns the template names, sorted.
func Names() []string {
	entries, err := files.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Source returns the template's YAML exactly as shipped.
func Source(name string) ([]byte, error) {
	if !known(name) {
		return nil, unknown(name)
	}
	return files.ReadFile(path.Join(dir, name+".yaml"))
}

// Load parses the template into a Design.
func Load(name string) (*design.Design, error) {
	src, err := Source(name)
	if err != nil {
		return nil, err
	}
	return design.Parse(FileName(name), src)
}

// FileName is the name a template goes by in load errors and findings.
func FileName(name string) string { return "template " + name }

func known(name string) bool {
	for _, n := range Names() {
		if n == name {
			return true
		}
	}
	return false
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// UnknownError is returned for a template name that does not exist. Its
// message lists the known names and, for a likely typo, the closest one.
type UnknownError struct {
	Name       string
	Known      []string
	Suggestion string // the closest known name; empty when none is close
}

func unknown(name string) *UnknownError {
	e := &UnknownError{Name: name, Known: Names()}
	e.Suggestion = closest(name, e.Known)
	return e
}

func (e *UnknownError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown template %q", e.Name)
	if e.Suggestion != "" {
		fmt.Fprintf(&b, "; did you mean %q?", e.Suggestion)
	}
	fmt.Fprintf(&b, " (known templates: %s)", strings.Join(e.Known, ", "))
	return b.String()
}
