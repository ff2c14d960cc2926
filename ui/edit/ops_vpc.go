package edit

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Every function here edits d in place and is meant for a fresh Clone: the
// designer clones, edits the clone and keeps the original for undo. A
// function that returns an error has left d unchanged.

// DefaultRegion is the region a new VPC gets when the design names none.
const DefaultRegion = "us-east-1"

// AddVPC inserts a VPC named name after the VPC at index after (-1: at the
// end) and returns its index, InsertIndex(len(d.VPCs), after); the edit's
// scope is InsertVPC of that index. It gets the first free 10.N.0.0/16,
// two AZs, a public and a private tier and a single NAT gateway: a small
// working network to edit from.
func AddVPC(d *design.Design, after int, name string) (int, error) {
	if err := CheckName("VPC", name, VPCNames(d, -1)); err != nil {
		return 0, err
	}
	v := design.VPC{
		Name: name,
		CIDR: freeVPCBlock(d).String(),
		AZs:  design.AZSpec{Count: 2},
		NAT:  design.NATSingle,
		Tiers: []design.Tier{
			{Name: "public", Kind: design.TierPublic, Prefix: 24},
			{Name: "private", Kind: design.TierPrivate, Prefix: 20},
		},
	}
	if d.Region == "" {
		v.Region = DefaultRegion
	}
	at := InsertIndex(len(d.VPCs), after)
	d.VPCs = slices.Insert(d.VPCs, at, v)
	return at, nil
}

// freeVPCBlock returns the first 10.N.0.0/16 that overlaps no VPC CIDR and
// no network of d (10.0.0.0/16 when none is free).
//
// Two prefixes overlap when one holds the other, so each CIDR rules out
// the candidates it holds or that hold it: one pass over the design,
// rather than a pass per candidate (256 of them, over 8,000 VPCs in an
// organisation-sized design: most of a frame).
func freeVPCBlock(d *design.Design) netip.Prefix {
	var taken [256]bool
	take := func(s string) {
		p, err := design.ParseCIDR(s)
		if err != nil {
			return
		}
		a := p.Addr().As4()
		switch {
		case p.Bits() <= 8:
			if p.Contains(netip.AddrFrom4([4]byte{10, 0, 0, 0})) {
				for n := range taken { // the whole of 10/8
					taken[n] = true
				}
			}
		case a[0] != 10:
		case p.Bits() >= 16:
			taken[a[1]] = true
		default: // a block of 10/8 larger than a /16: 2^(16-bits) candidates
			for n := int(a[1]); n < int(a[1])+1<<(16-p.Bits()); n++ {
				taken[n] = true
			}
		}
	}
	for _, v := range d.VPCs {
		take(v.CIDR)
		for _, c := range v.SecondaryCIDRs {
			take(c)
		}
	}
	for _, n := range d.Networks {
		take(n.CIDR)
	}
	for n, t := range taken {
		if !t {
			return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n), 0, 0}), 16)
		}
	}
	return netip.MustParsePrefix("10.0.0.0/16")
}

// RenameVPC renames the VPC at vi and every reference to it (connections,
// vpc: and sg:VPC/ rule peers).
func RenameVPC(d *design.Design, vi int, name string) error {
	if err := CheckName("VPC", name, VPCNames(d, vi)); err != nil {
		return err
	}
	old := d.VPCs[vi].Name
	d.VPCs[vi].Name = name
	renameVPCRefs(d, old, name)
	return nil
}

// RemoveVPC removes the VPC at vi (scope RemoveVPCAt(vi)). References to
// it stay, so that validation shows what still needs it.
func RemoveVPC(d *design.Design, vi int) {
	d.VPCs = slices.Delete(d.VPCs, vi, vi+1)
}

// CheckVPCCIDR parses a VPC's primary CIDR and checks its size.
func CheckVPCCIDR(s string) (netip.Prefix, error) {
	p, err := design.ParseCIDR(s)
	if err != nil {
		return p, err
	}
	if p.Bits() < design.MinPrefix || p.Bits() > design.MaxPrefix {
		return p, fmt.Errorf("a VPC CIDR is /%d to /%d; %s is /%d", design.MinPrefix, design.MaxPrefix, p, p.Bits())
	}
	return p, nil
}

// SetVPCCIDR changes the VPC's primary CIDR. Subnets move with it: each
// subnet inside the old block keeps its offset in the new block when it
// fits there; a carved one that does not fit is carved again. Hand-written
// subnets that do not fit stay, and validation reports them.
func SetVPCCIDR(d *design.Design, vi int, s string) error {
	np, err := CheckVPCCIDR(s)
	if err != nil {
		return err
	}
	v := &d.VPCs[vi]
	op, oerr := design.ParseCIDR(v.CIDR)
	pin(d, vi, -1)
	v.CIDR = np.String()
	if oerr != nil {
		return nil
	}
	for ti := range v.Tiers {
		t := &v.Tiers[ti]
		kept := t.Subnets[:0]
		for _, sn := range t.Subnets {
			sp, err := design.ParseCIDR(sn.CIDR)
			if err == nil && op.Contains(sp.Addr()) && sp.Bits() >= op.Bits() {
				if moved, ok := rebase(sp, op, np); ok {
					sn.CIDR = moved.String()
				} else if t.Prefix != 0 && sp.Bits() == t.Prefix {
					continue // carve it again inside the new block
				}
			}
			kept = append(kept, sn)
		}
		t.Subnets = kept
	}
	return nil
}

// rebase moves p, inside from, to the same offset inside to.
func rebase(p, from, to netip.Prefix) (netip.Prefix, bool) {
	off := u32(p.Addr()) - u32(from.Addr())
	if p.Bits() < to.Bits() || uint64(off)+design.AddressCount(p) > design.AddressCount(to) {
		return netip.Prefix{}, false
	}
	a := u32(to.Addr()) + off
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), p.Bits()), true
}

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// SplitList splits a typed list on commas and spaces, dropping empties.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// CheckSecondaryCIDRs parses a typed list of secondary CIDRs.
func CheckSecondaryCIDRs(s string) ([]string, error) {
	var out []string
	for _, c := range SplitList(s) {
		p, err := CheckVPCCIDR(c)
		if err != nil {
			return nil, err
		}
		out = append(out, p.String())
	}
	return out, nil
}

// SetSecondaryCIDRs replaces the VPC's secondary CIDRs with the typed list.
func SetSecondaryCIDRs(d *design.Design, vi int, s string) error {
	list, err := CheckSecondaryCIDRs(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1)
	d.VPCs[vi].SecondaryCIDRs = list
	return nil
}

// ParseAZs reads the azs field as typed: a count ("3") or AZ names.
func ParseAZs(s string) (design.AZSpec, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > 26 {
			return design.AZSpec{}, fmt.Errorf("an AZ count is 1 to 26")
		}
		return design.AZSpec{Count: n}, nil
	}
	names := SplitList(s)
	if len(names) == 0 {
		return design.AZSpec{}, fmt.Errorf("write a count (3) or AZ names (us-east-1a, us-east-1b)")
	}
	seen := map[string]bool{}
	for _, n := range names {
		if !validAZName(n) {
			return design.AZSpec{}, fmt.Errorf("%q is not an AZ name such as us-east-1a", n)
		}
		if seen[n] {
			return design.AZSpec{}, fmt.Errorf("%s is listed twice", n)
		}
		seen[n] = true
	}
	return design.AZSpec{Names: names}, nil
}

func validAZName(s string) bool {
	if len(s) < 2 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	last := s[len(s)-1]
	return last >= 'a' && last <= 'z'
}

// FormatAZs writes an AZ spec as the azs field shows it.
func FormatAZs(spec design.AZSpec) string {
	if spec.Names != nil {
		return strings.Join(spec.Names, ", ")
	}
	return strconv.Itoa(spec.Count)
}

// SetAZs changes the VPC's AZs. Existing subnets stay where they are;
// subnets in AZs the VPC no longer has are removed, and new AZs are carved.
func SetAZs(d *design.Design, vi int, s string) error {
	spec, err := ParseAZs(s)
	if err != nil {
		return err
	}
	pin(d, vi, -1)
	v := &d.VPCs[vi]
	v.AZs = spec
	keep := design.ExpandAZs(spec, d.VPCRegion(v))
	for ti := range v.Tiers {
		t := &v.Tiers[ti]
		if t.AZs != nil {
			continue // the tier lists its own AZs
		}
		t.Subnets = slices.DeleteFunc(t.Subnets, func(s design.Subnet) bool { return !slices.Contains(keep, s.AZ) })
	}
	return nil
}

// SetRegion sets the VPC's own region; empty means the design's. With a
// counted AZ spec the AZ names follow the region, and so do the subnets'.
func SetRegion(d *design.Design, vi int, region string) error {
	region = strings.TrimSpace(region)
	if region != "" && !validRegion(region) {
		return fmt.Errorf("%q is not a region name such as eu-west-1", region)
	}
	pin(d, vi, -1)
	v := &d.VPCs[vi]
	old := d.VPCRegion(v)
	v.Region = region
	nu := d.VPCRegion(v)
	if v.AZs.Names == nil && old != nu {
		for ti := range v.Tiers {
			for si := range v.Tiers[ti].Subnets {
				sn := &v.Tiers[ti].Subnets[si]
				if strings.HasPrefix(sn.AZ, old) && len(sn.AZ) == len(old)+1 {
					sn.AZ = nu + sn.AZ[len(old):]
				}
			}
		}
	}
	return nil
}

