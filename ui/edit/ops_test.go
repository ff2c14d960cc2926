package edit

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
)

// subnets returns every subnet of VPC vi as "tier/az=cidr", carved ones
// included, in a stable order.
func subnets(d *design.Design, vi int) []string {
	vl := design.Resolve(d).VPCs[vi]
	var out []string
	for _, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			out = append(out, tl.Tier.Name+"/"+s.AZ+"="+s.Prefix.String())
		}
	}
	slices.Sort(out)
	return out
}

func without(list []string, prefix string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return strings.HasPrefix(s, prefix) })
}

func TestRenameVPCUpdatesReferences(t *testing.T) {
	d := fixture.Reference(t)
	if err := RenameVPC(d, 1, "core"); err != nil {
		t.Fatal(err)
	}
	if got := d.Connections[0].VPCs; !slices.Equal(got, []string{"prod", "core"}) {
		t.Errorf("peering VPCs = %v", got)
	}
	if d.Connections[2].Provider != "core" {
		t.Errorf("privatelink provider = %s", d.Connections[2].Provider)
	}
	if fs := design.Validate(d); design.HasErrors(fs) {
		t.Errorf("renaming left errors: %v", fs)
	}
}

func TestRenameSGAndTierUpdateReferences(t *testing.T) {
	d := fixture.Reference(t)
	if err := RenameSG(d, 0, 0, "lb"); err != nil {
		t.Fatal(err)
	}
	if err := RenameTier(d, 0, 1, "service"); err != nil {
		t.Fatal(err)
	}
	prod := d.FindVPC("prod")
	if got := prod.FindSecurityGroup("app").Ingress[0].From; got != "sg:lb" {
		t.Errorf("app's rule from = %s, want sg:lb", got)
	}
	if prod.Workloads[0].SecurityGroup != "lb" || prod.Workloads[1].Tier != "service" {
		t.Errorf("workloads not updated: %+v", prod.Workloads)
	}
	if prod.FindSecurityGroup("app").Tier != "service" {
		t.Error("security group tier not updated")
	}
	if fs := design.Validate(d); design.HasErrors(fs) {
		t.Errorf("renaming left errors: %v", fs)
	}
}

func TestRenameRefusesBadNames(t *testing.T) {
	d := fixture.Reference(t)
	for _, name := range []string{"", "shared", "a b", "x/y", "sg:x", "-x", strings.Repeat("a", 65), "evil\x1b[31m"} {
		if err := RenameVPC(d, 0, name); err == nil {
			t.Errorf("RenameVPC(%q) accepted", name)
		}
	}
	if d.VPCs[0].Name != "prod" {
		t.Errorf("a refused rename changed the name to %q", d.VPCs[0].Name)
	}
}

func TestStructuralEditsNeverMoveSubnets(t *testing.T) {
	d := fixture.Reference(t)
	before := subnets(d, 0)
	check := func(what string, ignoreTier string) {
		t.Helper()
		after := subnets(d, 0)
		for _, s := range without(before, ignoreTier+"/") {
			if !slices.Contains(after, s) {
				t.Errorf("%s moved or removed subnet %s", what, s)
			}
		}
	}
	if _, err := AddTier(d, 0, -1, "edge"); err != nil {
		t.Fatal(err)
	}
	check("adding a tier first", "\x00")
	MoveTier(d, 0, 0, +1)
	check("moving a tier", "\x00")
	RemoveTier(d, 0, 1) // public, now second
	check("removing a tier", "public")
	if err := SetTierPrefix(d, 0, 1, "21"); err != nil { // app: /20 → /21
		t.Fatal(err)
	}
	check("changing app's prefix", "app")
	for _, s := range subnets(d, 0) {
		if strings.HasPrefix(s, "app/") && !strings.HasSuffix(s, "/21") {
			t.Errorf("app subnet %s is not /21 after the prefix change", s)
		}
	}
}

