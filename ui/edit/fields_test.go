package edit

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
)

// allRefs lists every element of d, subnets in every AZ column included.
func allRefs(d *design.Design) []Ref {
	refs := []Ref{{Kind: DesignKind}}
	l := design.Resolve(d)
	for vi := range d.VPCs {
		refs = append(refs, Ref{Kind: VPC, V: vi})
		for ti := range d.VPCs[vi].Tiers {
			refs = append(refs, Ref{Kind: Tier, V: vi, T: ti})
			for _, az := range append(l.VPCs[vi].AZs, "nowhere-1z") {
				refs = append(refs, Ref{Kind: Subnet, V: vi, T: ti, AZ: az})
			}
		}
		for gi := range d.VPCs[vi].SecurityGroups {
			refs = append(refs, Ref{Kind: SG, V: vi, G: gi})
		}
	}
	for i := range d.Connections {
		refs = append(refs, Ref{Kind: Conn, I: i})
	}
	for i := range d.Networks {
		refs = append(refs, Ref{Kind: Network, I: i})
	}
	return append(refs, Ref{Kind: VPC, V: 99}, Ref{Kind: Conn, I: -1}, Ref{})
}

var hostile = []string{
	"", " ", "10.0.0.0/2", "10.0.0.0/33", "10.0.0.1/24", "::/0", "0.0.0.0/0", "abc", "-1", "99999999999999999999",
	"1e400", "NaN", "/", ",", "a,,b", "\x1b]0;x\x07", "\u202e", strings.Repeat("9", 600), "us-east-1a, us-east-1a",
	"sg: 80", "internet -5", "tier: all", "10.0.0.0/16,10.0.0.0/8", "all", "0", "28", "16", "x/y", "internet 80 tcp # \x1b[2J",
}

// TestFieldsNeverPanic checks every field of every element with hostile
// input: Check and Apply must answer with an error, never a panic, and a
// failed Apply must leave the design as it was.
func TestFieldsNeverPanic(t *testing.T) {
	d := fixture.Reference(t)
	l := design.Resolve(d)
	before := string(design.Marshal(d))
	for _, ref := range allRefs(d) {
		sheet := SheetFor(d, l, ref)
		for _, f := range sheet.Fields {
			for _, in := range hostile {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%+v field %s input %q: panic %v", ref, f.Key, in, r)
						}
					}()
					if f.Check != nil {
						f.Check(in)
					}
					if f.Apply != nil {
						c := d.Clone()
						if err := f.Apply(c, in); err != nil {
							if string(design.Marshal(c)) != before {
								t.Errorf("%+v field %s input %q: failed Apply changed the design", ref, f.Key, in)
							}
						} else {
							design.Validate(c)
						}
					}
					if f.Remove != nil {
						f.Remove(d.Clone())
					}
				}()
			}
		}
	}
}

// TestNoControlCharactersReachTheDesign: whatever is typed, an applied edit
// never stores a control character.
func TestNoControlCharactersReachTheDesign(t *testing.T) {
	d := fixture.Reference(t)
	l := design.Resolve(d)
	for _, ref := range allRefs(d) {
		for _, f := range SheetFor(d, l, ref).Fields {
			if f.Apply == nil {
				continue
			}
			c := d.Clone()
			if err := f.Apply(c, "x\x1b[31my"); err == nil {
				if strings.ContainsRune(string(design.Marshal(c)), 0x1b) {
					t.Errorf("%+v field %s stored an escape character", ref, f.Key)
				}
			}
		}
	}
}
