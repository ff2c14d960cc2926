package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/panes"
	"github.com/vpcsmith/vpcsmith/ui/safe"
)

// importModal is the import from AWS: region and profile, then the
// region's VPCs to pick from, then the import itself with a spinner and
// its progress, then what the design could not hold. The imported VPCs are
// added to the design as one edit (undo removes them).
type importModal struct {
	stage   importStage
	region  panes.Input
	profile panes.Input
	field   int // 0 region, 1 profile
	vpcs    []AWSVPC
	picked  []bool
	cursor  int
	err     error
	notes   []string
	cancel  context.CancelFunc
	spin    spinner.Model
	// progress is written by the import's goroutine and read by View.
	vpcsDone, vpcsTotal, calls atomic.Int64
}

type importStage int

const (
	importForm importStage = iota
	importListing
	importPick
	importRunning
	importDone
)

// importMsg carries the result of listing or importing.
type importMsg struct {
	vpcs   []AWSVPC
	region string
	result *ImportResult
	err    error
}

// newImportSpinner is the bubbles spinner of the listing and the import
// (MiniDot: the braille frames of one cell the hand-rolled one had).
func newImportSpinner() spinner.Model { return spinner.New(spinner.WithSpinner(spinner.MiniDot)) }

func (m *Model) openImport() tea.Cmd {
	if m.opts.Importer == nil {
		m.setStatus("no AWS import in this build", true)
		return nil
	}
	im := &importModal{spin: newImportSpinner()}
	im.region.SetValue(m.d.Region)
	im.profile.SetValue(m.opts.Profile)
	im.region.SelectAll() // a region typed replaces the design's
	im.profile.SelectAll()
	m.openDialog(im)
	return nil
}

func (im *importModal) busy() bool { return im.stage == importListing || im.stage == importRunning }

func (im *importModal) update(ctx *Model, msg tea.Msg) dialogResult {
	dk := ctx.dk
	if pressed(msg, dk.Interrupt) || pressed(msg, dk.Cancel) {
		if im.cancel != nil {
			im.cancel()
		}
		if pressed(msg, dk.Interrupt) {
			// In its place: the import's results go to the top dialog,
			// so it does not wait under the quit dialog.
			return closeDialog((*Model).quit)
		}
		if !im.busy() {
			return closeDialog(nil)
		}
		return closeDialog(func(m *Model) tea.Cmd {
			m.setStatus("import cancelled", false)
			return nil
		})
	}
	switch im.stage {
	case importForm:
		switch {
		case pressed(msg, dk.NextField):
			im.field = 1 - im.field
		case pressed(msg, dk.Confirm):
			return dialogResult{cmd: im.list(ctx)}
		default:
			if im.field == 0 {
				im.region.Handle(msg)
			} else {
				im.profile.Handle(msg)
			}
		}
	case importPick:
		switch {
		case pressed(msg, dk.Up):
			im.cursor = max(im.cursor-1, 0)
		case pressed(msg, dk.Down):
			im.cursor = min(im.cursor+1, len(im.vpcs)-1)
		case pressed(msg, dk.Pick):
			if len(im.picked) > 0 {
				im.picked[im.cursor] = !im.picked[im.cursor]
			}
		case pressed(msg, dk.PickAll):
			all := true
			for _, p := range im.picked {
				all = all && p
			}
			for i := range im.picked {
				im.picked[i] = !all
			}
		case pressed(msg, dk.Confirm):
			return dialogResult{cmd: im.run(ctx)}
		}
	case importDone:
		if pressed(msg, dk.Done) {
			return closeDialog(nil)
		}
	}
	return dialogResult{}
}

// list starts listing the region's VPCs (m is read: the importer).
func (im *importModal) list(m *Model) tea.Cmd {
	imp := m.opts.Importer
	region, profile := strings.TrimSpace(im.region.Value()), strings.TrimSpace(im.profile.Value())
	ctx, cancel := context.WithCancel(context.Background())
	im.cancel, im.stage, im.err = cancel, importListing, nil
	work := func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = importMsg{err: fmt.Errorf("listing failed: %v", r)}
			}
		}()
		vpcs, used, err := imp.ListVPCs(ctx, region, profile)
		return importMsg{vpcs: vpcs, region: used, err: err}
	}
	return tea.Batch(work, im.spin.Tick)
}

