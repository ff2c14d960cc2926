package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
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
	// Not a template (vpcsmith templates and new --template do not know
	// it), so not named like one.
	p.items = append(p.items, pickerItem{name: emptyItem, desc: "An empty design: add VPCs with a.", load: func() (*design.Design, error) {
		return &design.Design{Version: design.FormatVersion, Name: emptyName, Region: edit.DefaultRegion}, nil
	}})
	for i, it := range p.items {
		if it.name == templates.Default {
			p.cursor = i
		}
	}
	return p
}

// update is the picker's part of a key: it moves its own cursor, and
// returns what the designer is to do (open the name prompt, quit) for the
// root to apply, as a dialog does (overlay.go): the picker is the screen
// beneath the dialog stack, not a dialog on it, but it changes the model
// no more than one.
func (p *picker) update(ctx *Model, msg tea.Msg) dialogResult {
	switch dk := ctx.dk; {
	case pressed(msg, dk.Up):
		p.cursor = max(p.cursor-1, 0)
	case pressed(msg, dk.Down):
		p.cursor = min(p.cursor+1, len(p.items)-1)
	case pressed(msg, dk.Top):
		p.cursor = 0
	case pressed(msg, dk.Bottom):
		p.cursor = len(p.items) - 1
	case pressed(msg, dk.Confirm):
		it := p.items[p.cursor]
		d, err := it.load()
		if err != nil {
			return over(func(m *Model) tea.Cmd {
				m.setStatus(err.Error(), true)
				return nil
			})
		}
		// The design is named before it starts: a template's name is the
		// template's, which the new design is not.
		np := &designNamePrompt{d: d, from: it.name}
		np.input.SetValue(defaultDesignName(d.Name, ctx.opts.Path))
		np.input.SelectAll()
		np.input.Limit = 200
		return over(func(m *Model) tea.Cmd {
			m.openDialog(np)
			return nil
		})
	case pressed(msg, dk.PickerQuit):
		return over(func(m *Model) tea.Cmd {
			m.quitting = true
			return tea.Quit
		})
	}
	return dialogResult{}
}

// emptyItem is the picker's entry for starting with nothing, and
// emptyName the empty design's name when the file gives none.
const (
	emptyItem = "(empty design)"
	emptyName = "new design"
)

// defaultDesignName proposes a new design's name: the template's (enter
// keeps the template as it is), else, for the empty design, the file's
// base name without its extension (shop.yaml: shop). It is selected, so a
// name typed replaces it.
func defaultDesignName(name, path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if name != "" && name != emptyName || path == "" || base == "" || base == "." {
		return name
	}
	return base
}

// designNamePrompt asks for the name of the design the picker starts.
type designNamePrompt struct {
	d     *design.Design
	from  string
	input panes.Input
}

func (np *designNamePrompt) check() error {
	if strings.TrimSpace(np.input.Value()) == "" {
		return fmt.Errorf("a design needs a name")
	}
	return nil
}

func (np *designNamePrompt) update(ctx *Model, msg tea.Msg) dialogResult {
	switch {
	case pressed(msg, ctx.dk.Cancel):
		return closeDialog(nil) // back to the picker
	case pressed(msg, ctx.dk.Interrupt):
		return closeDialog(func(m *Model) tea.Cmd {
			m.quitting = true
			return tea.Quit
		})
	case pressed(msg, ctx.dk.Confirm):
		if np.check() != nil {
			return dialogResult{}
		}
		return closeDialog(np.start)
	}
	np.input.Handle(msg)
	return dialogResult{}
}

// start starts the designer on the named design.
func (np *designNamePrompt) start(m *Model) tea.Cmd {
	d := np.d
	d.Name = strings.TrimSpace(np.input.Value())
	m.picker = nil
	m.setDesign(d)
	m.savedGen = 0 // not on disk yet
	m.resized()
	m.setStatus(fmt.Sprintf("started %s from %s: ctrl+s creates %s", d.Name, np.from, m.fileName()), false)
	return tea.Batch(m.costCmd(), m.journalCmd(), m.validateCmd())
}

func (np *designNamePrompt) view(m *Model, w int) (string, []string) {
	body := []string{"name  " + np.input.View(m.st, max(w-6, 4))}
	if err := np.check(); err != nil {
		body = append(body, m.st.Error.S(safe.Truncate(styles.GlyphError+" "+err.Error(), w)))
	} else {
		body = append(body, m.st.OK.S("✓"))
	}
	body = append(body, "")
	body = append(body, keyLines(m.st, w, "enter", "start", "esc", "back to the templates")...)
	return "Name the new design", body
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
