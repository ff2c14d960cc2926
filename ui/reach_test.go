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
		q   reachQuestion
		bad bool
	}{
		"":                      {reachQuestion{"tcp", -1, "", ""}, false},
		"443":                   {reachQuestion{"tcp", 443, "", ""}, false},
		"5432 from prod/sg:app": {reachQuestion{"tcp", 5432, "prod/sg:app", ""}, false},
		"udp 53":                {reachQuestion{"udp", 53, "", ""}, false},
		"UDP":                   {reachQuestion{"udp", -1, "", ""}, false},
		"icmp from internet":    {reachQuestion{"icmp", -1, "internet", ""}, false},
		"all to prod/workload:web from shared/sg:payments": {reachQuestion{"all", -1, "shared/sg:payments", "prod/workload:web"}, false},
		"to prod/workload:orders":                          {reachQuestion{"tcp", -1, "", "prod/workload:orders"}, false},
		"x":                                                {bad: true},
		"70000":                                            {bad: true},
		"icmp 8":                                           {bad: true},
		"443 from":                                         {bad: true},
		"443 via x":                                        {bad: true},
	} {
		q, problem := parseReachInput(in)
		if (problem != "") != want.bad || (!want.bad && q != want.q) {
			t.Errorf("%q: %+v %q, want %+v (bad: %v)", in, q, problem, want.q, want.bad)
		}
	}
}

// A workload is never a cell of the diagram: the question names it with
// "to", tab completes its name, and the answer lands on its group's
// inspector and marks who reaches it.
func TestReachWorkloadTarget(t *testing.T) {
	tt := newTester(t, reference(t), 160, 50)
	tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
	tt.keys("w5432 to prod/workload:or<tab>")
	rm, ok := tt.m.modal.(*reachModal)
	if !ok || rm.text != "5432 to prod/workload:orders" {
		t.Fatalf("tab did not complete the workload: %+v", tt.m.modal)
	}
	tt.keys("<enter>")
	rv := tt.m.reach
	if rv == nil || !rv.asked || rv.name != "prod/workload:orders" || rv.target != refDB {
		t.Fatalf("the question is not about the orders workload on db's cell: %+v (status %q)", rv, tt.m.status)
	}
	if tt.m.diagramMarks()[refApp] != diagram.MarkReach {
		t.Error("the app group reaches orders on 5432 but is not marked")
	}
	tt.m.selectRef(refDB)
	if s := tt.screen(); !strings.Contains(s, "reaches prod/workload:orders") {
		t.Errorf("db's inspector does not show the workload's path:\n%s", s)
	}
	// An unknown workload is refused in the dialog, with a suggestion.
	tt.keys("w")
	tt.keys("w5432 to prod/workload:ordrs<enter>")
	if rm, ok := tt.m.modal.(*reachModal); !ok || !strings.Contains(rm.err, "prod/workload:orders") {
		t.Errorf("want the dialog to suggest prod/workload:orders, got %+v", tt.m.modal)
	}
}

// The protocol is chosen on the line: db admits tcp 5432 from app, so udp
// 5432 from app does not reach it, and the summary says udp.
func TestReachProtocol(t *testing.T) {
	tt := newTester(t, reference(t), 160, 50)
	askWho(tt, "udp 5432 from prod/sg:app")
	if tt.m.reach.proto != "udp" || tt.m.diagramMarks()[refApp] == diagram.MarkReach || tt.m.reach.ans.path.Reachable {
		t.Errorf("udp 5432 from app should not reach db: %+v", tt.m.reach)
	}
	if !strings.Contains(tt.m.status, "udp 5432") {
		t.Errorf("status %q does not name udp", tt.m.status)
	}
	tt.keys("w")
	askWho(tt, "tcp 5432 from prod/sg:app")
	if !tt.m.reach.ans.path.Reachable {
		t.Errorf("tcp 5432 from app should reach db")
	}
}
