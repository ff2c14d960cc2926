// Package export is the one export pipeline of vpcsmith: the registry of
// output formats and Run, which resolves a design, refuses one with
// undeployable errors, renders it and names its files. The CLI's `export
// <format>` subcommands and the designer's export menu are both generated
// from Formats, so they offer the same formats with the same checks, the
// same notes and the same file names.
//
// Adding a format is a package that renders it and one entry in Formats.
package export

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Format is one output format.
type Format struct {
	// Name is the CLI subcommand: `vpcsmith export <Name>`.
	Name string
	// Title names the format in the designer's menu.
	Title string
	// Short and Long are the subcommand's help; Example its examples.
	Short, Long, Example string
	// Options are the format's settings, flags on the CLI; the designer
	// exports with their defaults.
	Options []Option
	// Hint shows what the default settings write, relative to the design
	// file's stem: ".mmd", "-<region>.yaml".
	Hint string
	// Render draws a design that has no undeployable errors.
	Render func(l *design.Layout, set Settings) (*Output, error)
}

// Option is one setting of a format: a choice among Choices, or a switch
// when Bool.
type Option struct {
	Name, Usage string
	Default     string // for a switch: "" or "true"
	Choices     []string
	Bool        bool
}

// Settings are option values by name; a missing one takes its default.
type Settings map[string]string

// Output is an export: its files and what the reader should know.
type Output struct {
	// Files are in a deterministic order; each Suffix is distinct.
	Files []File
	// Notes are printed by the CLI on stderr and shown by the designer.
	Notes []string
	// Findings are the design's validation findings (none blocks).
	Findings []design.Finding
}

// File is one file of an export. Its name is the design file's stem
// (Stem) followed by Suffix, in the directory the export goes to: beside
// the design file in the designer, -o DIR on the CLI.
type File struct {
	Suffix string // ".mmd", "-us-east-1.yaml"; only [a-z0-9.-]
	Data   []byte
	// Summary is what the CLI says after the path when it writes the
	// file: "(42 resources)"; may be empty.
	Summary string
}

// BlockedError is returned for a design with validation errors that make
// it undeployable (design.ExportBlockers): nothing is exported from a design
// that cannot exist.
type BlockedError struct {
	Findings []design.Finding // every finding, errors and the rest
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("the design has %d validation errors that make it undeployable; fix them first", len(design.ExportBlockers(e.Findings)))
}

// UsageError is a setting that is not one of its option's choices.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Formats lists the formats in menu order. The list is built on each call
// so that no caller can change another's.
func Formats() []Format {
	return []Format{mermaidFormat(), cloudFormationFormat()}
}

// Defaults are the format's settings with every option at its default.
func (f Format) Defaults() Settings {
	s := Settings{}
	for _, o := range f.Options {
		s[o.Name] = o.Default
	}
	return s
}

// Run exports d in format f: it resolves and validates the design, refuses
// it with a *BlockedError when it has undeployable errors, and renders it.
// An invalid setting is a *UsageError; any other error means the design is
// valid but the format cannot take it (a quota, Mermaid's limits).
func Run(d *design.Design, f Format, set Settings) (*Output, error) {
	set, err := f.settle(set)
	if err != nil {
		return nil, err
	}
	l := design.Resolve(d)
	fs := design.ValidateLayout(l)
	if len(design.ExportBlockers(fs)) > 0 {
		return nil, &BlockedError{Findings: fs}
	}
	out, err := f.Render(l, set)
	if err != nil {
		return nil, err
	}
	out.Findings = fs
	for _, file := range out.Files {
		if !plainSuffix(file.Suffix) {
			return nil, fmt.Errorf("export %s: file suffix %q is not a plain name", f.Name, file.Suffix)
		}
	}
	return out, nil
}

// settle fills in defaults and checks every value against its choices.
func (f Format) settle(set Settings) (Settings, error) {
	out := f.Defaults()
	for k, v := range set {
		i := slices.IndexFunc(f.Options, func(o Option) bool { return o.Name == k })
		if i < 0 {
			return nil, &UsageError{fmt.Errorf("export %s has no option %q", f.Name, k)}
		}
		o := f.Options[i]
		if len(o.Choices) > 0 && !slices.Contains(o.Choices, v) {
			return nil, &UsageError{fmt.Errorf("unknown --%s %q: use %s", k, v, strings.Join(o.Choices, " or "))}
		}
		out[k] = v
	}
	return out, nil
}

// On reports whether a switch is set.
func (s Settings) On(name string) bool { return s[name] == "true" }

// Stem is the part of a design file's name that its exports' names start
// with: the base name without .yaml or .yml.
func Stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
}

// plainSuffix reports whether a suffix can only name a file beside the
// design file: lower-case letters, digits, '.' and '-', starting with one
// of the last two, never "..".
func plainSuffix(s string) bool {
	if s == "" || (s[0] != '.' && s[0] != '-') || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// Slug reduces untrusted text (a region, a VPC name) to [a-z0-9-] for a
// file name, at most 64 characters; fallback when nothing is left.
func Slug(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 64 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// uniqueSuffixes makes suffixes distinct by numbering repeats before their
// extension ("-prod.mmd", "-prod-2.mmd"): two names can reduce to one slug.
func uniqueSuffixes(files []File) {
	used := map[string]bool{}
	for i := range files {
		s := files[i].Suffix
		if used[s] {
			ext := ""
			if j := strings.Index(s[1:], "."); j >= 0 {
				ext = s[j+1:]
			}
			stem := strings.TrimSuffix(s, ext)
			for n := 2; used[s]; n++ {
				s = fmt.Sprintf("%s-%d%s", stem, n, ext)
			}
		}
		used[s] = true
		files[i].Suffix = s
	}
}

// errNoFiles guards a renderer that produced nothing.
var errNoFiles = errors.New("the export produced no files")
