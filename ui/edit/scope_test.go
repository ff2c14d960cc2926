package edit

import (
	"reflect"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/gen"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
)

// TestSheetFieldsKeepToTheirScope applies every field of every element's
// sheet, with its value and with changed ones, to a copy made by CloneFor
// for the field's scope, and checks that the edit changed nothing outside
// the scope, and nothing of the design it copied (whose parts outside the
// scope the copy shares).
func TestSheetFieldsKeepToTheirScope(t *testing.T) {
	designs := map[string]*design.Design{
		"reference": fixture.Reference(t),
		"generated": gen.Design(gen.Shape{VPCs: 4, Tiers: 3, AZs: 2}),
	}
	for name, d := range designs {
		t.Run(name, func(t *testing.T) {
			n := 0
			for _, ref := range refsOf(d) {
				sheet := SheetFor(d, design.Resolve(d), ref)
				for _, f := range sheet.Fields {
					values := []string{f.Value, f.Value + "x", "10.9.0.0/24", "2", "sg:app 80", ""}
					values = append(values, f.ChoiceList()...)
					for _, v := range values {
						n += tryScoped(t, d, ref, f.Key, f.EditScope(), func(c *design.Design) error { return f.Apply(c, v) })
					}
					if f.Remove != nil {
						n += tryScoped(t, d, ref, f.Key+" (remove)", f.EditScope(), f.Remove)
					}
				}
			}
			if n < 50 {
				t.Errorf("only %d edits succeeded: the test is not exercising the sheets", n)
			}
		})
	}
}

// tryScoped makes an edit on CloneFor(d, s) and checks its scope; it
// returns 1 when the edit succeeded. Meanwhile another goroutine reads d,
// as a validation in a command would: with -race, a write to what the copy
// shares with d (even of an unchanged value) is reported.
func tryScoped(t *testing.T, d *design.Design, ref Ref, key string, s Scope, edit func(*design.Design) error) int {
	t.Helper()
	if edit == nil {
		return 0
	}
	before := d.Clone()
	next := CloneFor(d, s)
	read := make(chan struct{})
	go func() {
		d.Clone() // reads every field
		close(read)
	}()
	err := edit(next)
	<-read
	if err != nil {
		if !reflect.DeepEqual(before, d) {
			t.Fatalf("%+v %s: a failed edit changed the design", ref, key)
		}
		return 0
	}
	if err := CheckScope(before, d, next, s); err != nil {
		t.Fatalf("%+v %s: %v", ref, key, err)
	}
	return 1
}

// refsOf lists every element of d.
func refsOf(d *design.Design) []Ref {
	refs := []Ref{{Kind: DesignKind}}
	l := design.Resolve(d)
	for vi, v := range d.VPCs {
		refs = append(refs, Ref{Kind: VPC, V: vi})
		for ti := range v.Tiers {
			refs = append(refs, Ref{Kind: Tier, V: vi, T: ti})
			for _, sn := range l.VPCs[vi].Tiers[ti].Subnets {
				refs = append(refs, Ref{Kind: Subnet, V: vi, T: ti, AZ: sn.AZ})
			}
		}
		for gi := range v.SecurityGroups {
			refs = append(refs, Ref{Kind: SG, V: vi, G: gi})
		}
	}
	for i := range d.Connections {
		refs = append(refs, Ref{Kind: Conn, I: i})
	}
	for i := range d.Networks {
		refs = append(refs, Ref{Kind: Network, I: i})
	}
	return refs
}

// TestCloneForShares checks what CloneFor copies and what it shares.
func TestCloneForShares(t *testing.T) {
	d := fixture.Reference(t)
	c := CloneFor(d, InVPC(1))
	if &c.VPCs[0] == &d.VPCs[0] {
		t.Error("the VPC list is shared")
	}
	if &c.VPCs[0].Tiers[0] != &d.VPCs[0].Tiers[0] {
		t.Error("a VPC outside the scope was copied")
	}
	if &c.VPCs[1].Tiers[0] == &d.VPCs[1].Tiers[0] {
		t.Error("the VPC in the scope shares its tiers")
	}
	if &c.Connections[0] != &d.Connections[0] {
		t.Error("connections were copied for an edit inside a VPC")
	}
	if c = CloneFor(d, OutsideVPCs()); &c.Connections[0] == &d.Connections[0] || &c.Networks[0] == &d.Networks[0] {
		t.Error("connections or networks are shared with an edit outside VPCs")
	}
	if c = CloneFor(d, Everything); !reflect.DeepEqual(c, d) || &c.VPCs[0].Tiers[0] == &d.VPCs[0].Tiers[0] {
		t.Error("CloneFor(Everything) is not a deep copy")
	}
	if got := InVPC(2).Dirty(4); !reflect.DeepEqual(got, []bool{false, false, true, false}) {
		t.Errorf("InVPC(2).Dirty(4) = %v", got)
	}
	if Everything.Dirty(4) != nil || OutsideVPCs().Dirty(2) == nil {
		t.Error("Dirty: everything is nil, nothing is all false")
	}
}

// TestRenameScopes: a rename's scope holds the VPCs whose rules name the
// renamed element, and only those.
func TestRenameScopes(t *testing.T) {
	d := fixture.Reference(t) // shared's rules name vpc:prod; prod's name network:corp
	if got := RenameVPCScope(d, 0).String(); got != "outside VPCs" || !slicesEqual(RenameVPCScope(d, 0).VPCs(), []int{0, 1}) {
		t.Errorf("rename prod: %v %v", got, RenameVPCScope(d, 0).VPCs())
	}
	if got := RenameNetworkScope(d, 0).VPCs(); !slicesEqual(got, []int{0}) {
		t.Errorf("rename corp: %v", got)
	}
	if got := RenameSGScope(d, 1, 0).VPCs(); !slicesEqual(got, []int{1}) {
		t.Errorf("rename shared's group: %v", got)
	}
}

