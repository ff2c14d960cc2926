package design

import (
	"slices"

	"github.com/vpcsmith/vpcsmith/internal/yamltree"
)

// Position is a place in a design file, 1-based: Line and Column, and
// IsValid. The zero Position means the element was not read from a file
// (built in code or added in the editor). It is the YAML tree's position,
// so the loader's nodes carry it without a conversion.
type Position = yamltree.Pos

// decor is what a person wrote around an element or key besides its value:
// comment lines above it, a comment at the end of its line, and whether a blank
// line separated it from what came before. Saving writes it back.
type decor struct {
	head        []string // whole comment lines, "#" included, without indentation
	line        string   // trailing comment, "#" included
	blankBefore bool
}

func (d *decor) empty() bool {
	return d == nil || (len(d.head) == 0 && d.line == "" && !d.blankBefore)
}

// source records how one mapping element of the design was written in its
// file: where it was, where each key's value was, the order of its keys,
// whether it was in flow style ({...}) and the comments around it. It is
// carried by the element itself, so comments follow an element when the
// editor renames, moves or reorders it.
type source struct {
	pos      Position   // the element itself
	keyOrder []string   // keys in the order written
	keyPos   []Position // the value of each key of keyOrder
	flow     bool
	// crlf, on the Design's source, records that the file's lines ended
	// in CRLF: saving writes them so again, so that a save of an unchanged
	// file changes no byte and a diff shows only what was edited.
	crlf  bool
	decor map[string]*decor // "" : the element; otherwise a key
	// listed and flowLists record which list-valued keys were written in
	// flow style ([a, b]): bit i of listed says that key i of keyOrder
	// holds a list, the same bit of flowLists that it was written in flow
	// style. Two words, not a map per element: a 100k-subnet design has
	// 130,000 elements with lists. flowKeys holds keys past the 64th, which
	// no element of the format has.
	listed, flowLists uint64
	flowKeys          map[string]bool
}

// setListStyle records that key, a key of keyOrder, holds a list written
// in flow style or not.
func (s *source) setListStyle(key string, flow bool) {
	i := slices.Index(s.keyOrder, key)
	if i < 0 || i >= 64 {
		if s.flowKeys == nil {
			s.flowKeys = map[string]bool{}
		}
		s.flowKeys[key] = flow
		return
	}
	s.listed |= 1 << i
	if flow {
		s.flowLists |= 1 << i
	} else {
		s.flowLists &^= 1 << i
	}
}

// listStyle reports whether key's list was written in flow style; ok is
// false when no list was recorded for key.
func (s *source) listStyle(key string) (flow, ok bool) {
	if s == nil {
		return false, false
	}
	if flow, ok := s.flowKeys[key]; ok {
		return flow, true
	}
	if i := slices.Index(s.keyOrder, key); i >= 0 && i < 64 {
		return s.flowLists&(1<<i) != 0, s.listed&(1<<i) != 0
	}
	return false, false
}

// dropKey forgets key i of keyOrder, with its position and list style.
func (s *source) dropKey(i int) {
	s.keyOrder = append(s.keyOrder[:i:i], s.keyOrder[i+1:]...)
	s.keyPos = append(s.keyPos[:i:i], s.keyPos[i+1:]...)
	if i < 64 {
		below := uint64(1)<<i - 1
		s.listed = s.listed&below | (s.listed>>1)&^below
		s.flowLists = s.flowLists&below | (s.flowLists>>1)&^below
	}
}

// at returns the position of key's value, else of the element; the zero
// Position when the element has no source.
func (s *source) at(key string) Position {
	if s == nil {
		return Position{}
	}
	if key != "" {
		for i, k := range s.keyOrder {
			if k == key {
				return s.keyPos[i]
			}
		}
	}
	return s.pos
}

// has reports whether key was written in the file.
func (s *source) has(key string) bool {
	if s == nil {
		return false
	}
	for _, k := range s.keyOrder {
		if k == key {
			return true
		}
	}
	return false
}

func (s *source) decorFor(key string) *decor {
	if s.decor == nil {
		s.decor = map[string]*decor{}
	}
	d := s.decor[key]
	if d == nil {
		d = &decor{}
		s.decor[key] = d
	}
	return d
}

func (s *source) decorOf(key string) *decor {
	if s == nil {
		return nil
	}
	return s.decor[key]
}

// Pos returns where the design's element at the given key was written; the
// zero Position when it was not read from a file. These accessors let
// findings and errors point at file positions without exposing the metadata.
func (d *Design) Pos(key string) Position        { return d.src.at(key) }
func (n *Network) Pos(key string) Position       { return n.src.at(key) }
func (v *VPC) Pos(key string) Position           { return v.src.at(key) }
func (t *Tier) Pos(key string) Position          { return t.src.at(key) }
func (s *Subnet) Pos(key string) Position        { return s.src.at(key) }
func (g *SecurityGroup) Pos(key string) Position { return g.src.at(key) }
func (r *Rule) Pos(key string) Position          { return r.src.at(key) }
func (w *Workload) Pos(key string) Position      { return w.src.at(key) }
func (t *Traffic) Pos(key string) Position       { return t.src.at(key) }
func (c *Connection) Pos(key string) Position    { return c.src.at(key) }