func TestSetAZsCarvesNewAndDropsGone(t *testing.T) {
	d := fixture.Reference(t)
	before := subnets(d, 1) // shared: azs 2
	if err := SetAZs(d, 1, "3"); err != nil {
		t.Fatal(err)
	}
	after := subnets(d, 1)
	for _, s := range before {
		if !slices.Contains(after, s) {
			t.Errorf("adding an AZ moved %s", s)
		}
	}
	if len(after) != 6 {
		t.Errorf("3 AZs × 2 tiers: got %d subnets %v", len(after), after)
	}
	if err := SetAZs(d, 1, "us-east-1a"); err != nil {
		t.Fatal(err)
	}
	if got := subnets(d, 1); len(got) != 2 {
		t.Errorf("one AZ × 2 tiers: got %v", got)
	}
	for _, bad := range []string{"0", "27", "", "us-east-1a us-east-1a", "US-EAST"} {
		if _, err := ParseAZs(bad); err == nil {
			t.Errorf("ParseAZs(%q) accepted", bad)
		}
	}
}

func TestSetVPCCIDRMovesSubnetsAlong(t *testing.T) {
	d := fixture.Reference(t)
	if err := SetVPCCIDR(d, 1, "10.9.0.0/16"); err != nil {
		t.Fatal(err)
	}
	for _, s := range subnets(d, 1) {
		if !strings.Contains(s, "=10.9.") {
			t.Errorf("subnet %s did not move into 10.9.0.0/16", s)
		}
	}
	if fs := design.Validate(d); design.HasErrors(fs) {
		t.Errorf("moving the VPC left errors: %v", fs)
	}
	if err := SetVPCCIDR(d, 1, "10.9.0.0/8"); err == nil {
		t.Error("a /8 VPC was accepted")
	}
	if err := SetVPCCIDR(d, 1, "10.9.0.1/16"); err == nil {
		t.Error("host bits were accepted")
	}
}

func TestSetSubnetCIDR(t *testing.T) {
	d := fixture.Reference(t)
	before := subnets(d, 0)
	if err := SetSubnetCIDR(d, 0, 1, "us-east-1a", "10.0.0.0/24"); err != nil {
		t.Fatal(err)
	}
	after := subnets(d, 0)
	if !slices.Contains(after, "app/us-east-1a=10.0.0.0/24") {
		t.Errorf("app/us-east-1a not set: %v", after)
	}
	for _, s := range without(before, "app/us-east-1a") {
		if !slices.Contains(after, s) {
			t.Errorf("setting one subnet moved %s", s)
		}
	}
	found := false
	for _, f := range design.Validate(d) {
		if f.Code == "subnet-overlap" {
			found = true
		}
	}
	if !found {
		t.Error("an overlapping subnet gave no subnet-overlap finding")
	}
	// Empty: carve it again.
	if err := SetSubnetCIDR(d, 0, 1, "us-east-1a", ""); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(subnets(d, 0), "app/us-east-1a=10.0.0.0/24") {
		t.Error("clearing the CIDR did not carve the subnet again")
	}
	if err := SetSubnetCIDR(d, 0, 2, "us-east-1a", ""); err == nil {
		t.Error("clearing a subnet of a tier without prefix was accepted")
	}
}

func TestRules(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want design.Rule
	}{
		{"sg:alb 8080 # from the LB", design.Rule{From: "sg:alb", Ports: "8080", Description: "from the LB"}},
		{"10.0.0.0/8 8000-8100 udp", design.Rule{From: "10.0.0.0/8", Ports: "8000-8100", Protocol: "udp"}},
		{"internet all", design.Rule{From: "internet", Ports: "all"}},
	} {
		got, err := ParseRule(tt.in, true)
		if err != nil || got != tt.want {
			t.Errorf("ParseRule(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if back, _ := ParseRule(FormatRule(got), true); back != got {
			t.Errorf("FormatRule(%+v) does not read back: %q", got, FormatRule(got))
		}
	}
	for _, bad := range []string{"", "sg:alb", "nowhere 80", "internet 99999", "internet 80 sctp", "a b c d"} {
		if _, err := ParseRule(bad, true); err == nil {
			t.Errorf("ParseRule(%q) accepted", bad)
		}
	}
	d := fixture.Reference(t)
	if err := AddRule(d, 0, 2, false, "sg:app 443"); err != nil {
		t.Fatal(err)
	}
	if err := RemoveRule(d, 0, 2, false, 0); err != nil {
		t.Fatal(err)
	}
	if g := d.VPCs[0].SecurityGroups[2]; g.Egress == nil {
		t.Error("removing the last egress rule made egress the default (allow all)")
	}
}

func TestConnectionKindChangeKeepsNames(t *testing.T) {
	d := fixture.Reference(t)
	if err := SetConnKind(d, 0, "privatelink"); err != nil { // prod-shared peering
		t.Fatal(err)
	}
	c := d.Connections[0]
	if c.Provider != "prod" || c.Consumer != "shared" || c.Port != 443 || c.VPCs != nil {
		t.Errorf("peering → privatelink = %+v", c)
	}
	if err := SetConnKind(d, 0, "vpn"); err != nil {
		t.Fatal(err)
	}
	if c := d.Connections[0]; c.VPC != "prod" || c.Network != "corp" {
		t.Errorf("privatelink → vpn = %+v", c)
	}
	if err := SetConnField(d, 0, "network", "nowhere"); err == nil {
		t.Error("an unknown network was accepted")
	}
	if _, err := AddConnection(d, "more", design.ConnPeering); err != nil {
		t.Fatal(err)
	}
	if err := SetConnField(d, len(d.Connections)-1, "vpcs", "prod"); err == nil {
		t.Error("a one-VPC peering was accepted")
	}
}

func TestAddVPCIsValidAndFree(t *testing.T) {
	d := fixture.Reference(t)
	vi, err := AddVPC(d, -1, "extra")
	if err != nil {
		t.Fatal(err)
	}
	if d.VPCs[vi].CIDR != "10.3.0.0/16" {
		t.Errorf("new VPC CIDR %s, want the first free 10.3.0.0/16", d.VPCs[vi].CIDR)
	}
	for _, f := range design.Validate(d) {
		if f.Severity == design.Error && strings.HasPrefix(f.Path, "vpcs.extra") {
			t.Errorf("a new VPC has an error: %v", f)
		}
	}
	if _, err := AddVPC(d, -1, "extra"); err == nil {
		t.Error("a duplicate VPC name was accepted")
	}
}

func TestHistory(t *testing.T) {
	var h History
	s := func(g uint64) Snapshot { return Snapshot{Gen: g} }
	h.Record(s(1), Step{Label: "one"})
	h.Record(s(2), Step{Label: "two", Scope: InVPC(4)})
	prev, step, ok := h.Undo(s(3))
	if !ok || prev.Gen != 2 || step.Label != "two" || step.Scope.String() != "VPCs [4]" {
		t.Fatalf("undo = %v %+v %v", prev.Gen, step, ok)
	}
	next, step, ok := h.Redo(prev)
	if !ok || next.Gen != 3 || step.Label != "two" || step.Scope.String() != "VPCs [4]" {
		t.Fatalf("redo = %v %+v %v", next.Gen, step, ok)
	}
	h.Undo(s(3))
	h.Record(s(2), Step{Label: "other"}) // a new edit forgets redo
	if h.CanRedo() {
		t.Error("redo survived a new edit")
	}
	h.Limit = 3
	for i := range 10 {
		h.Record(s(uint64(i)), Step{Label: "x"})
	}
	n := 0
	for h.CanUndo() {
		h.Undo(s(0))
		n++
	}
	if n != 3 {
		t.Errorf("history kept %d states, limit 3", n)
	}
}

func TestPathIndex(t *testing.T) {
	d := fixture.Reference(t)
	ix := NewPathIndex(d, design.Resolve(d))
	for path, want := range map[string]Ref{
		"vpcs.prod":                                 {Kind: VPC, V: 0},
		"vpcs.prod.traffic":                         {Kind: VPC, V: 0},
		"vpcs.shared.tiers.services":                {Kind: Tier, V: 1, T: 1},
		"vpcs.prod.tiers.app.subnets.us-east-1b":    {Kind: Subnet, V: 0, T: 1, AZ: "us-east-1b"},
		"vpcs.prod.security_groups.db.ingress[0]":   {Kind: SG, V: 0, G: 2},
		"connections.hub":                           {Kind: Conn, I: 1},
		"networks.corp":                             {Kind: Network, I: 0},
		"vpcs.prod.tiers.data.subnets.us-east-1c.x": {Kind: Subnet, V: 0, T: 2, AZ: "us-east-1c"},
	} {
		got, ok := ix.Lookup(path)
		if !ok || got != want {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", path, got, ok, want)
		}
		if ok && want.Kind != VPC && !strings.HasPrefix(path, got.Path(d)) {
			t.Errorf("Ref.Path(%+v) = %q is not a prefix of %q", got, got.Path(d), path)
		}
	}
	if r, _ := ix.Lookup("vpcs.nowhere"); r.Kind != DesignKind {
		t.Errorf("an unknown VPC's path maps to %+v, want the design", r)
	}
	// Every finding the validator reports maps to an element.
	d.VPCs[0].Tiers[1].Subnets = []design.Subnet{{AZ: "us-east-1a", CIDR: "10.0.0.0/24"}}
	for _, f := range design.Validate(d) {
		if _, ok := NewPathIndex(d, design.Resolve(d)).Lookup(f.Path); !ok {
			t.Errorf("finding path %q maps to no element", f.Path)
		}
	}
}

func TestMergeRenamesClashes(t *testing.T) {
	d := fixture.Reference(t)
	imp := fixture.Reference(t)
	imp.Region = "eu-west-1"
	first, renamed := Merge(d, imp)
	if first != 3 || len(d.VPCs) != 6 || len(d.Connections) != 8 || len(d.Networks) != 2 {
		t.Fatalf("merged: first %d, %d VPCs, %d connections, %d networks", first, len(d.VPCs), len(d.Connections), len(d.Networks))
	}
	if d.VPCs[3].Name != "prod-2" || d.VPCs[3].Region != "eu-west-1" {
		t.Errorf("imported prod = %s in %q", d.VPCs[3].Name, d.VPCs[3].Region)
	}
	if got := d.Connections[4].VPCs; !slices.Equal(got, []string{"prod-2", "shared-2"}) {
		t.Errorf("imported peering joins %v", got)
	}
	if len(renamed) != 3+1+4 {
		t.Errorf("renamed %v", renamed)
	}
	for _, f := range design.Validate(d) {
		if f.Code == "duplicate-name" {
			t.Errorf("merge left a duplicate: %v", f)
		}
	}
}

// TestFreeVPCBlock compares freeVPCBlock with the plain search it
// replaced (each candidate checked against every CIDR) on designs whose
// CIDRs are random blocks in and around 10/8, of every size.
func TestFreeVPCBlock(t *testing.T) {
	plain := func(d *design.Design) netip.Prefix {
		var used []netip.Prefix
		for _, v := range d.VPCs {
			for _, c := range append([]string{v.CIDR}, v.SecondaryCIDRs...) {
				if p, err := design.ParseCIDR(c); err == nil {
					used = append(used, p)
				}
			}
		}
		for _, n := range d.Networks {
			if p, err := design.ParseCIDR(n.CIDR); err == nil {
				used = append(used, p)
			}
		}
		for n := range 256 {
			cand := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n), 0, 0}), 16)
			if !slices.ContainsFunc(used, cand.Overlaps) {
				return cand
			}
		}
		return netip.MustParsePrefix("10.0.0.0/16")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	block := func() string {
		bits := 8 + rng.IntN(17)
		if rng.IntN(20) == 0 {
			bits = rng.IntN(33)
		}
		a := [4]byte{[]byte{10, 10, 10, 11, 9, 0}[rng.IntN(6)], byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))}
		return netip.PrefixFrom(netip.AddrFrom4(a), bits).Masked().String()
	}
	for i := range 3000 {
		d := &design.Design{}
		for range rng.IntN(1 + rng.IntN(300)) {
			v := design.VPC{CIDR: block()}
			if rng.IntN(4) == 0 {
				v.SecondaryCIDRs = []string{block(), "bad"}
			}
			d.VPCs = append(d.VPCs, v)
		}
		for range rng.IntN(3) {
			d.Networks = append(d.Networks, design.Network{CIDR: block()})
		}
		if got, want := freeVPCBlock(d), plain(d); got != want {
			t.Fatalf("design %d: %v, want %v", i, got, want)
		}
	}
}
