package edit

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

// v6Subnets returns every subnet of VPC vi as "tier/az=cidr#index" (the
// index "-" without a /64), carved ones included.
func v6Subnets(d *design.Design, vi int) []string {
	vl := design.Resolve(d).VPCs[vi]
	var out []string
	for _, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			idx := "-"
			if s.HasIPv6 {
				idx = fmt.Sprint(s.IPv6)
			}
			cidr := ""
			if s.Prefix.IsValid() {
				cidr = s.Prefix.String()
			}
			out = append(out, tl.Tier.Name+"/"+s.AZ+"="+cidr+"#"+idx)
		}
	}
	slices.Sort(out)
	return out
}

func only(list []string, prefix string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return !strings.HasPrefix(s, prefix) })
}

func dualStack(t *testing.T) *design.Design {
	t.Helper()
	d, err := templates.Load("dual-stack")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func errorsOf(d *design.Design) []string {
	var out []string
	for _, f := range design.Validate(d) {
		if f.Severity == design.Error {
			out = append(out, f.Code+": "+f.Message)
		}
	}
	return out
}

func TestCheckVPCIPv6(t *testing.T) {
	for _, c := range []struct {
		in, want string
		slots    int
		err      string
	}{
		{"", "", 0, ""},
		{"off", "", 0, ""},
		{"amazon", "amazon", 256, ""},
		{" 2600:1f18:1234:5600::/56 ", "2600:1f18:1234:5600::/56", 256, ""},
		{"2600:1f18:1234::/48", "2600:1f18:1234::/48", 65536, ""},
		{"2600:1f18:1234:5600::/58", "", 0, "steps of /4"},
		{"2600:1f18:1234:5600::/64", "", 0, "/44 to /60"},
		{"10.0.0.0/16", "", 0, "an IPv6 CIDR"},
		{"amazn", "", 0, "off, amazon"},
	} {
		got, slots, err := CheckVPCIPv6(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("CheckVPCIPv6(%q) err = %v, want one saying %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want || slots != c.slots {
			t.Errorf("CheckVPCIPv6(%q) = %q, %d, %v; want %q, %d", c.in, got, slots, err, c.want, c.slots)
		}
	}
}

// A tier made dual-stack gets /64s after those in use, and no other
// subnet moves; ipv6-only drops its IPv4 CIDRs; dual-stack again carves
// IPv4 and keeps each AZ's /64; off drops the /64s.
func TestSetTierIPv6(t *testing.T) {
	d := dualStack(t)
	before := v6Subnets(d, 0)
	if err := SetTierIPv6(d, 0, 2, "dual-stack"); err != nil { // data
		t.Fatal(err)
	}
	got := v6Subnets(d, 0)
	want := []string{"data/us-east-1a=10.0.3.0/24#6", "data/us-east-1b=10.0.4.0/24#7"}
	if !slices.Equal(without(got, "data/"), without(before, "data/")) || !slices.Equal(only(got, "data/"), want) {
		t.Fatalf("dual-stack data: %v, want the others unchanged and %v", got, want)
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}

	if err := SetTierIPv6(d, 0, 2, "ipv6-only"); err != nil {
		t.Fatal(err)
	}
	got = v6Subnets(d, 0)
	if want := []string{"data/us-east-1a=#6", "data/us-east-1b=#7"}; !slices.Equal(only(got, "data/"), want) || d.VPCs[0].Tiers[2].Prefix != 0 {
		t.Fatalf("ipv6-only data: %v (prefix %d), want %v and no prefix", only(got, "data/"), d.VPCs[0].Tiers[2].Prefix, want)
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}

	if err := SetTierIPv6(d, 0, 2, "dual-stack"); err != nil {
		t.Fatal(err)
	}
	got = v6Subnets(d, 0)
	if data := only(got, "data/"); len(data) != 2 || !strings.HasSuffix(data[0], "/24#6") || !strings.HasSuffix(data[1], "/24#7") {
		t.Fatalf("dual-stack again: %v, want /24s keeping #6 and #7", data)
	}
	if !slices.Equal(without(got, "data/"), without(before, "data/")) {
		t.Errorf("other subnets moved: %v, were %v", without(got, "data/"), without(before, "data/"))
	}

	if err := SetTierIPv6(d, 0, 0, "off"); err != nil { // public
		t.Fatal(err)
	}
	for _, s := range v6Subnets(d, 0) {
		if strings.HasPrefix(s, "public/") && !strings.HasSuffix(s, "#-") {
			t.Errorf("public still has a /64: %s", s)
		}
	}
	if d.VPCs[0].Tiers[0].Reserved[0].HasIPv6 {
		t.Error("public's reserved block kept its /64")
	}
}

func TestTierIPv6NeedsVPCBlock(t *testing.T) {
	d := dualStack(t)
	if err := SetVPCIPv6(d, 0, "off"); err != nil {
		t.Fatal(err)
	}
	for _, tr := range d.VPCs[0].Tiers {
		if tr.IPv6 != "" {
			t.Errorf("tier %s kept ipv6 %s with the VPC's off", tr.Name, tr.IPv6)
		}
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	err := SetTierIPv6(d, 0, 0, "dual-stack")
	if err == nil || !strings.Contains(err.Error(), "no IPv6 block") {
		t.Errorf("dual-stack tier in an IPv4 VPC: err = %v", err)
	}
	if err := ToggleDNS64(d, 0, 0); err == nil {
		t.Error("DNS64 on an IPv4 tier was accepted")
	}
}

// A written block keeps every subnet's index: its /64s move with it.
func TestSetVPCIPv6KeepsIndexes(t *testing.T) {
	d := dualStack(t)
	before := v6Subnets(d, 0)
	if err := SetVPCIPv6(d, 0, "2600:1f18:abcd:ef00::/56"); err != nil {
		t.Fatal(err)
	}
	if got := v6Subnets(d, 0); !slices.Equal(got, before) {
		t.Errorf("subnets %v, want %v", got, before)
	}
	vl := design.Resolve(d).VPCs[0]
	if p, ok := vl.SubnetIPv6(vl.Tiers[1].Subnets[0].IPv6); !ok || p.String() != "2600:1f18:abcd:ef03::/64" {
		t.Errorf("app's first /64 = %v", p)
	}
}

// Pinning before an edit writes carved /64s too: adding a tier beside a
// carved IPv6-only tier kept its CIDR-less subnets as "invalid Prefix".
func TestPinKeepsCarvedIPv6(t *testing.T) {
	d := &design.Design{Version: 1, Region: "us-east-1", VPCs: []design.VPC{{
		Name: "v", CIDR: "10.0.0.0/16", IPv6: design.IPv6Amazon, AZs: design.AZSpec{Count: 2},
		Tiers: []design.Tier{
			{Name: "web", Kind: design.TierPublic, Prefix: 24, IPv6: design.TierDualStack},
			{Name: "pods", Kind: design.TierPrivate, IPv6: design.TierIPv6Only},
		},
	}}}
	before := v6Subnets(d, 0)
	if _, err := AddTier(d, 0, -1, "edge"); err != nil {
		t.Fatal(err)
	}
	if got := without(v6Subnets(d, 0), "edge/"); !slices.Equal(got, before) {
		t.Errorf("after adding a tier: %v, want %v", got, before)
	}
	for _, s := range d.VPCs[0].Tiers[2].Subnets {
		if s.CIDR != "" || !s.HasIPv6 {
			t.Errorf("pods subnet written as %+v", s)
		}
	}
	if errs := errorsOf(d); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// Reserving grows the reserved space without moving a subnet; the
// reservation counts are bounded.
func TestSetReserve(t *testing.T) {
	d := dualStack(t)
	before := v6Subnets(d, 0)
	if err := SetTierReserve(d, 0, 1, "1"); err != nil { // app
		t.Fatal(err)
	}
	if err := SetReservedAZs(d, 0, "2"); err != nil {
		t.Fatal(err)
	}
	l := design.Resolve(d)
	if got := len(l.VPCs[0].Tiers[1].Reserved); got != 3 {
		t.Errorf("app reserves %d blocks, want 3 (2 AZ slots + 1)", got)
	}
	if got := v6Subnets(d, 0); !slices.Equal(got, before) {
		t.Errorf("subnets moved: %v, want %v", got, before)
	}
	for _, bad := range []string{"-1", "65", "x"} {
		if err := SetTierReserve(d, 0, 1, bad); err == nil {
			t.Errorf("reserve %q accepted", bad)
		}
	}
}
