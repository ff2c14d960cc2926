// Package ui is vpcsmith's interactive designer, a Bubble Tea program: the
// diagram of a design with an inspector, a problems list and a cost
// estimate beside it, keyboard editing with undo, atomic saves and a
// crash-recovery journal.
//
// The root Model routes messages and owns the design; drawing the diagram
// lives in ui/diagram, the panes in ui/panes, the edits themselves (pure
// functions on a design) in ui/edit and styles in ui/styles. No file I/O
// happens in Update: saves and journal writes run as commands.
package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

// Estimator prices a design for the cost pane. The designer calls it from a
// command, off the UI's thread, with a design it never changes afterwards.
type Estimator interface {
	Estimate(d *design.Design) (*cost.Breakdown, error)
}

// EstimatorFunc adapts a function to Estimator.
type EstimatorFunc func(d *design.Design) (*cost.Breakdown, error)

// Estimate calls f.
func (f EstimatorFunc) Estimate(d *design.Design) (*cost.Breakdown, error) { return f(d) }

// Exporter is one export the designer offers (Mermaid, CloudFormation).
// Export runs in a command; the designer writes the files it returns
// atomically beside the design file and shows the notes (what the files
// leave out or the deployer must do), which the CLI prints on stderr.
type Exporter struct {
	Name   string // "Mermaid"
	Hint   string // what it writes, e.g. ".mmd"
	Export func(d *design.Design) (files []ExportFile, notes []string, err error)
}

// ExportFile is one file of an export: Suffix replaces the design file's
// .yaml (".mmd", ".us-east-1.cfn.yaml").
type ExportFile struct {
	Suffix string
	Data   []byte
}

// Importer reads VPCs from an AWS account for the import dialog. Both
// methods run in commands; the designer cancels ctx when the user gives up.
type Importer interface {
	// ListVPCs lists the VPCs of a region (empty: the profile's default),
	// and says which region it used.
	ListVPCs(ctx context.Context, region, profile string) ([]AWSVPC, string, error)
	// Import builds a design of the VPCs. progress may be called from any
	// goroutine while it runs.
	Import(ctx context.Context, region, profile string, ids []string, progress func(ImportProgress)) (*ImportResult, error)
}

// AWSVPC is one VPC offered by the import dialog. Its texts come from AWS:
// the designer sanitizes them before drawing them.
type AWSVPC struct {
	ID, Name, CIDR string
}

// ImportProgress is how far an import has got.
type ImportProgress struct {
	VPCs, VPCsDone, Calls int
}

// ImportResult is an import's design and what the design could not hold
// (notes, denied calls), one line each.
type ImportResult struct {
	Design *design.Design
	Notes  []string
}

// Options configure a designer.
type Options struct {
	// Path is the design file. It need not exist: then Design is nil and
	// the designer starts with the template picker, creating the file on
	// the first save.
	Path string
	// Design is the loaded file (nil: the file does not exist yet).
	Design *design.Design
	// Base is the file's bytes as loaded (for the journal's record of what
	// the edits started from); nil for a new file.
	Base []byte
	// Limits bound a reload of the file (zero: design.DefaultLimits).
	Limits design.Limits
	// Recovery is a journal entry found for Path at start: the designer
	// offers to restore it.
	Recovery *Recovery
	// Journal records unsaved edits; nil disables crash recovery.
	Journal *journal.Journal
	// Cost prices the design; nil turns the cost pane's estimate off.
	Cost Estimator
	// Exporters are offered by the export key.
	Exporters []Exporter
	// Importer reads VPCs from AWS; nil turns the import key off.
	Importer Importer
	// Profile is the AWS profile the import dialog proposes (AWS_PROFILE).
	Profile string
	// NoColor draws without colours (NO_COLOR); reverse video and glyphs
	// still mark the cursor and the findings.
	NoColor bool
	// Now is the clock (tests fix it).
	Now func() time.Time
}

// Recovery is a parsed journal entry.
type Recovery struct {
	Entry  *journal.Entry
	Design *design.Design
	// Changed reports that the file on disk differs from what the edits
	// started from.
	Changed bool
}

// LoadRecovery reads path's journal entry and parses it. It returns nil
// when there is no entry, or when the entry equals the file on disk (base
// is the file's bytes; nil when it does not exist).
func LoadRecovery(j *journal.Journal, path string, base []byte) (*Recovery, error) {
	if j == nil {
		return nil, nil
	}
	e, err := j.Read(path)
	if err != nil || e == nil {
		return nil, err
	}
	if base != nil && e.Design == string(base) {
		return nil, nil
	}
	lim := design.DefaultLimits()
	lim.MaxBytes = max(lim.MaxBytes, len(e.Design)) // the user's own, as large as the design loaded
	d, err := design.ParseWithLimits("recovery journal", []byte(e.Design), lim)
	if err != nil {
		return nil, fmt.Errorf("recovery journal for %s: %w", path, err)
	}
	return &Recovery{Entry: e, Design: d, Changed: e.Base != journal.Hash(base)}, nil
}

// Run runs the designer on the terminal behind in and out until the user
// quits.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}
	if opts.NoColor {
		// colorprofile honours NO_COLOR only for boolean values; the
		// convention (no-color.org) is any non-empty value.
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err := tea.NewProgram(New(opts), popts...).Run()
	return err
}

// NoColorFromEnv reports whether NO_COLOR asks for no colour.
func NoColorFromEnv() bool { return os.Getenv("NO_COLOR") != "" }
