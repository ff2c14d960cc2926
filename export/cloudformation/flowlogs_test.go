package cloudformation

import (
	"encoding/json"
	"testing"
)

// TestFlowLogStorageRetained (issue 19): every flow log's destination, the
// CloudWatch Logs group as well as the S3 bucket, survives the deletion
// or replacement of the stack (DeletionPolicy and UpdateReplacePolicy
// Retain, which cfn-lint's I3011 asks of stateful resources), in every
// export case that has flow logs.
func TestFlowLogStorageRetained(t *testing.T) {
	groups := 0
	for _, c := range exportCases(t) {
		_, ts := buildCase(t, c)
		for _, tpl := range ts {
			var parsed struct {
				Resources map[string]struct {
					Type                string
					DeletionPolicy      string
					UpdateReplacePolicy string
				}
			}
			if err := json.Unmarshal(render(t, tpl, "json"), &parsed); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for id, r := range parsed.Resources {
				if r.Type != "AWS::Logs::LogGroup" && r.Type != "AWS::S3::Bucket" {
					continue
				}
				if r.Type == "AWS::Logs::LogGroup" {
					groups++
				}
				if r.DeletionPolicy != "Retain" || r.UpdateReplacePolicy != "Retain" {
					t.Errorf("%s: %s (%s): DeletionPolicy %q, UpdateReplacePolicy %q; want Retain for both",
						c.name, id, r.Type, r.DeletionPolicy, r.UpdateReplacePolicy)
				}
			}
		}
	}
	if groups == 0 {
		t.Fatal("no export case has a flow log group: the test proves nothing")
	}
}
