package panes

import (
	"cmp"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Problems lists the live findings, errors first; enter jumps to the
// element a finding is about.
type Problems struct {
	st     *styles.Styles
	w, h   int
	items  []Problem
	cursor int
	offset int
	keys   ListKeys
	// validating: the list is of an earlier state while the current one is
	// validated in the background.
	validating bool
}

// Problem is a finding and the element it marks.
type Problem struct {
	Finding design.Finding
	Ref     edit.Ref
}

// NewProblems returns an empty problems pane.
func NewProblems(st *styles.Styles) *Problems {
	return &Problems{st: st, keys: DefaultListKeys()}
}

// SetStyles changes the styles.
func (p *Problems) SetStyles(st *styles.Styles) { p.st = st }

// SetSize sets the pane's outer size.
func (p *Problems) SetSize(w, h int) { p.w, p.h = w, h }

// Keys returns the pane's bindings.
func (p *Problems) Keys() ListKeys { return p.keys }

// SetProblems replaces the list, keeping the cursor on the same finding
// (code and path) when it is still there. The pane keeps items (and sorts
// it, worst first): the caller hands it over rather than have it copied,
// as a large design's list is remade after every edit that moves VPCs.
func (p *Problems) SetProblems(items []Problem) {
	var cur design.Finding
	had := p.cursor < len(p.items)
	if had {
		cur = p.items[p.cursor].Finding
	}
	p.items = items
	worstFirst := func(a, b Problem) int { return cmp.Compare(b.Finding.Severity, a.Finding.Severity) }
	if !slices.IsSortedFunc(p.items, worstFirst) {
		slices.SortStableFunc(p.items, worstFirst)
	}
	p.cursor = min(p.cursor, max(len(p.items)-1, 0))
	if had {
		for i, it := range p.items {
			if it.Finding.Code == cur.Code && it.Finding.Path == cur.Path {
				p.cursor = i
				break
			}
		}
	}
}

// SetValidating says whether the current design is being validated (the
// list shown is the last result, of an earlier state).
func (p *Problems) SetValidating(v bool) { p.validating = v }

// Items returns the findings in display order.
func (p *Problems) Items() []Problem { return p.items }

// Selected returns the finding under the cursor.
func (p *Problems) Selected() (Problem, bool) {
	if p.cursor < len(p.items) {
		return p.items[p.cursor], true
	}
	return Problem{}, false
}

// Title is the pane title with the counts.
func (p *Problems) Title() string {
	var e, w, i int
	for _, it := range p.items {
		switch it.Finding.Severity {
		case design.Error:
			e++
		case design.Warning:
			w++
		default:
			i++
		}
	}
	if p.validating {
		return "Problems  validating…"
	}
	if len(p.items) == 0 {
		return "Problems"
	}
	return fmt.Sprintf("Problems  %s%d %s%d %s%d", styles.GlyphError, e, styles.GlyphWarning, w, styles.GlyphInfo, i)
}

// HandleMsg handles a key while the pane has focus.
func (p *Problems) HandleMsg(msg tea.Msg) Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return Action{}
	}
	page := max(p.h-5, 1)
	switch {
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = min(p.cursor+1, max(len(p.items)-1, 0))
	case key.Matches(k, p.keys.PageUp):
		p.cursor = max(p.cursor-page, 0)
	case key.Matches(k, p.keys.PageDown):
		p.cursor = min(p.cursor+page, max(len(p.items)-1, 0))
	case key.Matches(k, p.keys.Top):
		p.cursor = 0
	case key.Matches(k, p.keys.Bottom):
		p.cursor = max(len(p.items)-1, 0)
	case key.Matches(k, p.keys.Jump):
		if it, ok := p.Selected(); ok {
			return Action{Kind: Jump, Ref: it.Ref}
		}
	case key.Matches(k, p.keys.Back):
		return Action{Kind: Blur}
	}
	return Action{}
}

// View draws the pane: one line per finding, and the selected finding's
// full message under the list.
func (p *Problems) View(focused bool) []string {
	st := p.st
	inner := p.w - 4
	if inner <= 0 {
		return nil
	}
	h := p.h - 2
	if len(p.items) == 0 {
		if p.validating {
			return Frame(st, p.Title(), []string{st.Dim.S("validating…")}, p.w, p.h, focused)
		}
		return Frame(st, p.Title(), []string{st.OK.S("✓ no problems")}, p.w, p.h, focused)
	}
	var detail []string
	if it, ok := p.Selected(); ok && h >= 6 {
		f := it.Finding
		detail = Wrap(safe.Text(f.Message)+" ["+safe.Text(f.Code)+"] at "+safe.Text(f.Path), inner)
		detail = detail[:min(len(detail), max(h/3, 2))]
	}
	listH := h
	if len(detail) > 0 {
		listH = h - len(detail) - 1
	}
	p.offset = scrollTo(p.offset, p.cursor, listH)
	var body []string
	for i := p.offset; i < len(p.items) && len(body) < listH; i++ {
		f := p.items[i].Finding
		sev := int(f.Severity)
		text := safe.Text(f.Message)
		line := safe.Truncate(styles.Glyph(sev)+" "+text, inner)
		if i == p.cursor && focused {
			body = append(body, st.Selected.S(safe.Pad(line, inner)))
		} else {
			glyph := st.Severity(sev).S(styles.Glyph(sev))
			body = append(body, glyph+" "+safe.Truncate(text, inner-2))
		}
	}
	if len(detail) > 0 {
		for len(body) < listH {
			body = append(body, "")
		}
		body = append(body, st.Border.S(repeat("─", inner)))
		for _, l := range detail {
			body = append(body, st.Dim.S(l))
		}
	}
	return Frame(st, p.Title(), body, p.w, p.h, focused)
}

func repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	out := make([]byte, 0, n*len(s))
	for range n {
		out = append(out, s...)
	}
	return string(out)
}
