package reach

import (
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// PortSet is a set of ports as sorted, disjoint, non-adjacent ranges; nil
// is the empty set. Every check of a path answers with the ports it passes,
// so one evaluation finds all the ports a source reaches a destination on.
type PortSet []design.PortRange

// AllPorts is every port, 0 to 65535.
func AllPorts() PortSet { return PortSet{{From: 0, To: 65535, All: true}} }

// Port is the set of one port.
func Port(p int) PortSet { return PortSet{{From: p, To: p}} }

func rangeSet(r design.PortRange) PortSet {
	if r.All {
		return AllPorts()
	}
	return PortSet{r}
}

// Empty reports whether the set has no port.
func (s PortSet) Empty() bool { return len(s) == 0 }

// Intersect returns the ports in both sets.
func (s PortSet) Intersect(o PortSet) PortSet {
	var out PortSet
	i, j := 0, 0
	for i < len(s) && j < len(o) {
		lo, hi := max(s[i].From, o[j].From), min(s[i].To, o[j].To)
		if lo <= hi {
			out = append(out, norm(lo, hi))
		}
		if s[i].To < o[j].To {
			i++
		} else {
			j++
		}
	}
	return out
}

// Union returns the ports in either set.
func (s PortSet) Union(o PortSet) PortSet {
	all := make(PortSet, 0, len(s)+len(o))
	i, j := 0, 0
	for i < len(s) || j < len(o) {
		if j >= len(o) || (i < len(s) && s[i].From <= o[j].From) {
			all = append(all, s[i])
			i++
		} else {
			all = append(all, o[j])
			j++
		}
	}
	var out PortSet
	for _, r := range all {
		if n := len(out); n > 0 && r.From <= out[n-1].To+1 {
			out[n-1] = norm(out[n-1].From, max(out[n-1].To, r.To))
			continue
		}
		out = append(out, norm(r.From, r.To))
	}
	return out
}

func norm(lo, hi int) design.PortRange {
	return design.PortRange{From: lo, To: hi, All: lo == 0 && hi == 65535}
}

// String writes the set as the design file writes ports: "all", "443",
// "8000-8100", several joined by ", "; "none" for the empty set.
func (s PortSet) String() string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// ParsePortFlag reads --port: one port number.
func ParsePortFlag(s string) (PortSet, error) {
	p, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || p < 0 || p > 65535 {
		return nil, &InputError{Msg: "--port " + strconv.Quote(s) + " is not a port: give a number from 0 to 65535"}
	}
	return Port(p), nil
}
