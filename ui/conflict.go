package ui

import (
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// conflictModal asks what to do when a save found that the file changed
// on disk since it was read (another designer saved, a tool rewrote it,
// it was deleted): overwrite it, reload it (the edits stay in the undo
// history, one undo away), or save elsewhere. Nothing is written until the
// user chooses.
type conflictModal struct {
	err *design.ChangedError
	// elsewhere is the path prompt, once the user chose to save elsewhere.
	elsewhere *panes.Input
}

func (c *conflictModal) update(ctx *Model, msg tea.Msg) dialogResult {
	if c.elsewhere != nil {
		switch {
		case pressed(msg, ctx.dk.Cancel):
			c.elsewhere = nil
		case pressed(msg, ctx.dk.Confirm):
			path := strings.TrimSpace(c.elsewhere.Value())
			if path == "" {
				return dialogResult{}
			}
			// A file there is not overwritten either: NoFile makes the
			// save refuse, and this dialog asks again.
			return closeDialog(func(m *Model) tea.Cmd {
				v := design.NoFile
				return m.saveTo(path, &v)
			})
		default:
			c.elsewhere.Handle(msg)
		}
		return dialogResult{}
	}
	switch dk := ctx.dk; {
	case pressed(msg, dk.Overwrite):
		now := c.err.Now // what is on disk now is what the save replaces
		return closeDialog(func(m *Model) tea.Cmd { return m.saveTo(m.opts.Path, &now) })
	case pressed(msg, dk.Reload):
		return closeDialog((*Model).reload)
	case pressed(msg, dk.Elsewhere):
		in := &panes.Input{}
		in.SetValue(elsewherePath(ctx.opts.Path))
		c.elsewhere = in
	case pressed(msg, dk.KeepConflict):
		return closeDialog(func(m *Model) tea.Cmd {
			m.setStatus("not saved: "+m.fileName()+" changed on disk; ctrl+s asks again", true)
			return nil
		})
	case pressed(msg, dk.Interrupt):
		// In its place, not over it: a save from the quit dialog that
		// meets the conflict again opens a new one.
		return closeDialog((*Model).quit)
	}
	return dialogResult{}
}

// elsewherePath proposes a file beside path for the editor's version:
// net.yaml → net.mine.yaml.
func elsewherePath(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + ".mine" + ext
}

func (c *conflictModal) view(m *Model, w int) (string, []string) {
	what := "changed on disk since you opened it: another designer or a program wrote it."
	switch {
	case c.err.Deleted:
		what = "was deleted or moved since you opened it."
	case c.err.Created:
		what = "was created by someone else while you edited."
	}
	body := panes.Wrap(safe.Text(m.fileName())+" "+what+" Nothing was saved.", w)
	body = append(body, "")
	if c.elsewhere != nil {
		body = append(body, "save to  "+c.elsewhere.View(m.st, max(w-9, 4)), "")
		body = append(body, keyLines(m.st, w, "enter", "save", "esc", "back")...)
		return "Save elsewhere", body
	}
	opts := [][2]string{
		{"o", "overwrite with yours; their change is lost"},
		{"r", "reload it; your edits stay one undo (u) away"},
		{"e", "save elsewhere…"},
		{"esc", "keep editing, not saved"},
	}
	if c.err.Deleted {
		opts[0][1] = "write your design there again"
		opts[1][1] = "reload: not possible, the file is gone"
	}
	// Wrapped, not truncated: the end of a choice ("their change is lost")
	// is what the user must read before pressing its key.
	const indent = 5
	for _, o := range opts {
		for i, line := range panes.Wrap(o[1], max(w-indent, 8)) {
			head := strings.Repeat(" ", indent)
			if i == 0 {
				head = m.st.Key.S(o[0]) + strings.Repeat(" ", max(1, indent-len(o[0])))
			}
			body = append(body, safe.Truncate(head+line, w))
		}
	}
	title := " File changed on disk"
	if c.err.Deleted {
		title = " File gone from disk"
	}
	return styles.GlyphWarning + title, body
}

// reloadedMsg is the file read again for a reload.
type reloadedMsg struct {
	d       *design.Design
	data    []byte
	version design.Version
	err     error
}

// reload reads the file again, in a command.
func (m *Model) reload() tea.Cmd {
	path, lim := m.opts.Path, m.opts.Limits
	if lim.MaxBytes == 0 {
		lim = design.DefaultLimits()
	}
	m.setStatus("reloading "+m.fileName()+"…", false)
	return func() tea.Msg {
		d, data, v, err := design.Open(path, lim)
		return reloadedMsg{d: d, data: data, version: v, err: err}
	}
}

// onReloaded makes the file's design current as an edit, so that undo
// brings the user's edits back (and a save then overwrites knowingly,
// since the version is the reloaded file's).
func (m *Model) onReloaded(msg reloadedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus("not reloaded: "+msg.err.Error(), true)
		return nil
	}
	v := msg.version
	m.since, m.base = &v, v.String() // before apply, which journals with them
	cmd := m.apply("reload "+m.fileName()+" from disk", edit.Everything, func(d *design.Design) error {
		*d = *msg.d
		return nil
	}, nil)
	m.savedGen = m.gen
	m.setStatus("reloaded "+m.fileName()+" from disk; u brings your edits back", false)
	return cmd
}
