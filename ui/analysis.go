package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/reach"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// syncValidateSubnets is the design size from which validation leaves
// Update and runs in a command (validateCmd).
//
// Below it, a design is validated in Update, with the edit: that takes a
// few milliseconds (BenchmarkEdit at 200 subnets, BenchmarkResolveValidate
// at 1,000), the findings never lag behind the diagram, nothing flickers
// through a "validating…" state, and tests that look at the findings right
// after a key see them. From it on, validation would take most of a frame
// (about 10 ms at 5,000 subnets) and then many frames (150 to 500 ms at
// 100,000): typing must not wait for it, so the last findings stay on
// screen, marked as being updated, until the command's result arrives.
const syncValidateSubnets = 2000

// analyze derives what the view needs from the current design after an
// edit of scope s (edit.Everything for a new design or when unsure): the
// layout, again only for the VPCs the edit may have changed; the findings,
// now or in the background (see syncValidateSubnets); and the diagram,
// built again only for the VPCs that changed or whose marks did. A VPC
// inserted or removed moves the VPCs after it: their layouts, marks and
// diagram parts follow them to their new indices (s.From).
// The cost estimate is slower still and always runs in a command
// (costCmd).
//
// m.layout must be the layout of the state the edit started from.
func (m *Model) analyze(s edit.Scope) {
	n := len(m.d.VPCs)
	dirty, from := s.Dirty(n), s.From(n)
	prev := m.layout
	if prev == nil || dirty == nil {
		m.layout = design.Resolve(m.d)
		m.subnets = 0
		for i := range m.layout.VPCs {
			m.subnets += vpcSubnets(&m.layout.VPCs[i])
		}
	} else {
		m.layout = design.ReresolveMoved(prev, m.d, dirty, from)
		m.subnets += subnetsAdded(prev, m.layout, s)
	}
	if m.subnets < m.syncValidate {
		m.setValidation(m.gen, validate(m.d, m.layout))
	} else {
		m.restale(s, prev)
	}
	m.problems.SetValidating(m.validating())
	m.buildDiagram(dirty, from, s.Outside())
}

// subnetsAdded is how many subnets an edit of scope s added (negative:
// removed), from prev, the layout before it, to l: those of the VPCs it
// changed or inserted, less what they had, less those of a VPC removed.
func subnetsAdded(prev, l *design.Layout, s edit.Scope) int {
	n := 0
	for _, vi := range s.VPCs() {
		n += vpcSubnets(&l.VPCs[vi])
		if j := s.Before(vi); j >= 0 {
			n -= vpcSubnets(&prev.VPCs[j])
		}
	}
	if at, delta := s.Place(); delta < 0 {
		n -= vpcSubnets(&prev.VPCs[at])
	}
	return n
}

// vpcSubnets is the number of subnets of a VPC.
func vpcSubnets(vl *design.VPCLayout) int {
	n := 0
	for i := range vl.Tiers {
		n += len(vl.Tiers[i].Subnets)
	}
	return n
}

// validation is the findings of one state and the elements they mark.
type validation struct {
	findings []design.Finding
	refs     []edit.Ref // parallel to findings: the element of each
	err      error      // validation failed (a bug): findings are empty
}

// validate validates the design behind l and finds each finding's element.
// It is a pure function of d and l, which are never changed once made (every
// edit works on a copy): it runs in Update or, for a large design, in a
// command while the user edits on.
func validate(d *design.Design, l *design.Layout) (v validation) {
	defer func() {
		// A bug in a check must cost the findings, never the session.
		if r := recover(); r != nil {
			v = validation{err: fmt.Errorf("validation failed: %v", r)}
		}
	}()
	v.findings = reach.ValidateLayout(l) // design's checks and the engine's
	ix := edit.NewPathIndex(d, l)
	v.refs = make([]edit.Ref, len(v.findings))
	for i, f := range v.findings {
		v.refs[i], _ = ix.Lookup(f.Path)
	}
	return v
}

// setValidation shows the findings of the state of generation gen: counts,
// marks, the problems pane. The diagram is built by the caller.
func (m *Model) setValidation(gen uint64, v validation) {
	m.validGen = gen
	if v.err == nil && slices.Equal(v.refs, m.refs) && reflect.DeepEqual(v.findings, m.findings) {
		// The usual result at scale: the edit changed no finding. Keeping
		// the marks (the same map) spares the diagram a comparison.
		return
	}
	m.findings, m.refs = v.findings, v.refs
	m.errors = design.Count(m.findings, design.Error)
	m.warnings = design.Count(m.findings, design.Warning)
	if v.err != nil {
		m.setStatus(v.err.Error(), true)
	}
	m.markFindings()
}

// markFindings derives the diagram's marks and the problems pane's list
// from the findings and their elements.
func (m *Model) markFindings() {
	m.marks = make(diagram.Marks, len(m.findings))
	for i := range m.findings {
		f := &m.findings[i]
		r := m.markRef(f, m.refs[i])
		m.marks[r] = max(m.marks[r], int(f.Severity)+1)
		// A transit gateway's route table marks its segment in the topology too.
		if ti, ok := diagram.FindingTable(m.d, f, r); ok {
			sr := diagram.SegmentMark(r.I, ti)
			m.marks[sr] = max(m.marks[sr], int(f.Severity)+1)
		}
	}
	m.problems.SetProblems(m.findings, m.refs)
}

