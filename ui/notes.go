package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// notesModal shows the notes of an export: what the files leave out and
// what the deployer must do, the lines `vpcsmith export` prints on stderr
// (issue 16: the designer wrote the same files but kept the notes to
// itself). The notes scroll when they are taller than the screen.
type notesModal struct {
	title  string
	notes  []string
	offset int
}

func (n *notesModal) update(ctx *Model, msg tea.Msg) dialogResult {
	switch dk := ctx.dk; {
	case pressed(msg, dk.Confirm), pressed(msg, dk.Close):
		return closeDialog(nil)
	case pressed(msg, dk.Up):
		n.offset = max(n.offset-1, 0)
	case pressed(msg, dk.Down):
		n.offset++
	case pressed(msg, dk.Interrupt):
		return over((*Model).quit)
	}
	return dialogResult{}
}

func (n *notesModal) view(m *Model, w int) (string, []string) {
	var lines []string
	for _, note := range n.notes {
		for i, l := range panes.Wrap(safe.Text(note), w-2) {
			prefix := "  "
			if i == 0 {
				prefix = "• "
			}
			lines = append(lines, prefix+l)
		}
	}
	// The dialog keeps inside the screen: the notes get what is left after
	// the frame, the title and the key line.
	room := max(m.height-8, 3)
	n.offset = min(n.offset, max(len(lines)-room, 0))
	body := append(panes.Fold(m.st, lines[n.offset:], room, w, panes.MoreLines), "")
	body = append(body, bindingLines(m.st, w, m.dk.Up, m.dk.Down, m.dk.Confirm)...)
	return safe.Text(n.title), body
}
