package design

import (
	"fmt"
	"sort"
)

// Severity ranks a finding.
type Severity int

// Severities, least severe first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// MarshalText writes the severity as "error", "warning" or "info".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one result of validation.
type Finding struct {
	Severity Severity
	// Code is stable across releases (e.g. "subnet-overlap"): scripts and
	// suppressions key on it.
	Code string
	// Path names the element, e.g. "vpcs.prod.tiers.app".
	Path    string
	Message string
	// Pos is where the element was written; zero when it was not read from
	// a file.
	Pos Position
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Path, f.Severity, f.Message, f.Code)
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many findings have severity s.
func Count(fs []Finding, s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// SortFindings orders findings as Validate does, for callers that add
// findings of their own (the checks of design/reach, which need its engine).
func SortFindings(fs []Finding) { sortFindings(fs) }

// sortFindings orders findings by file position, then path and code, so
// output is deterministic and reads top to bottom like the file.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}

// advisoryCodes are the error codes that say a design is unsafe or unwise
// rather than undeployable: AWS would build it as written. They fail
// `validate`, but never stop an export or an estimate, so that a network
// imported as it is (a load balancer open to the internet on every port,
// as some published samples ship) can be exported and priced as it is.
var advisoryCodes = map[string]bool{
	"sg-world-open":      true,
	"securityhub-ec2-13": true,
	"securityhub-ec2-14": true,
	"securityhub-ec2-19": true,
	"traffic-invalid":    true, // only the estimate reads traffic, and it says so
}

// BlocksExport reports whether f makes a template undeployable or
// inconsistent (AWS would reject it, or a reference does not resolve):
// an error that is not advisory.
func BlocksExport(f Finding) bool { return f.Severity == Error && !advisoryCodes[f.Code] }

// ExportBlockers returns the findings of fs that block an export.
func ExportBlockers(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if BlocksExport(f) {
			out = append(out, f)
		}
	}
	return out
}
