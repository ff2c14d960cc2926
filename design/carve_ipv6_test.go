package design

import (
	"fmt"
	"strings"
	"testing"
)

// cells returns every subnet of the layout as "vpc/tier/az" → "CIDR #index".
func cells(l *Layout) map[string]string {
	out := map[string]string{}
	for _, vl := range l.VPCs {
		for _, tl := range vl.Tiers {
			for _, s := range tl.Subnets {
				out[vl.VPC.Name+"/"+tl.Tier.Name+"/"+s.AZ] = cellText(s)
			}
		}
	}
	return out
}

func cellText(s SubnetLayout) string {
	txt := "-"
	if s.Prefix.IsValid() {
		txt = s.Prefix.String()
	}
	if s.HasIPv6 {
		txt += fmt.Sprintf(" #%d", s.IPv6)
	}
	return txt
}

func reservedText(tl *TierLayout) []string {
	var out []string
	for _, r := range tl.Reserved {
		out = append(out, cellText(r))
	}
	return out
}

const dualStackBase = `version: 1
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    nat: single
    tiers:
      - {name: public, kind: public, ipv6: dual-stack, prefix: 24}
      - {name: app, kind: private, ipv6: dual-stack, prefix: 24}
      - {name: data, kind: isolated, prefix: 24}
      - {name: pods, kind: private, ipv6: ipv6-only, dns64: true}
`

// saved materializes d as a save does and loads the saved file back.
func saved(t *testing.T, d *Design) *Design {
	t.Helper()
	MaterializeSubnets(d)
	return mustParse(t, string(Marshal(d)))
}

func TestIPv6CarvingIsStable(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(d *Design)
		want map[string]string // cells that must hold exactly this
	}{
		{"fresh", func(*Design) {}, map[string]string{
			"v/public/us-east-1a": "10.0.0.0/24 #0", "v/public/us-east-1b": "10.0.1.0/24 #1",
			"v/app/us-east-1a": "10.0.2.0/24 #2", "v/app/us-east-1b": "10.0.3.0/24 #3",
			"v/data/us-east-1a": "10.0.4.0/24", "v/pods/us-east-1a": "- #4", "v/pods/us-east-1b": "- #5",
		}},
		{"an AZ added after the save", func(d *Design) { d.VPCs[0].AZs.Count = 3 }, map[string]string{
			"v/public/us-east-1a": "10.0.0.0/24 #0", "v/app/us-east-1b": "10.0.3.0/24 #3", "v/pods/us-east-1b": "- #5",
			"v/public/us-east-1c": "10.0.6.0/24 #6", "v/app/us-east-1c": "10.0.7.0/24 #7",
			"v/data/us-east-1c": "10.0.8.0/24", "v/pods/us-east-1c": "- #8",
		}},
		{"a tier inserted first after the save", func(d *Design) {
			v := &d.VPCs[0]
			v.Tiers = append([]Tier{{Name: "edge", Kind: TierPublic, IPv6: TierDualStack, Prefix: 24}}, v.Tiers...)
		}, map[string]string{
			"v/public/us-east-1a": "10.0.0.0/24 #0", "v/app/us-east-1a": "10.0.2.0/24 #2", "v/pods/us-east-1a": "- #4",
			"v/edge/us-east-1a": "10.0.6.0/24 #6", "v/edge/us-east-1b": "10.0.7.0/24 #7",
		}},
		{"an IPv4 tier made dual-stack after the save", func(d *Design) { d.VPCs[0].FindTier("data").IPv6 = TierDualStack }, map[string]string{
			"v/data/us-east-1a": "10.0.4.0/24 #6", "v/data/us-east-1b": "10.0.5.0/24 #7", "v/app/us-east-1a": "10.0.2.0/24 #2",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := saved(t, mustParse(t, dualStackBase))
			tc.edit(d)
			got := cells(Resolve(d))
			for k, w := range tc.want {
				if got[k] != w {
					t.Errorf("%s = %q, want %q", k, got[k], w)
				}
			}
			// And the edit saved, then loaded again, means the same.
			again := cells(Resolve(saved(t, d)))
			for k, w := range got {
				if again[k] != w {
					t.Errorf("after a save %s = %q, want %q", k, again[k], w)
				}
			}
		})
	}
}

func TestIPv6ExplicitIndexesAreRespected(t *testing.T) {
	d := mustParse(t, strings.Replace(dualStackBase, "{name: app, kind: private, ipv6: dual-stack, prefix: 24}",
		"{name: app, kind: private, ipv6: dual-stack, prefix: 24, subnets: [{az: us-east-1b, cidr: 10.0.9.0/24, ipv6: 0}]}", 1))
	got := cells(Resolve(d))
	for k, w := range map[string]string{
		"v/app/us-east-1b":    "10.0.9.0/24 #0",
		"v/public/us-east-1a": "10.0.0.0/24 #1", "v/public/us-east-1b": "10.0.1.0/24 #2",
		"v/app/us-east-1a": "10.0.2.0/24 #3",
	} {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
}

func TestIPv6ExplicitBlockGivesAddresses(t *testing.T) {
	d := mustParse(t, strings.Replace(dualStackBase, "ipv6: amazon", "ipv6: 2600:1f18:abcd:ef00::/56", 1))
	vl := &Resolve(d).VPCs[0]
	if vl.IPv6Slots != 256 || vl.IPv6Free != 250 {
		t.Fatalf("slots %d free %d, want 256 and 250", vl.IPv6Slots, vl.IPv6Free)
	}
	for i, want := range map[int32]string{0: "2600:1f18:abcd:ef00::/64", 5: "2600:1f18:abcd:ef05::/64", 255: "2600:1f18:abcd:efff::/64"} {
		if p, ok := vl.SubnetIPv6(i); !ok || p.String() != want {
			t.Errorf("SubnetIPv6(%d) = %v %v, want %s", i, p, ok, want)
		}
	}
	if _, ok := vl.SubnetIPv6(256); ok {
		t.Error("index 256 of a /56 has an address")
	}
	amazon := &Resolve(mustParse(t, dualStackBase)).VPCs[0]
	if _, ok := amazon.SubnetIPv6(0); ok || amazon.IPv6Slots != 256 {
		t.Errorf("an Amazon-provided block: known addresses %v, slots %d; want none and 256", ok, amazon.IPv6Slots)
	}
}

const reservedBase = `version: 1
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    ipv6: amazon
    azs: 2
    reserved_azs: 1
    tiers:
      - {name: public, kind: public, ipv6: dual-stack, prefix: 24}
      - {name: app, kind: private, ipv6: dual-stack, prefix: 24, reserve: 1}
`

func TestReservedSpace(t *testing.T) {
	d := mustParse(t, reservedBase)
	vl := &Resolve(d).VPCs[0]
	if got, want := strings.Join(reservedText(&vl.Tiers[0]), " "), "10.0.2.0/24 #2"; got != want {
		t.Errorf("public reserves %q, want %q", got, want)
	}
	if got, want := strings.Join(reservedText(&vl.Tiers[1]), " "), "10.0.5.0/24 #5 10.0.6.0/24 #6"; got != want {
		t.Errorf("app reserves %q, want %q", got, want)
	}
	// Free space counts the reserved blocks apart.
	if vl.ReservedAddresses != 3*256 || vl.FreeAddresses != 65536-7*256 {
		t.Errorf("reserved %d free %d, want %d and %d", vl.ReservedAddresses, vl.FreeAddresses, 3*256, 65536-7*256)
	}
	if vl.IPv6Reserved != 3 || vl.IPv6Free != 256-7 {
		t.Errorf("IPv6 reserved %d free %d, want 3 and 249", vl.IPv6Reserved, vl.IPv6Free)
	}

	// Saved: the reserved blocks are written down.
	d = saved(t, d)
	if !strings.Contains(string(Marshal(d)), "reserved:\n          - {cidr: 10.0.5.0/24, ipv6: 5}\n          - {cidr: 10.0.6.0/24, ipv6: 6}\n") {
		t.Fatalf("the saved file does not pin app's reserved space:\n%s", Marshal(d))
	}

	// A tier added later goes around the reserved space, even placed first.
	withTier := d.Clone()
	withTier.VPCs[0].Tiers = append([]Tier{{Name: "edge", Kind: TierPublic, IPv6: TierDualStack, Prefix: 24}}, withTier.VPCs[0].Tiers...)
	got := cells(Resolve(withTier))
	if got["v/edge/us-east-1a"] != "10.0.7.0/24 #7" || got["v/edge/us-east-1b"] != "10.0.8.0/24 #8" {
		t.Errorf("the new tier took %q and %q, want 10.0.7.0/24 #7 and 10.0.8.0/24 #8", got["v/edge/us-east-1a"], got["v/edge/us-east-1b"])
	}

	// The reserved AZ is taken into use: each tier's new subnet is its own
	// reserved block, and app keeps its growth block.
	grown := d.Clone()
	grown.VPCs[0].AZs.Count, grown.VPCs[0].ReservedAZs = 3, 0
	gl := Resolve(grown)
	got = cells(gl)
	if got["v/public/us-east-1c"] != "10.0.2.0/24 #2" || got["v/app/us-east-1c"] != "10.0.5.0/24 #5" {
		t.Errorf("the new AZ got %q and %q, want the reserved 10.0.2.0/24 #2 and 10.0.5.0/24 #5", got["v/public/us-east-1c"], got["v/app/us-east-1c"])
	}
	if r := strings.Join(reservedText(&gl.VPCs[0].Tiers[1]), " "); r != "10.0.6.0/24 #6" {
		t.Errorf("app reserves %q after growing, want 10.0.6.0/24 #6", r)
	}
	if len(gl.VPCs[0].Tiers[0].Reserved) != 0 {
		t.Errorf("public still reserves %v", reservedText(&gl.VPCs[0].Tiers[0]))
	}
	// Saved again, the consumed blocks are subnets and no longer reserved.
	out := string(Marshal(saved(t, grown)))
	if !strings.Contains(out, "reserved:\n          - {cidr: 10.0.6.0/24, ipv6: 6}\n") || strings.Contains(out, "- {cidr: 10.0.2.0/24") ||
		!strings.Contains(out, "{az: us-east-1c, cidr: 10.0.2.0/24, ipv6: 2}") {
		t.Errorf("saved after growing:\n%s", out)
	}
}

func TestIPv6KeysRoundTrip(t *testing.T) {
	d := saved(t, mustParse(t, reservedBase+"      - {name: pods, kind: private, ipv6: ipv6-only, dns64: true}\n"))
	once := Marshal(d)
	if twice := Marshal(mustParse(t, string(once))); string(twice) != string(once) {
		t.Errorf("not stable:\n%s\n---\n%s", once, twice)
	}
	for _, want := range []string{"ipv6: amazon", "reserved_azs: 1", "{az: us-east-1a, ipv6: 7}", "dns64: true", "reserve: 1"} {
		if !strings.Contains(string(once), want) {
			t.Errorf("saved file lacks %q:\n%s", want, once)
		}
	}
}

// A hostile reservation is bounded: a count is capped at 2^20 (more /24s
// than any VPC holds), and the blocks that do not fit are counted, not
// carved or tried one by one.
func TestHugeReservationIsBounded(t *testing.T) {
	d := mustParse(t, strings.Replace(reservedBase, "reserve: 1}", "reserve: 1000000000}", 1))
	vl := &Resolve(d).VPCs[0]
	app := &vl.Tiers[1]
	// A /16 holds 256 /24s: 2 public + 1 reserved + 2 app subnets leave
	// 251 for app's reservation of 1 + 2^20.
	if len(app.Reserved) != 251 || app.ReserveNoRoom != 1+1<<20-251 {
		t.Errorf("app reserves %d, %d without room", len(app.Reserved), app.ReserveNoRoom)
	}
	if fs := findingsWith(Validate(d), "reserve-no-room"); len(fs) == 0 {
		t.Error("no reserve-no-room finding")
	}
}

// In a /44 (2^20 /64s) a written index far up the block is respected and
// carving still starts at 0; the free count covers the whole block.
func TestIPv6LargeBlockSparseIndexes(t *testing.T) {
	d := mustParse(t, strings.Replace(strings.Replace(dualStackBase, "ipv6: amazon", "ipv6: 2600:1f18:abc0::/44", 1),
		"{name: app, kind: private, ipv6: dual-stack, prefix: 24}",
		"{name: app, kind: private, ipv6: dual-stack, prefix: 24, subnets: [{az: us-east-1a, cidr: 10.0.9.0/24, ipv6: 1000000}]}", 1))
	vl := &Resolve(d).VPCs[0]
	got := cells(Resolve(d))
	if got["v/app/us-east-1a"] != "10.0.9.0/24 #1000000" || got["v/public/us-east-1a"] != "10.0.0.0/24 #0" || got["v/app/us-east-1b"] != "10.0.2.0/24 #2" {
		t.Errorf("cells %v", got)
	}
	if vl.IPv6Slots != 1<<20 || vl.IPv6Free != 1<<20-6 {
		t.Errorf("slots %d free %d, want %d and %d", vl.IPv6Slots, vl.IPv6Free, 1<<20, 1<<20-6)
	}
	if p, ok := vl.SubnetIPv6(1000000); !ok || p.String() != "2600:1f18:abcf:4240::/64" {
		t.Errorf("index 1000000 is %v %v", p, ok)
	}
	if fs := findingsWith(Validate(d), "ipv6-subnet-overlap"); len(fs) > 0 {
		t.Errorf("findings %v", fs)
	}
}
