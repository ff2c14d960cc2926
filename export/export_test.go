package export_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export"
)

func format(t *testing.T, name string) export.Format {
	t.Helper()
	for _, f := range export.Formats() {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no format %s", name)
	return export.Format{}
}

func parse(t *testing.T, src string) *design.Design {
	t.Helper()
	d, err := design.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const twoAlike = `version: 1
name: x
region: us-east-1
vpcs:
  - {name: "Prod", cidr: 10.0.0.0/16, azs: 1, nat: none, tiers: [{name: app, kind: isolated, prefix: 24}]}
  - {name: "prod!", cidr: 10.1.0.0/16, azs: 1, nat: none, tiers: [{name: app, kind: isolated, prefix: 24}]}
`

// TestRunNamesAndRefuses: two VPCs whose names reduce to one file name get
// distinct files; a bad setting is a usage error; a design with an
// undeployable error is refused with its findings.
func TestRunNamesAndRefuses(t *testing.T) {
	m := format(t, "mermaid")
	out, err := export.Run(parse(t, twoAlike), m, export.Settings{"split": "true"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Files {
		got = append(got, f.Suffix)
	}
	if strings.Join(got, " ") != "-overview.mmd -prod.mmd -prod-2.mmd" {
		t.Errorf("suffixes %q", got)
	}
	var usage *export.UsageError
	if _, err := export.Run(parse(t, twoAlike), m, export.Settings{"view": "bogus"}); !errors.As(err, &usage) {
		t.Errorf("a bad --view: %v, want a UsageError", err)
	}
	overlap := strings.Replace(twoAlike, "10.1.0.0/16", "10.1.0.300/16", 1) // cidr-invalid
	var blocked *export.BlockedError
	for _, f := range export.Formats() {
		if _, err := export.Run(parse(t, overlap), f, nil); !errors.As(err, &blocked) || len(design.ExportBlockers(blocked.Findings)) == 0 {
			t.Errorf("%s of overlapping VPCs: %v, want a BlockedError", f.Name, err)
		}
	}
}
