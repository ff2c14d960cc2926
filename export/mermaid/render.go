package mermaid

import (
	"errors"
	"fmt"
	"unicode/utf16"

	"github.com/vpcsmith/vpcsmith/design"
)

// Mermaid's default limits. A page (GitHub's included) renders with the
// defaults, and a diagram cannot raise them: over MaxTextSize the diagram is
// replaced by an error box, over MaxEdges the parser fails.
const (
	MaxTextSize = 50000 // characters (UTF-16 code units) of diagram source
	MaxEdges    = 500
)

// View selects what a diagram shows.
type View string

// The views.
const (
	ViewNetwork  View = "network"  // VPCs, AZs, subnets, gateways, connections
	ViewSecurity View = "security" // security groups and the traffic their rules allow
)

// Views lists the views, the default first.
var Views = []View{ViewNetwork, ViewSecurity}

// ParseView returns the view named s.
func ParseView(s string) (View, error) {
	for _, v := range Views {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown view %q: use network or security", s)
}

// Detail is how finely a diagram is drawn. Render starts at DetailFull and
// coarsens until the diagram fits Mermaid's limits.
type Detail int

// The levels of detail, finest first.
const (
	// DetailFull draws every subnet (network view) or security group
	// (security view).
	DetailFull Detail = iota
	// DetailTier draws one node per tier.
	DetailTier
	// DetailVPC draws one node per VPC.
	DetailVPC
)

func (d Detail) String() string {
	switch d {
	case DetailTier:
		return "tier"
	case DetailVPC:
		return "vpc"
	}
	return "full"
}

// Options control Render.
type Options struct {
	View View // empty: ViewNetwork
	// Markdown makes Text a Markdown document: a heading, each diagram in
	// a ```mermaid fence, and a table of every VPC's subnets.
	Markdown bool
	// Split draws an overview (VPCs, networks, connections) and one
	// diagram per VPC (the security view: one per VPC); a design of more
	// than SplitVPCs VPCs is split without asking, since one diagram of
	// them cannot be read.
	Split bool
}

// SplitVPCs is the most VPCs the network view draws in one diagram
// unasked: beyond it, side by side, the drawing is several times wider
// than high and its text too small to read on a page.
const SplitVPCs = 3

// Diagram is one Mermaid diagram of a Result.
type Diagram struct {
	// VPC is the index of the VPC it draws in full, or -1 for the whole
	// design or the overview of a split.
	VPC int
	// Name is the VPC's name, or "" with VPC -1.
	Name   string
	Text   string // Mermaid source, ending in a newline
	Detail Detail
	Chars  int
	Edges  int
}

// Result is a rendered diagram.
type Result struct {
	// Text is the Mermaid source of the first diagram (the only one, or
	// the overview of a split), ending in a newline; with Options.Markdown,
	// the whole Markdown document.
	Text string
	// Diagrams are every diagram: one, or the overview and then one per
	// VPC in design order when Split.
	Diagrams []Diagram
	// Split says the design was drawn as an overview and one diagram per
	// VPC.
	Split bool
	// Notes say what the reader should know about the drawing, such as
	// detail collapsed to fit Mermaid's limits; the CLI prints them on
	// stderr.
	Notes []string
	// Detail is the level the diagram was drawn at.
	Detail Detail
	// Chars (UTF-16 code units, as Mermaid counts) and Edges measure the
	// diagram without the fence.
	Chars, Edges int
}

// TooLargeError is returned when even the coarsest drawing of a design
// exceeds Mermaid's limits.
type TooLargeError struct {
	View         View
	Chars, Edges int // of the coarsest drawing
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the %s diagram is too large for Mermaid even with one node per VPC (%d characters, %d edges; Mermaid draws at most %d and %d)",
		e.View, e.Chars, e.Edges, MaxTextSize, MaxEdges)
}

// ErrNoLayout is returned for a nil layout.
var ErrNoLayout = errors.New("mermaid: no design to draw")

