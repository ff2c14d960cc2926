package ui

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/diagram"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

var (
	refDB  = edit.Ref{Kind: edit.SG, V: 0, G: 2}
	refApp = edit.Ref{Kind: edit.SG, V: 0, G: 1}
)

// askWho selects prod's db group and asks who reaches it on port.
func askWho(tt *tester, input string) {
	tt.t.Helper()
	tt.m.selectRef(refDB)
	tt.keys("w" + input + "<enter>")
	if tt.m.reach == nil || !tt.m.reach.asked {
		tt.t.Fatalf("no answer: status %q", tt.m.status)
	}
}

// The question on the reference design at 80×24: the app group is marked,
// the status says how many sources reach, the inspector of db shows the
// path from the app group.
func TestGoldenReach(t *testing.T) {
	tt := newTester(t, reference(t), 80, 24)
	askWho(tt, "5432")
	tt.golden("reach-80x24")
	// A taller screen leaves the inspector room for the path.
	tall := newTester(t, reference(t), 120, 40)
	askWho(tall, "5432")
	tall.keys("23") // the problems and cost panes hidden: the golden is the diagram and the inspector
	tall.golden("reach-120x40")
}

// The marks and the inspector's path follow edits: removing db's ingress
// rule closes the path (no mark, the block named), undo opens it again;
// in Update for a small design and from the command for a large one.
func TestReachFollowsEdits(t *testing.T) {
	for _, mode := range []string{"sync", "async"} {
		t.Run(mode, func(t *testing.T) {
			tt := newTester(t, reference(t), 160, 50)
			if mode == "async" {
				tt.m.syncValidate = 0
			}
			askWho(tt, "5432 from prod/sg:app")
			marked := func() bool { return tt.m.diagramMarks()[refApp] == diagram.MarkReach }
			if !marked() || !strings.Contains(tt.screen(), diagram.GlyphReach) {
				t.Fatalf("the app group is not marked:\n%s", tt.screen())
			}
			tt.run(tt.m.apply("close the db", edit.Everything, func(d *design.Design) error {
				d.VPCs[0].SecurityGroups[2].Ingress = nil
				return nil
			}, nil))
			if marked() {
				t.Fatal("the mark stayed after the path closed")
			}
			tt.m.selectRef(refDB)
			if s := tt.screen(); !strings.Contains(s, "ENI_SG_RULES_MISMATCH") && !strings.Contains(s, "does not reach") {
				t.Errorf("the inspector does not show the block:\n%s", s)
			}
			tt.keys("u")
			if !marked() {
				t.Fatal("undo reopened the path but the mark did not come back")
			}
			tt.keys("w")
			if tt.m.reach != nil || tt.m.diagramMarks()[refApp] == diagram.MarkReach {
				t.Error("w again should end the question")
			}
		})
	}
}

func TestReachInput(t *testing.T) {
	for in, want := range map[string]struct {
		port int
		from string
		bad  bool
	}{"": {-1, "", false}, "443": {443, "", false}, "5432 from prod/sg:app": {5432, "prod/sg:app", false}, "x": {0, "", true}, "70000": {0, "", true}} {
		port, from, problem := parseReachInput(in)
		if port != want.port || from != want.from || (problem != "") != want.bad {
			t.Errorf("%q: %d %q %q", in, port, from, problem)
		}
	}
}
