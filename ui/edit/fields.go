package edit

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// FieldKind says how the inspector edits a field.
type FieldKind int

// Field kinds.
const (
	Text   FieldKind = iota // typed, checked as you type
	Choice                  // enter cycles through Choices
	Toggle                  // enter switches on and off
	Adder                   // "+ add …": typed, then added
)

// Field is one editable property of the selected element. Check runs on
// every keystroke; Apply runs on a clone of the design when the user
// commits. Field values are raw design text: the inspector sanitizes them
// when it draws them.
type Field struct {
	Key   string // stable, for keeping the cursor across edits
	Label string
	Value string
	Kind  FieldKind
	// Choices for a Choice field; for long lists computed from the design
	// (VPC names), LazyChoices instead, called only when the field is
	// used. ChoiceList returns either.
	Choices     []string
	LazyChoices func() []string
	// Placeholder is shown for an empty value (e.g. the inherited region).
	Placeholder string
	// Check validates typed text: a hint when it is fine ("4,091 usable"),
	// an error when it is not.
	Check func(s string) (hint string, err error)
	// Apply makes the edit on d (a clone); the label names it for undo.
	Apply func(d *design.Design, s string) error
	// Remove deletes the entry (a rule); nil when it cannot be removed alone.
	Remove func(d *design.Design) error
	// Scope is what Apply and Remove may change (see Scope); the zero
	// Scope, everything, is the safe default for a field that does not say.
	// ScopeFn, when set, computes it when the edit is made instead (a
	// rename's reach depends on the references to the old name).
	Scope   Scope
	ScopeFn func() Scope
}

// EditScope returns the scope of the field's edits.
func (f Field) EditScope() Scope {
	if f.ScopeFn != nil {
		return f.ScopeFn()
	}
	return f.Scope
}

// ChoiceList returns the choices of a Choice field.
func (f Field) ChoiceList() []string {
	if f.Choices == nil && f.LazyChoices != nil {
		return f.LazyChoices()
	}
	return f.Choices
}

// lazy returns a function that computes f's list once, on first use: a
// sheet is built for every cursor move, and lists of names are O(design)
// (8,000 VPC names at 100,000 subnets) while they are needed only when a
// field is typed into or cycled.
func lazy(f func() []string) func() []string {
	var list []string
	done := false
	return func() []string {
		if !done {
			list, done = f(), true
		}
		return list
	}
}

// scoped sets the scope of every field but those with the given keys and
// those that compute theirs.
func scoped(fields []Field, s Scope, except ...string) {
	for i := range fields {
		if fields[i].ScopeFn == nil && !slices.Contains(except, fields[i].Key) {
			fields[i].Scope = s
		}
	}
}

// Info is one read-only fact the inspector shows under the fields.
type Info struct {
	Label, Value string
}

// Sheet is everything the inspector shows about an element.
type Sheet struct {
	Title  string
	Fields []Field
	Info   []Info
}

// SheetFor returns the inspector sheet of the element ref points at. Each
// field says what its edit may change (Field.Scope): the fields of a VPC,
// tier, subnet or group stay inside their VPC, those of connections and
// networks outside every VPC; renames reach the VPCs whose rules name the
// element (their ScopeFn finds them), and the design's region, every VPC's
// default, may change everything.
func SheetFor(d *design.Design, l *design.Layout, ref Ref) Sheet {
	if ref.Kind == DesignKind {
		s := designSheet(d)
		scoped(s.Fields, OutsideVPCs(), "region")
		return s
	}
	if !ref.Valid(d) {
		return Sheet{Title: "Nothing selected"}
	}
	var s Sheet
	switch ref.Kind {
	case VPC:
		s = vpcSheet(d, l, ref.V)
		scoped(s.Fields, InVPC(ref.V))
	case Tier:
		s = tierSheet(d, l, ref.V, ref.T)
		scoped(s.Fields, InVPC(ref.V))
	case Subnet:
		s = subnetSheet(d, l, ref)
		scoped(s.Fields, InVPC(ref.V))
	case SG:
		s = sgSheet(d, ref.V, ref.G)
		scoped(s.Fields, InVPC(ref.V))
	case Conn:
		s = connSheet(d, ref.I)
		scoped(s.Fields, OutsideVPCs())
	case Network:
		s = networkSheet(d, ref.I)
		scoped(s.Fields, OutsideVPCs())
	default:
		s = Sheet{Title: "Nothing selected"}
	}
	return s
}

