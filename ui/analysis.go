package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
)

// analyze derives everything the view needs from the current design:
// layout, findings and their elements, and the diagram. It runs after
// every edit, synchronously: at 5,000 subnets it takes about as long as a
// frame (see BenchmarkEdit), so findings never lag behind the diagram.
// The cost estimate is slower and runs in a command (costCmd).
func (m *Model) analyze() {
	m.layout = design.Resolve(m.d)
	m.findings = design.ValidateLayout(m.layout)
	ix := edit.NewPathIndex(m.d, m.layout)
	m.refs = make([]edit.Ref, len(m.findings))
	marks := diagram.Marks{}
	items := make([]panes.Problem, len(m.findings))
	for i, f := range m.findings {
		r, _ := ix.Lookup(f.Path)
		m.refs[i] = r
		marks[r] = max(marks[r], int(f.Severity)+1)
		items[i] = panes.Problem{Finding: f, Ref: r}
	}
	m.problems.SetProblems(items)
	m.buildDiagram(marks)
}

// buildDiagram lays the diagram out for the current pane width.
func (m *Model) buildDiagram(marks diagram.Marks) {
	if marks == nil {
		marks = diagram.Marks{}
		for i, f := range m.findings {
			r := m.refs[i]
			marks[r] = max(marks[r], int(f.Severity)+1)
		}
	}
	w := m.layoutRects().diagram.w
	m.docW = w
	m.doc = diagram.Build(diagram.Input{Design: m.d, Layout: m.layout, Marks: marks, Width: w, Cache: &m.diagramCache})
}

// syncInspector shows the selected element in the inspector.
func (m *Model) syncInspector() {
	var fs []design.Finding
	for i, f := range m.findings {
		if m.refs[i] == m.sel {
			fs = append(fs, f)
		}
	}
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
