package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/reach"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// "Who can reach this?": on a selected tier, subnet or security group, the
// reach key asks for a port (and, optionally, a source) and marks every
// tier and group that reaches the element on it; the inspector of the
// element lists the path from the source (the first one that reaches it,
// unless one was named) hop by hop, or the hop that blocks it. The answer
// is of a design state, like the findings: it is asked again for every new
// state, in Update for a small design and in a command for a large one
// (syncValidateSubnets), and the last answer stays on screen meanwhile.

// reachView is the question being asked and its latest answer.
type reachView struct {
	target edit.Ref
	name   string // the target's element name, "VPC/sg:NAME"
	port   int    // -1: every port
	from   string // the source whose path is shown; "": the first source
	gen    uint64 // the state the answer is of
	asked  bool   // an answer has come (of state gen)
	busy   bool
	ans    reachAnswer
}

// reachAnswer is what the engine said about one state.
type reachAnswer struct {
	sources []reach.Source
	refs    map[edit.Ref]bool // the sources' tiers and groups
	pathOf  string
	path    reach.Result
	err     error
}

// reachMsg carries the answer for state gen.
type reachMsg struct {
	gen uint64
	ans reachAnswer
}

// reachName is the engine's name of a diagram element, or "" when the
// element is not one the question takes.
func reachName(d *design.Design, r edit.Ref) string {
	if !r.InVPC() || r.V >= len(d.VPCs) {
		return ""
	}
	v := &d.VPCs[r.V]
	switch r.Kind {
	case edit.Tier:
		if r.T < len(v.Tiers) {
			return v.Name + "/" + v.Tiers[r.T].Name
		}
	case edit.Subnet:
		if r.T < len(v.Tiers) {
			return v.Name + "/" + v.Tiers[r.T].Name + "/" + r.AZ
		}
	case edit.SG:
		if r.G < len(v.SecurityGroups) {
			return v.Name + "/sg:" + v.SecurityGroups[r.G].Name
		}
	}
	return ""
}

// openReach asks for the port of the question about the selection.
func (m *Model) openReach() tea.Cmd {
	name := reachName(m.d, m.sel)
	if name == "" {
		m.setStatus("select a tier, subnet or security group to ask who can reach it", true)
		return nil
	}
	m.modal = &reachModal{target: m.sel, name: name}
	return nil
}

// reachModal reads "PORT [from SOURCE]"; an empty port asks every port,
// and enter on an empty line with a question open ends it.
type reachModal struct {
	target edit.Ref
	name   string
	text   string
	err    string
}

func (rm *reachModal) handle(m *Model, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "esc":
		m.modal = nil
		return nil
	case "backspace":
		if rm.text != "" {
			rm.text = rm.text[:len(rm.text)-1]
		}
		return nil
	case "enter":
		port, from, err := parseReachInput(rm.text)
		if err != "" {
			rm.err = err
			return nil
		}
		m.modal = nil
		m.reach = &reachView{target: rm.target, name: rm.name, port: port, from: from}
		return m.reachRefresh()
	}
	if k.Text != "" {
		rm.text += k.Text
	}
	return nil
}

func (rm *reachModal) view(m *Model, w int) (string, []string) {
	lines := []string{
		"Who can reach " + safe.Text(rm.name) + "?",
		"",
		"port, then optionally from SOURCE (e.g. 5432 from prod/sg:app);",
		"empty: every port.",
		"",
		"> " + safe.Text(rm.text) + "▏",
	}
	if rm.err != "" {
		lines = append(lines, "", m.st.Error.S(rm.err))
	}
	lines = append(lines, "", m.st.Dim.S("enter ask · esc cancel · the reach key again ends the question"))
	for i := range lines {
		lines[i] = safe.Truncate(lines[i], w)
	}
	return "Reachability", lines
}

// parseReachInput reads the dialog's line.
func parseReachInput(s string) (port int, from, problem string) {
	s = strings.TrimSpace(s)
	portText, from, _ := strings.Cut(s, "from")
	portText, from = strings.TrimSpace(portText), strings.TrimSpace(from)
	if portText == "" {
		return -1, from, ""
	}
	p, err := strconv.Atoi(portText)
	if err != nil || p < 0 || p > 65535 {
		return 0, "", "not a port: " + strconv.Quote(portText) + " (0 to 65535)"
	}
	return p, from, ""
}

// askReach answers the question about one state. It is a pure function of
// its arguments, which are never changed once made: it runs in Update or
// in a command.
func askReach(d *design.Design, l *design.Layout, name, from string, port int) (ans reachAnswer) {
	defer func() {
		// A bug in the engine must cost the answer, never the session.
		if r := recover(); r != nil {
			ans = reachAnswer{err: fmt.Errorf("reachability failed: %v", r)}
		}
	}()
	e := reach.New(l)
	to, err := e.Resolve(name)
	if err != nil {
		return reachAnswer{err: err}
	}
	q := reach.Query{Protocol: "tcp"}
	if port >= 0 {
		q.Ports = reach.Port(port)
	}
	ans.sources = e.Sources(to, q)
	ans.refs = map[edit.Ref]bool{}
	for _, s := range ans.sources {
		if r, ok := refOfReachName(d, s.From); ok {
			ans.refs[r] = true
		}
	}
	ans.pathOf = from
	if ans.pathOf == "" && len(ans.sources) > 0 {
		ans.pathOf = ans.sources[0].From
	}
	if ans.pathOf != "" {
		src, err := e.Resolve(ans.pathOf)
		if err != nil {
			ans.err = err
			return ans
		}
		ans.path = e.Reach(src, to, q)
	}
	return ans
}

