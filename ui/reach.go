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
	proto  string // tcp, udp, icmp or all
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

// openReach asks for the port of the question about the selection. A
// selection the question cannot take (a VPC, a connection) still opens it:
// the line then names the target with "to", which is also how a workload
// (never a cell of the diagram) is asked about.
func (m *Model) openReach() tea.Cmd {
	m.openDialog(&reachModal{target: m.sel, name: reachName(m.d, m.sel)})
	return nil
}

// reachModal reads "[PROTOCOL] [PORT] [from SOURCE] [to TARGET]"; an empty
// port asks every port. Tab completes the word being typed from the
// design's element names (workloads among them), cycling on a second tab.
type reachModal struct {
	target edit.Ref
	name   string
	text   string
	err    string
	// names are the engine's element names, made on the first tab; tab
	// holds the word before completion and which match is shown.
	names []string
	tab   *tabCycle
}

type tabCycle struct {
	base    string // the text before the word being completed
	matches []string
	next    int
}

func (rm *reachModal) update(m *Model, msg tea.Msg) dialogResult {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return dialogResult{}
	}
	if k.String() != "tab" {
		rm.tab = nil
	}
	switch k.String() {
	case "esc":
		return closeDialog(nil)
	case "tab":
		rm.complete(m)
		return dialogResult{}
	case "backspace":
		if rm.text != "" {
			rm.text = rm.text[:len(rm.text)-1]
		}
		return dialogResult{}
	case "enter":
		q, err := parseReachInput(rm.text)
		if err != "" {
			rm.err = err
			return dialogResult{}
		}
		target, name := rm.target, rm.name
		if q.to != "" {
			name = q.to
			if r, ok := refOfReachName(m.d, name); ok {
				target = r
			}
		}
		if name == "" {
			rm.err = "select a tier, subnet or security group, or name the target: to VPC/workload:NAME (tab completes)"
			return dialogResult{}
		}
		// Unknown names are refused here, with the engine's suggestion,
		// rather than after the dialog has closed.
		e := reach.New(m.layout)
		for _, n := range []string{name, q.from} {
			if _, err := e.Resolve(n); n != "" && err != nil {
				rm.err = err.Error()
				return dialogResult{}
			}
		}
		rv := &reachView{target: target, name: name, proto: q.proto, port: q.port, from: q.from}
		return closeDialog(func(m *Model) tea.Cmd {
			m.reach = rv
			return m.reachRefresh()
		})
	}
	if k.Text != "" {
		rm.text += k.Text
	}
	return dialogResult{}
}

// complete replaces the word being typed with the next element name that
// starts with it.
func (rm *reachModal) complete(m *Model) {
	if rm.tab == nil {
		if rm.names == nil {
			rm.names = reach.New(m.layout).Names()
		}
		cut := strings.LastIndexByte(rm.text, ' ') + 1
		word := rm.text[cut:]
		var matches []string
		for _, n := range rm.names {
			if strings.HasPrefix(n, word) {
				matches = append(matches, n)
			}
		}
		if len(matches) == 0 {
			return
		}
		rm.tab = &tabCycle{base: rm.text[:cut], matches: matches}
	}
	t := rm.tab
	rm.text = t.base + t.matches[t.next%len(t.matches)]
	t.next++
}

func (rm *reachModal) view(m *Model, w int) (string, []string) {
	title := "Who can reach " + safe.Text(rm.name) + "?"
	if rm.name == "" {
		title = "Who can reach …? (name it: to VPC/workload:NAME)"
	}
	lines := []string{
		title,
		"",
		"[tcp|udp|icmp|all] [port] [from SOURCE] [to TARGET],",
		"e.g. 5432 from prod/sg:app · udp 53 · to prod/workload:web;",
		"empty: tcp, every port. tab completes a name.",
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

// reachQuestion is the dialog's line read: the protocol (tcp unless
// named), the port (-1: every port), and the source and target named.
type reachQuestion struct {
	proto    string
	port     int
	from, to string
}

// parseReachInput reads the dialog's line: "[PROTOCOL] [PORT] [from
// SOURCE] [to TARGET]", the last two in either order.
func parseReachInput(s string) (reachQuestion, string) {
	q := reachQuestion{proto: "tcp", port: -1}
	f := strings.Fields(s)
	i := 0
	if i < len(f) {
		switch p := strings.ToLower(f[i]); p {
		case "tcp", "udp", "icmp", "all":
			q.proto = p
			i++
		}
	}
	if i < len(f) && f[i] != "from" && f[i] != "to" {
		p, err := strconv.Atoi(f[i])
		if err != nil || p < 0 || p > 65535 {
			return q, "not a port or protocol: " + strconv.Quote(f[i]) + " (tcp, udp, icmp or all; a port 0 to 65535)"
		}
		if q.proto == "icmp" || q.proto == "all" {
			return q, q.proto + " has no ports: write " + q.proto + " alone"
		}
		q.port = p
		i++
	}
	for i < len(f) {
		if f[i] != "from" && f[i] != "to" {
			return q, "unexpected " + strconv.Quote(f[i]) + ": after the port come from SOURCE and to TARGET"
		}
		if i+1 >= len(f) {
			return q, f[i] + " needs an element, e.g. prod/sg:app or prod/workload:web"
		}
		if f[i] == "from" {
			q.from = f[i+1]
		} else {
			q.to = f[i+1]
		}
		i += 2
	}
	return q, ""
}

// askReach answers the question about one state. It is a pure function of
// its arguments, which are never changed once made: it runs in Update or
// in a command.
func askReach(d *design.Design, l *design.Layout, name, from, proto string, port int) (ans reachAnswer) {
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
	q := reach.Query{Protocol: proto}
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

// refOfReachName is the diagram element of a source or target: a tier or
// a group; a workload is its group (else its tier), the cell that shows it.
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
		if w, isWorkload := strings.CutPrefix(rest, "workload:"); isWorkload {
			for _, wl := range v.Workloads {
				if wl.Name != w {
					continue
				}
				if r, ok := refOfReachName(d, vpc+"/sg:"+wl.SecurityGroup); ok && wl.SecurityGroup != "" {
					return r, true
				}
				rest = wl.Tier
			}
			if rest == "workload:"+w {
				return edit.Ref{}, false
			}
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
		m.setReach(m.gen, askReach(m.d, m.layout, rv.name, rv.from, rv.proto, rv.port))
		return nil
	}
	rv.busy = true
	d, l, gen, name, from, proto, port := m.d, m.layout, m.gen, rv.name, rv.from, rv.proto, rv.port
	return func() tea.Msg { return reachMsg{gen: gen, ans: askReach(d, l, name, from, proto, port)} }
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
	on := "tcp, any port"
	switch {
	case rv.proto == "icmp" || rv.proto == "all":
		on = rv.proto
	case rv.port >= 0:
		on = rv.proto + " " + strconv.Itoa(rv.port)
	case rv.proto != "tcp":
		on = rv.proto + ", any port"
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
