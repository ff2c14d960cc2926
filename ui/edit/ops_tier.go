package edit

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// AddTier inserts a private tier named name after the tier at index after
// (-1: first) in VPC vi and returns its index. Its prefix is the one of the
// tier it follows, else /24.
func AddTier(d *design.Design, vi, after int, name string) (int, error) {
	v := &d.VPCs[vi]
	if err := CheckName("tier", name, TierNames(v, -1)); err != nil {
		return 0, err
	}
	prefix := 24
	if after >= 0 && after < len(v.Tiers) && v.Tiers[after].Prefix != 0 {
		prefix = v.Tiers[after].Prefix
	}
	pin(d, vi, -1)
	at := min(max(after+1, 0), len(v.Tiers))
	v.Tiers = slices.Insert(v.Tiers, at, design.Tier{Name: name, Kind: design.TierPrivate, Prefix: prefix})
	return at, nil
}

// RenameTier renames a tier and the references to it in its VPC
// (security groups, workloads, tier: rule peers).
func RenameTier(d *design.Design, vi, ti int, name string) error {
	v := &d.VPCs[vi]
	if err := CheckName("tier", name, TierNames(v, ti)); err != nil {
		return err
	}
	old := v.Tiers[ti].Name
	v.Tiers[ti].Name = name
	renameTierRefs(d, vi, old, name)
	return nil
}

// RemoveTier removes a tier; the other tiers' subnets stay where they are.
func RemoveTier(d *design.Design, vi, ti int) {
	pin(d, vi, ti)
	v := &d.VPCs[vi]
	v.Tiers = slices.Delete(v.Tiers, ti, ti+1)
}

// MoveTier moves a tier up (delta -1) or down (+1) in display order and
// returns its new index. Subnets do not move.
func MoveTier(d *design.Design, vi, ti, delta int) int {
	v := &d.VPCs[vi]
	to := ti + delta
	if to < 0 || to >= len(v.Tiers) {
		return ti
	}
	pin(d, vi, -1)
	v.Tiers[ti], v.Tiers[to] = v.Tiers[to], v.Tiers[ti]
	return to
}

// SetTierKind sets a tier's kind.
func SetTierKind(d *design.Design, vi, ti int, kind string) error {
	if !slices.Contains(design.TierKinds, design.TierKind(kind)) {
		return fmt.Errorf("a tier is public, private or isolated")
	}
	d.VPCs[vi].Tiers[ti].Kind = design.TierKind(kind)
	return nil
}

// CycleTierKind moves a tier to the next kind (public → private → isolated).
func CycleTierKind(d *design.Design, vi, ti int) {
	t := &d.VPCs[vi].Tiers[ti]
	i := slices.Index(design.TierKinds, t.Kind)
	t.Kind = design.TierKinds[(i+1)%len(design.TierKinds)]
}

// CheckPrefix parses a tier prefix, with or without the slash.
func CheckPrefix(s string) (int, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "/")
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("a prefix is a number from %d to %d, such as 24", design.MinPrefix, design.MaxPrefix)
	}
	if n < design.MinPrefix || n > design.MaxPrefix {
		return 0, fmt.Errorf("a subnet is /%d to /%d", design.MinPrefix, design.MaxPrefix)
	}
	return n, nil
}

// SetTierPrefix changes the size the tier's subnets are carved at. The
// tier's subnets of the old size (carved ones, also when saved) are carved
// again at the new size; subnets of another size were written by hand and
// stay. Other tiers' subnets do not move.
func SetTierPrefix(d *design.Design, vi, ti int, s string) error {
	n, err := CheckPrefix(s)
	if err != nil {
		return err
	}
	pin(d, vi, ti)
	t := &d.VPCs[vi].Tiers[ti]
	old := t.Prefix
	t.Prefix = n
	if old != 0 && old != n {
		t.Subnets = slices.DeleteFunc(t.Subnets, func(sn design.Subnet) bool {
			p, err := design.ParseCIDR(sn.CIDR)
			return err == nil && p.Bits() == old
		})
		if len(t.Subnets) == 0 {
			t.Subnets = nil
		}
	}
	return nil
}

// StepTierPrefix makes the tier's subnets bigger (delta -1: /24 → /23) or
// smaller (+1).
func StepTierPrefix(d *design.Design, vi, ti, delta int) error {
	t := &d.VPCs[vi].Tiers[ti]
	cur := t.Prefix
	if cur == 0 {
		cur = 24
		if len(t.Subnets) > 0 {
			if p, err := design.ParseCIDR(t.Subnets[0].CIDR); err == nil {
				cur = p.Bits()
			}
		}
	}
	n := cur + delta
	if n < design.MinPrefix || n > design.MaxPrefix {
		return fmt.Errorf("a subnet is /%d to /%d", design.MinPrefix, design.MaxPrefix)
	}
	return SetTierPrefix(d, vi, ti, strconv.Itoa(n))
}

// SetTierAZs sets the AZs a tier covers: empty (or "all") means all of the
// VPC's. Subnets in AZs the tier no longer covers are removed.
func SetTierAZs(d *design.Design, vi, ti int, s string) error {
	var names []string
	if t := strings.TrimSpace(s); t != "" && t != "all" {
		spec, err := ParseAZs(t)
		if err != nil {
			return err
		}
		if spec.Names == nil {
			return fmt.Errorf("name the tier's AZs (us-east-1a, us-east-1b), or leave it empty for all")
		}
		names = spec.Names
	}
	pin(d, vi, -1)
	v := &d.VPCs[vi]
	t := &v.Tiers[ti]
	t.AZs = names
	keep := names
	if keep == nil {
		keep = design.ExpandAZs(v.AZs, d.VPCRegion(v))
	}
	t.Subnets = slices.DeleteFunc(t.Subnets, func(sn design.Subnet) bool { return !slices.Contains(keep, sn.AZ) })
	return nil
}

// CheckSubnetCIDR parses a subnet CIDR and checks its size. Empty means
// "carve it": it is allowed when the tier has a prefix.
func CheckSubnetCIDR(s string) (netip.Prefix, error) {
	p, err := design.ParseCIDR(s)
	if err != nil {
		return p, err
	}
	if p.Bits() < design.MinPrefix || p.Bits() > design.MaxPrefix {
		return p, fmt.Errorf("a subnet is /%d to /%d; %s is /%d", design.MinPrefix, design.MaxPrefix, p, p.Bits())
	}
	return p, nil
}

// SetSubnetCIDR writes the tier's subnet in az. An empty CIDR removes the
// written subnet, so that it is carved from the tier's prefix again. Other
// subnets do not move. Overlaps are allowed here: validation reports them.
func SetSubnetCIDR(d *design.Design, vi, ti int, az, s string) error {
	t := &d.VPCs[vi].Tiers[ti]
	if strings.TrimSpace(s) == "" {
		if t.Prefix == 0 {
			return fmt.Errorf("the tier has no prefix to carve from: write a CIDR")
		}
		pin(d, vi, ti)
		t.Subnets = slices.DeleteFunc(t.Subnets, func(sn design.Subnet) bool { return sn.AZ == az })
		if len(t.Subnets) == 0 {
			t.Subnets = nil
		}
		return nil
	}
	p, err := CheckSubnetCIDR(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1) // every subnet stays put, this tier's other AZs too
	for i := range t.Subnets {
		if t.Subnets[i].AZ == az {
			t.Subnets[i].CIDR = p.String()
			return nil
		}
	}
	t.Subnets = append(t.Subnets, design.Subnet{AZ: az, CIDR: p.String()})
	return nil
}