// restale keeps the last findings on screen after an edit of scope s while
// the new state waits for validation: the elements they mark are looked up
// again by path where the edit may have moved them (a tier removed shifts
// the tiers after it; an edit of everything may shift every VPC), so that
// a mark never lands on the wrong element. Only those findings are looked
// up, with an index of only the elements in s, so an edit inside one VPC
// costs O(findings), not O(design). prev is the layout before the edit.
func (m *Model) restale(s edit.Scope, prev *design.Layout) {
	if len(m.findings) == 0 {
		return
	}
	if _, delta := s.Place(); delta != 0 {
		m.restaleMoved(s, prev)
		return
	}
	var ix *edit.PathIndex
	moved := func(edit.Ref) bool { return true }
	// A VPC renamed changes what the paths naming its old or its new name
	// mean, beyond its scope: a finding that marked the design (its VPC's
	// name gone) may name it now, one of another VPC of that name may name
	// it first. Those findings are looked up in an index of the VPCs of
	// those names (byName).
	var renamed, prefixes []string
	switch {
	case s.All():
		ix = edit.NewPathIndex(m.d, m.layout)
	case len(s.VPCs()) > 0:
		renamed = renamedVPCs(prev, m.d, s.VPCs())
		for _, name := range renamed {
			prefixes = append(prefixes, "vpcs."+name)
		}
		vis := s.VPCs()
		ix = edit.NewPathIndexOf(m.d, vis, false)
		moved = func(r edit.Ref) bool {
			switch r.Kind {
			case edit.VPC, edit.Tier, edit.Subnet, edit.SG:
				return slices.Contains(vis, r.V)
			}
			return false
		}
	default: // connections and networks
		ix = edit.NewPathIndexOf(m.d, nil, true)
		moved = func(r edit.Ref) bool {
			// The design itself too: a connection's finding marks the
			// design while its connection is gone (after an undo).
			return r.Kind == edit.Conn || r.Kind == edit.Network || r.Kind == edit.DesignKind
		}
	}
	// Only a finding that marks the design or a VPC of one of those names
	// can have such a path (the others name a VPC of another name).
	var named []int
	var byName *edit.PathIndex
	if len(renamed) > 0 {
		named = vpcsNamedAny(m.d, renamed)
		byName = edit.NewPathIndexOf(m.d, named, false)
	}
	var refs []edit.Ref // a copy, made on the first change: m.refs may be shared
	for i, f := range m.findings {
		r0 := m.refs[i]
		lookup := ix
		switch {
		case byName != nil && (r0.Kind == edit.DesignKind || r0.InVPC() && slices.Contains(named, r0.V)) &&
			slices.ContainsFunc(prefixes, func(prefix string) bool { return pathUnder(f.Path, prefix) }):
			lookup = byName
		case !moved(r0):
			continue
		}
		if r, _ := lookup.Lookup(f.Path); r != m.refs[i] {
			if refs == nil {
				refs = slices.Clone(m.refs)
			}
			refs[i] = r
		}
	}
	if refs != nil {
		m.refs = refs
		m.markFindings()
	}
}

// renamedVPCs returns the old and the new names, as paths spell them, of
// the VPCs vis that the edit renamed (prev is the layout before it).
func renamedVPCs(prev *design.Layout, d *design.Design, vis []int) []string {
	var out []string
	for _, vi := range vis {
		if vi < len(prev.VPCs) && vi < len(d.VPCs) && prev.VPCs[vi].VPC.Name != d.VPCs[vi].Name {
			out = append(out, edit.PathName(prev.VPCs[vi].VPC.Name), edit.PathName(d.VPCs[vi].Name))
		}
	}
	return out
}

// vpcsNamedAny returns the indexes of the VPCs whose path name is one of
// names: every VPC of such a name (the first of them is the one a path
// names).
func vpcsNamedAny(d *design.Design, names []string) []int {
	var out []int
	for vi := range d.VPCs {
		if slices.Contains(names, edit.PathName(d.VPCs[vi].Name)) {
			out = append(out, vi)
		}
	}
	return out
}

// pathUnder reports whether path is prefix or names something under it.
func pathUnder(path, prefix string) bool {
	return strings.HasPrefix(path, prefix) && (len(path) == len(prefix) || path[len(prefix)] == '.')
}

