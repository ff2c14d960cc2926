package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// SARIF 2.1.0 (OASIS), the format GitHub code scanning reads: one run
// whose tool lists every rule of the catalog, and one result per finding
// with its rule, level, message and the region of the file it is on.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifRule struct {
	ID               string            `json:"id"`
	ShortDescription sarifMessage      `json:"shortDescription"`
	DefaultConfig    sarifConfig       `json:"defaultConfiguration"`
	Properties       map[string]string `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
	// LogicalPath names the element (vpcs.prod.tiers.app), which stays
	// meaningful when the finding has no line.
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifLevel maps a severity to SARIF's levels.
func sarifLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "note"
}

// sarifURI is the file as a relative URI reference: code scanning resolves
// it against the checkout, so an absolute path under the working directory
// is made relative to it. A file elsewhere keeps its absolute path, as a
// file:// URI (a bare "/tmp/x" is not a URI reference SARIF allows).
func sarifURI(file string) string {
	abs := false
	if filepath.IsAbs(file) {
		abs = true
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
				file, abs = rel, false
			}
		}
	}
	parts := strings.Split(filepath.ToSlash(file), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	if abs {
		return "file://" + strings.Join(parts, "/")
	}
	return strings.Join(parts, "/")
}

// sarifFindings streams the log: the run's header with the rules, then
// each result as it comes, then the closing brackets, so that memory
// holds one file's findings, as for JSON.
type sarifFindings struct {
	w     io.Writer
	index map[string]int
	n     int
	err   error
}

func newSARIFFindings(w io.Writer, security bool) *sarifFindings {
	s := &sarifFindings{w: w, index: map[string]int{}}
	var rules []sarifRule // the catalog has load-error too
	for _, r := range design.Rules() {
		if r.IsSecurityLint() && !security {
			continue
		}
		rule := sarifRule{ID: r.Code, ShortDescription: sarifMessage{r.Summary}, DefaultConfig: sarifConfig{sarifLevel(r.Severities[0].String())}}
		if r.Source != "" {
			rule.Properties = map[string]string{"source": strings.TrimSpace(r.Source + " " + r.Ref)}
		}
		rules = append(rules, rule)
	}
	for i, r := range rules {
		s.index[r.ID] = i
	}
	head := map[string]any{
		"name": "vpcsmith", "version": Version, "informationUri": "https://github.com/vpcsmith/vpcsmith",
		"rules": rules,
	}
	b, err := json.MarshalIndent(head, "        ", "  ")
	if err != nil {
		s.err = err
		return s
	}
	_, s.err = fmt.Fprintf(w, "{\n  \"$schema\": %q,\n  \"version\": %q,\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": %s\n      },\n      \"results\": [", sarifSchema, sarifVersion, termtext.EscapeJSON(b))
	return s
}

func (s *sarifFindings) add(f fileFinding) error {
	if s.err != nil {
		return s.err
	}
	r := sarifResult{RuleID: f.Code, Level: sarifLevel(f.Severity), Message: sarifMessage{f.Message}}
	if i, ok := s.index[f.Code]; ok {
		r.RuleIndex = &i
	}
	loc := sarifPhysical{Artifact: sarifArtifact{URI: sarifURI(f.File)}}
	if f.Line > 0 {
		loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
	}
	r.Locations = []sarifLocation{{Physical: loc}}
	if f.Path != "" {
		r.Properties = map[string]string{"path": f.Path}
	}
	b, err := json.MarshalIndent(r, "        ", "  ")
	if err != nil {
		s.err = err
		return err
	}
	sep := ",\n        "
	if s.n == 0 {
		sep = "\n        "
	}
	s.n++
	_, s.err = io.WriteString(s.w, sep+string(termtext.EscapeJSON(b)))
	return s.err
}

func (s *sarifFindings) close() error {
	if s.err != nil {
		return s.err
	}
	end := "\n      ]\n    }\n  ]\n}\n"
	if s.n == 0 {
		end = "]\n    }\n  ]\n}\n"
	}
	_, s.err = io.WriteString(s.w, end)
	return s.err
}
