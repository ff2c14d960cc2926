package design

import (
	"reflect"
	"testing"
)

// TestScannedLookupsAgreeWithIndexes: a fresh Routing, which answers its
// first name lookups by scanning the design (what the designer asks on a
// keystroke), builds every table as one whose indexes are built, and the
// scans do run out, so bulk callers get the indexes.
func TestScannedLookupsAgreeWithIndexes(t *testing.T) {
	for _, name := range []string{"routing.yaml", "reference.yaml"} {
		l := loadTestdata(t, name)
		indexed := NewRouting(l)
		indexed.scans = scanLookups
		n := 0
		for vi, vl := range l.VPCs {
			for ti, tl := range vl.Tiers {
				for _, az := range tl.AZs {
					fresh := NewRouting(l)
					got, want := fresh.Table(vi, ti, az), indexed.Table(vi, ti, az)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s %s/%s/%s: scanned %+v, indexed %+v", name, vl.VPC.Name, tl.Tier.Name, az, got, want)
					}
					if fresh.scans > 0 {
						n++
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no table was built by scanning", name)
		}
		if indexed.connsOf == nil || indexed.vpcIndex == nil {
			t.Errorf("%s: past the scans the indexes are not built", name)
		}
	}
}
