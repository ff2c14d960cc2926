package edit

import (
	"fmt"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// MaxNameLen bounds names typed in the editor.
const MaxNameLen = 64

// CheckName reports whether name may name a new or renamed element. The
// editor accepts letters, digits, '-', '_' and '.': names appear inside rule
// peers (sg:VPC/NAME), validation paths and CloudFormation tags, where '/',
// ':' and spaces would be ambiguous. taken lists the sibling names already
// in use (the element's own current name excluded by the caller).
func CheckName(what, name string, taken []string) error {
	if name == "" {
		return fmt.Errorf("a %s needs a name", what)
	}
	if len(name) > MaxNameLen {
		return fmt.Errorf("names are at most %d characters", MaxNameLen)
	}
	for i, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || (i > 0 && (r == '-' || r == '_' || r == '.'))
		if !ok {
			if i == 0 {
				return fmt.Errorf("a name starts with a letter or digit")
			}
			return fmt.Errorf("use letters, digits, '-', '_' and '.' in names")
		}
	}
	for _, t := range taken {
		if t == name {
			return fmt.Errorf("there is already a %s named %s", what, name)
		}
	}
	return nil
}

// UniqueName returns base, or base-2, base-3, ... whichever is not in taken.
func UniqueName(base string, taken []string) string {
	in := func(s string) bool {
		for _, t := range taken {
			if t == s {
				return true
			}
		}
		return false
	}
	if !in(base) {
		return base
	}
	for i := 2; ; i++ {
		if s := fmt.Sprintf("%s-%d", base, i); !in(s) {
			return s
		}
	}
}

// Names of sibling elements, for CheckName.

// VPCNames returns the names of d's VPCs except the one at skip.
func VPCNames(d *design.Design, skip int) []string {
	var out []string
	for i := range d.VPCs {
		if i != skip {
			out = append(out, d.VPCs[i].Name)
		}
	}
	return out
}

// TierNames returns the names of v's tiers except the one at skip.
func TierNames(v *design.VPC, skip int) []string {
	var out []string
	for i := range v.Tiers {
		if i != skip {
			out = append(out, v.Tiers[i].Name)
		}
	}
	return out
}

// SGNames returns the names of v's security groups except the one at skip.
func SGNames(v *design.VPC, skip int) []string {
	var out []string
	for i := range v.SecurityGroups {
		if i != skip {
			out = append(out, v.SecurityGroups[i].Name)
		}
	}
	return out
}

// ConnNames returns the names of d's connections except the one at skip.
func ConnNames(d *design.Design, skip int) []string {
	var out []string
	for i := range d.Connections {
		if i != skip {
			out = append(out, d.Connections[i].Name)
		}
	}
	return out
}

// NetworkNames returns the names of d's networks except the one at skip.
func NetworkNames(d *design.Design, skip int) []string {
	var out []string
	for i := range d.Networks {
		if i != skip {
			out = append(out, d.Networks[i].Name)
		}
	}
	return out
}

// rewritePeers applies f to the from/to of every rule in the VPCs that
// match, so that renames keep references pointing at the renamed element.
// It writes only the peers f changes: the rules of other VPCs may be
// shared with states that commands are reading (see CloneFor), and a
// rename's scope holds only the VPCs with a peer to rewrite.
func rewritePeers(d *design.Design, inVPC func(vi int) bool, f func(peer string) string) {
	for vi := range d.VPCs {
		if !inVPC(vi) {
			continue
		}
		for gi := range d.VPCs[vi].SecurityGroups {
			g := &d.VPCs[vi].SecurityGroups[gi]
			for _, rules := range [][]design.Rule{g.Ingress, g.Egress} {
				for ri := range rules {
					r := &rules[ri]
					if p := f(r.From); r.From != "" && p != r.From {
						r.From = p
					}
					if p := f(r.To); r.To != "" && p != r.To {
						r.To = p
					}
				}
			}
		}
	}
}

func replaceIn(list []string, old, name string) {
	for i := range list {
		if list[i] == old {
			list[i] = name
		}
	}
}

func all(int) bool { return true }

// renameVPCRefs points every reference to VPC old at name.
func renameVPCRefs(d *design.Design, old, name string) {
	for ci := range d.Connections {
		c := &d.Connections[ci]
		replaceIn(c.VPCs, old, name)
		if c.Provider == old {
			c.Provider = name
		}
		if c.Consumer == old {
			c.Consumer = name
		}
		if c.VPC == old {
			c.VPC = name
		}
	}
	vpcPeer, sgPrefix := "vpc:"+old, "sg:"+old+"/"
	rewritePeers(d, all, func(p string) string {
		switch {
		case p == vpcPeer:
			return "vpc:" + name
		case strings.HasPrefix(p, sgPrefix):
			return "sg:" + name + "/" + strings.TrimPrefix(p, sgPrefix)
		}
		return p
	})
}

// renameTierRefs points references to tier old of VPC vi at name.
func renameTierRefs(d *design.Design, vi int, old, name string) {
	v := &d.VPCs[vi]
	for gi := range v.SecurityGroups {
		if v.SecurityGroups[gi].Tier == old {
			v.SecurityGroups[gi].Tier = name
		}
	}
	for wi := range v.Workloads {
		if v.Workloads[wi].Tier == old {
			v.Workloads[wi].Tier = name
		}
	}
	rewritePeers(d, func(i int) bool { return i == vi }, func(p string) string {
		if p == "tier:"+old {
			return "tier:" + name
		}
		return p
	})
}

// renameSGRefs points references to security group old of VPC vi at name.
func renameSGRefs(d *design.Design, vi int, old, name string) {
	v := &d.VPCs[vi]
	for wi := range v.Workloads {
		if v.Workloads[wi].SecurityGroup == old {
			v.Workloads[wi].SecurityGroup = name
		}
	}
	vpcName := v.Name
	rewritePeers(d, all, func(p string) string {
		if p == "sg:"+vpcName+"/"+old {
			return "sg:" + vpcName + "/" + name
		}
		return p
	})
	rewritePeers(d, func(i int) bool { return i == vi }, func(p string) string {
		if p == "sg:"+old {
			return "sg:" + name
		}
		return p
	})
}

// renameNetworkRefs points references to network old at name.
func renameNetworkRefs(d *design.Design, old, name string) {
	for ci := range d.Connections {
		c := &d.Connections[ci]
		replaceIn(c.Networks, old, name)
		if c.Network == old {
			c.Network = name
		}
	}
	rewritePeers(d, all, func(p string) string {
		if p == "network:"+old {
			return "network:" + name
		}
		return p
	})
}
