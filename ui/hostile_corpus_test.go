package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/hostile"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/journal"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestHostileCorpusScreens opens the designer on the design of
// testdata/hostile with each payload of the corpus in every name and
// description, saved under a file name that is the payload, and goes
// through every screen: the diagram with each element selected (and the
// inspector on it), the remove, add and rename dialogs of each, the
// problems and cost panes, the help, status messages of edits, undo, save
// and export, the quit dialog, the import dialog with VPCs, errors and
// notes that come from AWS carrying the payload, the payload pasted into a
// name, the recovery dialog and the template picker.
//
// After each step the screen is drawn with colours and without. With
// colours, every escape sequence must be one of the designer's own SGR
// styles, and the text left when they are removed (by ansi.Strip and by an
// exact SGR remover, which leaves any C1 byte for the check to see) must
// hold no control, C1, bidi or format character; without colours nothing
// but text and newlines may appear at all. The window title must be plain
// text too. Each screen must be drawn quickly, whatever the names' length.
func TestHostileCorpusScreens(t *testing.T) {
	prices, err := cost.DefaultPrices()
	if err != nil {
		t.Fatal(err)
	}
	estimate := EstimatorFunc(func(d *design.Design) (*cost.Breakdown, error) { return cost.Estimate(d, prices) })
	sizes := [][2]int{{200, 60}, {120, 40}}
	for i, p := range hostile.Payloads(t) {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			size := sizes[i%len(sizes)]
			path := filepath.Join(t.TempDir(), strings.ReplaceAll(p.Text, "/", "\u2215")+".yaml")
			opts := Options{
				Path: path, Design: hostile.Design(p.Text, p.Text), Cost: estimate,
				Importer:  &corpusImporter{p: p.Text},
				Exporters: corpusExporters(p.Text),
			}
			s := &screens{t: t, tt: newTester(t, opts, size[0], size[1])}
			s.walk(p.Text)
			t.Logf("%dx%d: %d screens, slowest %s, drawn in %v", size[0], size[1], s.n, s.slowestWhat, s.slowest)

			rec := &Recovery{Entry: &journal.Entry{Path: path, SavedAt: fixedNow}, Design: hostile.Design(p.Text, p.Text), Changed: true}
			s.tt = newTester(t, Options{Path: path, Design: hostile.Design("x", "x"), Recovery: rec, Cost: estimate}, size[0], size[1])
			s.check("recovery dialog")
			s.expect(s.tt.m.modal != nil, "the recovery dialog is open")
			s.keys("r", "recovered design")
			s.expect(s.tt.m.d.Name == p.Text, "the recovered design is current")

			s.tt = newTester(t, Options{Path: path}, size[0], size[1])
			s.check("template picker")
			s.expect(s.tt.m.picker != nil, "the template picker is open")
		})
	}
}

// screenTimeLimit bounds drawing one screen twice: a sanity bound, far
// above the tens of milliseconds a screen of 100 KB names takes, that a
// drawing quadratic in a name's length exceeds by minutes.
const screenTimeLimit = 5 * time.Second

// screens drives one designer through the walk and checks every screen.
type screens struct {
	t           *testing.T
	tt          *tester
	n           int
	slowest     time.Duration
	slowestWhat string
}

// keys sends keys, then checks the screen.
func (s *screens) keys(k, what string) {
	s.t.Helper()
	s.tt.keys(k)
	s.check(what + " (after " + k + ")")
}

func (s *screens) walk(p string) {
	tt, m := s.tt, s.tt.m
	s.check("diagram")
	dialogs := map[string]bool{}
	for _, item := range m.doc.Items() {
		what := item.Ref.Kind.String()
		m.selectRef(item.Ref)
		s.check("inspector of a " + what)
		if dialogs[what] {
			continue // the dialogs of the first element of each kind
		}
		dialogs[what] = true
		s.keys("d", "remove dialog of a "+what)
		s.keys("<esc>a", "add menu at a "+what)
		s.expect(s.tt.m.modal != nil, "the add menu is open")
		s.keys("<esc>r", "rename of a "+what)
		tt.keys("<esc><esc>")
	}
	for _, f := range []focus{focusInspector, focusProblems, focusCost} {
		m.selectRef(edit.Ref{Kind: edit.VPC})
		m.showPane(f)
		what := fmt.Sprintf("pane %d", f)
		s.check(what)
		s.keys("j", what)
		s.keys("<enter>", what) // inspector: edit a field; problems: go to the element
		tt.keys("<esc><esc>")
		m.focus = focusDiagram
	}
	s.keys("?", "help")
	s.expect(m.help, "the help is open")
	s.keys("<pgdown>", "help")
	tt.keys("<esc>")
	m.focus = focusDiagram
	m.selectRef(edit.Ref{Kind: edit.VPC})

	s.keys("n", "status of an edit")
	s.expect(strings.Contains(m.status, "NAT"), "the status names the edit")
	s.keys("u", "status of undo")
	s.keys("<ctrl+r>", "status of redo")
	s.keys("q", "quit dialog")
	s.expect(m.modal != nil, "the quit dialog is open")
	s.keys("<esc>x", "export dialog")
	s.expect(m.modal != nil, "the export dialog is open")
	s.keys("1", "status and notes of an export")
	s.expect(strings.HasPrefix(m.status, "Mermaid"), "the Mermaid export reports")
	if !strings.Contains(m.status, "export failed") { // a 100 KB name is too long for a file
		_, notes := m.modal.(*notesModal)
		s.expect(notes, "the export's notes are shown")
		s.keys("<enter>", "notes closed")
		s.expect(m.modal == nil, "enter closes the notes")
	}
	s.keys("x2", "status of a failed export")
	s.expect(strings.Contains(m.status, "Broken export failed"), "the failed export reports")
	s.keys("<ctrl+s>", "status of a save")
	s.expect(strings.Contains(m.status, "saved"), "the save reports")

	s.keys("av", "name prompt")
	tt.keys("<ctrl+u>")
	tt.send(tea.PasteMsg{Content: p})
	s.check("name prompt with the payload pasted")
	s.keys("<enter>", "after adding a VPC named by paste")
	tt.keys("<esc><esc>")
	m.selectRef(edit.Ref{Kind: edit.VPC})
	s.keys("r<ctrl+u>", "rename")
	s.expect(m.inspector.Editing(), "the VPC's name is being edited")
	tt.send(tea.PasteMsg{Content: p + "2"})
	s.check("rename with the payload pasted")
	s.keys("<enter>", "after renaming by paste")
	tt.keys("<esc><esc>")

	s.keys("i", "import form")
	s.keys("<enter>", "import: VPCs listed from AWS")
	im, _ := m.modal.(*importModal)
	s.expect(im != nil && im.stage == importPick && len(im.vpcs) == 2, "the VPCs from AWS are offered")
	s.keys("<space>j<space><enter>", "import: notes from AWS")
	s.expect(im != nil && im.stage == importDone, "the import is done")
	s.keys("<enter>", "diagram after the import")
	s.expect(len(m.d.VPCs) >= 4, "the imported VPCs are in the design")
	s.keys("i<ctrl+u>fail<enter>", "import: an error from AWS")
	im, _ = m.modal.(*importModal)
	s.expect(im != nil && im.err != nil, "the import reports the error")
	tt.keys("<esc>")
}

