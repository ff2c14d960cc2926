package design

import (
	"net/netip"
	"testing"
)

func subnetsOf(l *Layout) map[string]netip.Prefix {
	out := map[string]netip.Prefix{}
	for _, vl := range l.VPCs {
		for _, tl := range vl.Tiers {
			for _, s := range tl.Subnets {
				out[vl.VPC.Name+"/"+tl.Tier.Name+"/"+s.AZ] = s.Prefix
			}
		}
	}
	return out
}

func TestCarvingReference(t *testing.T) {
	d, err := Load("testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := subnetsOf(Resolve(d))
	want := map[string]string{
		"prod/public/us-east-1a": "10.0.0.0/24", "prod/public/us-east-1b": "10.0.1.0/24", "prod/public/us-east-1c": "10.0.2.0/24",
		// /20s are aligned: the first free /20 starts after the /24s.
		"prod/app/us-east-1a": "10.0.16.0/20", "prod/app/us-east-1b": "10.0.32.0/20", "prod/app/us-east-1c": "10.0.48.0/20",
		"prod/data/us-east-1a": "10.0.200.0/24", "shared/services/us-east-1b": "10.1.8.0/22", "dev/workloads/us-east-1b": "10.2.1.0/24",
	}
	for k, w := range want {
		if got[k].String() != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
}

func TestCarvingGoesAroundExplicitSubnetsAndUsesSecondaries(t *testing.T) {
	d := mustParse(t, `version: 1
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/24
    secondary_cidrs: [100.64.0.0/24]
    azs: 2
    tiers:
      - name: fixed
        kind: isolated
        subnets: [{az: us-east-1a, cidr: 10.0.0.0/26}]
        azs: [us-east-1a]
      - {name: a, kind: private, prefix: 26}
      - {name: b, kind: private, prefix: 25}
`)
	l := Resolve(d)
	got := subnetsOf(l)
	for k, w := range map[string]string{
		"v/a/us-east-1a": "10.0.0.64/26", "v/a/us-east-1b": "10.0.0.128/26",
		// No aligned /25 is left in the primary block: the secondary is used.
		"v/b/us-east-1a": "100.64.0.0/25", "v/b/us-east-1b": "100.64.0.128/25",
	} {
		if got[k].String() != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	if l.VPCs[0].FreeAddresses != 64 {
		t.Errorf("free addresses = %d, want 64 (10.0.0.192/26)", l.VPCs[0].FreeAddresses)
	}
	if len(l.VPCs[0].Free) != 1 || l.VPCs[0].Free[0].String() != "10.0.0.192/26" {
		t.Errorf("free = %v", l.VPCs[0].Free)
	}
}

func TestCarvingReportsNoRoom(t *testing.T) {
	d := mustParse(t, "version: 1\nregion: us-east-1\nvpcs:\n  - {name: v, cidr: 10.0.0.0/24, azs: 3, tiers: [{name: t, kind: isolated, prefix: 25}]}\n")
	l := Resolve(d)
	if got := l.VPCs[0].Tiers[0].NoRoom; len(got) != 1 || got[0] != "us-east-1c" {
		t.Fatalf("NoRoom = %v", got)
	}
}

// Appending a tier never moves a carved subnet, even before anything is
// saved: carving runs in tier order.
func TestCarvingStableWhenTierAppended(t *testing.T) {
	d := mustParse(t, baseDesign)
	before := subnetsOf(Resolve(d))
	d.VPCs[0].Tiers = append(d.VPCs[0].Tiers, Tier{Name: "extra", Kind: TierPrivate, Prefix: 26})
	after := subnetsOf(Resolve(d))
	for k, p := range before {
		if after[k] != p {
			t.Errorf("%s moved from %s to %s", k, p, after[k])
		}
	}
}

// Once saved, subnets are explicit: adding an AZ and a tier moves nothing.
func TestCarvingStableAfterSave(t *testing.T) {
	d := mustParse(t, baseDesign)
	saved := mustParse(t, string(Marshal(d)))
	before := subnetsOf(Resolve(saved))
	saved.VPCs[0].AZs.Count = 3
	saved.VPCs[0].Tiers = append([]Tier{{Name: "first", Kind: TierIsolated, Prefix: 27}}, saved.VPCs[0].Tiers...)
	afterLayout := Resolve(saved)
	after := subnetsOf(afterLayout)
	for k, p := range before {
		if after[k] != p {
			t.Errorf("%s moved from %s to %s", k, p, after[k])
		}
	}
	if _, ok := after["prod/app/us-east-1c"]; !ok {
		t.Error("no subnet carved in the new AZ")
	}
	if fs := findingsWith(ValidateLayout(afterLayout), "subnet-overlap"); len(fs) > 0 {
		t.Errorf("new subnets overlap: %v", fs)
	}
}

func TestUsableAddresses(t *testing.T) {
	for bits, want := range map[int]int{28: 11, 24: 251, 20: 4091, 16: 65531} {
		if got := UsableAddresses(netip.PrefixFrom(netip.MustParseAddr("10.0.0.0"), bits)); got != want {
			t.Errorf("/%d: %d usable, want %d", bits, got, want)
		}
	}
}

func ExampleParseCIDR() {
	_, err := ParseCIDR("10.0.1.0/16")
	println := func(a ...any) { fmtPrintln(a...) }
	println(err)
	// Output: "10.0.1.0/16" has host bits set; the network address is 10.0.0.0/16
}

func TestMaterializeSubnetsFixesCarving(t *testing.T) {
	d := mustParse(t, baseDesign)
	before := subnetsOf(Resolve(d))
	MaterializeSubnets(d)
	d.VPCs[0].AZs.Count = 3
	after := subnetsOf(Resolve(d))
	for k, p := range before {
		if after[k] != p {
			t.Errorf("%s moved from %s to %s", k, p, after[k])
		}
	}
	if string(Marshal(d)) != string(Marshal(mustParse(t, string(Marshal(d))))) {
		t.Error("materialized design does not save canonically")
	}
}
