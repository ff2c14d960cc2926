package journal

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// big5000 is the designer's large benchmark design: 5,000 VPCs of 4 tiers
// over 3 AZs (8 MB of YAML).
func big5000(b *testing.B) *design.Design {
	b.Helper()
	return gen.Design(gen.Shape{VPCs: 5000, Tiers: 4, AZs: 3, Explicit: true})
}

// BenchmarkJournalAppend5000VPCs is what an edit of one VPC costs the
// journal at 5,000 VPCs: marshal that VPC (alone, as the designer's
// journalDiff does for an edit that reaches no connection), append the
// record, fsync.
func BenchmarkJournalAppend5000VPCs(b *testing.B) {
	d := big5000(b)
	dir := b.TempDir()
	j := Open(filepath.Join(dir, "journal"))
	path := filepath.Join(dir, "big.yaml")
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	whole := design.Marshal(d)
	if err := j.Reset(path, j.Seq(), Hash(whole), whole, now); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		at := i % len(d.VPCs)
		p := *d
		p.VPCs = d.VPCs[at : at+1]
		p.Networks, p.Connections = nil, nil
		if err := j.Append(path, j.Seq(), Diff{Set: []int{at}, YAML: design.Marshal(&p)}, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJournalReset5000VPCs is the whole-design record the journal
// writes at open and after a save (and, before issue 19, after every
// edit): marshal 5,000 VPCs, write the log atomically, fsync.
func BenchmarkJournalReset5000VPCs(b *testing.B) {
	d := big5000(b)
	dir := b.TempDir()
	j := Open(filepath.Join(dir, "journal"))
	path := filepath.Join(dir, "big.yaml")
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := j.Reset(path, j.Seq(), "", design.Marshal(d), now); err != nil {
			b.Fatal(err)
		}
	}
}
