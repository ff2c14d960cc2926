package journal

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
)

const baseYAML = `version: 1
name: shop
region: us-east-1
vpcs:
  - name: a
    cidr: 10.0.0.0/16
    azs: 2
    tiers:
      - {name: web, kind: public, prefix: 24}
  - name: b
    cidr: 10.1.0.0/16
    azs: 2
    tiers:
      - {name: web, kind: public, prefix: 24}
`

// part is a design file holding only the given VPCs, as a diff records them.
func part(t *testing.T, d *design.Design, idx ...int) []byte {
	t.Helper()
	p := *d
	p.VPCs = nil
	for _, i := range idx {
		p.VPCs = append(p.VPCs, d.VPCs[i])
	}
	return design.Marshal(&p)
}

// TestLogRebuildsEdits: a base and diffs (a VPC changed, one inserted, one
// removed, the rest changed), written out of order, rebuild the design;
// a record cut short by a kill is left out; Remove drops the log.
func TestLogRebuildsEdits(t *testing.T) {
	dir := t.TempDir()
	j := Open(filepath.Join(dir, "journal"))
	path := filepath.Join(dir, "shop.yaml")
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if e, err := j.Read(path); e != nil || err != nil {
		t.Fatalf("empty journal: %v %v", e, err)
	}
	d, err := design.Parse("t", []byte(baseYAML))
	if err != nil {
		t.Fatal(err)
	}
	d1 := d.Clone()
	d1.VPCs[1].CIDR = "10.9.0.0/16"
	d2 := d1.Clone()
	added := d.Clone().VPCs[0] // a VPC as the loader makes them
	added.Name, added.CIDR = "new", "10.5.0.0/16"
	d2.VPCs = append(d2.VPCs[:1:1], append([]design.VPC{added}, d2.VPCs[1:]...)...)
	d3 := d2.Clone()
	d3.VPCs = append(d3.VPCs[:0:0], d3.VPCs[1:]...)
	d4 := d3.Clone()
	d4.Name = "renamed"
	// Commands finish out of order: the journal puts them back in order.
	for range 6 {
		j.Seq()
	}
	ops := []func() error{
		func() error { return j.Append(path, 5, Diff{Rest: true, YAML: part(t, d4)}, now) },
		func() error {
			return j.Append(path, 3, Diff{At: 1, Delta: 1, Set: []int{1}, YAML: part(t, d2, 1)}, now)
		},
		func() error { return j.Reset(path, 1, "abc", []byte(baseYAML), now) },
		func() error {
			return j.Append(path, 4, Diff{At: 0, Delta: -1, YAML: part(t, d3)}, now.Add(time.Second))
		},
		func() error { return j.Append(path, 2, Diff{Set: []int{1}, YAML: part(t, d1, 1)}, now) },
	}
	for _, op := range ops {
		if err := op(); err != nil {
			t.Fatal(err)
		}
	}
	e, err := j.Read(path)
	if err != nil || e == nil {
		t.Fatalf("read: %v %v", e, err)
	}
	if e.Design != string(design.Marshal(d4)) || e.Base != "abc" || e.Edits != 4 || !e.SavedAt.Equal(now) {
		t.Fatalf("rebuilt %d edits, base %q:\n%s\nwant:\n%s", e.Edits, e.Base, e.Design, design.Marshal(d4))
	}
	fi, err := os.Stat(j.File(path))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal file mode %v, %v; want 0600 (designs can be private)", fi.Mode().Perm(), err)
	}
	// A kill in the middle of the next append: the half record is left out.
	f, _ := os.OpenFile(j.File(path), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"kind":"diff","len":500,"crc32c":1}` + "\nversion: 1\nvp")
	f.Close()
	if e, err := j.Read(path); err != nil || e == nil || e.Design != string(design.Marshal(d4)) {
		t.Fatalf("after a torn record: %v %v", e, err)
	}
	if err := j.Remove(path, 6); err != nil {
		t.Fatal(err)
	}
	if e, _ := j.Read(path); e != nil {
		t.Error("entry survived Remove")
	}
}

func TestUnreadableEntry(t *testing.T) {
	dir := t.TempDir()
	j := Open(dir)
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(j.File(path), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Read(path); err == nil {
		t.Error("a corrupt entry read without error")
	}
}
