package edit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// routingFields are a tier's route table and network ACL in the
// inspector: whether its routes are derived or written, each written route,
// its network ACL and that ACL's rules (which other tiers may share).
func routingFields(d *design.Design, vi, ti int) []Field {
	v := &d.VPCs[vi]
	t := &v.Tiers[ti]
	mode := RoutesDerived
	if t.Routes != nil {
		mode = RoutesWritten
	}
	fields := []Field{{Key: "routes", Label: "routes", Value: mode, Kind: Choice, Choices: []string{RoutesDerived, RoutesWritten},
		Apply: func(d *design.Design, s string) error { return SetRoutesMode(d, vi, ti, s) }}}
	for i, r := range t.Routes {
		fields = append(fields, Field{Key: "route:" + strconv.Itoa(i), Label: fmt.Sprintf("route %d", i+1), Value: FormatRoute(r), Kind: Text,
			Check:  routeHint,
			Apply:  func(d *design.Design, s string) error { return SetRoute(d, vi, ti, i, s) },
			Remove: func(d *design.Design) error { return RemoveRoute(d, vi, ti, i) }})
	}
	fields = append(fields, Field{Key: "route+", Label: "+ route", Kind: Adder, Placeholder: "10.1.0.0/16 via connection:prod-shared",
		Check: routeHint,
		Apply: func(d *design.Design, s string) error { return AddRoute(d, vi, ti, s) }})

	acl := NACLDefault
	if t.NetworkACL != "" {
		acl = t.NetworkACL
	}
	fields = append(fields, Field{Key: "network_acl", Label: "network acl", Value: acl, Kind: Choice, Choices: NACLChoices(v),
		Apply: func(d *design.Design, s string) error { return SetTierNACL(d, vi, ti, s) }})
	a := v.FindNetworkACL(t.NetworkACL)
	if a == nil {
		return fields
	}
	for _, dir := range []struct {
		ingress bool
		key     string
		label   string
		rules   []design.ACLRule
	}{{true, "acl-in", "acl in", a.Ingress}, {false, "acl-out", "acl out", a.Egress}} {
		for i, r := range dir.rules {
			fields = append(fields, Field{Key: dir.key + ":" + strconv.Itoa(i), Label: dir.label + " " + strconv.Itoa(r.Rule), Value: FormatACLRule(r), Kind: Text,
				Check:  aclHint,
				Apply:  func(d *design.Design, s string) error { return SetACLRule(d, vi, ti, dir.ingress, i, s) },
				Remove: func(d *design.Design) error { return RemoveACLRule(d, vi, ti, dir.ingress, i) }})
		}
		fields = append(fields, Field{Key: dir.key + "+", Label: "+ " + dir.label + " rule", Kind: Adder, Placeholder: "100 allow tcp 443 0.0.0.0/0",
			Check: aclHint,
			Apply: func(d *design.Design, s string) error { return AddACLRule(d, vi, ti, dir.ingress, s) }})
	}
	return fields
}

func routeHint(s string) (string, error) {
	r, err := ParseRoute(s)
	if err != nil {
		return "", err
	}
	where := "in every AZ of the tier"
	if r.AZs != nil {
		where = "in " + strings.Join(r.AZs, ", ")
	}
	return "traffic to " + r.To + " goes via " + r.Via + " " + where, nil
}

func aclHint(s string) (string, error) {
	r, err := ParseACLRule(s)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("rule %d: lower numbers are evaluated first; ACLs are stateless", r.Rule), nil
}

// routeInfo describes the effective route table of a tier's subnet in az
// and its network ACL, as read-only lines for the inspector: the routes
// besides the VPC's local ones (one line each, the shortest form that
// fits the pane), the gateway endpoints on one line, then the ACL.
func routeInfo(d *design.Design, l *design.Layout, vi, ti int, az string) []Info {
	if l == nil || vi >= len(l.VPCs) || ti >= len(l.VPCs[vi].Tiers) {
		return nil
	}
	rt := design.NewRouting(l).Table(vi, ti, az)
	var out []Info
	var endpoints []string
	label := "routes " + az
	for _, e := range rt.Entries {
		switch {
		case e.Target == design.TargetLocal:
			continue
		case e.Target == design.TargetEndpoint:
			endpoints = append(endpoints, e.Service)
			continue
		}
		out = append(out, Info{label, e.Dest.String() + " → " + describeTarget(e)})
		label = ""
	}
	if len(endpoints) > 0 {
		out = append(out, Info{label, strings.Join(endpoints, ", ") + " → endpoint"})
		label = ""
	}
	if len(out) == 0 {
		out = append(out, Info{label, "local only"})
	}
	t := &d.VPCs[vi].Tiers[ti]
	if a := d.VPCs[vi].FindNetworkACL(t.NetworkACL); a != nil {
		out = append(out, Info{"network acl", fmt.Sprintf("%s: %d in, %d out", a.Name, len(a.Ingress), len(a.Egress))})
	}
	return out
}

func describeTarget(e design.RouteEntry) string {
	switch e.Target {
	case design.TargetLocal:
		return "local"
	case design.TargetInternetGateway:
		return "igw"
	case design.TargetNAT:
		return "nat " + e.NATAZ
	case design.TargetConnection:
		return e.Conn
	case design.TargetEndpoint:
		return "endpoint"
	case design.TargetBlackhole:
		return "blackhole"
	}
	return string(e.Target)
}
