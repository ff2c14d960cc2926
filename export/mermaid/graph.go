package mermaid

// graph is a diagram before it is written: a tree of subgraphs and nodes,
// then the edges. Builders fill it in; write serialises it. Keeping the two
// apart lets Render measure a drawing (characters, edges) and try a coarser
// one without string surgery.
type graph struct {
	dir      string   // TB or LR
	title    string   // raw text, filtered by write; "" for none
	legend   []string // lines of the legend node; none when empty
	root     group
	edges    []edge
	nodeByID map[string]*node
	groupBy  map[string]*group
}

// group is a subgraph; the root group is the diagram itself.
type group struct {
	id, label, class string
	items            []item
}

// item is a node or a group inside a group, in drawing order.
type item struct {
	node  *node
	group *group
}

// shape is how a node is drawn.
type shape int

const (
	box       shape = iota // ["…"]
	round                  // ("…")
	stadium                // (["…"])
	hexagon                // {{"…"}}
	cylinder               // [("…")]
	circle                 // (("…"))
	trapezoid              // [/"…"\]
)

type node struct {
	id, label, class string
	shape            shape
}

// arrow is the kind of edge: solid, dotted or thick; one- or two-way.
type arrow int

const (
	solid arrow = iota
	solidBoth
	dotted
	dottedBoth
	thick
	thickBoth
	// invisible edges only steer the layout (Mermaid's ~~~); they count
	// towards MaxEdges like any other.
	invisible
)

type edge struct {
	from, to, label string
	arrow           arrow
}

func newGraph(dir string) *graph {
	return &graph{dir: dir, nodeByID: map[string]*node{}, groupBy: map[string]*group{}}
}

// group adds a subgraph to parent (nil: the diagram) and returns it. An id
// already used returns the existing group, so callers can ask for a group
// on demand.
func (g *graph) group(parent *group, id, label, class string) *group {
	if sg, ok := g.groupBy[id]; ok {
		return sg
	}
	if parent == nil {
		parent = &g.root
	}
	sg := &group{id: id, label: label, class: class}
	parent.items = append(parent.items, item{group: sg})
	g.groupBy[id] = sg
	return sg
}

// node adds a node to parent (nil: the diagram); an id already used is
// left as it was.
func (g *graph) node(parent *group, id, label, class string, s shape) {
	if _, ok := g.nodeByID[id]; ok {
		return
	}
	if parent == nil {
		parent = &g.root
	}
	n := &node{id: id, label: label, class: class, shape: s}
	parent.items = append(parent.items, item{node: n})
	g.nodeByID[id] = n
}

// has reports whether id names a node or a group of the graph.
func (g *graph) has(id string) bool {
	if _, ok := g.nodeByID[id]; ok {
		return true
	}
	_, ok := g.groupBy[id]
	return ok
}

// edge adds an edge between two ids already in the graph; an edge to an id
// that is not there would make Mermaid invent a node named by the id, so it
// is dropped (builders add nodes before edges).
func (g *graph) edge(from, to, label string, a arrow) {
	if !g.has(from) || !g.has(to) {
		return
	}
	g.edges = append(g.edges, edge{from: from, to: to, label: label, arrow: a})
}

// empty reports whether the diagram has nothing to draw.
func (g *graph) empty() bool { return len(g.root.items) == 0 }