// restaleMoved is restale after a VPC was inserted or removed (scope s;
// prev is the layout before the edit). Every VPC kept its elements, so a
// finding about one follows it to its new index, without a lookup;
// except where a path may now name another element: the findings of the
// VPC removed, and those whose path begins with the name of the VPC
// inserted or removed (which may be the name a path resolves to, as VPC
// names may repeat and contain dots, or a name no VPC had: the finding of
// a VPC that was gone marks the design until the VPC comes back). Those
// are looked up with an index of every VPC's name, made only when there
// are any: O(findings), plus O(VPCs) for that map of names, never the
// VPCs' contents.
func (m *Model) restaleMoved(s edit.Scope, prev *design.Layout) {
	at, delta := s.Place()
	var name string
	if delta > 0 {
		name = m.d.VPCs[at].Name
	} else {
		name = prev.VPCs[at].VPC.Name
	}
	prefix := "vpcs." + edit.PathName(name)
	var ix *edit.PathIndex
	refs := make([]edit.Ref, len(m.refs)) // a copy: m.refs may be shared
	for i, f := range m.findings {
		r := m.refs[i]
		moved := -1
		if r.InVPC() {
			moved = s.After(r.V)
		}
		named := pathUnder(f.Path, prefix)
		switch {
		case named || r.InVPC() && moved < 0:
			if ix == nil {
				ix = edit.NewPathIndex(m.d, m.layout)
			}
			r, _ = ix.Lookup(f.Path)
		case r.InVPC():
			r.V = moved
		}
		refs[i] = r
	}
	if !slices.Equal(refs, m.refs) {
		m.refs = refs
		m.markFindings()
	}
}

// validating reports whether the findings shown are of an earlier state
// than the current one, which is being validated.
func (m *Model) validating() bool { return m.validGen != m.gen }

// validatedMsg carries the findings of the design of generation gen.
type validatedMsg struct {
	gen uint64
	v   validation
}

// validateCmd validates the current design in a command when its findings
// are not known yet. One validation runs at a time; when it comes back for
// an older state, the next one starts (onValidated).
func (m *Model) validateCmd() tea.Cmd {
	// The reachability question, when one is open, follows each new state
	// as the findings do (ui/reach.go).
	if rc := m.reachRefresh(); rc != nil {
		return tea.Batch(rc, m.validateOnlyCmd())
	}
	return m.validateOnlyCmd()
}

func (m *Model) validateOnlyCmd() tea.Cmd {
	if !m.validating() || m.validBusy {
		return nil
	}
	m.validBusy = true
	d, l, gen := m.d, m.layout, m.gen
	return func() tea.Msg { return validatedMsg{gen: gen, v: validate(d, l)} }
}

// onValidated shows findings that are of the current state; those of an
// older one are dropped, and the current state's validation starts.
func (m *Model) onValidated(msg validatedMsg) tea.Cmd {
	m.validBusy = false
	if msg.gen != m.gen {
		return m.validateOnlyCmd()
	}
	m.setValidation(msg.gen, msg.v)
	m.problems.SetValidating(false)
	m.buildDiagram(make([]bool, len(m.d.VPCs)), nil, false)
	m.syncInspector()
	return nil
}

// buildDiagram lays the diagram out for the current pane width. dirty
// marks the VPCs that changed since the last build (nil: all of them),
// from gives where each VPC was in it when VPCs were inserted or removed
// (nil: where it is), and conns says whether connections or networks may
// have changed; the rest is reused unless its marks changed.
func (m *Model) buildDiagram(dirty []bool, from []int, conns bool) {
	w := m.layoutRects().diagram.w
	m.docW = w
	m.doc = diagram.Build(diagram.Input{Design: m.d, Layout: m.layout, Marks: m.diagramMarks(), Width: w,
		Cache: &m.diagramCache, Dirty: dirty, From: from, ConnsDirty: conns})
}

// syncInspector shows the selected element in the inspector.
func (m *Model) syncInspector() {
	var fs []design.Finding
	for i, f := range m.findings {
		if m.refs[i] == m.sel {
			fs = append(fs, f)
		}
	}
	fs = append(fs, m.reachFindings(m.sel)...)
	m.inspector.SetSheet(m.sel, edit.SheetFor(m.d, m.layout, m.sel), fs)
}

// costMsg carries an estimate of the design of generation gen.
type costMsg struct {
	gen uint64
	b   *cost.Breakdown
	err error
}

// costCmd estimates the current design in a command. One estimate runs at
// a time; when it comes back for an older state, the next one starts.
func (m *Model) costCmd() tea.Cmd {
	if m.opts.Cost == nil {
		return nil
	}
	m.cost.SetUpdating()
	if m.costBusy {
		return nil
	}
	m.costBusy = true
	d, gen, est := m.d, m.gen, m.opts.Cost
	return func() (msg tea.Msg) {
		defer func() {
			// The estimator is another package's code: a panic in it must
			// cost the estimate, never the user's session.
			if r := recover(); r != nil {
				msg = costMsg{gen: gen, err: fmt.Errorf("the cost estimate failed: %v", r)}
			}
		}()
		b, err := est.Estimate(d)
		return costMsg{gen: gen, b: b, err: err}
	}
}

// onCost shows an estimate; one for an older state is shown as updating
// while the estimate of the current state runs.
func (m *Model) onCost(msg costMsg) tea.Cmd {
	m.costBusy = false
	m.cost.SetEstimate(msg.b, msg.err)
	if msg.gen != m.gen {
		return m.costCmd()
	}
	return nil
}
