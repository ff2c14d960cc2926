package diagram

import (
	"strings"
	"testing"
)

// TestTopologyDefaultSegment: a segmented transit gateway whose default
// association or propagation is on draws AWS's default route table as a
// segment of its own after the design's tables: associated with the
// attachments no table names, learning every attachment's routes (issue
// 15: it was left out, so the drawing hid where those attachments go). A
// flat hub draws no segment, and with both defaults off there is none.
func TestTopologyDefaultSegment(t *testing.T) {
	segments := func(on *bool, assoc, prop bool) []string {
		d := routingDesign(t)
		c := &d.Connections[0]
		c.DefaultAssociation, c.DefaultPropagation = &assoc, &prop
		if on != nil && !*on {
			c.RouteTables, c.DefaultAssociation, c.DefaultPropagation = nil, nil, nil
		}
		var out []string
		for _, l := range topoLines(t, build(t, d, 200)) {
			if strings.Contains(l, "┄ [") {
				out = append(out, strings.TrimSpace(strings.TrimRight(l, " ")))
			}
		}
		return out
	}
	// routing.yaml's spokes table associates spoke-a, spoke-b and the VPN;
	// firewall associates inspection: the default keeps none of them.
	got := segments(nil, true, true)
	want := []string{
		"├┄ [spokes] [spoke-a] [spoke-b] (datacenter) → [inspection] ✕10.3.0.0/16",
		"├┄ [firewall] [inspection] → [spoke-a] [spoke-b] (datacenter)",
		"└┄ [default] (no association) → [inspection] [spoke-a] [spoke-b] …+1", // cut at 80 columns
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("segments with both defaults on:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// An attachment no table associates goes to the default table, which
	// learns nothing with default propagation off.
	d := routingDesign(t)
	c := &d.Connections[0]
	on, off := true, false
	c.DefaultAssociation, c.DefaultPropagation = &on, &off
	c.RouteTables[1].Associations = nil
	var last string
	for _, l := range topoLines(t, build(t, d, 200)) {
		if strings.Contains(l, "┄ [") {
			last = strings.TrimSpace(l)
		}
	}
	if want := "└┄ [default] [inspection] → nothing"; last != want {
		t.Errorf("default association only: last segment %q, want %q", last, want)
	}

	if got := segments(nil, false, false); len(got) != 2 || strings.Contains(strings.Join(got, ""), "[default]") {
		t.Errorf("both defaults off: segments %q, want the design's two only", got)
	}
	flat := false
	if got := segments(&flat, true, true); len(got) != 0 {
		t.Errorf("a flat hub draws segments %q, want none", got)
	}
}
