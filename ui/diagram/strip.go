package diagram

import (
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// stripBlock is the security-group chain drawn under a VPC: each line
// follows ingress rules from a source to the groups it reaches,
// `internet ─443→ alb ─8080→ app ─5432→ db`.
type stripBlock struct {
	lines [][]tok
	w     int
}

type tokKind int

const (
	tokLabel tokKind = iota // "security groups" at the start of the first line
	tokPeer                 // a rule source that is not a group of this VPC
	tokEdge                 // " ─443→ "
	tokSG                   // a group of this VPC
	tokText                 // filler text
)

type tok struct {
	kind tokKind
	text string // safe
	ref  edit.Ref
	sev  int
	x    int
}

const stripLabel = "security groups"

// newStrip builds the chain of VPC vi and its navigation row (one item per
// group, at its first appearance, named with V = 0: see local.go); nil
// when the VPC has no groups.
func newStrip(in Input, vi int) (*stripBlock, []Item) {
	v := &in.Design.VPCs[vi]
	if len(v.SecurityGroups) == 0 {
		return nil, nil
	}
	g := newChainGraph(v)
	chains := g.chains()

	indent := margin + 2 + len(stripLabel) + 2
	b := &stripBlock{}
	first := map[int]Item{}
	sgTok := func(key string) tok {
		gi := g.sgIndex[key]
		ref := edit.Ref{Kind: edit.SG, G: gi} // V = 0: see local.go
		return tok{kind: tokSG, text: g.label[key], ref: ref, sev: markOf(in, vi, ref)}
	}
	addLine := func(toks []tok) {
		x := indent
		lead := tok{kind: tokText, text: strings.Repeat(" ", indent)}
		if len(b.lines) == 0 {
			lead = tok{kind: tokLabel, text: strings.Repeat(" ", margin+2) + stripLabel + "  "}
		}
		line := []tok{lead}
		for _, t := range toks {
			t.x = x
			if t.kind == tokSG || t.kind == tokPeer {
				if t.sev > 0 {
					x += 2 // glyph and space
				}
			}
			x += safe.Width(t.text)
			if t.kind == tokSG {
				if _, seen := first[t.ref.G]; !seen {
					first[t.ref.G] = Item{Ref: t.ref, X: t.x, Y: len(b.lines), W: x - t.x, H: 1}
				}
			}
			line = append(line, t)
		}
		b.lines = append(b.lines, line)
		b.w = max(b.w, x)
	}
	for _, ch := range chains {
		var toks []tok
		for i, n := range ch.nodes {
			if i > 0 {
				toks = append(toks, tok{kind: tokEdge, text: " ─" + ch.labels[i-1] + "→ "})
			}
			if _, isSG := g.sgIndex[n]; isSG {
				toks = append(toks, sgTok(n))
			} else {
				toks = append(toks, tok{kind: tokPeer, text: g.label[n]})
			}
		}
		addLine(toks)
	}
	// Groups no rule connects.
	var alone []tok
	for gi := range v.SecurityGroups {
		if !g.inChain[gi] {
			if len(alone) > 0 {
				alone = append(alone, tok{kind: tokText, text: "  "})
			}
			alone = append(alone, sgTok(g.keys[gi]))
		}
	}
	if len(alone) > 0 {
		if len(chains) > 0 {
			alone = append([]tok{{kind: tokText, text: "no rules between: "}}, alone...)
		}
		addLine(alone)
	}
	row := make([]Item, 0, len(v.SecurityGroups))
	for gi := range v.SecurityGroups {
		if it, ok := first[gi]; ok {
			row = append(row, it)
		}
	}
	return b, row
}

func (b *stripBlock) height() int { return len(b.lines) }
func (b *stripBlock) width() int  { return b.w }

func (b *stripBlock) line(i int, r *renderer) string {
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	st := r.st
	var sb strings.Builder
	for _, t := range b.lines[i] {
		switch t.kind {
		case tokLabel:
			sb.WriteString(st.Dim.S(t.text))
		case tokEdge:
			sb.WriteString(st.Edge.S(t.text))
		case tokPeer:
			sb.WriteString(st.Peer.S(t.text))
		case tokSG:
			if t.sev > 0 {
				sb.WriteString(markGlyph(st, t.sev) + " ")
			}
			if r.sel == t.ref {
				sb.WriteString(st.Selected.S(t.text))
			} else {
				sb.WriteString(st.SG.S(t.text))
			}
		default:
			sb.WriteString(st.Dim.S(t.text))
		}
	}
	return sb.String()
}

// chainGraph is a VPC's ingress rules as a graph: an edge from each rule's
// source to the group that has the rule, labelled with its ports.
type chainGraph struct {
	keys    []string       // node key of each group, by index
	sgIndex map[string]int // node key → group index
	label   map[string]string
	order   []string // nodes in order of first appearance
	out     map[string][]*chainEdge
	in      map[string]int
	edges   []*chainEdge
	inChain map[int]bool
}

type chainEdge struct {
	from, to string
	ports    []string
	used     bool
}

type chain struct {
	nodes  []string
	labels []string
}

func newChainGraph(v *design.VPC) *chainGraph {
	g := &chainGraph{sgIndex: map[string]int{}, label: map[string]string{}, out: map[string][]*chainEdge{}, in: map[string]int{}, inChain: map[int]bool{}}
	seen := map[string]bool{}
	node := func(key, label string) {
		if !seen[key] {
			seen[key] = true
			g.order = append(g.order, key)
			g.label[key] = label
		}
	}
	for gi := range v.SecurityGroups {
		key := "sg:" + v.SecurityGroups[gi].Name
		g.keys = append(g.keys, key)
		if _, dup := g.sgIndex[key]; !dup {
			g.sgIndex[key] = gi
		}
		name := safe.Text(v.SecurityGroups[gi].Name)
		if name == "" {
			name = "(unnamed)"
		}
		node(key, name)
	}
	byPair := map[[2]string]*chainEdge{}
	for gi := range v.SecurityGroups {
		sg := &v.SecurityGroups[gi]
		to := g.keys[gi]
		for _, r := range sg.Ingress {
			from := r.From
			if strings.HasPrefix(from, "sg:"+v.Name+"/") { // this VPC's group, written long
				from = "sg:" + strings.TrimPrefix(from, "sg:"+v.Name+"/")
			}
			if from == "" {
				from = "?"
			}
			node(from, safe.Text(from))
			ports := safe.Text(r.Ports)
			if ports == "" {
				ports = "all"
			}
			if p := r.EffectiveProtocol(); p != "tcp" {
				ports += "/" + safe.Text(p)
			}
			pair := [2]string{from, to}
			if e := byPair[pair]; e != nil {
				e.ports = append(e.ports, ports)
				continue
			}
			e := &chainEdge{from: from, to: to, ports: []string{ports}}
			byPair[pair] = e
			g.edges = append(g.edges, e)
			g.out[from] = append(g.out[from], e)
			g.in[to]++
		}
	}
	return g
}

// chains covers every edge with paths: first from the nodes nothing points
// at (the internet, CIDRs, other VPCs...), then from whatever is left
// (cycles). Each path follows the first unused edge at every step.
func (g *chainGraph) chains() []chain {
	var out []chain
	walk := func(start string) {
		for g.hasUnused(start) {
			c := chain{nodes: []string{start}}
			cur := start
			for {
				var next *chainEdge
				for _, e := range g.out[cur] {
					if !e.used {
						next = e
						break
					}
				}
				if next == nil {
					break
				}
				next.used = true
				c.labels = append(c.labels, strings.Join(next.ports, ","))
				c.nodes = append(c.nodes, next.to)
				cur = next.to
			}
			for _, n := range c.nodes {
				if gi, ok := g.sgIndex[n]; ok {
					g.inChain[gi] = true
				}
			}
			out = append(out, c)
		}
	}
	for _, n := range g.order {
		if g.in[n] == 0 {
			walk(n)
		}
	}
	for _, e := range g.edges {
		if !e.used {
			walk(e.from)
		}
	}
	return out
}

func (g *chainGraph) hasUnused(n string) bool {
	for _, e := range g.out[n] {
		if !e.used {
			return true
		}
	}
	return false
}
