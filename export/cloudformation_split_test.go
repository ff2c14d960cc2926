package export_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/export"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// TestCloudFormationSplitFiles (issue 16): a design over the 500-resource
// quota exports as one file per stack, numbered in deployment order, and
// a README that lists them in that order with the commands to deploy
// them; a note on stderr says so.
func TestCloudFormationSplitFiles(t *testing.T) {
	d := gen.Design(gen.Shape{VPCs: 8, Tiers: 3, AZs: 3})
	hub := &d.Connections[len(d.Connections)-1]
	hub.VPCs = nil
	for _, v := range d.VPCs {
		hub.VPCs = append(hub.VPCs, v.Name)
	}
	f := format(t, "cloudformation")
	out, err := export.Run(d, f, f.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	// The connections stack, one per VPC, the README.
	if len(out.Files) != 1+len(d.VPCs)+1 {
		t.Fatalf("%d files, want %d", len(out.Files), len(d.VPCs)+2)
	}
	readme := out.Files[len(out.Files)-1]
	if readme.Suffix != "-us-east-1-readme.md" {
		t.Fatalf("last file %q, want the README", readme.Suffix)
	}
	text := string(readme.Data)
	at := 0
	for i, file := range out.Files[:len(out.Files)-1] {
		want := fmt.Sprintf("-us-east-1-%02d-", i+1)
		if !strings.HasPrefix(file.Suffix, want) || !strings.HasSuffix(file.Suffix, ".yaml") {
			t.Errorf("file %d: %q, want %s….yaml", i, file.Suffix, want)
		}
		j := strings.Index(text[at:], "--template-file <file>"+file.Suffix)
		if j < 0 {
			t.Errorf("the README does not deploy %s after the stacks before it", file.Suffix)
			continue
		}
		at += j + 1
	}
	if !strings.Contains(out.Files[0].Suffix, "connections") {
		t.Errorf("first stack %q, want the connections stack", out.Files[0].Suffix)
	}
	if !strings.Contains(strings.Join(out.Notes, "\n"), "split into 9 stacks") {
		t.Errorf("no note on the split: %q", out.Notes)
	}
}