// nameField renames an element; taken lists the sibling names (computed
// when the field is first checked); scope computes the rename's scope.
func nameField(what string, cur string, taken func() []string, scope func() Scope, rename func(d *design.Design, s string) error) Field {
	taken = lazy(taken)
	return Field{
		Key: "name", Label: "name", Value: cur, Kind: Text, ScopeFn: scope,
		Check: func(s string) (string, error) {
			if s == cur {
				return "", nil
			}
			return okHint("references follow the new name", CheckName(what, s, taken()))
		},
		Apply: func(d *design.Design, s string) error {
			if s == cur {
				return nil
			}
			return rename(d, s)
		},
	}
}

func okHint(hint string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return hint, nil
}

func designSheet(d *design.Design) Sheet {
	s := Sheet{Title: "Design"}
	s.Fields = []Field{
		{Key: "name", Label: "name", Value: d.Name, Kind: Text,
			Check: func(s string) (string, error) { return "", checkFreeText(s, 200) },
			Apply: func(d *design.Design, s string) error { d.Name = strings.TrimSpace(s); return nil }},
		{Key: "description", Label: "description", Value: d.Description, Kind: Text,
			Check: func(s string) (string, error) { return "", checkFreeText(s, 500) },
			Apply: func(d *design.Design, s string) error { d.Description = strings.TrimSpace(s); return nil }},
		{Key: "region", Label: "region", Value: d.Region, Kind: Text,
			Check: func(s string) (string, error) {
				if !validRegion(strings.TrimSpace(s)) {
					return "", fmt.Errorf("a region name such as eu-west-1")
				}
				return "the default for every VPC", nil
			},
			Apply: func(d *design.Design, s string) error {
				if !validRegion(strings.TrimSpace(s)) {
					return fmt.Errorf("a region name such as eu-west-1")
				}
				d.Region = strings.TrimSpace(s)
				return nil
			}},
	}
	s.Info = []Info{{"VPCs", strconv.Itoa(len(d.VPCs))}, {"connections", strconv.Itoa(len(d.Connections))}, {"networks", strconv.Itoa(len(d.Networks))}}
	return s
}

// checkFreeText refuses control characters in free text typed in the
// editor (the text input already drops them; this is the backstop).
func checkFreeText(s string, max int) error {
	if len(s) > max {
		return fmt.Errorf("at most %d characters", max)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return fmt.Errorf("no control characters")
		}
	}
	return nil
}

