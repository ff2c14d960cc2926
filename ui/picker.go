package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// picker is the first screen for a file that does not exist yet: the
// built-in templates (with a preview of the highlighted one) and an empty
// design. The file is created on the first save.
type picker struct {
	items   []pickerItem
	cursor  int
	preview map[int]*diagram.Doc
}

type pickerItem struct {
	name, desc string
	load       func() (*design.Design, error)
}

func newPicker(m *Model) *picker {
	p := &picker{preview: map[int]*diagram.Doc{}}
	for _, t := range templates.List() {
		name := t.Name
		p.items = append(p.items, pickerItem{name: t.Name, desc: t.Description, load: func() (*design.Design, error) { return templates.Load(name) }})
	}
	p.items = append(p.items, pickerItem{name: "empty", desc: "An empty design: add VPCs with a.", load: func() (*design.Design, error) {
		return &design.Design{Version: design.FormatVersion, Name: "new design", Region: edit.DefaultRegion}, nil
	}})
	for i, it := range p.items {
		if it.name == templates.Default {
			p.cursor = i
		}
	}
	return p
}

func (p *picker) handle(m *Model, msg tea.Msg) tea.Cmd {
	switch keyOf(msg) {
	case "up", "k":
		p.cursor = max(p.cursor-1, 0)
	case "down", "j":
		p.cursor = min(p.cursor+1, len(p.items)-1)
	case "home", "g":
		p.cursor = 0
	case "end", "G":
		p.cursor = len(p.items) - 1
	case "enter":
		it := p.items[p.cursor]
		d, err := it.load()
		if err != nil {
			m.setStatus(err.Error(), true)
			return nil
		}
		m.picker = nil
		m.setDesign(d)
		m.savedGen = 0 // not on disk yet
		m.resized()
		m.setStatus(fmt.Sprintf("started from %s: ctrl+s creates %s", it.name, m.fileName()), false)
		return tea.Batch(m.costCmd(), m.journalCmd(), m.validateCmd())
	case "q", "esc", "ctrl+c":
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (p *picker) view(m *Model, w, h int) []string {
	st := m.st
	out := make([]string, 0, h)
	out = append(out, "", " "+st.Title.S(safe.Truncate(safe.Text(m.opts.Path)+" does not exist yet.", w-2)),
		" "+st.Dim.S("Start from a template; the file is written on the first save (ctrl+s)."), "")
	listW := 0
	for _, it := range p.items {
		listW = max(listW, safe.Width(it.name)+4)
	}
	listW = min(listW, 30)
	var left []string
	for i, it := range p.items {
		line := safe.Pad("  "+safe.Text(it.name), listW)
		if i == p.cursor {
			line = st.Selected.S(safe.Pad("▸ "+safe.Text(it.name), listW))
		}
		left = append(left, line)
	}
	// The preview: the highlighted design's diagram (its title line holds
	// the description).
	pw := w - listW - 5
	var right []string
	if doc := p.doc(p.cursor, pw); doc != nil && pw > 10 {
		right = append(right, doc.Render(st, edit.Ref{}, 0, 0, pw, max(h-len(out)-2, 0))...)
	}
	for i := 0; len(out) < h; i++ {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		if i >= len(left) && i >= len(right) {
			out = append(out, "")
			continue
		}
		out = append(out, " "+fitLine(l, listW)+" "+st.Border.S("│")+"  "+r)
	}
	return out
}

// doc lays out the preview of item i (once per item and width).
func (p *picker) doc(i, w int) *diagram.Doc {
	if d, ok := p.preview[i]; ok {
		return d
	}
	d, err := p.items[i].load()
	if err != nil {
		p.preview[i] = nil
		return nil
	}
	l := design.Resolve(d)
	doc := diagram.Build(diagram.Input{Design: d, Layout: l, Width: w})
	p.preview[i] = doc
	return doc
}
