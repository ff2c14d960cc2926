package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// savedMsg reports a save of the state of generation gen.
type savedMsg struct {
	gen uint64
	err error
}

// journalMsg reports a failed journal write (successes are silent).
type journalMsg struct{ err error }

// save writes the current design to its file, atomically, in a command.
func (m *Model) save() tea.Cmd {
	if m.opts.Path == "" {
		m.setStatus("no file to save to", true)
		return nil
	}
	if m.saving {
		m.setStatus("already saving…", false)
		return nil
	}
	m.saving = true
	m.setStatus("saving "+m.fileName()+"…", false)
	d, gen, path := m.d, m.gen, m.opts.Path
	return func() tea.Msg {
		return savedMsg{gen: gen, err: design.Save(path, d)}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.quitAfterSave = false
		m.setStatus("not saved: "+msg.err.Error(), true)
		return nil
	}
	m.savedGen = msg.gen
	m.setStatus("saved "+m.fileName(), false)
	var cmds []tea.Cmd
	if m.gen == msg.gen {
		cmds = append(cmds, m.removeJournalCmd())
	}
	if m.quitAfterSave {
		if m.Dirty() {
			// Edits arrived while saving: save them too before quitting.
			return tea.Batch(append(cmds, m.save())...)
		}
		m.quitting = true
		return tea.Sequence(tea.Batch(cmds...), tea.Quit)
	}
	if m.gen != msg.gen {
		// The file holds an older state than the editor: keep recording.
		return tea.Batch(m.journalCmd())
	}
	return tea.Batch(cmds...)
}

// journalCmd records the current state in the recovery journal (or drops
// the entry when the state is the saved one). Journal operations carry a
// sequence number of their own, since commands may finish out of order.
func (m *Model) journalCmd() tea.Cmd {
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" {
		return nil
	}
	if !m.Dirty() {
		return m.removeJournalCmd()
	}
	m.journalSeq++
	d, seq, path, base, now := m.d, m.journalSeq, m.opts.Path, m.base, m.opts.Now()
	return func() tea.Msg {
		if err := j.Write(path, seq, base, design.Marshal(d), now); err != nil {
			return journalMsg{err}
		}
		return nil
	}
}

// removeJournalCmd drops the journal entry (the state is saved, or the
// user discarded the edits).
func (m *Model) removeJournalCmd() tea.Cmd {
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" {
		return nil
	}
	m.journalSeq++
	path, seq := m.opts.Path, m.journalSeq
	return func() tea.Msg {
		if err := j.Remove(path, seq); err != nil {
			return journalMsg{err}
		}
		return nil
	}
}

// discardJournal drops the journal entry found at start.
func (m *Model) discardJournal() tea.Cmd {
	m.setStatus("discarded the unsaved edits", false)
	return m.removeJournalCmd()
}

// quit quits, asking first when there are unsaved changes.
func (m *Model) quit() tea.Cmd {
	if m.Dirty() {
		m.modal = quitModal{}
		return nil
	}
	m.quitting = true
	// Saved: the journal entry goes before the program ends. The removal a
	// save started runs in its own command, which tea.Quit does not wait
	// for, so a quick quit after a save could leave the entry behind.
	return tea.Sequence(m.removeJournalCmd(), tea.Quit)
}

// discardAndQuit quits without saving; the journal entry goes too, since
// the user chose to lose the edits.
func (m *Model) discardAndQuit() tea.Cmd {
	m.quitting = true
	return tea.Sequence(m.removeJournalCmd(), tea.Quit)
}

// exportedMsg reports an export written to paths.
type exportedMsg struct {
	name  string
	paths []string
	err   error
}

// exportPath is where an export of the design file goes: beside it, with
// the exporter's extension instead of .yaml.
func (m *Model) exportPath(ext string) string {
	p := m.opts.Path
	if p == "" {
		p = "design.yaml"
	}
	base := strings.TrimSuffix(strings.TrimSuffix(p, ".yaml"), ".yml")
	return base + ext
}

func (m *Model) openExport() tea.Cmd {
	if len(m.opts.Exporters) == 0 {
		m.setStatus("no exporters in this build", true)
		return nil
	}
	m.modal = &exportModal{}
	return nil
}

// exportModal picks an exporter.
type exportModal struct{}

func (exportModal) handle(m *Model, msg tea.Msg) tea.Cmd {
	k := keyOf(msg)
	switch k {
	case "esc", "q":
		m.modal = nil
		return nil
	case "ctrl+c":
		m.modal = nil
		return m.quit()
	}
	for i, e := range m.opts.Exporters {
		if k == fmt.Sprint(i+1) {
			m.modal = nil
			m.setStatus("exporting "+e.Name+"…", false)
			d, exp := m.d, e
			pathOf := m.exportPath
			return func() (msg tea.Msg) {
				defer func() {
					if r := recover(); r != nil {
						msg = exportedMsg{name: exp.Name, err: fmt.Errorf("the exporter failed: %v", r)}
					}
				}()
				files, err := exp.Export(d)
				var paths []string
				for _, f := range files {
					if err != nil {
						break
					}
					p := pathOf(f.Suffix)
					err = design.WriteFileAtomic(p, f.Data, 0o644)
					paths = append(paths, p)
				}
				return exportedMsg{name: exp.Name, paths: paths, err: err}
			}
		}
	}
	return nil
}

func (exportModal) view(m *Model, w int) (string, []string) {
	var body []string
	for i, e := range m.opts.Exporters {
		line := m.st.Key.S(fmt.Sprint(i+1)) + "  " + safe.Text(e.Name) + m.st.Dim.S(" → "+safe.Text(filepath.Base(m.exportPath(e.Hint))))
		body = append(body, safe.Truncate(line, w))
	}
	body = append(body, "", m.st.Dim.S(safe.Truncate("written beside the design file, atomically · esc cancel", w)))
	return "Export", body
}

func (m *Model) onExported(msg exportedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus(msg.name+" export failed: "+msg.err.Error(), true)
		return nil
	}
	m.setStatus(fmt.Sprintf("%s written: %s", msg.name, strings.Join(msg.paths, ", ")), false)
	return nil
}
