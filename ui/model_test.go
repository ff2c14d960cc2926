package ui

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/journal"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestUndoCoversEveryEdit makes one edit of every kind the keyboard offers,
// then undoes them all (back to the file, clean) and redoes them all.
func TestUndoCoversEveryEdit(t *testing.T) {
	tt := newTester(t, reference(t), 200, 60)
	original := design.Marshal(tt.m.Design())
	script := []string{
		"n", "f", // NAT, flow logs (VPC prod, selected at start)
		"jt", "+", "-", "J", "K", // tier public: kind, prefix, move down and up
		"l<enter><ctrl+u>10.0.100.0/24<enter><esc>", // its subnet in us-east-1a
		"hr<ctrl+u>edge<enter><esc>",                // rename the tier
		"gjz<ctrl+u>2<enter><esc>",                  // prod's AZs
		"av<ctrl+u>extra<enter><esc>",               // add a VPC after prod
		"gjat<ctrl+u>cache<enter><esc>",             // add a tier to prod
		"as<ctrl+u>web<enter><esc>",                 // add a security group
		"ap<ctrl+u>peer2<enter><esc>",               // add a peering
		"ao<ctrl+u>office<enter><esc>",              // add a network (selected)
		"dy",                                        // remove it
		"gjE<enter><esc>",                           // switch an endpoint
		"gjT<ctrl+u>42<enter><esc>",                 // a traffic figure
		"gjjjdy",                                    // remove a tier
	}
	var states [][]byte
	for _, s := range script {
		before := design.Marshal(tt.m.Design())
		tt.keys(s)
		after := design.Marshal(tt.m.Design())
		if bytes.Equal(before, after) {
			t.Errorf("%q changed nothing (status %q)", s, tt.m.status)
			continue
		}
		states = append(states, after)
	}
	final := design.Marshal(tt.m.Design())
	for i := len(states) - 1; i >= 0; i-- {
		if got := design.Marshal(tt.m.Design()); !bytes.Equal(got, states[i]) {
			t.Fatalf("undo step %d: state differs", len(states)-1-i)
		}
		tt.keys("u")
	}
	if !bytes.Equal(design.Marshal(tt.m.Design()), original) || tt.m.Dirty() {
		t.Fatalf("undoing everything does not return to the file (dirty %v)", tt.m.Dirty())
	}
	tt.keys("u")
	if tt.m.status != "nothing to undo" {
		t.Errorf("undo past the start: %q", tt.m.status)
	}
	for range states {
		tt.keys("<ctrl+y>")
	}
	if !bytes.Equal(design.Marshal(tt.m.Design()), final) {
		t.Error("redoing everything does not give the final design")
	}
}

func TestQuitAsksWhenDirty(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.keys("q")
	if !tt.quit {
		t.Fatal("q on a clean design did not quit")
	}

	path := filepath.Join(t.TempDir(), "shop.yaml")
	data, _ := os.ReadFile(fixture.ReferencePath())
	os.WriteFile(path, data, 0o640)
	j := journal.Open(t.TempDir())
	open := func() *tester {
		return newTester(t, Options{Path: path, Design: mustLoad(t, path), Base: data, Journal: j}, 120, 40)
	}
	tt = open()
	tt.keys("nq")
	if tt.quit {
		t.Fatal("quit with unsaved changes, without asking")
	}
	if !strings.Contains(tt.screen(), "has unsaved changes") {
		t.Errorf("no question on screen:\n%s", tt.screen())
	}
	tt.keys("<esc>")
	if tt.quit || tt.m.modal != nil {
		t.Fatal("esc did not cancel the quit")
	}
	tt.keys("<ctrl+c>d") // ctrl+c asks too; d discards
	if !tt.quit {
		t.Fatal("d did not quit")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("discarding changed the file")
	}
	if e, _ := j.Read(path); e != nil {
		t.Error("discarding kept the journal")
	}

	tt = open()
	tt.keys("nqs") // save and quit
	if !tt.quit {
		t.Fatal("s did not save and quit")
	}
	saved := mustLoad(t, path)
	if saved.VPCs[0].NAT != design.NATNone {
		t.Errorf("saved NAT %q, want none", saved.VPCs[0].NAT)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("save changed the file mode to %v", fi.Mode().Perm())
	}
}

func TestSaveFailureKeepsEdits(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	tt := newTester(t, Options{Path: filepath.Join(dir, "x.yaml"), Design: fixture.Reference(t)}, 120, 40)
	tt.keys("n<ctrl+s>")
	if !tt.m.statusErr || !strings.Contains(tt.m.status, "not saved") {
		t.Errorf("status after a failed save: %q", tt.m.status)
	}
	if !tt.m.Dirty() {
		t.Error("a failed save marked the design saved")
	}
	tt.keys("qs")
	if tt.quit {
		t.Error("quit although the save failed")
	}
}

// TestHostileDesignNeverReachesTheTerminal renders every screen of a
// design whose strings carry escape sequences: with plain styles nothing
// may reach the output but printable text.
func TestHostileDesignNeverReachesTheTerminal(t *testing.T) {
	d := fixture.Reference(t)
	evil := "e\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e\u2066\u009b1m\xff"
	d.Name, d.Description = evil, evil
	d.VPCs[0].Name = "prod" + evil
	d.VPCs[0].Tiers[0].Name = "pub" + evil
	d.VPCs[0].SecurityGroups[0].Name = "alb" + evil
	d.VPCs[0].SecurityGroups[1].Ingress[0].Description = evil
	d.VPCs[0].SecurityGroups[1].Ingress[0].From = evil
	d.VPCs[0].Endpoints = append(d.VPCs[0].Endpoints, evil)
	d.VPCs[0].Workloads[0].Name = evil
	d.VPCs[1].CIDR = evil
	d.VPCs[1].Tiers[0].Subnets = []design.Subnet{{AZ: evil, CIDR: evil}}
	d.Connections[0].Name, d.Connections[0].VPCs = evil, []string{evil, evil}
	d.Networks[0].Name = evil
	tt := newTester(t, Options{Path: "/x/" + evil + ".yaml", Design: d}, 200, 60)
	check := func(what string) {
		t.Helper()
		v := tt.m.View()
		for _, s := range []string{tt.m.Render(), v.WindowTitle} {
			for _, r := range s {
				if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e || r == 0x2066 || r == 0xfeff) {
					for _, l := range strings.Split(s, "\n") {
						if strings.ContainsRune(l, r) {
							t.Logf("%q", l)
						}
					}
					t.Fatalf("%s: %U reached the screen", what, r)
				}
			}
		}
	}
	check("diagram")
	for _, item := range tt.m.doc.Items() {
		tt.m.selectRef(item.Ref)
		check("inspector of " + item.Ref.Kind.String())
	}
	for _, k := range []string{"<tab>", "<tab>", "<tab>", "<tab>?", "?a", "<esc>d", "n"} {
		tt.keys(k)
		check("after " + k)
	}
	// Typed and pasted text is cleaned too.
	tt.keys("<esc><esc>g<enter><enter><ctrl+u>")
	tt.send(tea.PasteMsg{Content: "x\x1b[31my\u202ez"})
	check("paste")
	if v := tt.m.inspector; !v.Editing() {
		t.Fatal("not editing the design's name")
	}
}

// TestMonkey presses random keys at several sizes: no panic (the test
// helper fails on a recovered one), and every screen exactly fills the
// terminal.
func TestMonkey(t *testing.T) {
	keys := []string{"j", "k", "h", "l", "<up>", "<down>", "<left>", "<right>", "<enter>", "<esc>", "<tab>", "<shift+tab>",
		"a", "v", "t", "s", "p", "g", "l", "o", "d", "y", "n", "r", "c", "z", "f", "+", "-", "K", "J", "E", "T", "u",
		"<ctrl+r>", "<ctrl+y>", "?", "1", "2", "3", "0", "[", "]", "H", "L", "<pgdown>", "<pgup>", "G", "x", "m",
		"<backspace>", "<ctrl+u>", "1", "0", ".", "/", "2", "4", "<space>", "<delete>", "<home>", "<end>"}
	sizes := [][2]int{{200, 60}, {120, 40}, {80, 24}, {60, 16}, {59, 15}}
	rng := rand.New(rand.NewPCG(1, 2))
	starts := []func() Options{
		func() Options { return reference(t) },
		func() Options { return Options{Path: filepath.Join(t.TempDir(), "new.yaml")} }, // the picker first
		func() Options {
			d := fixture.Reference(t)
			d.VPCs[0].CIDR = "bogus"
			d.VPCs[1].Tiers = nil
			return Options{Path: "x.yaml", Design: d}
		},
	}
	for n, size := range sizes {
		tt := newTester(t, starts[n%len(starts)](), size[0], size[1])
		if tt.m.picker != nil {
			tt.keys("jj<enter><enter>") // esc and q quit the picker: leave it first
		}
		for i := range 1500 {
			k := keys[rng.IntN(len(keys))]
			if k == "q" {
				continue
			}
			tt.keys(k)
			if tt.quit {
				t.Fatalf("quit after %d keys", i)
			}
			if i%50 == 0 {
				checkSize(t, tt.screen(), size[0], size[1])
				tt.send(tea.MouseClickMsg{X: rng.IntN(size[0]), Y: rng.IntN(size[1]), Button: tea.MouseLeft})
				tt.send(tea.MouseWheelMsg{X: rng.IntN(size[0]), Y: rng.IntN(size[1]), Button: tea.MouseWheelDown})
			}
			if i%300 == 0 {
				tt.send(tea.WindowSizeMsg{Width: size[0] - 1 + rng.IntN(3), Height: size[1]})
				tt.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			}
		}
		if !tt.m.hist.CanUndo() {
			t.Errorf("%dx%d: 1,500 random keys made no edit: the test is not exercising editing", size[0], size[1])
		}
	}
}