// Render draws the design behind l. It never fails for a valid design that
// fits; a design with validation errors still draws (what cannot be resolved
// is left out), but callers should not export one.
func Render(l *design.Layout, opts Options) (Result, error) {
	if l == nil || l.Design == nil {
		return Result{}, ErrNoLayout
	}
	view := opts.View
	if view == "" {
		view = ViewNetwork
	}
	var build func(*design.Layout, Detail, int) *graph
	switch view {
	case ViewNetwork:
		build = networkGraph
	case ViewSecurity:
		build = securityGraph
	default:
		_, err := ParseView(string(view))
		return Result{}, err
	}
	split := opts.Split || len(l.VPCs) > SplitVPCs
	var res Result
	if !split || len(l.VPCs) < 2 {
		d, notes, err := fit(l, view, build, -1, DetailFull)
		if err != nil {
			return Result{}, err
		}
		res = Result{Diagrams: []Diagram{d}, Notes: notes}
	} else {
		// The security view's VPCs meet only where a rule names another
		// VPC's group, which each VPC's diagram shows: no overview.
		res.Split = true
		if view == ViewNetwork {
			d, notes, err := fit(l, view, build, -1, DetailVPC)
			if err != nil {
				return Result{}, err
			}
			res.Diagrams = append(res.Diagrams, d)
			res.Notes = append(res.Notes, notes...)
		}
		for v := range l.VPCs {
			d, notes, err := fit(l, view, build, v, DetailFull)
			if err != nil {
				return Result{}, err
			}
			res.Diagrams = append(res.Diagrams, d)
			res.Notes = append(res.Notes, notes...)
		}
		what := "one diagram per VPC"
		if view == ViewNetwork {
			what = "an overview and " + what
		}
		res.Notes = append([]string{fmt.Sprintf("the %s view of %d VPCs is drawn as %s (%d diagrams): one diagram of them all would be too wide to read",
			view, len(l.VPCs), what, len(res.Diagrams))}, res.Notes...)
	}
	first := res.Diagrams[0]
	res.Text, res.Detail, res.Chars, res.Edges = first.Text, first.Detail, first.Chars, first.Edges
	if opts.Markdown {
		res.Text = document(l, view, res.Diagrams)
	}
	return res, nil
}

// fit draws one diagram (the whole design, the overview, or VPC focus) at
// the finest detail from start on that fits Mermaid's limits, with a note
// when it had to coarsen.
func fit(l *design.Layout, view View, build func(*design.Layout, Detail, int) *graph, focus int, start Detail) (Diagram, []string, error) {
	var full, last Diagram
	for _, detail := range []Detail{DetailFull, DetailTier, DetailVPC} {
		if detail < start {
			continue
		}
		g := build(l, detail, focus)
		src := g.write()
		last = Diagram{VPC: focus, Text: src, Detail: detail, Chars: utf16Len(src), Edges: len(g.edges)}
		if focus >= 0 {
			last.Name = l.VPCs[focus].VPC.Name
		}
		if detail == start {
			full = last
		}
		if last.Chars > MaxTextSize || last.Edges > MaxEdges {
			continue
		}
		var notes []string
		if detail != start {
			notes = append(notes, collapseNote(view, full, detail))
		}
		return last, notes, nil
	}
	return Diagram{}, nil, &TooLargeError{View: view, Chars: last.Chars, Edges: last.Edges}
}

func collapseNote(view View, full Diagram, detail Detail) string {
	what := "one node per tier instead of one per subnet"
	switch {
	case view == ViewSecurity && detail == DetailTier:
		what = "one node per tier instead of one per security group"
	case detail == DetailVPC:
		what = "one node per VPC"
	}
	return fmt.Sprintf("the full %s diagram would exceed Mermaid's limits (%d characters, %d edges; at most %d and %d), so it is drawn with %s",
		view, full.Chars, full.Edges, MaxTextSize, MaxEdges, what)
}

// utf16Len is the length of s as JavaScript counts it, which is what
// Mermaid compares with its text limit.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
