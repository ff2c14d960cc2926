package edit

import "github.com/vpcsmith/vpcsmith/design"

// Snapshot is one state of the design in the undo history: the design
// (never changed once recorded), the selection to restore with it, and the
// generation that identifies the state (for "unsaved changes": the state is
// clean when its generation is the saved one).
type Snapshot struct {
	Design *design.Design
	Sel    Ref
	Gen    uint64
}

// History is the undo and redo stacks. Every edit records the state before
// it, so undo covers every edit; it keeps at most Limit states.
type History struct {
	undo, redo []entry
	Limit      int
}

type entry struct {
	Snapshot
	label string // the edit that left this state
}

// DefaultLimit is how many edits undo reaches back. Each state is a full
// copy of the design (about 0.5 MB at 5,000 subnets), so the bound keeps a
// long session of a large design near 100 MB.
const DefaultLimit = 200

// Record remembers prev, the state before an edit described by label, and
// forgets the redo stack.
func (h *History) Record(prev Snapshot, label string) {
	limit := h.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	h.undo = append(h.undo, entry{prev, label})
	if len(h.undo) > limit {
		h.undo = append(h.undo[:0:0], h.undo[len(h.undo)-limit:]...)
	}
	h.redo = nil
}

// Undo returns the state before the last edit and the edit's label; cur
// goes on the redo stack. ok is false when there is nothing to undo.
func (h *History) Undo(cur Snapshot) (prev Snapshot, label string, ok bool) {
	if len(h.undo) == 0 {
		return Snapshot{}, "", false
	}
	e := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, entry{cur, e.label})
	return e.Snapshot, e.label, true
}

// Redo returns the state the last undo left and the edit's label.
func (h *History) Redo(cur Snapshot) (next Snapshot, label string, ok bool) {
	if len(h.redo) == 0 {
		return Snapshot{}, "", false
	}
	e := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, entry{cur, e.label})
	return e.Snapshot, e.label, true
}

// CanUndo and CanRedo report whether the stacks hold anything.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether an undone edit can be redone.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }
