package ui

import (
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
	"github.com/vpcsmith/vpcsmith/ui/edit"
)

// The designer's IPv6 and reserved space (issue 13): the /56 in the VPC
// header, each cell's /64 index, a "reserved" column and the reserved
// figure apart from the free one; the inspector edits the keys, and undo
// takes each edit back.

func dualStackTester(t *testing.T, w, h int) *tester {
	t.Helper()
	d, err := templates.Load("dual-stack")
	if err != nil {
		t.Fatal(err)
	}
	return newTester(t, Options{Path: "/work/dual-stack.yaml", Design: d}, w, h)
}

func TestIPv6Grid(t *testing.T) {
	tt := dualStackTester(t, 120, 40)
	s := tt.screen()
	for _, want := range []string{
		"IPv6 amazon /56 · 250 of 256 /64s free · 2 reserved", // the /56 and its /64s
		"2 AZs +1 reserved",                       // reserved_azs
		"51,712 free · 4,608 reserved",            // reserved apart from free
		"10.0.0.0/24 +v6#0", "10.0.32.0/20 +v6#4", // each cell's /64 index
		"reserved", "◌ 10.0.2.0/24 +v6#2", "◌ 10.0.5.0/24", // the reserved column
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// The data tier is IPv4 only: no index in its cells.
	if strings.Contains(s, "10.0.3.0/24 +v6") {
		t.Error("an IPv4-only cell shows a /64")
	}
	// The reserved column is not a subnet: moving right from the last AZ
	// of a tier stays on that AZ.
	tt.keys("jjlll") // app tier, us-east-1a, us-east-1b, then right again
	if tt.m.sel.Kind != edit.Subnet || tt.m.sel.AZ != "us-east-1b" {
		t.Errorf("selection after moving right past the AZs: %+v", tt.m.sel)
	}
}

func TestIPv6OnlyCell(t *testing.T) {
	tt := dualStackTester(t, 120, 40)
	tt.keys("jj") // the app tier
	if tt.m.sel.Kind != edit.Tier || tt.m.d.VPCs[0].Tiers[tt.m.sel.T].Name != "app" {
		t.Fatalf("selected %+v", tt.m.sel)
	}
	tt.m.showPane(focusInspector)
	if !tt.m.inspector.StartEdit("ipv6") {
		t.Fatal("the tier has no ipv6 field")
	}
	tt.keys("<enter>") // dual-stack → ipv6-only
	if got := tt.m.d.VPCs[0].Tiers[1].IPv6; got != design.TierIPv6Only {
		t.Fatalf("app's ipv6 = %q after cycling", got)
	}
	s := tt.screen()
	for _, want := range []string{"v6-only #3", "v6-only #4", "dns64"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	tt.keys("u")
	if got := tt.m.d.VPCs[0].Tiers[1].IPv6; got != design.TierDualStack {
		t.Errorf("undo left app's ipv6 %q", got)
	}
	if !strings.Contains(tt.screen(), "10.0.16.0/20 +v6#3") {
		t.Error("undo did not bring back app's dual-stack cell")
	}
}

func TestIPv6InspectorVPC(t *testing.T) {
	tt := dualStackTester(t, 160, 50)
	tt.m.showPane(focusInspector)
	if !tt.m.inspector.StartEdit("ipv6") {
		t.Fatal("the VPC has no ipv6 field")
	}
	// A bad size is refused with AWS's rule, as the other fields refuse.
	tt.keys("<ctrl+u>2600:1f18:abcd:ef00::/58")
	if err := tt.m.inspector.CheckError(); err == nil || !strings.Contains(err.Error(), "steps of /4") {
		t.Errorf("a /58: check error %v", err)
	}
	tt.keys("<enter>")
	if tt.m.d.VPCs[0].IPv6 != design.IPv6Amazon {
		t.Fatalf("a refused value was applied: %q", tt.m.d.VPCs[0].IPv6)
	}
	tt.keys("<ctrl+u>2600:1f18:abcd:ef00::/56")
	if !strings.Contains(tt.screen(), "256 /64s; subnets keep their indexes") {
		t.Errorf("no hint for a good block:\n%s", tt.screen())
	}
	tt.keys("<enter>")
	if got := tt.m.d.VPCs[0].IPv6; got != "2600:1f18:abcd:ef00::/56" {
		t.Fatalf("ipv6 = %q", got)
	}
	if !strings.Contains(tt.screen(), "IPv6 2600:1f18:abcd:ef00::/56 · 250 of 256 /64s free") {
		t.Errorf("header does not show the written block:\n%s", tt.screen())
	}

	// Off takes every tier's IPv6 with it, and the grid loses the indexes.
	tt.m.showPane(focusInspector)
	tt.m.inspector.StartEdit("ipv6")
	tt.keys("<ctrl+u>off<enter>")
	if v := tt.m.d.VPCs[0]; v.IPv6 != "" || v.Tiers[0].IPv6 != "" {
		t.Fatalf("off: vpc %q, public %q", v.IPv6, v.Tiers[0].IPv6)
	}
	if s := tt.screen(); strings.Contains(s, "+v6#") || strings.Contains(s, "IPv6 ") {
		t.Errorf("IPv6 still drawn after off:\n%s", s)
	}
	tt.keys("uu")
	if got := tt.m.d.VPCs[0].IPv6; got != design.IPv6Amazon {
		t.Errorf("two undos: ipv6 = %q, want amazon", got)
	}

	// reserved_azs: 2 reserves one more block per tier.
	tt.m.showPane(focusInspector)
	tt.m.inspector.StartEdit("reserved_azs")
	tt.keys("<ctrl+u>x")
	if tt.m.inspector.CheckError() == nil {
		t.Error("reserved azs x: no check error")
	}
	tt.keys("<ctrl+u>2<enter>")
	if tt.m.d.VPCs[0].ReservedAZs != 2 || !strings.Contains(tt.screen(), "2 AZs +2 reserved") {
		t.Errorf("reserved_azs = %d:\n%s", tt.m.d.VPCs[0].ReservedAZs, tt.screen())
	}
	if n := len(tt.m.layout.VPCs[0].Tiers[0].Reserved); n != 2 {
		t.Errorf("public reserves %d blocks, want 2", n)
	}
	if !strings.Contains(tt.screen(), "reserved ×2") {
		t.Errorf("the reserved cell does not count 2 blocks:\n%s", tt.screen())
	}
	tt.keys("u")
	if tt.m.d.VPCs[0].ReservedAZs != 1 {
		t.Errorf("undo: reserved_azs = %d", tt.m.d.VPCs[0].ReservedAZs)
	}
}

func TestIPv6InspectorTierReserveAndDNS64(t *testing.T) {
	tt := dualStackTester(t, 160, 50)
	tt.keys("jjj") // the data tier
	if tt.m.sel.Kind != edit.Tier || tt.m.sel.T != 2 {
		t.Fatalf("selected %+v", tt.m.sel)
	}
	tt.m.showPane(focusInspector)
	tt.m.inspector.StartEdit("reserve")
	tt.keys("<ctrl+u>1<enter>")
	if got := tt.m.d.VPCs[0].Tiers[2].Reserve; got != 1 {
		t.Fatalf("reserve = %d", got)
	}
	if n := len(tt.m.layout.VPCs[0].Tiers[2].Reserved); n != 2 {
		t.Errorf("data reserves %d blocks, want 2", n)
	}
	// The free figure drops by the /24 now reserved, which the reserved
	// figure gains.
	if s := tt.screen(); !strings.Contains(s, "51,456 free · 4,864 reserved") {
		t.Errorf("free and reserved figures:\n%s", s)
	}
	tt.keys("u")
	if s := tt.screen(); !strings.Contains(s, "51,712 free · 4,608 reserved") {
		t.Errorf("after undo:\n%s", s)
	}

	// DNS64 only on an IPv6-only tier: the field appears with the mode.
	tt.m.showPane(focusInspector)
	if tt.m.inspector.StartEdit("dns64") {
		t.Error("an IPv4 tier offers dns64")
	}
	tt.m.inspector.StartEdit("ipv6")
	tt.keys("<enter><enter>") // off → dual-stack → ipv6-only
	if got := tt.m.d.VPCs[0].Tiers[2].IPv6; got != design.TierIPv6Only {
		t.Fatalf("data's ipv6 = %q", got)
	}
	if !tt.m.inspector.StartEdit("dns64") {
		t.Fatal("an IPv6-only tier offers no dns64")
	}
	tt.keys("<enter>")
	if !tt.m.d.VPCs[0].Tiers[2].DNS64 {
		t.Error("dns64 not switched on")
	}
	tt.keys("u")
	if tt.m.d.VPCs[0].Tiers[2].DNS64 {
		t.Error("undo left dns64 on")
	}
}

// At 80×24 the dual-stack VPC keeps the layout: the IPv6 header line and
// the wider cells fit the box, the panes keep their place.
func TestGoldenDualStack80x24(t *testing.T) {
	tt := dualStackTester(t, 80, 24)
	tt.golden("dual-stack-80x24")
	tt.keys("jjl") // a dual-stack subnet: its /64 in the inspector
	tt.golden("dual-stack-80x24-subnet")
}