func vpcSheet(d *design.Design, l *design.Layout, vi int) Sheet {
	v := &d.VPCs[vi]
	s := Sheet{Title: "VPC " + v.Name}
	s.Fields = append(s.Fields,
		nameField("VPC", v.Name, func() []string { return VPCNames(d, vi) }, func() Scope { return RenameVPCScope(d, vi) },
			func(d *design.Design, n string) error { return RenameVPC(d, vi, n) }),
		Field{Key: "region", Label: "region", Value: v.Region, Placeholder: d.Region + " (design's)", Kind: Text,
			Check: func(s string) (string, error) {
				if strings.TrimSpace(s) == "" {
					return "empty: the design's region", nil
				}
				if !validRegion(strings.TrimSpace(s)) {
					return "", fmt.Errorf("%q is not a region name such as eu-west-1", s)
				}
				return "", nil
			},
			Apply: func(d *design.Design, s string) error { return SetRegion(d, vi, s) }},
		Field{Key: "cidr", Label: "cidr", Value: v.CIDR, Kind: Text,
			Check: func(s string) (string, error) {
				p, err := CheckVPCCIDR(s)
				if err != nil {
					return "", err
				}
				return rangeHint(p, "addresses", int(design.AddressCount(p))), nil
			},
			Apply: func(d *design.Design, s string) error { return SetVPCCIDR(d, vi, s) }},
		Field{Key: "secondary_cidrs", Label: "secondary cidrs", Value: strings.Join(v.SecondaryCIDRs, ", "), Placeholder: "none", Kind: Text,
			Check: func(s string) (string, error) {
				list, err := CheckSecondaryCIDRs(s)
				n := uint64(0)
				for _, c := range list {
					n += design.AddressCount(netip.MustParsePrefix(c))
				}
				return okHint(fmt.Sprintf("%d blocks · %s addresses", len(list), thousands(int(n))), err)
			},
			Apply: func(d *design.Design, s string) error { return SetSecondaryCIDRs(d, vi, s) }},
		Field{Key: "azs", Label: "azs", Value: FormatAZs(v.AZs), Kind: Text,
			Check: func(s string) (string, error) {
				spec, err := ParseAZs(s)
				return okHint(strings.Join(design.ExpandAZs(spec, d.VPCRegion(v)), ", "), err)
			},
			Apply: func(d *design.Design, s string) error { return SetAZs(d, vi, s) }},
		Field{Key: "nat", Label: "nat", Value: string(v.NAT), Kind: Choice, Choices: natChoices(),
			Apply: func(d *design.Design, s string) error { return SetNAT(d, vi, s) }},
		Field{Key: "flow_logs", Label: "flow logs", Value: onOff(v.FlowLogs), Kind: Toggle,
			Apply: func(d *design.Design, _ string) error { ToggleFlowLogs(d, vi); return nil }},
	)
	s.Fields = append(s.Fields, vpcIPv6Fields(d, vi)...)
	services := slices.Clone(CommonEndpoints)
	for _, e := range v.Endpoints {
		if !slices.Contains(services, e) {
			services = append(services, e)
		}
	}
	for _, svc := range services {
		kind := "interface endpoint"
		if design.IsGatewayEndpoint(svc) {
			kind = "gateway endpoint"
		}
		s.Fields = append(s.Fields, Field{Key: "endpoint:" + svc, Label: svc, Value: onOff(slices.Contains(v.Endpoints, svc)), Kind: Toggle,
			Placeholder: kind,
			Apply:       func(d *design.Design, _ string) error { return ToggleEndpoint(d, vi, svc) }})
	}
	s.Fields = append(s.Fields, Field{Key: "endpoint+", Label: "+ endpoint", Kind: Adder, Placeholder: "service name, e.g. glue",
		Check: func(s string) (string, error) {
			if slices.Contains(v.Endpoints, s) {
				return "", fmt.Errorf("%s is already on", s)
			}
			return okHint("interface endpoint, one ENI per AZ", CheckService(s))
		},
		Apply: func(d *design.Design, s string) error {
			if slices.Contains(d.VPCs[vi].Endpoints, s) {
				return fmt.Errorf("%s is already on", s)
			}
			return ToggleEndpoint(d, vi, s)
		}})
	for _, key := range design.TrafficKeys() {
		val := ""
		if v.Traffic != nil {
			val = formatGB(TrafficValue(v, key))
		}
		s.Fields = append(s.Fields, Field{Key: "traffic:" + key, Label: trafficLabels[key], Value: val, Placeholder: "0", Kind: Text,
			Check: func(s string) (string, error) {
				_, err := CheckGB(s)
				return okHint("monthly assumption for the cost estimate", err)
			},
			Apply: func(d *design.Design, s string) error { return SetTraffic(d, vi, key, s) }})
	}
	if l != nil && vi < len(l.VPCs) {
		vl := &l.VPCs[vi]
		usable, n := 0, 0
		for _, tl := range vl.Tiers {
			for _, sn := range tl.Subnets {
				usable += sn.Usable()
				n++
			}
		}
		s.Info = append(s.Info, Info{"subnets", fmt.Sprintf("%d · %s usable", n, thousands(usable))},
			Info{"free", thousands(int(vl.FreeAddresses)) + " addresses"})
		s.Info = append(s.Info, vpcIPv6Info(vl)...)
		if len(vl.Free) > 0 {
			var free []string
			for i, p := range vl.Free {
				if i == 4 {
					free = append(free, fmt.Sprintf("+%d more", len(vl.Free)-4))
					break
				}
				free = append(free, p.String())
			}
			s.Info = append(s.Info, Info{"free blocks", strings.Join(free, ", ")})
		}
	}
	for _, w := range v.Workloads {
		s.Info = append(s.Info, Info{"workload " + w.Name, fmt.Sprintf("%s in %s, group %s", w.Kind, w.Tier, w.SecurityGroup)})
	}
	return s
}

func natChoices() []string {
	out := make([]string, len(design.NATModes))
	for i, m := range design.NATModes {
		out[i] = string(m)
	}
	return out
}

