package ui

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestIncrementalEqualsScratch types random keys (edits, undo, redo,
// moves) and checks after each that what the designer keeps up to date
// incrementally equals what it would compute from scratch: the layout
// (design.Reresolve with each edit's scope), the subnet count, the diagram
// (patched or reused VPC by VPC), and, once validated, the findings. It
// runs with validation in Update and in the background; newTester makes
// every edit check its scope.
func TestIncrementalEqualsScratch(t *testing.T) {
	keys := []string{"j", "k", "h", "l", "]", "[", "<enter>", "<esc>", "n", "f", "t", "+", "-", "K", "J", "u", "u", "n", "f", "t", "+",
		"<ctrl+r>", "E", "<right>", "T", "1", "<ctrl+u>", "dy", "ap<ctrl+u>p<enter>", "as<ctrl+u>g<enter>", "at<ctrl+u>t<enter>",
		"av<ctrl+u>v<enter>", "[dy", "[av<ctrl+u>w<enter>", "r<ctrl+u>x<enter>", "c<ctrl+u>10.0.0.0/24<enter>", "z<ctrl+u>2<enter>", "<tab>", "G", "g"}
	starts := map[string]func() Options{
		"reference": func() Options { return reference(t) },
		"generated": func() Options {
			return Options{Path: "gen.yaml", Design: gen.Design(gen.Shape{VPCs: 16, Tiers: 3, AZs: 2})}
		},
	}
	for name, start := range starts {
		for _, mode := range validationModes {
			t.Run(name+"/"+mode, func(t *testing.T) {
				tt := newTesterValidating(t, start(), mode)
				rng := rand.New(rand.NewPCG(3, uint64(len(name))))
				for i := range 500 {
					k := keys[rng.IntN(len(keys))]
					tt.keys(k)
					if tt.m.modal != nil || tt.m.inspector.Editing() {
						tt.keys("<esc>")
					}
					if rng.IntN(5) == 0 {
						tt.release() // a validation comes back, perhaps for an older state
					}
					checkDerived(t, fmt.Sprintf("key %d (%q)", i, k), tt.m)
				}
				if !tt.m.hist.CanUndo() {
					t.Error("the keys made no edit")
				}
			})
		}
	}
}

// checkDerived compares what m derived incrementally with a computation
// from scratch.
func checkDerived(t *testing.T, what string, m *Model) {
	t.Helper()
	l := design.Resolve(m.d)
	if !reflect.DeepEqual(m.layout, l) {
		t.Fatalf("%s: the layout differs from a fresh one", what)
	}
	for i := range m.d.VPCs {
		if m.layout.VPCs[i].VPC != &m.d.VPCs[i] {
			t.Fatalf("%s: the layout of VPC %d points outside the design", what, i)
		}
	}
	n := 0
	for i := range l.VPCs {
		n += vpcSubnets(&l.VPCs[i])
	}
	if m.subnets != n {
		t.Fatalf("%s: %d subnets counted, %d in the layout", what, m.subnets, n)
	}
	if !m.validating() {
		v := validate(m.d, l)
		if !reflect.DeepEqual(m.findings, v.findings) || !slices.Equal(m.refs, v.refs) {
			t.Fatalf("%s: the findings differ from a fresh validation:\n%v\n%v", what, m.findings, v.findings)
		}
	} else {
		// The findings of an earlier state mark what their paths name now.
		ix := edit.NewPathIndex(m.d, l)
		for i, f := range m.findings {
			if r, _ := ix.Lookup(f.Path); r != m.refs[i] {
				t.Fatalf("%s: finding %s (%s) marks %+v, its path names %+v", what, f.Code, f.Path, m.refs[i], r)
			}
		}
	}
	marks := diagram.Marks{}
	for i, f := range m.findings {
		marks[m.refs[i]] = max(marks[m.refs[i]], int(f.Severity)+1)
	}
	if !maps.Equal(marks, m.marks) {
		t.Fatalf("%s: the marks are not the findings'", what)
	}
	fresh := diagram.Build(diagram.Input{Design: m.d, Layout: l, Marks: m.diagramMarks(), Width: m.docW})
	w, h := fresh.Size()
	if gw, gh := m.doc.Size(); gw != w || gh != h {
		t.Fatalf("%s: the diagram is %dx%d, fresh %dx%d", what, gw, gh, w, h)
	}
	got := strings.Join(m.doc.Render(styles.Plain(), m.sel, 0, 0, w, h), "\n")
	want := strings.Join(fresh.Render(styles.Plain(), m.sel, 0, 0, w, h), "\n")
	if got != want {
		t.Fatalf("%s: the diagram differs from a fresh one:\n%s\n---\n%s", what, got, want)
	}
	if !slices.Equal(m.doc.Items(), fresh.Items()) {
		t.Fatalf("%s: the diagram's elements differ from a fresh one's", what)
	}
}

// TestValidationInBackground drives a large design's validation by hand:
// findings of an older state stay on screen, marked as being updated;
// a result for an older state is dropped and the current state's
// validation starts; the result of the current state is shown.
func TestValidationInBackground(t *testing.T) {
	tt := newTester(t, reference(t), 160, 50)
	m := tt.m
	m.syncValidate = 0 // validate in commands, as for a large design
	if m.validating() || len(m.findings) != 1 {
		t.Fatalf("at start: validating %v, %d findings", m.validating(), len(m.findings))
	}
	// An overlap in prod: app's subnet in us-east-1a over public's.
	overlap := func(d *design.Design) error { return edit.SetSubnetCIDR(d, 0, 1, "us-east-1a", "10.0.0.0/24") }
	cmd1 := m.apply("overlap", edit.InVPC(0), overlap, nil)
	d1, l1 := m.d, m.layout
	snapshot := d1.Clone()
	if !m.validating() || len(m.findings) != 1 || hasFinding(m, "subnet-overlap") {
		t.Fatalf("after the edit: validating %v, findings %v", m.validating(), m.findings)
	}
	screen := tt.screen()
	if !strings.Contains(screen, "validating…") || !strings.Contains(screen, "Problems  validating…") {
		t.Fatalf("the screen does not say it is validating:\n%s", screen)
	}
	v1 := validatedOf(t, cmd1)

	// More edits while the first validation runs: none starts another.
	cmd2 := m.apply("NAT", edit.InVPC(1), func(d *design.Design) error { edit.CycleNAT(d, 1); return nil }, nil)
	if hasValidation(cmd2) {
		t.Fatal("a second validation started while one runs")
	}
	m.apply("flow logs", edit.InVPC(0), func(d *design.Design) error { edit.ToggleFlowLogs(d, 0); return nil }, nil)
	m.apply("rename", edit.Everything, func(d *design.Design) error { return edit.RenameVPC(d, 0, "production") }, nil)
	m.apply("add network", edit.OutsideVPCs(), func(d *design.Design) error { _, err := edit.AddNetwork(d, "office"); return err }, nil)

	// The design and layout handed to the first validation never changed.
	if !reflect.DeepEqual(d1, snapshot) || !reflect.DeepEqual(l1, design.Resolve(snapshot)) {
		t.Fatal("a design or layout handed to a validation changed after the edits")
	}
	if want := validate(snapshot, design.Resolve(snapshot)); !reflect.DeepEqual(v1.v.findings, want.findings) {
		t.Fatalf("the background validation found %v, want %v", v1.v.findings, want.findings)
	}

	// Its result is for an older state: dropped, and the current state's
	// validation starts.
	_, next := m.Update(v1)
	if !m.validating() || hasFinding(m, "subnet-overlap") {
		t.Fatalf("a stale result was shown: %v", m.findings)
	}
	v2 := validatedOf(t, next)
	if v2.gen != m.gen {
		t.Fatalf("the next validation is of generation %d, want %d", v2.gen, m.gen)
	}
	m.Update(v2)
	if m.validating() || !hasFinding(m, "subnet-overlap") {
		t.Fatalf("the current result was not shown: validating %v, %v", m.validating(), m.findings)
	}
	screen = tt.screen()
	if strings.Contains(screen, "validating…") || !strings.Contains(screen, "✗ 1") {
		t.Fatalf("the screen does not show the findings:\n%s", screen)
	}
	checkDerived(t, "after validation", m)

	// Undo: the findings shown are of the next state, pointed at this
	// one's elements, while it is validated. Redo before the result: the
	// findings shown are this state's again, and the result is dropped.
	_, cmd := m.Update(keyPress("u"))
	if !m.validating() {
		t.Fatal("undo did not validate the state it returned to")
	}
	v3 := validatedOf(t, cmd)
	m.Update(keyPress("ctrl+r"))
	if m.validating() {
		t.Fatal("back at a validated state, the designer is validating")
	}
	m.Update(v3)
	if m.validating() || !hasFinding(m, "subnet-overlap") {
		t.Fatalf("the undone state's result was shown after redo: %v", m.findings)
	}
	checkDerived(t, "after undo and redo", m)
}

// validatedOf runs cmd (a batch, perhaps) and returns its validation.
func validatedOf(t *testing.T, cmd tea.Cmd) validatedMsg {
	t.Helper()
	for _, msg := range runAll(cmd) {
		if v, ok := msg.(validatedMsg); ok {
			return v
		}
	}
	t.Fatal("no validation started")
	return validatedMsg{}
}

func hasValidation(cmd tea.Cmd) bool {
	for _, msg := range runAll(cmd) {
		if _, ok := msg.(validatedMsg); ok {
			return true
		}
	}
	return false
}

// runAll runs cmd and the commands of its batches, and returns their
// messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// TestFlowValidatesInBackground runs the real program with validation in
// commands (as for a large design), edits faster than validations come
// back, and checks that the overlap an edit makes is reported once its
// validation arrives, and that the last findings are the final design's.
// Run with -race, it also checks that commands only read the states they
// were given.
func TestFlowValidatesInBackground(t *testing.T) {
	m := New(Options{Path: filepath.Join(t.TempDir(), "ref.yaml"), Design: fixture.Reference(t), Cost: fakeCost, Now: func() time.Time { return fixedNow }})
	m.syncValidate = 0
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 50))
	waitFor(t, tm, "Problems")
	tm.Type("nnfnfnn") // prod's NAT and flow logs, quicker than validations
	// VPC prod → tier public → tier app → its subnet in us-east-1a, over
	// the public tier's.
	tm.Type("jjl")
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "enter apply")
	tm.Send(keyPress("ctrl+u"))
	tm.Type("10.0.0.0/24")
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "subnet-overlap")
	tm.Send(keyPress("esc"))
	tm.Type("kkffnn")
	tm.Type("q")
	waitFor(t, tm, "Quit")
	tm.Type("d")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if !final.validating() {
		if v := validate(final.d, design.Resolve(final.d)); !reflect.DeepEqual(final.findings, v.findings) {
			t.Errorf("the findings shown are not the final design's:\n%v\n%v", final.findings, v.findings)
		}
	}
}
