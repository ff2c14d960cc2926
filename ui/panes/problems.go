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
	st   *styles.Styles
	w, h int
	// The findings and the element each marks, as the designer has them
	// (never changed: see SetProblems), and the order they are listed in,
	// worst first, as indices into them.
	findings []design.Finding
	refs     []edit.Ref
	order    []int
	cursor   int
	offset   int
	// detailOff is the first line of the selected finding's detail shown,
	// when the detail is longer than its room (J/K scroll it).
	detailOff int
	keys      ListKeys
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
	return &Problems{st: st, keys: DefaultProblemsKeys()}
}

// SetStyles changes the styles.
func (p *Problems) SetStyles(st *styles.Styles) { p.st = st }

// SetSize sets the pane's outer size.
func (p *Problems) SetSize(w, h int) { p.w, p.h = w, h }

// Keys returns the pane's bindings.
func (p *Problems) Keys() ListKeys { return p.keys }

// SetProblems replaces the list with findings and the element each marks
// (refs, parallel), keeping the cursor on the same finding (code and path)
// when it is still there. The pane keeps both slices, which neither it
// nor the caller may change: at organisation scale the list has thousands
// of findings, and an edit that moves VPCs gives the same findings with
// other refs, which then costs nothing here (the same findings keep their
// order and the cursor).
func (p *Problems) SetProblems(findings []design.Finding, refs []edit.Ref) {
	if sameFindings(findings, p.findings) {
		p.refs = refs
		return
	}
	cur, had := p.Selected()
	// The first list is no news; after it, a finding that was not there
	// before is what the last edit caused.
	var seen map[findingKey]bool
	if p.findings != nil {
		seen = make(map[findingKey]bool, len(p.findings))
		for i := range p.findings {
			seen[keyOf(&p.findings[i])] = true
		}
	}
	p.findings, p.refs = findings, refs
	p.detailOff = 0
	p.order = make([]int, len(findings))
	for i := range p.order {
		p.order[i] = i
	}
	slices.SortStableFunc(p.order, func(a, b int) int { return cmp.Compare(findings[b].Severity, findings[a].Severity) })
	p.cursor = min(p.cursor, max(len(p.order)-1, 0))
	// A new error takes the selection, so the detail under the list
	// explains what the edit just broke instead of staying on an old
	// warning while the error appears at the top.
	if seen != nil {
		for i, fi := range p.order {
			f := &findings[fi]
			if f.Severity != design.Error {
				break // errors come first
			}
			if !seen[keyOf(f)] {
				p.cursor = i
				return
			}
		}
	}
	if had {
		for i, fi := range p.order {
			if f := &findings[fi]; f.Code == cur.Finding.Code && f.Path == cur.Finding.Path {
				p.cursor = i
				break
			}
		}
	}
}

// findingKey identifies a finding across validations: its message may
// change (a free block it suggests), its code and element do not.
type findingKey struct{ code, path string }

func keyOf(f *design.Finding) findingKey { return findingKey{f.Code, f.Path} }

// sameFindings reports whether a and b are the same slice.
func sameFindings(a, b []design.Finding) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// item returns the finding listed at i.
func (p *Problems) item(i int) Problem {
	return Problem{Finding: p.findings[p.order[i]], Ref: p.refs[p.order[i]]}
}

// SetValidating says whether the current design is being validated (the
// list shown is the last result, of an earlier state).
func (p *Problems) SetValidating(v bool) { p.validating = v }

// Items returns the findings in display order.
func (p *Problems) Items() []Problem {
	out := make([]Problem, len(p.order))
	for i := range out {
		out[i] = p.item(i)
	}
	return out
}

// Selected returns the finding under the cursor.
func (p *Problems) Selected() (Problem, bool) {
	if p.cursor < len(p.order) {
		return p.item(p.cursor), true
	}
	return Problem{}, false
}

// Title is the pane title with the counts.
func (p *Problems) Title() string {
	var e, w, i int
	for _, f := range p.findings {
		switch f.Severity {
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
	if len(p.findings) == 0 {
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
	prev := p.cursor
	defer func() {
		if p.cursor != prev {
			p.detailOff = 0
		}
	}()
	switch {
	case key.Matches(k, p.keys.DetailDown):
		p.detailOff++ // bounded by View, which knows the detail's length
	case key.Matches(k, p.keys.DetailUp):
		p.detailOff = max(p.detailOff-1, 0)
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = min(p.cursor+1, max(len(p.order)-1, 0))
	case key.Matches(k, p.keys.PageUp):
		p.cursor = max(p.cursor-page, 0)
	case key.Matches(k, p.keys.PageDown):
		p.cursor = min(p.cursor+page, max(len(p.order)-1, 0))
	case key.Matches(k, p.keys.Top):
		p.cursor = 0
	case key.Matches(k, p.keys.Bottom):
		p.cursor = max(len(p.order)-1, 0)
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
	if len(p.order) == 0 {
		if p.validating {
			return Frame(st, p.Title(), []string{st.Dim.S("validating…")}, p.w, p.h, focused)
		}
		return Frame(st, p.Title(), []string{st.OK.S("✓ no problems")}, p.w, p.h, focused)
	}
	var detail []string
	sep := st.Border.S(repeat("─", inner))
	if it, ok := p.Selected(); ok && h >= 6 {
		f := it.Finding
		full := Wrap(safe.Text(f.Message)+" ["+safe.Text(f.Code)+"] at "+safe.Text(f.Path), inner)
		// The detail gets a third of the pane, or what a short list
		// leaves free; longer, it scrolls, and the rule above it says so.
		room := max(h/3, 2, min(len(full), h-1-len(p.order)))
		p.detailOff = min(p.detailOff, max(len(full)-room, 0))
		detail = full[p.detailOff:min(len(full), p.detailOff+room)]
		if len(full) > room {
			hint := safe.Truncate(fmt.Sprintf(" %d–%d of %d lines · %s/%s scroll ", p.detailOff+1, p.detailOff+len(detail), len(full),
				p.keys.DetailDown.Help().Key, p.keys.DetailUp.Help().Key), inner-1)
			sep = st.Border.S("─") + st.Dim.S(hint) + st.Border.S(repeat("─", inner-1-safe.Width(hint)))
		}
	}
	listH := h
	if len(detail) > 0 {
		listH = h - len(detail) - 1
	}
	p.offset = scrollTo(p.offset, p.cursor, listH)
	var body []string
	for i := p.offset; i < len(p.order) && len(body) < listH; i++ {
		f := &p.findings[p.order[i]]
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
		body = append(body, sep)
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

// Keymap lists the keys the pane answers to.
func (p *Problems) Keymap() []key.Binding { return p.keys.All() }