func tierSheet(d *design.Design, l *design.Layout, vi, ti int) Sheet {
	v := &d.VPCs[vi]
	t := &v.Tiers[ti]
	s := Sheet{Title: "Tier " + t.Name + " · VPC " + v.Name}
	kinds := make([]string, len(design.TierKinds))
	for i, k := range design.TierKinds {
		kinds[i] = string(k)
	}
	prefix := ""
	if t.Prefix != 0 {
		prefix = strconv.Itoa(t.Prefix)
	}
	s.Fields = []Field{
		nameField("tier", t.Name, func() []string { return TierNames(v, ti) }, func() Scope { return InVPC(vi) },
			func(d *design.Design, n string) error { return RenameTier(d, vi, ti, n) }),
		{Key: "kind", Label: "kind", Value: string(t.Kind), Kind: Choice, Choices: kinds,
			Apply: func(d *design.Design, s string) error { return SetTierKind(d, vi, ti, s) }},
		{Key: "prefix", Label: "prefix", Value: prefix, Placeholder: "none: subnets written by hand", Kind: Text,
			Check: func(s string) (string, error) {
				n, err := CheckPrefix(s)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("/%d: %s usable per subnet", n, thousands(max((1<<(32-n))-5, 0))), nil
			},
			Apply: func(d *design.Design, s string) error { return SetTierPrefix(d, vi, ti, s) }},
		{Key: "azs", Label: "azs", Value: strings.Join(t.AZs, ", "), Placeholder: "all of the VPC's", Kind: Text,
			Check: func(s string) (string, error) {
				if strings.TrimSpace(s) == "" || strings.TrimSpace(s) == "all" {
					return "all of the VPC's AZs", nil
				}
				spec, err := ParseAZs(s)
				if err == nil && spec.Names == nil {
					err = fmt.Errorf("name the AZs, or leave it empty for all")
				}
				return okHint("", err)
			},
			Apply: func(d *design.Design, s string) error { return SetTierAZs(d, vi, ti, s) }},
	}
	s.Fields = append(s.Fields, tierIPv6Fields(d, vi, ti)...)
	s.Fields = append(s.Fields, routingFields(d, vi, ti)...)
	if l != nil && vi < len(l.VPCs) && ti < len(l.VPCs[vi].Tiers) {
		tl := &l.VPCs[vi].Tiers[ti]
		if len(tl.AZs) > 0 {
			s.Info = append(s.Info, routeInfo(d, l, vi, ti, tl.AZs[0])...)
		}
		for _, sn := range tl.Subnets {
			how := "written"
			if sn.Carved() {
				how = "carved"
			}
			cidr := "(invalid)"
			if sn.Prefix.IsValid() {
				cidr = sn.Prefix.String()
			}
			s.Info = append(s.Info, Info{"subnet " + sn.AZ, fmt.Sprintf("%s · %s usable · %s", cidr, thousands(sn.Usable()), how)})
		}
		for _, az := range tl.NoRoom {
			s.Info = append(s.Info, Info{"subnet " + az, fmt.Sprintf("no room for a /%d", t.Prefix)})
		}
		s.Info = append(s.Info, reservedInfo(tl)...)
	}
	for _, g := range v.SecurityGroups {
		if g.Tier == t.Name {
			s.Info = append(s.Info, Info{"security group", g.Name})
		}
	}
	for _, w := range v.Workloads {
		if w.Tier == t.Name {
			s.Info = append(s.Info, Info{"workload", fmt.Sprintf("%s (%s)", w.Name, w.Kind)})
		}
	}
	return s
}