func validRegion(s string) bool {
	if len(s) < 4 || len(s) > 32 || strings.Count(s, "-") < 2 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	last := s[len(s)-1]
	return last >= '0' && last <= '9'
}

// CycleNAT moves the VPC to the next NAT mode (none → single → per-az).
func CycleNAT(d *design.Design, vi int) {
	v := &d.VPCs[vi]
	i := slices.Index(design.NATModes, v.NAT)
	v.NAT = design.NATModes[(i+1)%len(design.NATModes)]
}

// SetNAT sets the VPC's NAT mode.
func SetNAT(d *design.Design, vi int, mode string) error {
	if !slices.Contains(design.NATModes, design.NATMode(mode)) {
		return fmt.Errorf("NAT is none, single or per-az")
	}
	d.VPCs[vi].NAT = design.NATMode(mode)
	return nil
}

// ToggleFlowLogs switches the VPC's flow logs on or off.
func ToggleFlowLogs(d *design.Design, vi int) { d.VPCs[vi].FlowLogs = !d.VPCs[vi].FlowLogs }

// CommonEndpoints are the endpoint services the inspector offers as
// switches; others can be typed.
var CommonEndpoints = []string{"s3", "dynamodb", "ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "ssmmessages", "ec2messages", "sqs", "sns", "kms", "sts", "monitoring", "execute-api"}

// ToggleEndpoint adds the endpoint service to the VPC, or removes it.
func ToggleEndpoint(d *design.Design, vi int, service string) error {
	if err := CheckService(service); err != nil {
		return err
	}
	v := &d.VPCs[vi]
	if i := slices.Index(v.Endpoints, service); i >= 0 {
		v.Endpoints = slices.Delete(v.Endpoints, i, i+1)
		if len(v.Endpoints) == 0 {
			v.Endpoints = nil
		}
		return nil
	}
	v.Endpoints = append(v.Endpoints, service)
	return nil
}

// CheckService checks an endpoint service name such as ecr.api.
func CheckService(s string) error {
	if s == "" || len(s) > 64 {
		return fmt.Errorf("an endpoint service is a name such as sqs or ecr.api")
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return fmt.Errorf("%q is not a service name such as sqs or ecr.api", s)
		}
	}
	return nil
}

// TrafficValue returns one traffic assumption of the VPC (0 when unset).
func TrafficValue(v *design.VPC, key string) float64 {
	if v.Traffic == nil {
		return 0
	}
	return v.Traffic.TrafficValue(key)
}

// CheckGB parses a monthly traffic figure in GB.
func CheckGB(s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, fmt.Errorf("write GB per month as a number, 0 or more")
	}
	return f, nil
}

// SetTraffic sets one of the VPC's traffic assumptions.
func SetTraffic(d *design.Design, vi int, key, s string) error {
	f, err := CheckGB(s)
	if err != nil {
		return err
	}
	v := &d.VPCs[vi]
	if v.Traffic == nil {
		v.Traffic = &design.Traffic{}
	}
	if !v.Traffic.SetTrafficValue(key, f) {
		return fmt.Errorf("no traffic assumption %q", key)
	}
	return nil
}

// pin writes the carved subnets of VPC vi into its tiers (except the tier
// at skip), as saving would: their IPv4 CIDRs, their /64 indexes and the
// tiers' reserved space (design.MaterializeSubnets). Edits that change what
// carving sees (tiers, AZs, CIDRs, subnets, IPv6) pin first, so that an
// edit never moves a subnet or a reserved block that already exists: the
// format's promise for saved files holds in the editor too.
func pin(d *design.Design, vi, skip int) {
	v := &d.VPCs[vi]
	var keep design.Tier
	if skip >= 0 && skip < len(v.Tiers) {
		// MaterializeSubnets writes into the tier's slices: it gets copies,
		// and the skipped tier keeps its own.
		keep = v.Tiers[skip]
		v.Tiers[skip].Subnets = slices.Clone(keep.Subnets)
		v.Tiers[skip].Reserved = slices.Clone(keep.Reserved)
	}
	design.MaterializeSubnets(&design.Design{Region: d.Region, VPCs: d.VPCs[vi : vi+1]})
	if skip >= 0 && skip < len(v.Tiers) {
		v.Tiers[skip].Subnets, v.Tiers[skip].Reserved = keep.Subnets, keep.Reserved
	}
}
