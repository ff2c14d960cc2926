package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(ansi.Strip(string(b)), text)
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func hasFinding(m *Model, code string) bool {
	for _, f := range m.findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// TestFlowOverlapUndoSave runs the real program: a new file from the
// three-tier template, the app tier's subnet changed to overlap the public
// one, the problem shown, undone, saved; the file on disk is the template.
func TestFlowOverlapUndoSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.yaml")
	m := New(Options{Path: path, Cost: fakeCost, Journal: journal.Open(filepath.Join(dir, "journal")), Now: func() time.Time { return fixedNow }})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 50))
	waitFor(t, tm, "does not exist yet")
	tm.Send(keyPress("enter")) // three-tier, the default template
	waitFor(t, tm, "Name the new design")
	tm.Send(keyPress("enter")) // its own name
	waitFor(t, tm, "from three-tier")

	// VPC production → tier public → tier app → its subnet in us-east-1a.
	tm.Type("jjl")
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "enter apply")
	tm.Send(keyPress("ctrl+u"))
	tm.Type("10.0.1.0/24") // the public tier's subnet in us-east-1a
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "subnet-overlap")

	tm.Type("u")
	waitFor(t, tm, "undid")
	tm.Send(keyPress("ctrl+s"))
	// Saved: the window title loses its unsaved mark. (The renderer writes
	// only what changed on screen, so the status line's text may arrive in
	// pieces; the title is always written whole.)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("\x1b]2;vpcsmith — net.yaml\x07"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Type("q")

	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if hasFinding(final, "subnet-overlap") {
		t.Error("subnet-overlap is still reported after undo")
	}
	if final.Dirty() {
		t.Error("the design is unsaved after ctrl+s")
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := templates.Source("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the saved file is not the template:\n%s", testtools.Diff(string(want), string(got)))
	}
	if e, _ := journal.Open(filepath.Join(dir, "journal")).Read(path); e != nil {
		t.Error("the recovery journal survived a save and a clean quit")
	}
}

// TestModelOverlapUndoSave is the same flow driven synchronously, with the
// problems pane checked on screen.
func TestModelOverlapUndoSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.yaml")
	tt := newTester(t, Options{Path: path}, 160, 50)
	tt.keys("<enter><enter>jjl<enter><ctrl+u>10.0.1.0/24<enter>") // three-tier under its own name
	if !hasFinding(tt.m, "subnet-overlap") {
		t.Fatal("no subnet-overlap finding")
	}
	tt.keys("<esc><tab><tab>") // diagram, inspector, problems (with the finding's detail)
	if tt.m.focus != focusProblems {
		t.Fatalf("focus %d, want the problems pane", tt.m.focus)
	}
	if s := tt.screen(); !strings.Contains(s, "[subnet-overlap]") || !strings.Contains(s, "✗ subnet 10.0.1.0/24") {
		t.Errorf("the problems pane does not show the overlap:\n%s", s)
	}
	tt.keys("g<enter>") // the first problem (errors first): jump to its element
	if tt.m.focus != focusDiagram || tt.m.sel != (edit.Ref{Kind: edit.Subnet, V: 0, T: 1, AZ: "us-east-1a"}) {
		t.Errorf("enter on the problem selected %+v (focus %d)", tt.m.sel, tt.m.focus)
	}
	tt.keys("u")
	if hasFinding(tt.m, "subnet-overlap") {
		t.Fatal("undo left the finding")
	}
	tt.keys("<ctrl+r>")
	if !hasFinding(tt.m, "subnet-overlap") {
		t.Fatal("redo did not bring the edit back")
	}
	tt.keys("<ctrl+z><ctrl+s>")
	got, _ := os.ReadFile(path)
	want, _ := templates.Source("three-tier")
	if !bytes.Equal(got, want) {
		t.Errorf("saved file differs from the template:\n%s", testtools.Diff(string(want), string(got)))
	}
	if tt.m.Dirty() {
		t.Error("dirty after saving")
	}
}

// TestCrashRecovery: edits, a kill (the model is dropped: no quit, no
// save), a restart that reads the journal as the command line does: the
// recovery is offered, and restoring brings the edits back.
func TestCrashRecovery(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.yaml")
	data, err := os.ReadFile(fixture.ReferencePath())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	j := journal.Open(filepath.Join(dir, "journal"))
	open := func() *tester {
		d, err := design.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		base, _ := os.ReadFile(path)
		rec, err := LoadRecovery(j, path, base)
		if err != nil {
			t.Fatal(err)
		}
		return newTester(t, Options{Path: path, Design: d, Base: base, Journal: j, Recovery: rec}, 160, 50)
	}

	first := open()
	if first.m.modal != nil {
		t.Fatal("recovery offered before any edit")
	}
	first.keys("n")                                     // prod: NAT per-az → none
	first.keys("jjl<enter><ctrl+u>10.0.99.0/24<enter>") // app subnet in us-east-1a
	edited := design.Marshal(first.m.Design())
	// Killed here: nothing else runs.

	second := open()
	if _, ok := second.m.modal.(*recoverModal); !ok {
		t.Fatalf("no recovery offered after the kill:\n%s", second.screen())
	}
	if s := second.screen(); !strings.Contains(s, "Recover unsaved edits?") {
		t.Errorf("the recovery dialog is not on screen:\n%s", s)
	}
	second.keys("r")
	if got := design.Marshal(second.m.Design()); !bytes.Equal(got, edited) {
		t.Fatalf("restored design differs from the edited one:\n%s", testtools.Diff(string(edited), string(got)))
	}
	if !second.m.Dirty() {
		t.Error("restored edits are not marked unsaved")
	}
	second.keys("u") // undo goes back to the file
	if got := design.Marshal(second.m.Design()); !bytes.Equal(got, design.Marshal(mustLoad(t, path))) {
		t.Error("undo after recovery does not return to the file")
	}
	second.keys("<ctrl+r><ctrl+s>q")
	if !second.quit {
		t.Error("q after saving did not quit")
	}
	if e, _ := j.Read(path); e != nil {
		t.Error("journal kept after the save")
	}
	third := open()
	if third.m.modal != nil {
		t.Error("recovery offered again after the save")
	}

	// Discarding at the offer removes the entry.
	third.keys("f")
	fourth := open()
	fourth.keys("d")
	if e, _ := j.Read(path); e != nil {
		t.Error("journal kept after discarding")
	}
}

func mustLoad(t *testing.T, path string) *design.Design {
	d, err := design.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var _ tea.Model = (*Model)(nil)
