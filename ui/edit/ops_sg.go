package edit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// AddSG inserts a security group named name, attached to tier, after the
// group at index after (-1: at the end) and returns its index.
func AddSG(d *design.Design, vi, after int, name, tier string) (int, error) {
	v := &d.VPCs[vi]
	if err := CheckName("security group", name, SGNames(v, -1)); err != nil {
		return 0, err
	}
	at := len(v.SecurityGroups)
	if after >= 0 && after < len(v.SecurityGroups) {
		at = after + 1
	}
	v.SecurityGroups = slices.Insert(v.SecurityGroups, at, design.SecurityGroup{Name: name, Tier: tier})
	return at, nil
}

// RenameSG renames a security group and the references to it (sg: rule
// peers, workloads).
func RenameSG(d *design.Design, vi, gi int, name string) error {
	v := &d.VPCs[vi]
	if err := CheckName("security group", name, SGNames(v, gi)); err != nil {
		return err
	}
	old := v.SecurityGroups[gi].Name
	v.SecurityGroups[gi].Name = name
	renameSGRefs(d, vi, old, name)
	return nil
}

// RemoveSG removes a security group; references to it stay for validation
// to report.
func RemoveSG(d *design.Design, vi, gi int) {
	v := &d.VPCs[vi]
	v.SecurityGroups = slices.Delete(v.SecurityGroups, gi, gi+1)
}

// SetSGTier attaches the group to another tier of its VPC.
func SetSGTier(d *design.Design, vi, gi int, tier string) error {
	v := &d.VPCs[vi]
	if v.FindTier(tier) == nil {
		return fmt.Errorf("VPC %s has no tier %s", v.Name, tier)
	}
	v.SecurityGroups[gi].Tier = tier
	return nil
}

// Egress modes of a security group, as the inspector offers them.
const (
	EgressDefault = "all outbound (default)"
	EgressListed  = "listed rules only"
)

// SetEgressMode switches between AWS's default egress (the key absent: all
// outbound) and an explicit list (empty: no outbound at all).
func SetEgressMode(d *design.Design, vi, gi int, mode string) error {
	g := &d.VPCs[vi].SecurityGroups[gi]
	switch mode {
	case EgressDefault:
		g.Egress = nil
	case EgressListed:
		if g.Egress == nil {
			g.Egress = []design.Rule{}
		}
	default:
		return fmt.Errorf("egress is %q or %q", EgressDefault, EgressListed)
	}
	return nil
}

// FormatRule writes a rule as the inspector edits it:
// "PEER PORTS [PROTOCOL] [# DESCRIPTION]".
func FormatRule(r design.Rule) string {
	var b strings.Builder
	b.WriteString(r.Peer())
	ports := r.Ports
	if ports == "" {
		ports = "all"
	}
	b.WriteString(" " + ports)
	if r.Protocol != "" {
		b.WriteString(" " + r.Protocol)
	}
	if r.Description != "" {
		b.WriteString(" # " + r.Description)
	}
	return b.String()
}

// ParseRule reads "PEER PORTS [PROTOCOL] [# DESCRIPTION]" into a rule's
// fields: From for ingress, To for egress.
func ParseRule(s string, ingress bool) (design.Rule, error) {
	body, desc, _ := strings.Cut(s, "#")
	f := strings.Fields(body)
	if len(f) < 2 || len(f) > 3 {
		return design.Rule{}, fmt.Errorf("write PEER PORTS [PROTOCOL] [# DESCRIPTION], e.g. sg:alb 8080 # from the load balancer")
	}
	if _, err := design.ParsePeer(f[0]); err != nil {
		return design.Rule{}, err
	}
	if _, err := design.ParsePorts(f[1]); err != nil {
		return design.Rule{}, err
	}
	r := design.Rule{Ports: f[1], Description: strings.TrimSpace(desc)}
	if len(f) == 3 {
		switch f[2] {
		case "tcp", "udp", "icmp", "all":
			r.Protocol = f[2]
		default:
			return design.Rule{}, fmt.Errorf("the protocol is tcp, udp, icmp or all, not %q", f[2])
		}
	}
	if ingress {
		r.From = f[0]
	} else {
		r.To = f[0]
	}
	return r, nil
}

func rulesOf(g *design.SecurityGroup, ingress bool) *[]design.Rule {
	if ingress {
		return &g.Ingress
	}
	return &g.Egress
}

// AddRule appends a rule typed as ParseRule reads it.
func AddRule(d *design.Design, vi, gi int, ingress bool, s string) error {
	r, err := ParseRule(s, ingress)
	if err != nil {
		return err
	}
	rules := rulesOf(&d.VPCs[vi].SecurityGroups[gi], ingress)
	*rules = append(*rules, r)
	return nil
}

// SetRule replaces the fields of rule ri, keeping its comments.
func SetRule(d *design.Design, vi, gi int, ingress bool, ri int, s string) error {
	r, err := ParseRule(s, ingress)
	if err != nil {
		return err
	}
	rules := *rulesOf(&d.VPCs[vi].SecurityGroups[gi], ingress)
	if ri < 0 || ri >= len(rules) {
		return fmt.Errorf("no such rule")
	}
	old := &rules[ri]
	old.From, old.To, old.Ports, old.Protocol, old.Description = r.From, r.To, r.Ports, r.Protocol, r.Description
	return nil
}

// RemoveRule removes rule ri. Removing the last egress rule leaves
// `egress: []` (no outbound), not the default.
func RemoveRule(d *design.Design, vi, gi int, ingress bool, ri int) error {
	rules := rulesOf(&d.VPCs[vi].SecurityGroups[gi], ingress)
	if ri < 0 || ri >= len(*rules) {
		return fmt.Errorf("no such rule")
	}
	*rules = slices.Delete(*rules, ri, ri+1)
	if ingress && len(*rules) == 0 {
		*rules = nil
	}
	return nil
}