// refOfReachName is the diagram element of a source: a tier or a group.
func refOfReachName(d *design.Design, name string) (edit.Ref, bool) {
	vpc, rest, ok := strings.Cut(name, "/")
	if !ok {
		return edit.Ref{}, false
	}
	for vi := range d.VPCs {
		v := &d.VPCs[vi]
		if v.Name != vpc {
			continue
		}
		if g, isSG := strings.CutPrefix(rest, "sg:"); isSG {
			for gi := range v.SecurityGroups {
				if v.SecurityGroups[gi].Name == g {
					return edit.Ref{Kind: edit.SG, V: vi, G: gi}, true
				}
			}
			return edit.Ref{}, false
		}
		for ti := range v.Tiers {
			if v.Tiers[ti].Name == rest {
				return edit.Ref{Kind: edit.Tier, V: vi, T: ti}, true
			}
		}
		return edit.Ref{}, false
	}
	return edit.Ref{}, false
}

// reachRefresh asks the question again for the current state: now for a
// small design, else in a command (one at a time; an answer for an older
// state starts the next, onReach).
func (m *Model) reachRefresh() tea.Cmd {
	rv := m.reach
	if rv == nil || (rv.asked && rv.gen == m.gen) || rv.busy {
		return nil
	}
	if m.subnets < m.syncValidate {
		m.setReach(m.gen, askReach(m.d, m.layout, rv.name, rv.from, rv.port))
		return nil
	}
	rv.busy = true
	d, l, gen, name, from, port := m.d, m.layout, m.gen, rv.name, rv.from, rv.port
	return func() tea.Msg { return reachMsg{gen: gen, ans: askReach(d, l, name, from, port)} }
}

func (m *Model) onReach(msg reachMsg) tea.Cmd {
	if m.reach == nil {
		return nil
	}
	m.reach.busy = false
	if msg.gen != m.gen {
		return m.reachRefresh()
	}
	m.setReach(msg.gen, msg.ans)
	return nil
}

func (m *Model) setReach(gen uint64, ans reachAnswer) {
	first := !m.reach.asked
	m.reach.gen, m.reach.ans, m.reach.asked = gen, ans, true
	switch {
	case ans.err != nil:
		m.setStatus(ans.err.Error(), true)
	case first:
		// Later answers follow edits, whose own status stays.
		m.setStatus(m.reachSummary(), false)
	}
	m.buildDiagram(nil, nil, false)
	m.syncInspector()
}

// endReach drops the question and its marks.
func (m *Model) endReach() {
	m.reach = nil
	m.buildDiagram(nil, nil, false)
	m.syncInspector()
	m.setStatus("reachability question closed", false)
}

func (m *Model) reachSummary() string {
	rv := m.reach
	on := "any port"
	if rv.port >= 0 {
		on = "tcp " + strconv.Itoa(rv.port)
	}
	n := len(rv.ans.sources)
	return "reach " + safe.Text(rv.name) + " on " + on + ": " + strconv.Itoa(n) + " source" + map[bool]string{true: "", false: "s"}[n == 1] + " (◆ in the diagram)"
}

// diagramMarks are the findings' marks with, while a question is open,
// its sources' tiers and groups marked as reaching (diagram.MarkReach).
func (m *Model) diagramMarks() diagram.Marks {
	if m.reach == nil || len(m.reach.ans.refs) == 0 {
		return m.marks
	}
	out := make(diagram.Marks, len(m.marks)+len(m.reach.ans.refs))
	for r, v := range m.marks {
		out[r] = v
	}
	for r := range m.reach.ans.refs {
		out[r] = diagram.MarkReach
	}
	return out
}

// reachFindings are the lines the inspector of the question's element
// shows: the path from the source hop by hop, or the block. They are
// findings of their own code (reach-path), never validation's.
func (m *Model) reachFindings(sel edit.Ref) []design.Finding {
	rv := m.reach
	if rv == nil || sel != rv.target || !rv.asked {
		return nil
	}
	a := rv.ans
	if a.pathOf == "" {
		return []design.Finding{{Severity: design.Info, Code: "reach", Message: "nobody reaches " + rv.name}}
	}
	res := a.path
	head := a.pathOf + " reaches " + rv.name + " on " + res.Ports.String()
	if !res.Reachable {
		head = a.pathOf + " does not reach " + rv.name
	}
	out := []design.Finding{{Severity: design.Info, Code: "reach", Message: head}}
	if len(res.Paths) > 0 {
		for _, h := range res.Paths[0] {
			out = append(out, design.Finding{Severity: design.Info, Code: "reach", Message: h.Component + ": " + h.Detail})
		}
	}
	if b := res.BlockedBy; b != nil {
		msg := "blocked by " + b.Component + ": " + b.Message + " [" + b.Code + "]"
		if b.Fix != "" {
			msg += "; to open it: " + b.Fix
		}
		out = append(out, design.Finding{Severity: design.Warning, Code: "reach", Message: msg})
	}
	return out
}
