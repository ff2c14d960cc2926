package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// apply makes an edit: it copies the design (what scope says the edit may
// change: edit.CloneFor), runs fn on the copy, and on success records the
// old state for undo and makes the copy current. The old state is never
// changed again: undo keeps it, and commands (validation, the cost
// estimate, the journal) may still be reading it. selAfter, when given,
// picks the element to select in the new design.
func (m *Model) apply(label string, scope edit.Scope, fn func(d *design.Design) error, selAfter func(d *design.Design) edit.Ref) tea.Cmd {
	if fn == nil {
		return nil
	}
	var before *design.Design
	if m.checkScopes {
		before = m.d.Clone()
	}
	next := edit.CloneFor(m.d, scope)
	if err := fn(next); err != nil {
		m.setStatus(err.Error(), true)
		return nil
	}
	if before != nil {
		if err := edit.CheckScope(before, m.d, next, scope); err != nil {
			panic(fmt.Sprintf("%s: %v", label, err))
		}
	}
	m.hist.Record(edit.Snapshot{Design: m.d, Sel: m.sel, Gen: m.gen}, edit.Step{Label: label, Scope: scope})
	prev := m.gen
	m.d = next
	m.lastGen++
	m.gen = m.lastGen
	m.analyze(scope)
	if selAfter != nil {
		m.sel = selAfter(next)
	}
	m.selectRef(m.sel)
	m.setStatus(label, false)
	return tea.Batch(m.costCmd(), m.journalEdit(prev, scope), m.validateCmd())
}

// restore makes a snapshot current (undo, redo); scope is that of going
// from the current state to the snapshot: for undo, the reverse of the
// edit's (a VPC inserted is removed again).
func (m *Model) restore(s edit.Snapshot, scope edit.Scope) tea.Cmd {
	prev := m.gen
	m.d, m.gen = s.Design, s.Gen
	m.analyze(scope)
	m.selectRef(s.Sel)
	return tea.Batch(m.costCmd(), m.journalEdit(prev, scope), m.validateCmd())
}

func (m *Model) undo() tea.Cmd {
	prev, step, ok := m.hist.Undo(edit.Snapshot{Design: m.d, Sel: m.sel, Gen: m.gen})
	if !ok {
		m.setStatus("nothing to undo", false)
		return nil
	}
	cmd := m.restore(prev, step.Scope.Reverse())
	m.setStatus("undid: "+step.Label, false)
	return cmd
}

func (m *Model) redo() tea.Cmd {
	next, step, ok := m.hist.Redo(edit.Snapshot{Design: m.d, Sel: m.sel, Gen: m.gen})
	if !ok {
		m.setStatus("nothing to redo", false)
		return nil
	}
	cmd := m.restore(next, step.Scope)
	m.setStatus("redid: "+step.Label, false)
	return cmd
}

// vpcOf returns the VPC index the selection is in, or -1.
func (m *Model) vpcOf() int {
	switch m.sel.Kind {
	case edit.VPC, edit.Tier, edit.Subnet, edit.SG:
		if m.sel.V < len(m.d.VPCs) {
			return m.sel.V
		}
	}
	return -1
}

