package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
)

// fakeImporter offers two VPCs and imports the reference design's first
// VPC as whatever was picked.
type fakeImporter struct {
	t       *testing.T
	listErr error
	gotIDs  []string
	region  string
}

func (f *fakeImporter) ListVPCs(_ context.Context, region, profile string) ([]AWSVPC, string, error) {
	f.region = region
	if f.listErr != nil {
		return nil, "", f.listErr
	}
	if region == "" {
		region = "eu-west-1"
	}
	return []AWSVPC{{ID: "vpc-0a", Name: "prod\x1b]0;pwned\x07", CIDR: "10.0.0.0/16"}, {ID: "vpc-0b", Name: "stage", CIDR: "10.9.0.0/16"}}, region, nil
}

func (f *fakeImporter) Import(_ context.Context, region, profile string, ids []string, progress func(ImportProgress)) (*ImportResult, error) {
	f.gotIDs = ids
	progress(ImportProgress{VPCs: len(ids), VPCsDone: len(ids), Calls: 12})
	d := fixture.Reference(f.t)
	d.VPCs = d.VPCs[:1]
	d.Connections, d.Networks = nil, nil
	return &ImportResult{Design: d, Notes: []string{"prod: nacl-1: custom network ACLs are not imported"}}, nil
}

func TestImportFlow(t *testing.T) {
	fake := &fakeImporter{t: t}
	opts := reference(t)
	opts.Importer = fake
	tt := newTester(t, opts, 120, 40)
	tt.keys("i")
	if s := tt.screen(); !strings.Contains(s, "Import from AWS") || !strings.Contains(s, "us-east-1") {
		t.Fatalf("no import dialog with the design's region:\n%s", s)
	}
	tt.keys("<enter>")
	if fake.region != "us-east-1" {
		t.Errorf("listed region %q", fake.region)
	}
	tt.golden("dialog-import-pick")
	if strings.Contains(tt.m.Render(), "\x1b]0;") {
		t.Fatal("an AWS name reached the screen unsanitized")
	}
	tt.keys("<enter>")
	if !strings.Contains(tt.screen(), "pick at least one VPC") {
		t.Error("importing nothing was not refused")
	}
	tt.keys("j<space><enter>")
	if len(fake.gotIDs) != 1 || fake.gotIDs[0] != "vpc-0b" {
		t.Errorf("imported %v, want [vpc-0b]", fake.gotIDs)
	}
	s := tt.screen()
	for _, want := range []string{"Imported 1 VPCs", "VPC prod → prod-2", "custom network ACLs"} {
		if !strings.Contains(s, want) {
			t.Errorf("the import summary lacks %q:\n%s", want, s)
		}
	}
	tt.keys("<enter>")
	if n := len(tt.m.Design().VPCs); n != 4 || tt.m.Design().VPCs[3].Name != "prod-2" {
		t.Fatalf("after the import: %d VPCs", n)
	}
	if !tt.m.Dirty() {
		t.Error("the import is not an unsaved change")
	}
	tt.keys("u")
	if n := len(tt.m.Design().VPCs); n != 3 {
		t.Errorf("undo left %d VPCs", n)
	}
}

func TestImportErrorsAndCancel(t *testing.T) {
	fake := &fakeImporter{t: t, listErr: errors.New("no credentials: run aws sso login")}
	opts := reference(t)
	opts.Importer = fake
	tt := newTester(t, opts, 120, 40)
	tt.keys("i<enter>")
	if !strings.Contains(tt.screen(), "no credentials") {
		t.Errorf("the listing error is not shown:\n%s", tt.screen())
	}
	tt.keys("<esc>")
	if tt.m.modal != nil || tt.m.Dirty() {
		t.Error("esc did not close the import without change")
	}
	tt = newTester(t, reference(t), 120, 40)
	tt.keys("i")
	if !tt.m.statusErr {
		t.Error("import without an importer gave no message")
	}
}
