package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/journal"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// savedMsg reports a save of the state of generation gen to path.
type savedMsg struct {
	gen     uint64
	path    string
	version design.Version // of what the save wrote
	err     error
	// journalErr: the journal's log did not start afresh.
	journalErr error
}

// journalMsg reports a failed journal write (successes are silent).
type journalMsg struct{ err error }

// save writes the current design to its file, atomically, in a command.
func (m *Model) save() tea.Cmd {
	if m.opts.Path == "" {
		m.setStatus("no file to save to", true)
		return nil
	}
	return m.saveTo(m.opts.Path, m.since)
}

// saveTo writes the current design to path, refusing when the file is not
// since (nil: not checked). The journal's log starts afresh from what was
// saved, so that the next edit appends to it.
func (m *Model) saveTo(path string, since *design.Version) tea.Cmd {
	if m.saving {
		m.setStatus("already saving…", false)
		return nil
	}
	m.saving = true
	m.setStatus("saving "+filepath.Base(path)+"…", false)
	d, gen, base, now := m.d, m.gen, m.base, m.opts.Now()
	j, seq := m.opts.Journal, m.nextJournalSeq()
	m.chainGen = gen
	return func() tea.Msg {
		data := design.Marshal(d)
		var err, jerr error
		if since == nil {
			err = design.WriteFileAtomic(path, data, 0o644)
		} else {
			err = design.WriteFileChecked(path, data, 0o644, *since)
		}
		v := design.VersionOf(data)
		if j != nil {
			if err == nil {
				base = v.String()
			}
			// Also after a failure: the log must hold this state, since
			// the edits after it are recorded as changes to it.
			jerr = j.Reset(path, seq, base, data, now)
		}
		return savedMsg{gen: gen, path: path, version: v, err: err, journalErr: jerr}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	var changed *design.ChangedError
	if errors.As(msg.err, &changed) {
		// Never "saved": the file on disk is someone else's now. Ask.
		m.quitAfterSave = false
		m.openDialog(&conflictModal{err: changed})
		m.setStatus("not saved: "+filepath.Base(msg.path)+" changed on disk", true)
		return nil
	}
	if msg.err != nil {
		m.quitAfterSave = false
		m.setStatus("not saved: "+msg.err.Error(), true)
		return nil
	}
	var cmds []tea.Cmd
	if msg.path != m.opts.Path {
		// Saved elsewhere: that file is the one being edited now.
		cmds = append(cmds, m.removeJournalCmd())
		m.opts.Path = msg.path
	}
	m.savedGen = msg.gen
	v := msg.version
	m.since, m.base = &v, v.String()
	m.setStatus("saved "+m.fileName(), false)
	if msg.journalErr != nil {
		m.setStatus("saved "+m.fileName()+"; "+msg.journalErr.Error(), true)
	}
	if m.quitAfterSave {
		if m.Dirty() {
			// Edits arrived while saving: save them too before quitting.
			return tea.Batch(append(cmds, m.save())...)
		}
		m.quitting = true
		return tea.Sequence(tea.Batch(append(cmds, m.removeJournalCmd())...), tea.Quit)
	}
	return tea.Batch(cmds...)
}

// nextJournalSeq numbers a journal operation (0 without a journal).
func (m *Model) nextJournalSeq() uint64 {
	if m.opts.Journal == nil {
		return 0
	}
	return m.opts.Journal.Seq()
}

// startJournalCmd starts the journal's log from the file as loaded, before
// any edit, so that the first edit only appends (writing the base of a
// large design takes longer than a frame).
func (m *Model) startJournalCmd() tea.Cmd {
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" || m.opts.Base == nil || m.Dirty() {
		return nil
	}
	seq, path, base, data, now := m.nextJournalSeq(), m.opts.Path, m.base, m.opts.Base, m.opts.Now()
	m.chainGen = m.gen
	return func() tea.Msg {
		if err := j.Reset(path, seq, base, data, now); err != nil {
			return journalMsg{err}
		}
		return nil
	}
}

// journalCmd records the current state in the recovery journal as a whole
// design: after a change that is not one edit of the state before it.
func (m *Model) journalCmd() tea.Cmd { return m.journalEdit(0, edit.Everything) }