// expect fails the test when the walk did not reach the screen it meant
// to: a changed key must not quietly leave a dialog unchecked.
func (s *screens) expect(ok bool, what string) {
	s.t.Helper()
	if !ok {
		s.t.Errorf("%s: no (status %q)", what, s.tt.m.status)
	}
}

// check draws the screen with colours and without, and checks both and
// the window title.
func (s *screens) check(what string) {
	s.t.Helper()
	s.n++
	m := s.tt.m
	if title := m.View().WindowTitle; title != "" {
		if off, found, ok := hostile.Find(title, hostile.Allow{}); ok {
			s.t.Fatalf("%s: window title: %s at byte %d: %s", what, found, off, hostile.Excerpt(title, off))
		}
	}
	m.setStyles(styles.New(true, true))
	start := time.Now()
	raw := m.Render()
	if el := time.Since(start); el > s.slowest {
		s.slowest, s.slowestWhat = el, what
	}
	if off, seq, found := hostile.FindNonSGR(raw); found {
		s.fail(what, "escape sequence "+fmt.Sprintf("%q", seq), raw, off)
	}
	for _, text := range []string{ansi.Strip(raw), hostile.StripSGR(raw)} {
		if off, found, ok := hostile.Find(text, hostile.Allow{Newline: true}); ok {
			s.fail(what, found, text, off)
		}
	}
	m.setStyles(styles.Plain())
	plain := m.Render()
	if off, found, ok := hostile.Find(plain, hostile.Allow{Newline: true}); ok {
		s.fail(what+" (no colour)", found, plain, off)
	}
	if el := time.Since(start); el > screenTimeLimit {
		s.t.Errorf("%s: drawing took %v", what, el)
	}
}

func (s *screens) fail(what, found, screen string, off int) {
	s.t.Helper()
	line := screen[strings.LastIndexByte(screen[:off], '\n')+1:]
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	s.t.Fatalf("%s: %s reached the screen at byte %d, in the line %q", what, found, off, ansi.Strip(line))
}

// corpusImporter is an AWS account whose texts carry the payload: VPC ids,
// names and CIDRs in the list, the imported design's names, the import's
// notes, and the error of listing the region "fail".
type corpusImporter struct{ p string }

func (c *corpusImporter) ListVPCs(_ context.Context, region, _ string) ([]AWSVPC, string, error) {
	if region == "fail" {
		return nil, "", errors.New("AccessDenied: " + c.p)
	}
	return []AWSVPC{{ID: "vpc-" + c.p, Name: c.p, CIDR: c.p}, {ID: "vpc-0b", Name: "b " + c.p, CIDR: "10.9.0.0/16"}}, c.p, nil
}

func (c *corpusImporter) Import(_ context.Context, _, _ string, ids []string, progress func(ImportProgress)) (*ImportResult, error) {
	progress(ImportProgress{VPCs: len(ids), VPCsDone: len(ids), Calls: 3})
	return &ImportResult{Design: hostile.Design(c.p, c.p), Notes: []string{c.p + ": nacl-" + c.p + " is not imported"}}, nil
}

// corpusExporters are a real Mermaid export, written beside the design
// file (whose name is the payload), and one that fails with the payload in
// its error.
func corpusExporters(p string) []Exporter {
	return []Exporter{
		{Name: "Mermaid", Hint: ".mmd", Export: func(d *design.Design) ([]ExportFile, []string, error) {
			r, err := mermaid.Render(design.Resolve(d), mermaid.Options{})
			// A note carrying the payload: the notes dialog shows it.
			return []ExportFile{{Suffix: ".mmd", Data: []byte(r.Text)}}, []string{"exported " + p}, err
		}},
		{Name: "Broken", Hint: ".x", Export: func(*design.Design) ([]ExportFile, []string, error) {
			return nil, nil, errors.New("cannot export " + p)
		}},
	}
}