// onEditKey handles the editing keys of the diagram.
func (m *Model) onEditKey(k tea.KeyPressMsg) tea.Cmd {
	km := m.keys
	sel := m.sel
	vi := m.vpcOf()
	inTier := sel.Kind == edit.Tier || sel.Kind == edit.Subnet
	need := func(what string) tea.Cmd {
		m.setStatus("select "+what+" first", true)
		return nil
	}
	switch {
	case key.Matches(k, km.Edit):
		m.showPane(focusInspector)
		if sel.Kind == edit.Subnet {
			m.inspector.StartEdit("cidr")
		}
	case key.Matches(k, km.Add):
		m.openDialog(newAddMenu(m))
	case key.Matches(k, km.Remove):
		return m.confirmRemove()
	case key.Matches(k, km.Rename):
		if sel.Kind == edit.Subnet {
			return need("a VPC, tier, group, connection or network (subnets are named by tier and AZ)")
		}
		m.showPane(focusInspector)
		m.inspector.StartEdit("name")
	case key.Matches(k, km.CIDR):
		switch sel.Kind {
		case edit.VPC, edit.Subnet, edit.Network:
			m.showPane(focusInspector)
			m.inspector.StartEdit("cidr")
		case edit.Tier:
			m.showPane(focusInspector)
			m.inspector.StartEdit("prefix")
		default:
			// The design header, a group or a connection has no CIDR: the
			// one meant is that of its VPC (the first, from the header).
			// Refusing instead would leave the CIDR typed next to the
			// pane keys (1, 2, 3, 0), which hid the panes.
			vpc := vi
			if sel.Kind == edit.DesignKind || sel.Kind == edit.None {
				vpc = 0
			}
			if vpc < 0 || vpc >= len(m.d.VPCs) {
				m.swallowCIDR = true
				return need("a VPC, subnet or network")
			}
			m.selectRef(edit.Ref{Kind: edit.VPC, V: vpc})
			m.showPane(focusInspector)
			m.inspector.StartEdit("cidr")
		}
	case key.Matches(k, km.AZs):
		if vi < 0 {
			return need("a VPC or tier")
		}
		if sel.Kind != edit.Tier {
			m.sel = edit.Ref{Kind: edit.VPC, V: vi}
			m.syncInspector()
		}
		m.showPane(focusInspector)
		m.inspector.StartEdit("azs")
	case key.Matches(k, km.NAT):
		if vi < 0 {
			return need("a VPC")
		}
		return m.apply(fmt.Sprintf("cycle NAT of VPC %s", m.d.VPCs[vi].Name), edit.InVPC(vi), func(d *design.Design) error { edit.CycleNAT(d, vi); return nil }, nil)
	case key.Matches(k, km.FlowLogs):
		if vi < 0 {
			return need("a VPC")
		}
		return m.apply(fmt.Sprintf("switch flow logs of VPC %s", m.d.VPCs[vi].Name), edit.InVPC(vi), func(d *design.Design) error { edit.ToggleFlowLogs(d, vi); return nil }, nil)
	case key.Matches(k, km.Kind):
		if !inTier {
			return need("a tier")
		}
		return m.apply(fmt.Sprintf("cycle kind of tier %s", m.d.VPCs[vi].Tiers[sel.T].Name), edit.InVPC(vi), func(d *design.Design) error { edit.CycleTierKind(d, vi, sel.T); return nil }, nil)
	case key.Matches(k, km.Bigger), key.Matches(k, km.Smaller):
		if !inTier {
			return need("a tier")
		}
		delta := 1
		if key.Matches(k, km.Bigger) {
			delta = -1
		}
		return m.apply(fmt.Sprintf("change prefix of tier %s", m.d.VPCs[vi].Tiers[sel.T].Name), edit.InVPC(vi), func(d *design.Design) error { return edit.StepTierPrefix(d, vi, sel.T, delta) }, nil)
	case key.Matches(k, km.MoveUp), key.Matches(k, km.MoveDown):
		if !inTier {
			return need("a tier")
		}
		delta := 1
		if key.Matches(k, km.MoveUp) {
			delta = -1
		}
		to := sel.T + delta
		if to < 0 || to >= len(m.d.VPCs[vi].Tiers) {
			return nil
		}
		return m.apply(fmt.Sprintf("move tier %s", m.d.VPCs[vi].Tiers[sel.T].Name), edit.InVPC(vi), func(d *design.Design) error { edit.MoveTier(d, vi, sel.T, delta); return nil },
			func(*design.Design) edit.Ref { r := sel; r.T = to; return r })
	case key.Matches(k, km.Endpoints), key.Matches(k, km.Traffic):
		if vi < 0 {
			return need("a VPC")
		}
		m.sel = edit.Ref{Kind: edit.VPC, V: vi}
		m.selectRef(m.sel)
		m.showPane(focusInspector)
		if key.Matches(k, km.Endpoints) {
			m.inspector.StartEdit("endpoint:*")
		} else {
			m.inspector.StartEdit("traffic:*")
		}
	case key.Matches(k, km.Back):
		// Nothing to back out of on the diagram.
	}
	return nil
}

// confirmRemove asks before removing the selected element.
func (m *Model) confirmRemove() tea.Cmd {
	sel := m.sel
	d := m.d
	var what, detail string
	var fn func(d *design.Design) error
	scope := edit.Everything
	switch sel.Kind {
	case edit.VPC:
		v := &d.VPCs[sel.V]
		what = "VPC " + v.Name
		detail = fmt.Sprintf("its %d tiers and %d security groups go with it", len(v.Tiers), len(v.SecurityGroups))
		if n := refsToVPC(d, v.Name); n > 0 {
			detail += fmt.Sprintf("; %d connections name it and will be reported", n)
		}
		fn = func(d *design.Design) error { edit.RemoveVPC(d, sel.V); return nil }
		scope = edit.RemoveVPCAt(sel.V) // the VPCs after it move up; references to it stay
	case edit.Tier, edit.Subnet:
		t := &d.VPCs[sel.V].Tiers[sel.T]
		what = fmt.Sprintf("tier %s of VPC %s", t.Name, d.VPCs[sel.V].Name)
		detail = "its subnets go with it; other subnets stay where they are"
		fn = func(d *design.Design) error { edit.RemoveTier(d, sel.V, sel.T); return nil }
		scope = edit.InVPC(sel.V)
	case edit.SG:
		what = fmt.Sprintf("security group %s of VPC %s", d.VPCs[sel.V].SecurityGroups[sel.G].Name, d.VPCs[sel.V].Name)
		fn = func(d *design.Design) error { edit.RemoveSG(d, sel.V, sel.G); return nil }
		scope = edit.InVPC(sel.V) // rules naming it elsewhere stay, for validation to report
	case edit.Conn:
		what = "connection " + d.Connections[sel.I].Name
		fn = func(d *design.Design) error { edit.RemoveConnection(d, sel.I); return nil }
		scope = edit.OutsideVPCs()
	case edit.Network:
		what = "network " + d.Networks[sel.I].Name
		fn = func(d *design.Design) error { edit.RemoveNetwork(d, sel.I); return nil }
		scope = edit.OutsideVPCs()
	default:
		m.setStatus("select an element to remove", true)
		return nil
	}
	m.openDialog(&confirmModal{
		title:  "Remove " + what + "?",
		detail: detail + " (undo brings it back)",
		yes:    func(m *Model) tea.Cmd { return m.apply("remove "+what, scope, fn, nil) },
	})
	return nil
}

func refsToVPC(d *design.Design, name string) int {
	n := 0
	for _, c := range d.Connections {
		hit := c.Provider == name || c.Consumer == name || c.VPC == name
		for _, v := range c.VPCs {
			hit = hit || v == name
		}
		if hit {
			n++
		}
	}
	return n
}