// journalEdit records the change from the state of generation prev to the
// current one, whose scope is scope. When the log holds prev, only what
// scope reaches is written, appended: the same few kilobytes at any
// design size. Otherwise the log starts afresh from the whole design.
func (m *Model) journalEdit(prev uint64, scope edit.Scope) tea.Cmd {
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" {
		return nil
	}
	d, path, base, now := m.d, m.opts.Path, m.base, m.opts.Now()
	seq := m.nextJournalSeq()
	incremental := prev != 0 && prev == m.chainGen && !scope.All()
	m.chainGen = m.gen
	if incremental {
		return func() tea.Msg {
			if err := j.Append(path, seq, journalDiff(d, scope), now); err != nil {
				return journalMsg{err}
			}
			return nil
		}
	}
	return func() tea.Msg {
		if err := j.Reset(path, seq, base, design.Marshal(d), now); err != nil {
			return journalMsg{err}
		}
		return nil
	}
}

// journalDiff is the journal's record of an edit of scope that made d:
// the VPCs it reached, and the rest of the design if it reached that.
func journalDiff(d *design.Design, scope edit.Scope) journal.Diff {
	at, delta := scope.Place()
	part := *d // shares everything; Marshal only reads
	part.VPCs = make([]design.VPC, 0, len(scope.VPCs()))
	for _, i := range scope.VPCs() {
		part.VPCs = append(part.VPCs, d.VPCs[i])
	}
	if !scope.Outside() {
		part.Networks, part.Connections = nil, nil
	}
	return journal.Diff{At: at, Delta: delta, Set: scope.VPCs(), Rest: scope.Outside(), YAML: design.Marshal(&part)}
}

// removeJournalCmd drops the journal entry (a clean quit, or the user
// discarded the edits).
func (m *Model) removeJournalCmd() tea.Cmd {
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" {
		return nil
	}
	path, seq := m.opts.Path, m.nextJournalSeq()
	m.chainGen = 0
	return func() tea.Msg {
		if err := j.Remove(path, seq); err != nil {
			return journalMsg{err}
		}
		return nil
	}
}

// discardJournal drops the journal entry found at start: the log starts
// again from the file.
func (m *Model) discardJournal() tea.Cmd {
	m.setStatus("discarded the unsaved edits", false)
	if cmd := m.startJournalCmd(); cmd != nil {
		return cmd
	}
	return m.removeJournalCmd()
}

// quit quits, asking first when there are unsaved changes.
func (m *Model) quit() tea.Cmd {
	if m.Dirty() {
		m.openDialog(quitModal{}) // over the dialog that asked, if one did
		return nil
	}
	m.quitting = true
	// Saved: the journal entry goes before the program ends. tea.Quit
	// does not wait for commands, so the removal runs first, in sequence.
	return tea.Sequence(m.removeJournalCmd(), tea.Quit)
}

// keepAndQuit quits with the edits unsaved, kept in the journal for the
// next start, which the journal is told so that the next start does not
// take the quit for a crash. The mark is written before the program ends.
func (m *Model) keepAndQuit() tea.Cmd {
	m.quitting = true
	j := m.opts.Journal
	if j == nil || m.opts.Path == "" {
		return tea.Quit
	}
	path, seq, now := m.opts.Path, m.nextJournalSeq(), m.opts.Now()
	return tea.Sequence(func() tea.Msg {
		if err := j.Keep(path, seq, now); err != nil {
			return journalMsg{err}
		}
		return nil
	}, tea.Quit)
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
	notes []string
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
	m.openDialog(&exportModal{})
	return nil
}

// exportModal picks an exporter.
type exportModal struct{}

func (exportModal) update(ctx *Model, msg tea.Msg) dialogResult {
	switch {
	case pressed(msg, ctx.dk.Close):
		return closeDialog(nil)
	case pressed(msg, ctx.dk.Interrupt):
		return over((*Model).quit)
	}
	for i, e := range ctx.opts.Exporters {
		if pressed(msg, letterKey(fmt.Sprint(i+1))) {
			return closeDialog(func(m *Model) tea.Cmd { return m.exportCmd(e) })
		}
	}
	return dialogResult{}
}

// exportCmd writes the current design's export by e beside the design
// file, in a command.
func (m *Model) exportCmd(e Exporter) tea.Cmd {
	m.setStatus("exporting "+e.Name+"…", false)
	d, exp := m.d, e
	pathOf := m.exportPath
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = exportedMsg{name: exp.Name, err: fmt.Errorf("the exporter failed: %v", r)}
			}
		}()
		files, notes, err := exp.Export(d)
		var paths []string
		for _, f := range files {
			if err != nil {
				break
			}
			p := pathOf(f.Suffix)
			err = design.WriteFileAtomic(p, f.Data, 0o644)
			paths = append(paths, p)
		}
		return exportedMsg{name: exp.Name, paths: paths, notes: notes, err: err}
	}
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
	if len(msg.notes) > 0 {
		m.openDialog(&notesModal{title: msg.name + " written: " + strconv.Itoa(len(msg.notes)) + " notes", notes: msg.notes})
	}
	return nil
}