func TestMouse(t *testing.T) {
	tt := newTester(t, reference(t), 200, 30)
	r := tt.m.layoutRects().diagram
	it, ok := tt.m.doc.Rect(edit.Ref{Kind: edit.Subnet, V: 0, T: 1, AZ: "us-east-1c"})
	if !ok {
		t.Fatal("no such cell")
	}
	tt.send(tea.MouseClickMsg{X: r.x + it.X + 1, Y: r.y + it.Y - tt.m.scrollY, Button: tea.MouseLeft})
	if tt.m.sel != it.Ref {
		t.Fatalf("click selected %+v, want %+v", tt.m.sel, it.Ref)
	}
	y0 := tt.m.scrollY
	tt.send(tea.MouseWheelMsg{X: r.x + 5, Y: r.y + 5, Button: tea.MouseWheelDown})
	if tt.m.scrollY != y0+3 {
		t.Errorf("wheel scrolled from %d to %d, want 3 lines", y0, tt.m.scrollY)
	}
	if tt.m.sel != it.Ref {
		t.Error("the wheel moved the cursor")
	}
	pr := tt.m.layoutRects().panes[paneProblems]
	tt.send(tea.MouseClickMsg{X: pr.x + 2, Y: pr.y + 1, Button: tea.MouseLeft})
	if tt.m.focus != focusProblems {
		t.Error("a click on the problems pane did not focus it")
	}
	if tt.m.View().MouseMode != tea.MouseModeCellMotion {
		t.Error("mouse capture is off by default")
	}
	tt.keys("m")
	if tt.m.View().MouseMode != tea.MouseModeNone {
		t.Error("m did not release the mouse for text selection")
	}
}

func TestResizeReflowsAndTooSmall(t *testing.T) {
	tt := newTester(t, reference(t), 200, 60)
	if !tt.m.layoutRects().side {
		t.Error("200 columns: panes should be beside the diagram")
	}
	tt.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	checkSize(t, tt.screen(), 120, 40)
	if tt.m.layoutRects().side {
		t.Error("120 columns: panes should be under the diagram")
	}
	tt.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	if s := tt.screen(); !strings.Contains(s, "needs at least 60×16") {
		t.Errorf("too small a terminal does not say so:\n%s", s)
	}
	tt.keys("q")
	if !tt.quit {
		t.Error("q does not quit from the too-small screen")
	}
}

func TestColoursAndBackground(t *testing.T) {
	m := New(Options{Path: "x.yaml", Design: fixture.Reference(t), Cost: fakeCost})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	dark := m.Render()
	if !strings.Contains(dark, "\x1b[") {
		t.Fatal("no styles on a colour terminal")
	}
	m.Update(tea.BackgroundColorMsg{Color: lightGrey{}})
	if m.st.Dark {
		t.Error("a light background kept the dark styles")
	}
	if light := m.Render(); light == dark {
		t.Error("light and dark backgrounds draw the same")
	}
	nc := New(Options{Path: "x.yaml", Design: fixture.Reference(t), Cost: fakeCost, NoColor: true})
	nc.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	out := nc.Render()
	if strings.Contains(out, "38;2;") || strings.Contains(out, "38;5;") {
		t.Error("NO_COLOR still draws colours")
	}
	if !strings.Contains(out, "\x1b[7") && !strings.Contains(out, ";7m") {
		t.Error("without colour the cursor is not in reverse video")
	}
	_ = styles.Plain()
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }
