package edit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Route-table modes of a tier, as the inspector offers them.
const (
	RoutesDerived = "derived from the kind"
	RoutesWritten = "written routes"
)

// SetRoutesMode switches a tier between derived routes (the key absent)
// and written ones. Writing starts from the routes the tier has now, so
// that the switch changes nothing until a route is edited.
func SetRoutesMode(d *design.Design, vi, ti int, mode string) error {
	t := &d.VPCs[vi].Tiers[ti]
	switch mode {
	case RoutesDerived:
		t.Routes = nil
	case RoutesWritten:
		if t.Routes == nil {
			t.Routes = MaterializeRoutes(d, vi, ti)
		}
	default:
		return fmt.Errorf("routes are %q or %q", RoutesDerived, RoutesWritten)
	}
	return nil
}

// MaterializeRoutes returns a tier's derived routes as written ones with
// the same meaning: a route the same in every AZ once (a NAT route as `nat`
// when each subnet uses its own AZ's, `nat:AZ` when all use one), and what
// differs by AZ with `azs`.
func MaterializeRoutes(d *design.Design, vi, ti int) []design.Route {
	l := design.Resolve(d)
	r := design.NewRouting(l)
	azs := l.VPCs[vi].Tiers[ti].AZs
	type key struct{ to, via string }
	var order []key
	in := map[key][]string{}
	add := func(k key, az string) {
		if _, seen := in[k]; !seen {
			order = append(order, k)
		}
		in[k] = append(in[k], az)
	}
	// NAT routes by destination: which NAT each AZ uses.
	natOf := map[string]map[string]string{}
	for _, az := range azs {
		for _, e := range r.Table(vi, ti, az).Entries {
			if !e.Dest.IsValid() || e.Target == design.TargetLocal {
				continue
			}
			if e.Target == design.TargetNAT {
				if natOf[e.Dest.String()] == nil {
					natOf[e.Dest.String()] = map[string]string{}
					add(key{e.Dest.String(), "nat?"}, "")
				}
				natOf[e.Dest.String()][az] = e.NATAZ
				continue
			}
			add(key{e.Dest.String(), FormatTarget(e, az)}, az)
		}
	}
	out := []design.Route{}
	for _, k := range order {
		if k.via != "nat?" {
			rt := design.Route{To: k.to, Via: k.via}
			if len(in[k]) < len(azs) {
				rt.AZs = in[k]
			}
			out = append(out, rt)
			continue
		}
		out = append(out, natRoutes(k.to, azs, natOf[k.to])...)
	}
	return out
}

// natRoutes writes the NAT routes to one destination: `nat` when every AZ
// uses its own NAT, `nat:AZ` when every AZ uses the same one, else a route
// per NAT with the AZs that use it.
func natRoutes(to string, azs []string, natOf map[string]string) []design.Route {
	own, same := len(natOf) == len(azs), len(natOf) == len(azs)
	first := ""
	for _, az := range azs {
		n, ok := natOf[az]
		if !ok {
			continue
		}
		own = own && n == az
		if first == "" {
			first = n
		}
		same = same && n == first
	}
	switch {
	case own:
		return []design.Route{{To: to, Via: design.ViaNAT}}
	case same:
		return []design.Route{{To: to, Via: "nat:" + first}}
	}
	var out []design.Route
	byNAT := map[string][]string{}
	var nats []string
	for _, az := range azs {
		if n, ok := natOf[az]; ok {
			if byNAT[n] == nil {
				nats = append(nats, n)
			}
			byNAT[n] = append(byNAT[n], az)
		}
	}
	for _, n := range nats {
		out = append(out, design.Route{To: to, Via: "nat:" + n, AZs: byNAT[n]})
	}
	return out
}

// FormatTarget writes a route entry's target as `via` says it, for a
// subnet in az.
func FormatTarget(e design.RouteEntry, az string) string {
	switch e.Target {
	case design.TargetInternetGateway:
		return design.ViaInternetGateway
	case design.TargetNAT:
		if e.NATAZ == az {
			return design.ViaNAT
		}
		return "nat:" + e.NATAZ
	case design.TargetConnection:
		return "connection:" + e.Conn
	case design.TargetBlackhole:
		return design.ViaBlackhole
	case design.TargetEndpoint:
		return "endpoint:" + e.Service
	}
	return string(e.Target)
}

// FormatRoute writes a route as the inspector edits it:
// "TO via VIA [in AZ,AZ]".
func FormatRoute(r design.Route) string {
	s := r.To + " via " + r.Via
	if r.AZs != nil {
		s += " in " + strings.Join(r.AZs, ",")
	}
	return s
}

// ParseRoute reads "TO via VIA [in AZ,AZ]".
func ParseRoute(s string) (design.Route, error) {
	f := strings.Fields(s)
	if (len(f) != 3 && len(f) != 5) || f[1] != "via" || (len(f) == 5 && f[3] != "in") {
		return design.Route{}, fmt.Errorf("write TO via TARGET [in AZ,AZ], e.g. 0.0.0.0/0 via nat or 10.1.0.0/16 via connection:prod-shared")
	}
	r := design.Route{To: f[0], Via: f[2]}
	if !strings.HasPrefix(r.To, "vpc:") && !strings.HasPrefix(r.To, "network:") {
		if _, err := design.ParseCIDR(r.To); err != nil {
			return design.Route{}, err
		}
	}
	switch {
	case r.Via == design.ViaInternetGateway, r.Via == design.ViaNAT, r.Via == design.ViaBlackhole,
		strings.HasPrefix(r.Via, "nat:") && len(r.Via) > 4, strings.HasPrefix(r.Via, "connection:") && len(r.Via) > 11:
	default:
		return design.Route{}, fmt.Errorf("the target is internet-gateway, nat, nat:AZ, connection:NAME or blackhole, not %q", r.Via)
	}
	if len(f) == 5 {
		r.AZs = strings.Split(f[4], ",")
	}
	return r, nil
}

// SetRoute replaces route i of a tier's written routes.
func SetRoute(d *design.Design, vi, ti, i int, s string) error {
	r, err := ParseRoute(s)
	if err != nil {
		return err
	}
	t := &d.VPCs[vi].Tiers[ti]
	if i < 0 || i >= len(t.Routes) {
		return fmt.Errorf("tier %s has no route %d", t.Name, i+1)
	}
	t.Routes[i] = r
	return nil
}

// AddRoute adds a route; a tier with derived routes first writes them out,
// so that adding one route keeps the others.
func AddRoute(d *design.Design, vi, ti int, s string) error {
	r, err := ParseRoute(s)
	if err != nil {
		return err
	}
	t := &d.VPCs[vi].Tiers[ti]
	if t.Routes == nil {
		t.Routes = MaterializeRoutes(d, vi, ti)
	}
	t.Routes = append(t.Routes, r)
	return nil
}

// RemoveRoute removes route i; the table stays written (maybe empty).
func RemoveRoute(d *design.Design, vi, ti, i int) error {
	t := &d.VPCs[vi].Tiers[ti]
	if i < 0 || i >= len(t.Routes) {
		return fmt.Errorf("tier %s has no route %d", t.Name, i+1)
	}
	t.Routes = slices.Delete(t.Routes, i, i+1)
	return nil
}

// NACLDefault is the network ACL choice of a tier that has none of its own.
const NACLDefault = "default (allow all)"

// NACLNew is the choice that makes the tier an ACL of its own.
const NACLNew = "new ACL for this tier"

// SetTierNACL puts a tier behind one of its VPC's network ACLs, the default
// one, or a new one named after the tier that allows everything (so the
// change alters nothing until its rules are edited).
func SetTierNACL(d *design.Design, vi, ti int, choice string) error {
	v := &d.VPCs[vi]
	t := &v.Tiers[ti]
	switch choice {
	case NACLDefault:
		t.NetworkACL = ""
	case NACLNew:
		name := t.Name
		for n := 2; v.FindNetworkACL(name) != nil; n++ {
			name = t.Name + "-" + strconv.Itoa(n)
		}
		allowAll := []design.ACLRule{{Rule: 100, Action: design.ACLAllow, Protocol: "all", CIDR: "0.0.0.0/0"}}
		v.NetworkACLs = append(v.NetworkACLs, design.NetworkACL{Name: name, Ingress: allowAll, Egress: slices.Clone(allowAll)})
		t.NetworkACL = name
	default:
		if v.FindNetworkACL(choice) == nil {
			return fmt.Errorf("VPC %s has no network ACL %s", v.Name, choice)
		}
		t.NetworkACL = choice
	}
	return nil
}

// NACLChoices lists what a tier's network ACL can be.
func NACLChoices(v *design.VPC) []string {
	out := []string{NACLDefault}
	for _, a := range v.NetworkACLs {
		out = append(out, a.Name)
	}
	return append(out, NACLNew)
}

// FormatACLRule writes an ACL rule as the inspector edits it:
// "NUMBER allow|deny [PROTOCOL] [PORTS] CIDR".
func FormatACLRule(r design.ACLRule) string {
	parts := []string{strconv.Itoa(r.Rule), string(r.Action)}
	if r.Protocol != "" {
		parts = append(parts, r.Protocol)
	}
	if r.Ports != "" {
		parts = append(parts, r.Ports)
	}
	return strings.Join(append(parts, r.CIDR), " ")
}

// ParseACLRule reads "NUMBER allow|deny [PROTOCOL] [PORTS] CIDR".
func ParseACLRule(s string) (design.ACLRule, error) {
	f := strings.Fields(s)
	usage := fmt.Errorf("write NUMBER allow|deny [PROTOCOL] [PORTS] CIDR, e.g. 100 allow tcp 443 0.0.0.0/0")
	if len(f) < 3 || len(f) > 5 {
		return design.ACLRule{}, usage
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > 32766 {
		return design.ACLRule{}, fmt.Errorf("the rule number is 1 to 32766, not %q", f[0])
	}
	r := design.ACLRule{Rule: n, Action: design.ACLAction(f[1])}
	if !slices.Contains(design.ACLActions, r.Action) {
		return design.ACLRule{}, fmt.Errorf("the action is allow or deny, not %q", f[1])
	}
	r.CIDR = f[len(f)-1]
	if _, err := design.ParseCIDR(r.CIDR); err != nil && r.CIDR != "0.0.0.0/0" {
		return design.ACLRule{}, err
	}
	for _, x := range f[2 : len(f)-1] {
		switch {
		case x == "tcp" || x == "udp" || x == "icmp" || (x == "all" && r.Protocol == ""):
			r.Protocol = x
		default:
			if _, err := design.ParsePorts(x); err != nil {
				return design.ACLRule{}, err
			}
			r.Ports = x
		}
	}
	return r, nil
}

// aclRules returns the rules of one direction of the tier's network ACL.
func aclRules(d *design.Design, vi, ti int, ingress bool) (*[]design.ACLRule, error) {
	v := &d.VPCs[vi]
	a := v.FindNetworkACL(v.Tiers[ti].NetworkACL)
	if a == nil {
		return nil, fmt.Errorf("tier %s has the default network ACL: choose or make one first", v.Tiers[ti].Name)
	}
	if ingress {
		return &a.Ingress, nil
	}
	return &a.Egress, nil
}

// SetACLRule replaces rule i of the tier's ACL; AddACLRule appends one;
// RemoveACLRule removes one. The ACL may be shared with other tiers.
func SetACLRule(d *design.Design, vi, ti int, ingress bool, i int, s string) error {
	r, err := ParseACLRule(s)
	if err != nil {
		return err
	}
	rules, err := aclRules(d, vi, ti, ingress)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(*rules) {
		return fmt.Errorf("no rule %d", i+1)
	}
	(*rules)[i] = r
	return nil
}

func AddACLRule(d *design.Design, vi, ti int, ingress bool, s string) error {
	r, err := ParseACLRule(s)
	if err != nil {
		return err
	}
	rules, err := aclRules(d, vi, ti, ingress)
	if err != nil {
		return err
	}
	*rules = append(*rules, r)
	return nil
}

func RemoveACLRule(d *design.Design, vi, ti int, ingress bool, i int) error {
	rules, err := aclRules(d, vi, ti, ingress)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(*rules) {
		return fmt.Errorf("no rule %d", i+1)
	}
	*rules = slices.Delete(*rules, i, i+1)
	return nil
}
