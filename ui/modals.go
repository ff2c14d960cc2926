package ui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// bindingPairs lists each binding's help key and description, for keyLines.
func bindingPairs(bs []key.Binding) []string {
	pairs := make([]string, 0, 2*len(bs))
	for _, b := range bs {
		pairs = append(pairs, b.Help().Key, b.Help().Desc)
	}
	return pairs
}

// keyLine lists keys and what they do on one line (a footer's).
func keyLine(st *styles.Styles, pairs ...string) string {
	return strings.Join(keyLines(st, math.MaxInt, pairs...), "")
}

// keyLines is keyLine for a dialog w cells wide: a key and what it does
// are never cut apart or cut off; what does not fit goes on the next line
// (issue 15: the recovery dialog's "q quit, decide later" was cut at 80×24).
func keyLines(st *styles.Styles, w int, pairs ...string) []string {
	var out []string
	line, lineW := "", 0
	for i := 0; i+1 < len(pairs); i += 2 {
		partW := safe.Width(pairs[i]) + 1 + safe.Width(pairs[i+1])
		part := st.Key.S(pairs[i]) + " " + pairs[i+1]
		if lineW > 0 && lineW+3+partW > w {
			out = append(out, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += "   "
			lineW += 3
		}
		line += part
		lineW += partW
	}
	if lineW > 0 {
		out = append(out, line)
	}
	return out
}

// bindingLines is keyLines of bindings.
func bindingLines(st *styles.Styles, w int, bs ...key.Binding) []string {
	return keyLines(st, w, bindingPairs(bs)...)
}

// confirmModal asks yes or no.
type confirmModal struct {
	title, detail string
	yes           func(m *Model) tea.Cmd
}

func (c *confirmModal) update(ctx *Model, msg tea.Msg) dialogResult {
	switch dk := ctx.dk; {
	case pressed(msg, dk.Yes):
		return closeDialog(c.yes)
	case pressed(msg, dk.No):
		return closeDialog(nil)
	case pressed(msg, dk.Interrupt):
		// The quit dialog goes over this one: keep editing comes back here.
		return over((*Model).quit)
	}
	return dialogResult{}
}

func (c *confirmModal) view(m *Model, w int) (string, []string) {
	var body []string
	if c.detail != "" {
		body = append(body, panes.Wrap(safe.Text(c.detail), w)...)
		body = append(body, "")
	}
	body = append(body, bindingLines(m.st, w, m.dk.Yes, m.dk.No)...)
	return safe.Text(c.title), body
}

// quitModal asks what to do with unsaved changes.
type quitModal struct{}

func (quitModal) update(ctx *Model, msg tea.Msg) dialogResult {
	switch dk := ctx.dk; {
	case pressed(msg, dk.SaveQuit):
		return closeDialog(func(m *Model) tea.Cmd {
			m.quitAfterSave = true
			return m.save()
		})
	case pressed(msg, dk.DiscardQuit):
		return closeDialog((*Model).discardAndQuit)
	case pressed(msg, dk.KeepEditing):
		return closeDialog(nil) // back to the dialog beneath, if any
	case pressed(msg, dk.Interrupt):
		// A second ctrl+c is an emphatic request: still keep the edits, in
		// the journal, where the next start offers them.
		return closeDialog((*Model).keepAndQuit)
	}
	return dialogResult{}
}

func (quitModal) view(m *Model, w int) (string, []string) {
	body := panes.Wrap(fmt.Sprintf("%s has unsaved changes.", safe.Text(m.fileName())), w)
	body = append(body, "")
	for _, b := range []key.Binding{m.dk.SaveQuit, m.dk.DiscardQuit, m.dk.KeepEditing} {
		body = append(body, m.st.Key.S(safe.Pad(b.Help().Key, 8))+b.Help().Desc)
	}
	if m.opts.Journal != nil {
		// Wrapped under its own indent, not cut: the line is the one
		// that says the edits are kept (issue 15: it was cut at 80×24).
		for i, l := range panes.Wrap("quit, keeping the changes for recovery at the next start", w-8) {
			k := "        "
			if i == 0 {
				k = m.st.Key.S(safe.Pad(m.dk.Interrupt.Help().Key, 8))
			}
			body = append(body, k+l)
		}
	}
	return "Quit vpcsmith?", body
}

// addMenu picks what to add, given the selection.
type addMenu struct {
	options []addOption
}

type addOption struct {
	key, label string
	run        func(m *Model) tea.Cmd
}

func newAddMenu(m *Model) *addMenu {
	a := &addMenu{}
	vi := m.vpcOf()
	a.options = append(a.options, addOption{"v", "VPC", func(m *Model) tea.Cmd { return m.promptAdd("VPC", "vpc", edit.VPCNames(m.d, -1), addVPC(vi)) }})
	if vi >= 0 {
		v := &m.d.VPCs[vi]
		after := len(v.Tiers) - 1
		if m.sel.Kind == edit.Tier || m.sel.Kind == edit.Subnet {
			after = m.sel.T
		}
		a.options = append(a.options, addOption{"t", "tier in VPC " + v.Name, func(m *Model) tea.Cmd {
			return m.promptAdd("tier", "tier", edit.TierNames(&m.d.VPCs[vi], -1), addTier(vi, after))
		}})
		tier := ""
		if m.sel.Kind == edit.Tier || m.sel.Kind == edit.Subnet {
			tier = v.Tiers[m.sel.T].Name
		} else if len(v.Tiers) > 0 {
			tier = v.Tiers[0].Name
		}
		a.options = append(a.options, addOption{"s", "security group in VPC " + v.Name, func(m *Model) tea.Cmd {
			return m.promptAdd("security group", "sg", edit.SGNames(&m.d.VPCs[vi], -1), addSG(vi, tier))
		}})
		if m.sel.Kind == edit.SG {
			gi := m.sel.G
			a.options = append(a.options, addOption{"r", "inbound rule to group " + v.SecurityGroups[gi].Name, func(m *Model) tea.Cmd {
				m.showPane(focusInspector)
				m.inspector.StartEdit("ingress+")
				return nil
			}})
		}
	}
	for i, k := range design.ConnectionKinds {
		letter := []string{"p", "g", "l", "n"}[i]
		a.options = append(a.options, addOption{letter, "connection: " + string(k), func(m *Model) tea.Cmd {
			return m.promptAdd(string(k)+" connection", string(k), edit.ConnNames(m.d, -1), addConn(k))
		}})
	}
	a.options = append(a.options, addOption{"o", "network outside AWS (on-premises, partner)", func(m *Model) tea.Cmd {
		return m.promptAdd("network", "network", edit.NetworkNames(m.d, -1), addNetwork)
	}})
	return a
}

func (a *addMenu) update(ctx *Model, msg tea.Msg) dialogResult {
	switch {
	case pressed(msg, ctx.dk.Close):
		return closeDialog(nil)
	case pressed(msg, ctx.dk.Interrupt):
		return over((*Model).quit)
	}
	for _, o := range a.options {
		if pressed(msg, letterKey(o.key)) {
			// The option's name prompt takes the menu's place.
			return closeDialog(o.run)
		}
	}
	return dialogResult{}
}

func (a *addMenu) view(m *Model, w int) (string, []string) {
	var body []string
	for _, o := range a.options {
		body = append(body, safe.Truncate(m.st.Key.S(o.key)+"  "+safe.Text(o.label), w))
	}
	body = append(body, "", m.st.Dim.S("esc cancel"))
	return "Add", body
}

// adder makes an add edit for a typed name in the current design cur: its
// scope, the edit, and what to select after.
type adder func(cur *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref)

func addVPC(after int) adder {
	return func(cur *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref) {
		// The VPCs after it move down a place, unchanged.
		at := edit.InsertIndex(len(cur.VPCs), after)
		return edit.InsertVPC(at), func(d *design.Design) (err error) { _, err = edit.AddVPC(d, after, name); return },
			func(*design.Design) edit.Ref { return edit.Ref{Kind: edit.VPC, V: at} }
	}
}

func addTier(vi, after int) adder {
	return func(_ *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref) {
		var at int
		return edit.InVPC(vi), func(d *design.Design) (err error) { at, err = edit.AddTier(d, vi, after, name); return },
			func(*design.Design) edit.Ref { return edit.Ref{Kind: edit.Tier, V: vi, T: at} }
	}
}

func addSG(vi int, tier string) adder {
	return func(_ *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref) {
		var at int
		return edit.InVPC(vi), func(d *design.Design) (err error) { at, err = edit.AddSG(d, vi, -1, name, tier); return },
			func(*design.Design) edit.Ref { return edit.Ref{Kind: edit.SG, V: vi, G: at} }
	}
}

func addConn(kind design.ConnectionKind) adder {
	return func(_ *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref) {
		var at int
		return edit.OutsideVPCs(), func(d *design.Design) (err error) { at, err = edit.AddConnection(d, name, kind); return },
			func(*design.Design) edit.Ref { return edit.Ref{Kind: edit.Conn, I: at} }
	}
}

func addNetwork(_ *design.Design, name string) (edit.Scope, func(d *design.Design) error, func(d *design.Design) edit.Ref) {
	var at int
	return edit.OutsideVPCs(), func(d *design.Design) (err error) { at, err = edit.AddNetwork(d, name); return },
		func(*design.Design) edit.Ref { return edit.Ref{Kind: edit.Network, I: at} }
}

// promptAdd asks for the new element's name, then adds it and opens it in
// the inspector.
func (m *Model) promptAdd(what, base string, taken []string, add adder) tea.Cmd {
	p := &namePrompt{what: what, taken: taken, add: add}
	p.input.SetValue(edit.UniqueName(base, taken))
	p.input.SelectAll() // the name typed replaces the proposed one
	p.input.Limit = edit.MaxNameLen
	m.openDialog(p)
	return nil
}

// namePrompt asks for a name, checking it as it is typed.
type namePrompt struct {
	what  string
	taken []string
	input panes.Input
	add   adder
}

func (p *namePrompt) update(ctx *Model, msg tea.Msg) dialogResult {
	switch {
	case pressed(msg, ctx.dk.Cancel):
		return closeDialog(nil)
	case pressed(msg, ctx.dk.Interrupt):
		return over((*Model).quit)
	case pressed(msg, ctx.dk.Confirm):
		name := strings.TrimSpace(p.input.Value())
		if edit.CheckName(p.what, name, p.taken) != nil {
			return dialogResult{}
		}
		return closeDialog(func(m *Model) tea.Cmd {
			scope, fn, sel := p.add(m.d, name)
			cmd := m.apply("add "+p.what+" "+name, scope, fn, sel)
			m.showPane(focusInspector)
			return cmd
		})
	}
	p.input.Handle(msg)
	return dialogResult{}
}

func (p *namePrompt) view(m *Model, w int) (string, []string) {
	body := []string{"name  " + p.input.View(m.st, max(w-6, 4))}
	if err := edit.CheckName(p.what, strings.TrimSpace(p.input.Value()), p.taken); err != nil {
		body = append(body, m.st.Error.S(safe.Truncate(styles.GlyphError+" "+safe.Text(err.Error()), w)))
	} else {
		body = append(body, m.st.OK.S("✓"))
	}
	body = append(body, "")
	body = append(body, keyLines(m.st, w, "enter", "add", "esc", "cancel")...)
	return "New " + p.what, body
}

// recoverModal offers the journal's unsaved edits at start.
type recoverModal struct {
	rec *Recovery
}

func (r *recoverModal) update(ctx *Model, msg tea.Msg) dialogResult {
	switch dk := ctx.dk; {
	case pressed(msg, dk.Restore):
		return closeDialog(func(m *Model) tea.Cmd {
			m.picker = nil
			return m.recover(r.rec)
		})
	case pressed(msg, dk.DiscardLog):
		return closeDialog((*Model).discardJournal)
	case pressed(msg, dk.Later):
		// Leave the journal for another time.
		return closeDialog(func(m *Model) tea.Cmd {
			m.quitting = true
			return tea.Quit
		})
	}
	return dialogResult{}
}

func (r *recoverModal) view(m *Model, w int) (string, []string) {
	when := r.rec.Entry.SavedAt.Local().Format("2006-01-02 15:04:05")
	text := fmt.Sprintf("vpcsmith found edits to %s that were not saved (last edit %s): the designer was killed, or crashed.", safe.Text(m.fileName()), when)
	if r.rec.Entry.Kept {
		text = fmt.Sprintf("You quit keeping edits to %s that were not saved (last edit %s).", safe.Text(m.fileName()), when)
	}
	body := panes.Wrap(text, w)
	if r.rec.Changed {
		body = append(body, "")
		for _, l := range panes.Wrap("The file changed on disk since those edits began: restoring them replaces it when you save.", w) {
			body = append(body, m.st.Warning.S(l))
		}
	}
	body = append(body, "")
	body = append(body, bindingLines(m.st, w, m.dk.Restore, m.dk.DiscardLog, m.dk.Later)...)
	return "Recover unsaved edits?", body
}

// recover makes the journal's design current, on top of the file's: undo
// goes back to the file.
func (m *Model) recover(rec *Recovery) tea.Cmd {
	label := "recover unsaved edits"
	return m.apply(label, edit.Everything, func(d *design.Design) error {
		*d = *rec.Design.Clone()
		return nil
	}, func(d *design.Design) edit.Ref { return m.sel })
}
