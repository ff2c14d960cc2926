// Package styles builds every style of the designer from two facts about the
// terminal: whether its background is dark, and whether colour is wanted
// (NO_COLOR). No other package of the UI names a colour.
//
// A style is a Paint: the SGR sequence that starts it, computed once. The
// diagram draws thousands of spans per frame, and a precomputed prefix is
// much cheaper than building a Lip Gloss style for each.
package styles

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Paint applies one style to text.
type Paint struct{ on string }

// S returns text in the style. The text must already be safe (see ui/safe).
func (p Paint) S(text string) string {
	if p.on == "" || text == "" {
		return text
	}
	return p.on + text + ansi.ResetStyle
}

// Plain reports whether the paint adds nothing.
func (p Paint) Plain() bool { return p.on == "" }

// Glyphs mark findings so that severity reads without colour.
const (
	GlyphError   = "✗"
	GlyphWarning = "▲"
	GlyphInfo    = "•"
)

// Styles are the designer's paints.
type Styles struct {
	Dark  bool // the background is dark
	Color bool // colours are used (false: NO_COLOR or tests)

	Text, Dim, Bold, Title, Dirty Paint
	Selected, SelectedDim         Paint // the cursor: reverse video, readable without colour
	Error, Warning, Info, OK      Paint
	Border, BorderFocus           Paint // pane frames
	PaneTitle, PaneTitleFocus     Paint
	VPCBorder, VPCName            Paint
	Public, Private, Isolated     Paint // tier kinds
	AZ, CIDR, Carved, Marker      Paint
	SG, Edge, Peer, Conn          Paint
	Key, KeyDesc                  Paint // help
	Input, InputError, Hint       Paint
	Dialog                        Paint
}

// New returns the styles for a terminal with a dark (or light) background,
// with colour or without.
func New(dark, useColor bool) *Styles {
	s := &Styles{Dark: dark, Color: useColor}
	ld := lipgloss.LightDark(dark)
	c := func(light, darkHex string) ansi.Style {
		if !useColor {
			return ansi.NewStyle()
		}
		return ansi.NewStyle().ForegroundColor(ld(lipgloss.Color(light), lipgloss.Color(darkHex)))
	}
	p := func(st ansi.Style) Paint {
		if len(st) == 0 {
			return Paint{}
		}
		return Paint{on: st.String()}
	}
	s.Text = Paint{}
	s.Dim = p(c("#6c6c6c", "#8a8a8a"))
	if !useColor {
		s.Dim = p(ansi.NewStyle().Faint())
	}
	s.Bold = p(ansi.NewStyle().Bold())
	s.Title = p(c("#005f87", "#5fafff").Bold())
	s.Dirty = p(c("#af5f00", "#ffaf5f").Bold())
	s.Selected = p(ansi.NewStyle().Reverse(true).Bold())
	s.SelectedDim = p(ansi.NewStyle().Reverse(true))
	s.Error = p(c("#d70000", "#ff5f5f").Bold())
	s.Warning = p(c("#af5f00", "#ffd75f"))
	s.Info = p(c("#005faf", "#87afff"))
	s.OK = p(c("#008700", "#87d787"))
	s.Border = p(c("#a8a8a8", "#585858"))
	s.BorderFocus = p(c("#005f87", "#5fafff"))
	s.PaneTitle = p(c("#444444", "#bcbcbc").Bold())
	s.PaneTitleFocus = p(c("#005f87", "#5fafff").Bold())
	s.VPCBorder = p(c("#5f5f87", "#8787af"))
	s.VPCName = p(c("#5f00af", "#d7afff").Bold())
	s.Public = p(c("#005f00", "#87d787"))
	s.Private = p(c("#00005f", "#87afd7"))
	if dark {
		s.Private = p(c("#005faf", "#87afd7"))
	}
	s.Isolated = p(c("#5f5f5f", "#b2b2b2"))
	s.AZ = p(c("#444444", "#bcbcbc").Bold())
	s.CIDR = Paint{}
	s.Carved = Paint{}
	s.Marker = p(c("#875f00", "#d7af5f"))
	s.SG = p(c("#875f87", "#d7afd7"))
	s.Edge = p(c("#6c6c6c", "#8a8a8a"))
	s.Peer = p(c("#444444", "#bcbcbc"))
	s.Conn = p(c("#005f5f", "#5fd7d7"))
	s.Key = p(c("#005f87", "#5fafff").Bold())
	s.KeyDesc = s.Dim
	s.Input = p(ansi.NewStyle().Underline(true))
	s.InputError = s.Error
	s.Hint = s.Dim
	s.Dialog = s.BorderFocus
	return s
}

// Plain returns styles that add no escape sequences at all: for golden
// files and for proving that nothing from a design reaches the terminal.
func Plain() *Styles {
	return &Styles{}
}

// Severity paints text in the colour of a finding severity (2: error,
// 1: warning, 0: info).
func (s *Styles) Severity(sev int) Paint {
	switch sev {
	case 2:
		return s.Error
	case 1:
		return s.Warning
	}
	return s.Info
}

// Glyph returns the marker of a severity.
func Glyph(sev int) string {
	switch sev {
	case 2:
		return GlyphError
	case 1:
		return GlyphWarning
	}
	return GlyphInfo
}

// compile-time check that colours from lipgloss are image/color colours,
// which x/ansi styles accept.
var _ color.Color = lipgloss.Color("#000000")
