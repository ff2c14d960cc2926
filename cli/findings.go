package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// loadErrorCode is the code a file that cannot be read or parsed reports
// under, next to validation findings.
const loadErrorCode = "load-error"

// fileFinding is one line of `validate` output: a validation finding or a
// load error, with the file it belongs to. Its JSON form is the public
// format of `validate --format json`.
type fileFinding struct {
	File     string `json:"file"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Path     string `json:"path"`
	Message  string `json:"message"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

func fromFinding(file string, f design.Finding) fileFinding {
	return fileFinding{File: file, Severity: f.Severity.String(), Code: f.Code, Path: f.Path,
		Message: f.Message, Line: f.Pos.Line, Column: f.Pos.Column}
}

// fromLoadError turns a load error into findings, one per problem.
func fromLoadError(file string, err error) []fileFinding {
	var errs design.LoadErrors
	if !errors.As(err, &errs) {
		return []fileFinding{{File: file, Severity: "error", Code: loadErrorCode, Message: err.Error()}}
	}
	out := make([]fileFinding, len(errs))
	for i, e := range errs {
		msg := e.Message
		if e.Hint != "" {
			msg += "; " + e.Hint
		}
		out[i] = fileFinding{File: e.File, Severity: "error", Code: loadErrorCode, Message: msg, Line: e.Pos.Line, Column: e.Pos.Column}
	}
	return out
}

// sanitized returns the finding with every string made safe for a
// terminal: names in messages come from the file.
func (f fileFinding) sanitized() fileFinding {
	f.File, f.Path, f.Message, f.Code = termtext.Lines(f.File), termtext.Lines(f.Path), termtext.Lines(f.Message), termtext.Lines(f.Code)
	return f
}

// writeFindingText writes `file:line:col: severity: message [code]`.
func writeFindingText(w io.Writer, f fileFinding, color bool) {
	f = f.sanitized()
	// One finding per line: a newline in a file or element name must not
	// start a line that reads as a finding of its own.
	f.File, f.Message = strings.ReplaceAll(f.File, "\n", " "), strings.ReplaceAll(f.Message, "\n", " ")
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	}
	sev := f.Severity
	switch sev {
	case "error":
		sev = paint(color, sgrBold+sgrRed, sev)
	case "warning":
		sev = paint(color, sgrYellow, sev)
	default:
		sev = paint(color, sgrBlue, sev)
	}
	fmt.Fprintf(w, "%s: %s: %s %s\n", paint(color, sgrBold, loc), sev, f.Message, paint(color, sgrDim, "["+f.Code+"]"))
}

// reportLoadError prints why a file did not load, for commands that need a
// valid design (export, cost, fmt); it returns the exit error to return.
func reportLoadError(s Streams, file string, err error) error {
	for _, f := range fromLoadError(file, err) {
		writeFindingText(s.Err, f, s.Color())
	}
	return silentExit(ExitUsage)
}

// requireDeployable prints the design's errors on stderr and returns an
// exit error when any of them blocks an export (design.BlocksExport): AWS
// would reject the template, or a reference would not resolve. Security
// and best-practice errors are printed too, but the command goes on, so
// that a network can be exported and priced as it is.
func requireDeployable(s Streams, file string, fs []design.Finding) error {
	blocking := 0
	for _, f := range fs {
		if f.Severity != design.Error {
			continue
		}
		writeFindingText(s.Err, fromFinding(file, f), s.Color())
		if design.BlocksExport(f) {
			blocking++
		}
	}
	if blocking > 0 {
		fmt.Fprintf(s.Err, "%s has %d validation errors that make it undeployable; fix them first (vpcsmith validate %s)\n", termtext.Lines(file), blocking, termtext.Lines(file))
		return silentExit(ExitFindings)
	}
	return nil
}

// reportErrors prints the design's errors on stderr, for commands that
// work on any design that loads (cost), and says that the output covers
// what resolves.
func reportErrors(s Streams, file string, fs []design.Finding) {
	n := design.Count(fs, design.Error)
	if n == 0 {
		return
	}
	for _, f := range fs {
		if f.Severity == design.Error {
			writeFindingText(s.Err, fromFinding(file, f), s.Color())
		}
	}
	fmt.Fprintf(s.Err, "vpcsmith: note: %s has %d validation errors; the estimate prices the design as written (vpcsmith validate %s)\n", termtext.Lines(file), n, termtext.Lines(file))
}