func slicesEqual(a, b []int) bool { return reflect.DeepEqual(a, b) }

// TestVPCInsertAndRemoveKeepToTheirScopes adds a VPC after each VPC (and
// at the end) and removes each VPC, on copies made by CloneFor for the
// scopes the designer gives those edits, and checks each edit against its
// scope; then that CheckScope catches an edit that strays from it.
func TestVPCInsertAndRemoveKeepToTheirScopes(t *testing.T) {
	d := fixture.Reference(t)
	n := len(d.VPCs)
	for after := -1; after < n; after++ {
		at := InsertIndex(n, after)
		tryScoped(t, d, Ref{Kind: VPC, V: after}, "add VPC", InsertVPC(at), func(c *design.Design) error {
			got, err := AddVPC(c, after, "extra")
			if err == nil && got != at {
				t.Fatalf("AddVPC after %d inserted at %d, InsertIndex says %d", after, got, at)
			}
			return err
		})
	}
	for vi := range n {
		tryScoped(t, d, Ref{Kind: VPC, V: vi}, "remove VPC", RemoveVPCAt(vi), func(c *design.Design) error { RemoveVPC(c, vi); return nil })
	}

	strays := map[string]struct {
		s    Scope
		edit func(c *design.Design)
	}{
		"insert elsewhere":       {InsertVPC(0), func(c *design.Design) { _, _ = AddVPC(c, 0, "extra") }},
		"remove elsewhere":       {RemoveVPCAt(0), func(c *design.Design) { RemoveVPC(c, 1) }},
		"remove, not insert":     {InsertVPC(1), func(c *design.Design) { RemoveVPC(c, 1) }},
		"insert and change":      {InsertVPC(len(d.VPCs)), func(c *design.Design) { _, _ = AddVPC(c, -1, "extra"); CycleNAT(c, 0) }},
		"remove and connections": {RemoveVPCAt(0), func(c *design.Design) { RemoveVPC(c, 0); RemoveConnection(c, 0) }},
		"remove and rename":      {RemoveVPCAt(1), func(c *design.Design) { RemoveVPC(c, 1); c.Name += "!" }},
	}
	for name, e := range strays {
		before := d.Clone()
		next := CloneFor(d, e.s)
		e.edit(next)
		if err := CheckScope(before, d, next, e.s); err == nil {
			t.Errorf("%s: CheckScope(%v) found nothing wrong", name, e.s)
		}
	}
}

// TestPlaceScopes checks the index arithmetic of the structural scopes,
// and that CloneFor for them copies the list of VPCs and nothing else.
func TestPlaceScopes(t *testing.T) {
	ins, rem := InsertVPC(2), RemoveVPCAt(2)
	if got := ins.From(5); !reflect.DeepEqual(got, []int{0, 1, -1, 2, 3}) {
		t.Errorf("InsertVPC(2).From(5) = %v", got)
	}
	if got := rem.From(3); !reflect.DeepEqual(got, []int{0, 1, 3}) {
		t.Errorf("RemoveVPCAt(2).From(3) = %v", got)
	}
	for j := range 4 {
		if i := ins.After(j); ins.Before(i) != j {
			t.Errorf("insert: After(%d) = %d, Before of it %d", j, i, ins.Before(i))
		}
	}
	if rem.After(2) != -1 || rem.After(3) != 2 || rem.After(1) != 1 {
		t.Errorf("remove: After(1..3) = %d %d %d", rem.After(1), rem.After(2), rem.After(3))
	}
	if got := ins.Dirty(5); !reflect.DeepEqual(got, []bool{false, false, true, false, false}) {
		t.Errorf("InsertVPC(2).Dirty(5) = %v", got)
	}
	if got := rem.Dirty(3); !reflect.DeepEqual(got, []bool{false, false, false}) {
		t.Errorf("RemoveVPCAt(2).Dirty(3) = %v", got)
	}
	if ins.Reverse().String() != rem.String() || rem.Reverse().String() != ins.String() {
		t.Errorf("Reverse: %v, %v", ins.Reverse(), rem.Reverse())
	}
	if InVPC(3).Reverse().String() != "VPCs [3]" || !Everything.Reverse().All() || InVPC(1).From(3) != nil || Everything.From(3) != nil {
		t.Error("a scope that moves no VPC moves some")
	}
	if at, delta := ins.Place(); at != 2 || delta != 1 {
		t.Errorf("InsertVPC(2).Place() = %d, %d", at, delta)
	}
	if at, delta := rem.Place(); at != 2 || delta != -1 {
		t.Errorf("RemoveVPCAt(2).Place() = %d, %d", at, delta)
	}
	if ins.All() || ins.Outside() || rem.Outside() {
		t.Error("a structural scope reaches outside VPCs")
	}

	d := fixture.Reference(t)
	for _, s := range []Scope{ins, rem} {
		c := CloneFor(d, s)
		if &c.VPCs[0] == &d.VPCs[0] {
			t.Errorf("%v: the VPC list is shared", s)
		}
		for i := range d.VPCs {
			if &c.VPCs[i].Tiers[0] != &d.VPCs[i].Tiers[0] {
				t.Errorf("%v: VPC %d was copied", s, i)
			}
		}
		if &c.Connections[0] != &d.Connections[0] || &c.Networks[0] != &d.Networks[0] {
			t.Errorf("%v: connections or networks were copied", s)
		}
	}
}
