package ui

import (
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/journal"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// focus is the area that receives key presses.
type focus int

const (
	focusDiagram focus = iota
	focusInspector
	focusProblems
	focusCost
)

// Model is the designer. Its state is the current design (never changed in
// place: every edit works on a clone, so the previous state can go on the
// undo stack and commands may read a design while the user edits on), what
// is derived from it, and the view state.
type Model struct {
	opts Options
	st   *styles.Styles
	dark bool
	keys keyMap
	dk   dialogKeys // the dialogs', the picker's and the import's keys

	width, height int

	// The design and what is derived from it. The findings (and refs,
	// marks and counts, derived from them) are of the state of generation
	// validGen: of an earlier state while a large design is validated in
	// the background (see analyze).
	d        *design.Design
	layout   *design.Layout
	findings []design.Finding
	refs     []edit.Ref // element of each finding
	marks    diagram.Marks
	errors   int
	warnings int
	subnets  int // in the layout, counted as it changes
	doc      *diagram.Doc
	// diagramCache keeps unchanged VPCs' layout between edits.
	diagramCache diagram.Cache
	docW         int // pane width the diagram was laid out for
	// reach is the open "who can reach this?" question (ui/reach.go).
	reach *reachView

	// History and files.
	hist     edit.History
	gen      uint64 // identifies the current state
	lastGen  uint64
	savedGen uint64 // the state on disk; 0 for a file not yet written
	base     string // hash of the file as loaded, for the journal
	// since is the Version of the file as loaded or last saved, which a
	// save checks the file still has; nil: not checked (a design handed
	// over without the bytes it was read from).
	since *design.Version
	// chainGen is the state the journal's log ends with (0: none), which
	// the next edit's record is a change of.
	chainGen      uint64
	saving        bool
	quitAfterSave bool

	// Cost estimates run one at a time in a command, and so do validations
	// of designs of syncValidate subnets or more.
	costBusy     bool
	validGen     uint64
	validBusy    bool
	syncValidate int
	// checkScopes makes every edit check that it changed only what its
	// scope says (tests: a wrong scope would let an edit change a state
	// that undo keeps).
	checkScopes bool

	// View state.
	sel              edit.Ref
	topo             diagram.TopoCursor // where in the topology drawing sel is, if it is (ui/topology.go)
	goalX            int
	scrollX, scrollY int
	focus            focus
	bottomPane       int // the pane a narrow terminal shows (index into panes)
	help             bool
	helpOffset       int
	mouse            bool
	modal            modal   // the top of the overlay stack (ui/overlay.go)
	under            []modal // the dialogs beneath it, bottom first
	status           string
	statusErr        bool
	// swallowCIDR is set when c was refused: the digits, dots and slashes
	// typed next are the CIDR meant for it, not pane toggles.
	swallowCIDR bool

	// panes are the side panes, in order (ui/panes.go); inspector,
	// problems and cost are the same panes typed, for the callers that
	// need their own methods.
	panes     []paneSlot
	inspector *panes.Inspector
	problems  *panes.Problems
	cost      *panes.Cost
	picker    *picker
	quitting  bool
}

// New returns a designer for opts.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Model{opts: opts, dark: true, keys: defaultKeys(), dk: defaultDialogKeys(), mouse: true, syncValidate: syncValidateSubnets}
	m.st = styles.New(m.dark, !opts.NoColor)
	m.newPanes()
	if opts.Cost == nil {
		m.cost.SetUnavailable()
	}
	if opts.Base != nil {
		m.base = journal.Hash(opts.Base)
		v := design.VersionOf(opts.Base)
		m.since = &v
	} else if opts.Design == nil {
		v := design.NoFile // a new file: created only if nobody else did
		m.since = &v
	}
	switch {
	case opts.Design != nil:
		m.setDesign(opts.Design)
		m.savedGen = m.gen
	default:
		m.setDesign(&design.Design{Version: design.FormatVersion})
		m.picker = newPicker(m)
	}
	if opts.Recovery != nil {
		m.openDialog(&recoverModal{rec: opts.Recovery})
	}
	return m
}

// setDesign starts over with d (load, template, recovery): history cleared.
func (m *Model) setDesign(d *design.Design) {
	m.d = d
	m.lastGen++
	m.gen = m.lastGen
	m.hist = edit.History{}
	m.analyze(edit.Everything)
	m.sel = m.doc.First()
	if len(d.VPCs) > 0 {
		m.sel = edit.Ref{Kind: edit.VPC}
	}
	m.syncInspector()
}

// Init asks the terminal for its background colour (for light or dark
// styles) and starts the first cost estimate, and for a large design the
// first validation.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.costCmd(), m.validateCmd()}
	if m.opts.Recovery == nil {
		// With a recovery pending, the old log stays until the user decides.
		cmds = append(cmds, m.startJournalCmd())
	}
	return tea.Batch(cmds...)
}

// Design returns the current design (for tests and callers after Run).
func (m *Model) Design() *design.Design { return m.d }

// Dirty reports whether the design has changes that are not saved.
func (m *Model) Dirty() bool { return m.gen != m.savedGen }

// fileName is the design file's base name, for titles and messages.
func (m *Model) fileName() string {
	if m.opts.Path == "" {
		return "(no file)"
	}
	return filepath.Base(m.opts.Path)
}
