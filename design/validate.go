package design

import "fmt"

// Validate checks d and returns every finding at once, sorted by position in
// the file. It is a pure function of d.
func Validate(d *Design) []Finding {
	return ValidateLayout(Resolve(d))
}

// ValidateLayout validates the design behind l, for callers that already
// resolved it (the editor resolves once per edit for drawing and validation).
func ValidateLayout(l *Layout) []Finding {
	v := newValidator(l)
	for _, check := range checks {
		check(v)
	}
	sortFindings(v.out)
	return v.out
}

// checks run in order; each looks at one concern. They live in the
// validate_*.go files by topic.
var checks []func(*validator)

// validator accumulates findings. It indexes names once, so that checks
// look elements up in constant time however large the design.
type validator struct {
	l   *Layout
	d   *Design
	out []Finding

	vpcs     map[string]*VPC
	networks map[string]*Network
	conn     *connectivity
	routes   *Routing // made on first use (validator.routing)
	acls     map[*NetworkACL]*ACLEval
}

func newValidator(l *Layout) *validator {
	d := l.Design
	v := &validator{l: l, d: d, vpcs: make(map[string]*VPC, len(d.VPCs)), networks: make(map[string]*Network, len(d.Networks))}
	for i := range d.VPCs {
		if _, dup := v.vpcs[d.VPCs[i].Name]; !dup {
			v.vpcs[d.VPCs[i].Name] = &d.VPCs[i]
		}
	}
	for i := range d.Networks {
		if _, dup := v.networks[d.Networks[i].Name]; !dup {
			v.networks[d.Networks[i].Name] = &d.Networks[i]
		}
	}
	v.conn = buildConnectivity(d)
	return v
}

// vpc returns the VPC named name (the first, if names repeat), or nil.
func (v *validator) vpc(name string) *VPC { return v.vpcs[name] }

// network returns the network named name, or nil.
func (v *validator) network(name string) *Network { return v.networks[name] }

func (v *validator) add(sev Severity, code, path string, pos Position, format string, args ...any) {
	v.out = append(v.out, Finding{Severity: sev, Code: code, Path: path, Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// Paths name elements by name, as a person would: vpcs.prod.tiers.app.
func vpcPath(vpc *VPC) string           { return "vpcs." + nameOrIndex(vpc.Name) }
func tierPath(vpc *VPC, t *Tier) string { return vpcPath(vpc) + ".tiers." + nameOrIndex(t.Name) }
func sgPath(vpc *VPC, g *SecurityGroup) string {
	return vpcPath(vpc) + ".security_groups." + nameOrIndex(g.Name)
}
func connPath(c *Connection) string { return "connections." + nameOrIndex(c.Name) }
func networkPath(n *Network) string { return "networks." + nameOrIndex(n.Name) }

func nameOrIndex(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
}
