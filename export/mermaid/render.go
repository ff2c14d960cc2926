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
	View     View // empty: ViewNetwork
	Markdown bool // wrap the diagram in a ```mermaid fence
}

// Result is a rendered diagram.
type Result struct {
	// Text is the Mermaid source, ending in a newline; with Options.Markdown,
	// inside a fence.
	Text string
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
	var build func(*design.Layout, Detail) *graph
	switch view {
	case ViewNetwork:
		build = networkGraph
	case ViewSecurity:
		build = securityGraph
	default:
		_, err := ParseView(string(view))
		return Result{}, err
	}
	var full, last Result
	for _, detail := range []Detail{DetailFull, DetailTier, DetailVPC} {
		g := build(l, detail)
		src := g.write()
		last = Result{Text: src, Detail: detail, Chars: utf16Len(src), Edges: len(g.edges)}
		if detail == DetailFull {
			full = last
		}
		if last.Chars > MaxTextSize || last.Edges > MaxEdges {
			continue
		}
		if detail != DetailFull {
			last.Notes = append(last.Notes, collapseNote(view, full, detail))
		}
		if opts.Markdown {
			last.Text = "```mermaid\n" + last.Text + "```\n"
		}
		return last, nil
	}
	return Result{}, &TooLargeError{View: view, Chars: last.Chars, Edges: last.Edges}
}

func collapseNote(view View, full Result, detail Detail) string {
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
