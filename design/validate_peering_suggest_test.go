package design

import (
	"strings"
	"testing"
)

// TestDanglingPeeringSuggestsNoOtherEnd: a peering of prod with "prd"
// does not suggest prod, the peering's other end (that would peer prod
// with itself); the same typo on the first end, whose other end is
// shared, still suggests prod (issue 15).
func TestDanglingPeeringSuggestsNoOtherEnd(t *testing.T) {
	msg := func(set func(*Design)) string {
		d := mustParse(t, baseDesign)
		set(d)
		for _, f := range Validate(d) {
			if f.Code == "unknown-reference" && strings.Contains(f.Message, `VPC "prd"`) {
				return f.Message
			}
		}
		t.Fatal("no unknown-reference for prd")
		return ""
	}
	if m := msg(func(d *Design) { d.Connections[0].VPCs[1] = "prd" }); strings.Contains(m, `"prod"`) {
		t.Errorf("peering [prod, prd] suggests its other end: %s", m)
	}
	if m := msg(func(d *Design) { d.Connections[0].VPCs[0] = "prd" }); !strings.Contains(m, `did you mean "prod"?`) {
		t.Errorf("peering [prd, shared] does not suggest prod: %s", m)
	}
}
