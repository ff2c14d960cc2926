package ui

import (
	"strings"
	"testing"
)

// TestInspectorReadsOn: a subnet's inspector cut by a short pane says how
// many lines are below, and j past its last field reads on to them: the
// effective routes and the network ACL are reachable at 80×24 too (issue
// 15, route tables visible; before, the pane followed the field cursor
// only, and a subnet has one field). k reads back, G goes to the end.
func TestInspectorReadsOn(t *testing.T) {
	for _, size := range fixSizes {
		tt := newTester(t, routingOptions(t), size[0], size[1])
		tt.keys("jjjl<tab>") // the tgw subnet of inspection, us-east-1a; the inspector focused
		if tt.m.focus != focusInspector {
			t.Fatalf("%v: tab focused %v, want the inspector", size, tt.m.focus)
		}
		wanted := []string{"10.99.0.0/16 → blackhole", "network acl        attachments: 2 in, 2 out"}
		cut := !containsAll(tt.screen(), wanted)
		if cut != strings.Contains(tt.screen(), "more lines (↓/j)") {
			t.Fatalf("%v: the inspector is cut (%v) but its hint says otherwise:\n%s", size, cut, tt.screen())
		}
		for i := 0; i < 40 && !containsAll(tt.screen(), wanted); i++ {
			tt.keys("j")
		}
		if !containsAll(tt.screen(), wanted) {
			t.Fatalf("%v: j never reads on to the routes and the NACL:\n%s", size, tt.screen())
		}
		fixGolden(tt, "subnet-routes-read-on")
		tt.keys("G")
		if s := tt.screen(); strings.Contains(s, "more lines (↓/j)") {
			t.Errorf("%v: G leaves lines below:\n%s", size, s)
		}
		for range 40 {
			tt.keys("k")
		}
		if s := tt.screen(); !strings.Contains(s, "cidr") || cut != strings.Contains(s, "more lines (↓/j)") {
			t.Errorf("%v: k does not read back to the field:\n%s", size, s)
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
