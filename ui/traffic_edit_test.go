package ui

import (
	"fmt"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// TestTrafficEditorEveryKey: the VPC inspector edits every traffic
// assumption the format has (design.TrafficKeys), the ones the cost
// advice added since (internet_ingress_gb, peering_gb,
// on_premises_ingress_gb, flow_logs_gb) too: each typed value lands in the
// design under its key and leaves the others as they were.
func TestTrafficEditorEveryKey(t *testing.T) {
	tt := newTester(t, reference(t), 120, 40)
	tt.m.selectRef(edit.Ref{Kind: edit.VPC, V: 0})
	before := *tt.m.d.VPCs[0].Traffic
	for i, key := range design.TrafficKeys() {
		if !tt.m.inspector.StartEdit("traffic:" + key) {
			t.Fatalf("the VPC inspector has no field for traffic key %s", key)
		}
		tt.m.focus = focusInspector
		val := float64(1000 + i)
		tt.keys(fmt.Sprintf("%v<enter>", val))
		tr := tt.m.d.VPCs[0].Traffic
		if got := tr.TrafficValue(key); got != val {
			t.Errorf("%s: %v after typing %v", key, got, val)
		}
		for j, other := range design.TrafficKeys() {
			want := before.TrafficValue(other)
			if j < i {
				want = float64(1000 + j)
			}
			if j != i && tr.TrafficValue(other) != want {
				t.Errorf("setting %s changed %s to %v, want %v", key, other, tr.TrafficValue(other), want)
			}
		}
	}
}