func subnetSheet(d *design.Design, l *design.Layout, ref Ref) Sheet {
	v := &d.VPCs[ref.V]
	t := &v.Tiers[ref.T]
	s := Sheet{Title: "Subnet " + t.Name + " · " + ref.AZ + " · VPC " + v.Name}
	var sl design.SubnetLayout
	found, covered := false, false
	if l != nil && ref.V < len(l.VPCs) && ref.T < len(l.VPCs[ref.V].Tiers) {
		tl := &l.VPCs[ref.V].Tiers[ref.T]
		sl, found = tl.SubnetIn(ref.AZ)
		covered = slices.Contains(tl.AZs, ref.AZ)
	}
	cur := ""
	if found {
		if sl.Prefix.IsValid() {
			cur = sl.Prefix.String()
		} else if !sl.Carved() && sl.Explicit < len(t.Subnets) {
			cur = t.Subnets[sl.Explicit].CIDR
		}
	}
	placeholder := "carved from /" + strconv.Itoa(t.Prefix)
	if t.Prefix == 0 {
		placeholder = "a CIDR such as 10.0.1.0/24"
	}
	s.Fields = []Field{{Key: "cidr", Label: "cidr", Value: cur, Placeholder: placeholder, Kind: Text,
		Check: func(in string) (string, error) {
			if strings.TrimSpace(in) == "" {
				if t.Prefix == 0 {
					return "", fmt.Errorf("the tier has no prefix to carve from: write a CIDR")
				}
				return fmt.Sprintf("empty: carve a /%d", t.Prefix), nil
			}
			p, err := CheckSubnetCIDR(in)
			if err != nil {
				return "", err
			}
			if err := subnetOverlap(l, ref, p); err != nil {
				return "", err
			}
			return rangeHint(p, "usable", design.UsableAddresses(p)), nil
		},
		Apply: func(d *design.Design, in string) error { return SetSubnetCIDR(d, ref.V, ref.T, ref.AZ, in) }}}
	s.Info = append(s.Info, Info{"tier", fmt.Sprintf("%s (%s)", t.Name, t.Kind)}, Info{"AZ", ref.AZ})
	switch {
	case found && sl.Prefix.IsValid():
		how := "written in the file"
		if sl.Carved() {
			how = fmt.Sprintf("carved from the tier's /%d (saving writes it)", t.Prefix)
		}
		s.Info = append(s.Info, Info{"usable", thousands(sl.Usable()) + " of " + thousands(int(design.AddressCount(sl.Prefix)))},
			Info{"range", sl.Prefix.Addr().String() + " – " + lastAddr(sl.Prefix).String()}, Info{"source", how})
	case found && !t.HasIPv4() && sl.HasIPv6:
		s.Info = append(s.Info, Info{"source", "IPv6-only: a /64 and no IPv4 CIDR"})
	case !covered:
		s.Info = append(s.Info, Info{"note", "the tier does not cover this AZ: edit the tier's azs to add it"})
	default:
		s.Info = append(s.Info, Info{"note", "no subnet: see the problems"})
	}
	if found {
		s.Info = append(s.Info, subnetIPv6Info(&l.VPCs[ref.V], t, sl)...)
	}
	// The subnet's effective route table and network ACL: what AWS will
	// route, written routes and connections included.
	s.Info = append(s.Info, routeInfo(d, l, ref.V, ref.T, ref.AZ)...)
	for _, w := range v.Workloads {
		if w.Tier == t.Name {
			s.Info = append(s.Info, Info{"workload", fmt.Sprintf("%s (%s)", w.Name, w.Kind)})
		}
	}
	return s
}

func sgSheet(d *design.Design, vi, gi int) Sheet {
	v := &d.VPCs[vi]
	g := &v.SecurityGroups[gi]
	s := Sheet{Title: "Security group " + g.Name + " · VPC " + v.Name}
	tiers := make([]string, len(v.Tiers))
	for i := range v.Tiers {
		tiers[i] = v.Tiers[i].Name
	}
	if !slices.Contains(tiers, g.Tier) {
		tiers = append(tiers, g.Tier)
	}
	s.Fields = []Field{
		nameField("security group", g.Name, func() []string { return SGNames(v, gi) }, func() Scope { return RenameSGScope(d, vi, gi) },
			func(d *design.Design, n string) error { return RenameSG(d, vi, gi, n) }),
		{Key: "tier", Label: "tier", Value: g.Tier, Kind: Choice, Choices: tiers,
			Apply: func(d *design.Design, s string) error { return SetSGTier(d, vi, gi, s) }},
	}
	rule := func(ingress bool, i int, r design.Rule) Field {
		dir, key := "in", "ingress:"
		if !ingress {
			dir, key = "out", "egress:"
		}
		return Field{Key: key + strconv.Itoa(i), Label: fmt.Sprintf("%s %d", dir, i+1), Value: FormatRule(r), Kind: Text,
			Check: func(s string) (string, error) { return ruleHint(s, ingress) },
			Apply: func(d *design.Design, s string) error { return SetRule(d, vi, gi, ingress, i, s) },
			Remove: func(d *design.Design) error {
				return RemoveRule(d, vi, gi, ingress, i)
			}}
	}
	adder := func(ingress bool) Field {
		label, key := "+ inbound rule", "ingress+"
		if !ingress {
			label, key = "+ outbound rule", "egress+"
		}
		return Field{Key: key, Label: label, Kind: Adder, Placeholder: "sg:alb 8080 # from the load balancer",
			Check: func(s string) (string, error) { return ruleHint(s, ingress) },
			Apply: func(d *design.Design, s string) error { return AddRule(d, vi, gi, ingress, s) }}
	}
	for i, r := range g.Ingress {
		s.Fields = append(s.Fields, rule(true, i, r))
	}
	s.Fields = append(s.Fields, adder(true))
	mode := EgressDefault
	if g.Egress != nil {
		mode = EgressListed
	}
	s.Fields = append(s.Fields, Field{Key: "egress", Label: "outbound", Value: mode, Kind: Choice, Choices: []string{EgressDefault, EgressListed},
		Apply: func(d *design.Design, s string) error { return SetEgressMode(d, vi, gi, s) }})
	if g.Egress != nil {
		for i, r := range g.Egress {
			s.Fields = append(s.Fields, rule(false, i, r))
		}
		s.Fields = append(s.Fields, adder(false))
	}
	for _, w := range v.Workloads {
		if w.SecurityGroup == g.Name {
			s.Info = append(s.Info, Info{"workload", fmt.Sprintf("%s (%s) in %s", w.Name, w.Kind, w.Tier)})
		}
	}
	if g.Egress != nil && len(g.Egress) == 0 {
		s.Info = append(s.Info, Info{"outbound", "none (egress: [])"})
	}
	return s
}

// ruleHint checks a typed rule and says what it allows: "inbound tcp 22
// from 10.0.0.0/8".
func ruleHint(s string, ingress bool) (string, error) {
	r, err := ParseRule(s, ingress)
	if err != nil {
		return "", err
	}
	ports, _ := design.ParsePorts(r.Ports)
	what := r.EffectiveProtocol() + " " + ports.String()
	if ports.All {
		what = r.EffectiveProtocol() + ", all ports"
	}
	if ingress {
		return "inbound " + what + " from " + r.From, nil
	}
	return "outbound " + what + " to " + r.To, nil
}

func connSheet(d *design.Design, ci int) Sheet {
	c := &d.Connections[ci]
	s := Sheet{Title: "Connection " + c.Name}
	kinds := make([]string, len(design.ConnectionKinds))
	for i, k := range design.ConnectionKinds {
		kinds[i] = string(k)
	}
	vpcs := lazy(func() []string { return VPCNames(d, -1) })
	nets := lazy(func() []string { return NetworkNames(d, -1) })
	s.Fields = []Field{
		nameField("connection", c.Name, func() []string { return ConnNames(d, ci) }, OutsideVPCs,
			func(d *design.Design, n string) error { return RenameConnection(d, ci, n) }),
		{Key: "kind", Label: "kind", Value: string(c.Kind), Kind: Choice, Choices: kinds,
			Apply: func(d *design.Design, s string) error { return SetConnKind(d, ci, s) }},
	}
	list := func(key, label string, val []string, what string, known func() []string) Field {
		return Field{Key: key, Label: label, Value: strings.Join(val, ", "), Kind: Text, Placeholder: "none",
			Check: func(s string) (string, error) {
				l, err := CheckNames(what, s, known())
				if err == nil && key == "vpcs" && c.Kind == design.ConnPeering && len(l) != 2 {
					err = fmt.Errorf("a peering joins exactly two VPCs")
				}
				return okHint("known: "+strings.Join(known(), ", "), err)
			},
			Apply: func(d *design.Design, s string) error { return SetConnField(d, ci, key, s) }}
	}
	choice := func(key, label, val string, known func() []string) Field {
		ch := func() []string {
			ch := slices.Clone(known())
			if val != "" && !slices.Contains(ch, val) {
				ch = append(ch, val)
			}
			return ch
		}
		return Field{Key: key, Label: label, Value: val, Kind: Choice, LazyChoices: lazy(ch),
			Apply: func(d *design.Design, s string) error { return SetConnField(d, ci, key, s) }}
	}
	switch c.Kind {
	case design.ConnPeering:
		s.Fields = append(s.Fields, list("vpcs", "vpcs", c.VPCs, "VPC", vpcs))
	case design.ConnTransitGateway:
		s.Fields = append(s.Fields, list("vpcs", "vpcs", c.VPCs, "VPC", vpcs), list("networks", "networks", c.Networks, "network", nets))
	case design.ConnPrivateLink:
		s.Fields = append(s.Fields, choice("provider", "provider", c.Provider, vpcs), choice("consumer", "consumer", c.Consumer, vpcs),
			Field{Key: "port", Label: "port", Value: strconv.Itoa(c.Port), Kind: Text,
				Check: func(s string) (string, error) { _, err := CheckPort(s); return okHint("", err) },
				Apply: func(d *design.Design, s string) error { return SetConnField(d, ci, "port", s) }})
	case design.ConnVPN:
		s.Fields = append(s.Fields, choice("vpc", "vpc", c.VPC, vpcs), choice("network", "network", c.Network, nets))
	}
	return s
}

func networkSheet(d *design.Design, ni int) Sheet {
	n := &d.Networks[ni]
	s := Sheet{Title: "Network " + n.Name}
	s.Fields = []Field{
		nameField("network", n.Name, func() []string { return NetworkNames(d, ni) }, func() Scope { return RenameNetworkScope(d, ni) },
			func(d *design.Design, s string) error { return RenameNetwork(d, ni, s) }),
		{Key: "cidr", Label: "cidr", Value: n.CIDR, Kind: Text,
			Check: func(s string) (string, error) {
				p, err := design.ParseCIDR(s)
				if err != nil {
					return "", err
				}
				return rangeHint(p, "addresses", int(design.AddressCount(p))), nil
			},
			Apply: func(d *design.Design, s string) error { return SetNetworkCIDR(d, ni, s) }},
	}
	for _, c := range d.Connections {
		if c.Network == n.Name || slices.Contains(c.Networks, n.Name) {
			s.Info = append(s.Info, Info{"reached by", fmt.Sprintf("%s (%s)", c.Name, c.Kind)})
		}
	}
	return s
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func formatGB(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// rangeHint describes a parsed CIDR: "4,091 usable · 10.0.16.0 – 10.0.31.255".
func rangeHint(p netip.Prefix, what string, n int) string {
	return fmt.Sprintf("%s %s · %s – %s", thousands(n), what, p.Addr(), lastAddr(p))
}

func lastAddr(p netip.Prefix) netip.Addr {
	if !p.IsValid() || !p.Addr().Is4() {
		return netip.Addr{}
	}
	a := u32(p.Masked().Addr()) + uint32(design.AddressCount(p)-1)
	return netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Warning is a check's finding that does not stop the value being applied
// (the design may hold it; validation reports it), but that the field must
// not call fine: it shows as ✗, not ✓.
type Warning struct{ Err error }

func (w Warning) Error() string { return w.Err.Error() }

// subnetOverlap reports p overlapping another subnet of ref's VPC, with a
// free block of p's size to use instead (from the layout's free space).
func subnetOverlap(l *design.Layout, ref Ref, p netip.Prefix) error {
	if l == nil || ref.V >= len(l.VPCs) {
		return nil
	}
	vl := &l.VPCs[ref.V]
	for ti := range vl.Tiers {
		tl := &vl.Tiers[ti]
		for _, sl := range tl.Subnets {
			if (ti == ref.T && sl.AZ == ref.AZ) || !sl.Prefix.IsValid() || !sl.Prefix.Overlaps(p) {
				continue
			}
			msg := fmt.Sprintf("overlaps %s (tier %s, %s)", sl.Prefix, tl.Tier.Name, sl.AZ)
			if free, ok := vl.FreeBlock(p.Bits()); ok {
				msg += "; " + free.String() + " is free"
			} else {
				msg += fmt.Sprintf("; the VPC has no free /%d", p.Bits())
			}
			return Warning{fmt.Errorf("%s", msg)}
		}
	}
	return nil
}

// trafficLabels are the inspector's labels of the traffic keys (design's
// TrafficKeys, every one of them), short enough for the label column.
var trafficLabels = map[string]string{
	"internet_egress_gb":     "internet out GB/mo",
	"internet_ingress_gb":    "internet in GB/mo",
	"s3_gb":                  "S3 GB/mo",
	"endpoint_gb":            "endpoint GB/mo",
	"transit_gateway_gb":     "transit gw GB/mo",
	"peering_gb":             "peering GB/mo",
	"on_premises_ingress_gb": "on-prem in GB/mo",
	"cross_az_gb":            "cross-AZ GB/mo",
	"flow_logs_gb":           "flow logs GB/mo",
}