// run starts the import of the picked VPCs (m is read: the importer).
func (im *importModal) run(m *Model) tea.Cmd {
	var ids []string
	for i, p := range im.picked {
		if p {
			ids = append(ids, im.vpcs[i].ID)
		}
	}
	if len(ids) == 0 {
		im.err = fmt.Errorf("pick at least one VPC (space)")
		return nil
	}
	imp := m.opts.Importer
	region, profile := strings.TrimSpace(im.region.Value()), strings.TrimSpace(im.profile.Value())
	ctx, cancel := context.WithCancel(context.Background())
	im.cancel, im.stage, im.err = cancel, importRunning, nil
	im.vpcsTotal.Store(int64(len(ids)))
	work := func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = importMsg{err: fmt.Errorf("the import failed: %v", r)}
			}
		}()
		res, err := imp.Import(ctx, region, profile, ids, func(p ImportProgress) {
			im.vpcsDone.Store(int64(p.VPCsDone))
			im.vpcsTotal.Store(int64(p.VPCs))
			im.calls.Store(int64(p.Calls))
		})
		return importMsg{result: res, err: err}
	}
	return tea.Batch(work, im.spin.Tick)
}

// onResult takes the listing's or the import's result: the imported VPCs
// are the root's edit, the rest the dialog's own state.
func (im *importModal) onResult(msg importMsg) dialogResult {
	if !im.busy() {
		return dialogResult{} // cancelled
	}
	im.cancel = nil
	if msg.err != nil {
		im.err = msg.err
		if im.stage == importListing {
			im.stage = importForm
		} else {
			im.stage = importPick
		}
		return dialogResult{}
	}
	if im.stage == importListing {
		if msg.region != "" {
			im.region.SetValue(msg.region)
		}
		im.vpcs, im.picked, im.cursor = msg.vpcs, make([]bool, len(msg.vpcs)), 0
		im.stage = importPick
		if len(im.vpcs) == 0 {
			im.err = fmt.Errorf("the region has no VPCs")
			im.stage = importForm
		}
		return dialogResult{}
	}
	res := msg.result
	if res == nil || res.Design == nil {
		im.err, im.stage = fmt.Errorf("the import returned no design"), importPick
		return dialogResult{}
	}
	im.stage = importDone
	return over(func(m *Model) tea.Cmd {
		var renamed []string
		n := len(res.Design.VPCs)
		cmd := m.apply(fmt.Sprintf("import %d VPCs from AWS", n), edit.Everything, func(d *design.Design) error {
			_, renamed = edit.Merge(d, res.Design)
			return nil
		}, func(d *design.Design) edit.Ref { return edit.Ref{Kind: edit.VPC, V: len(d.VPCs) - n} })
		im.notes = append(append([]string{fmt.Sprintf("Imported %d VPCs: undo (u) removes them.", n)}, renamed...), res.Notes...)
		return cmd
	})
}

func (im *importModal) view(m *Model, w int) (string, []string) {
	st := m.st
	var body []string
	spin := im.spin.View()
	switch im.stage {
	case importForm:
		field := func(i int, label string, in *panes.Input) string {
			l := safe.Pad(label, 9)
			if i == im.field {
				return st.Bold.S(l) + in.View(st, max(w-10, 4))
			}
			v := in.Value()
			if v == "" {
				v = st.Dim.S("(default)")
			}
			return st.Dim.S(l) + safe.Truncate(v, max(w-10, 4))
		}
		body = append(body, field(0, "region", &im.region), field(1, "profile", &im.profile), "")
		body = append(body, st.Dim.S(safe.Truncate("Credentials as the AWS CLI finds them; Describe calls only.", w)))
		body = append(body, keyLines(st, w, "tab", "next field", "enter", "list VPCs", "esc", "cancel")...)
	case importListing:
		body = append(body, spin+" listing the VPCs of "+safe.Text(orDefault(im.region.Value()))+"…", "", keyLine(st, "esc", "cancel"))
	case importPick:
		for i, v := range im.vpcs {
			box := "[ ] "
			if im.picked[i] {
				box = "[x] "
			}
			line := box + safe.Text(v.ID) + "  " + safe.Text(v.CIDR) + "  " + safe.Text(v.Name)
			line = safe.Pad(safe.Truncate(line, w), w)
			if i == im.cursor {
				line = st.Selected.S(line)
			}
			body = append(body, line)
		}
		body = append(body, "")
		body = append(body, keyLines(st, w, "space", "pick", "a", "all", "enter", "import", "esc", "cancel")...)
	case importRunning:
		body = append(body, fmt.Sprintf("%s importing: %d of %d VPCs done, %d calls", spin, im.vpcsDone.Load(), im.vpcsTotal.Load(), im.calls.Load()),
			"", keyLine(st, "esc", "cancel"))
	case importDone:
		for _, n := range im.notes {
			body = append(body, panes.Wrap(safe.Text(n), w)...)
		}
		if len(body) > 20 {
			body = append(body[:19], st.Dim.S(fmt.Sprintf("… %d more lines", len(body)-19)))
		}
		body = append(body, "", keyLine(st, "enter", "close"))
	}
	if im.err != nil {
		body = append([]string{st.Error.S(safe.Truncate("✗ "+safe.Text(im.err.Error()), w)), ""}, body...)
	}
	return "Import from AWS", body
}

func orDefault(s string) string {
	if strings.TrimSpace(s) == "" {
		return "the default region"
	}
	return s
}
