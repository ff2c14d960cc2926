// Package diff compares two designs by element identity (issue 18): every
// VPC, tier, subnet, security group, rule, connection, network and routing
// key is keyed by what names it, never by its line, so reordering a list is
// no change. A change that makes AWS replace a resource says so and lists
// what goes with it. Report adds the cost delta and the findings a change
// introduces and resolves.
package diff

import (
	"reflect"
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// Kind is what happened to an element.
type Kind string

// The kinds of change, as the JSON output writes them.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Change is one element that differs. Old and New hold the element's
// attributes: all of them for an added or removed element, only those that
// differ for a changed one (a nil side is the element's absence).
type Change struct {
	// Path names the element, "/"-separated: "vpcs/prod/tiers/app/subnets/us-east-1a".
	// A "/" or "%" inside a name is written %2F or %25, so a path splits
	// back into its names.
	Path string `json:"path"`
	Kind Kind   `json:"kind"`
	// Element is the kind of element: vpc, tier, subnet, security-group, ….
	Element string `json:"element"`
	// Replaces: AWS replaces the resource to make this change (it gets a
	// new ID); With lists what goes with it.
	Replaces bool           `json:"replaces"`
	With     []string       `json:"with,omitempty"`
	Old      map[string]any `json:"old"`
	New      map[string]any `json:"new"`
}

// Changes returns every difference between old and new, sorted by path.
// Children of an added or removed element are not listed apart: they come
// and go with it, and its attributes name them.
func Changes(old, new *design.Design) []Change { return changes(old, new, true) }

// changes is Changes; skip false compares every VPC element by element,
// which the tests hold the skipping against.
func changes(old, new *design.Design, skip bool) []Change {
	lo, ln := design.Resolve(old), design.Resolve(new)
	// VPCs pair by name unless a name is used twice; then every VPC is
	// flattened whole on each side.
	var p *pairing
	var same map[string]bool
	if skip {
		p = newPairing(lo, ln)
	}
	if p != nil {
		same = p.unchanged()
	}
	a, addA := elements(lo, same, p == nil)
	b, addB := elements(ln, same, p == nil)
	if p != nil {
		p.routes(same, addA, addB)
	}
	var out []Change
	gone := map[string]bool{} // paths added or removed: their children are skipped
	for _, p := range unionPaths(a, b) {
		if under(p, gone) {
			continue
		}
		ea, inA := a[p]
		eb, inB := b[p]
		switch {
		case inA && !inB:
			gone[p] = true
			out = append(out, Change{Path: p, Kind: Removed, Element: ea.name(), Old: ea.full()})
		case !inA && inB:
			gone[p] = true
			out = append(out, Change{Path: p, Kind: Added, Element: eb.name(), New: eb.full()})
		default:
			o, n := changedAttrs(ea.attrs, eb.attrs)
			if len(o) == 0 && len(n) == 0 {
				continue
			}
			c := Change{Path: p, Kind: Changed, Element: eb.name(), Old: o, New: n}
			c.Replaces = replaces(eb.kind, o, n)
			if c.Replaces {
				c.With = eb.with
			}
			out = append(out, c)
		}
	}
	out = pairMoves(out, a, b)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// replacingKeys are, per element kind, the attributes AWS cannot change in
// place: CloudFormation's "Update requires: Replacement" properties of the
// resource the element becomes.
var replacingKeys = map[string][]string{
	"vpc":          {"cidr", "region"}, // AWS::EC2::VPC CidrBlock; another region is another VPC
	"subnet":       {"cidr", "az"},     // AWS::EC2::Subnet CidrBlock, AvailabilityZone
	subnetIPv6Only: {"cidr", "az"},
	"connection":   {"kind", "vpcs", "vpc", "network", "provider"}, // a peering's VpcId/PeerVpcId, a VPN's gateways, an endpoint's service
}

// replaces reports whether a change of the attributes o to n makes AWS
// replace the element's resource. Besides replacingKeys: a tier turned
// IPv6-only or back replaces its subnets (AWS::EC2::Subnet Ipv6Native is
// "Update requires: Replacement"), and so does a new /64 for a subnet of
// an IPv6-only tier, whose only block cannot be disassociated. A dual-stack
// subnet's /64 changes in place: its AWS::EC2::SubnetCidrBlock association
// is replaced, the subnet keeps its ID. A VPC's IPv6 block likewise is an
// AWS::EC2::VPCCidrBlock association (replaced with its subnets' /64s),
// not the VPC.
func replaces(kind string, o, n map[string]any) bool {
	for _, k := range replacingKeys[kind] {
		if _, ok := n[k]; ok {
			return true
		}
	}
	if kind == subnetIPv6Only {
		_, ok := n["ipv6"]
		return ok
	}
	if kind == "tier" {
		if _, ok := n["ipv6"]; ok {
			return o["ipv6"] == string(design.TierIPv6Only) || n["ipv6"] == string(design.TierIPv6Only)
		}
	}
	return false
}

// element is one keyed element of a design: its kind, its attributes, and
// what goes with it when it is replaced.
type element struct {
	kind    string
	attrs   map[string]any // compared
	summary map[string]any // shown when added or removed: its children
	with    []string
}

// subnetIPv6Only is the kind of a subnet of an IPv6-only tier, which
// replaces rules apart; its changes name it a subnet.
const subnetIPv6Only = "subnet:ipv6-only"

// name is the element's kind as a change names it.
func (e element) name() string {
	if e.kind == subnetIPv6Only {
		return "subnet"
	}
	return e.kind
}

// full is every attribute of the element, for an added or removed one.
func (e element) full() map[string]any {
	if len(e.summary) == 0 {
		return e.attrs
	}
	out := make(map[string]any, len(e.attrs)+len(e.summary))
	for k, v := range e.attrs {
		out[k] = v
	}
	for k, v := range e.summary {
		out[k] = v
	}
	return out
}

func unionPaths(a, b map[string]element) []string {
	seen := make(map[string]bool, len(a)+len(b))
	ps := make([]string, 0, len(a)+len(b))
	for _, m := range []map[string]element{a, b} {
		for p := range m {
			if !seen[p] {
				seen[p] = true
				ps = append(ps, p)
			}
		}
	}
	// Sorted, parents come before their children ("a" < "a/b"), which
	// the skipping of an added or removed element's children needs.
	sort.Strings(ps)
	return ps
}

// under reports whether p is a descendant of a path in gone.
func under(p string, gone map[string]bool) bool {
	for i := len(p) - 1; i > 0; i-- {
		if p[i] == '/' && gone[p[:i]] {
			return true
		}
	}
	return false
}

// changedAttrs returns the attributes that differ, each side's value (an
// attribute absent on one side is nil there).
func changedAttrs(a, b map[string]any) (old, new map[string]any) {
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !reflect.DeepEqual(va, vb) {
			old = setAttr(old, k, va)
			new = setAttr(new, k, vb)
		}
	}
	for k, vb := range b {
		if _, ok := a[k]; !ok {
			old = setAttr(old, k, nil)
			new = setAttr(new, k, vb)
		}
	}
	return old, new
}

func setAttr(m map[string]any, k string, v any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	m[k] = v
	return m
}

// pairMoves turns a removed and an added element that are the same
// resource under another key into one replacement: a subnet moved to
// another AZ with its CIDR (the key is the AZ), and a security group
// renamed with its rules (the format has no description; the name is the
// group's GroupName, which AWS cannot change in place).
func pairMoves(cs []Change, a, b map[string]element) []Change {
	type slot struct {
		i    int
		used bool
	}
	removed := map[string][]*slot{} // parent + identity → removed changes
	sig := func(c Change, side map[string]any) (string, bool) {
		switch c.Element {
		case "subnet":
			cidr, _ := side["cidr"].(string)
			if cidr == "" {
				return "", false
			}
			return parentPath(parentPath(c.Path)) + "|subnet|" + cidr, true
		case "security-group":
			return parentPath(parentPath(c.Path)) + "|sg|" + fingerprint(side), true
		}
		return "", false
	}
	for i, c := range cs {
		if c.Kind != Removed {
			continue
		}
		if k, ok := sig(c, c.Old); ok {
			removed[k] = append(removed[k], &slot{i: i})
		}
	}
	drop := map[int]bool{}
	for i, c := range cs {
		if c.Kind != Added {
			continue
		}
		k, ok := sig(c, c.New)
		if !ok {
			continue
		}
		for _, s := range removed[k] {
			if s.used {
				continue
			}
			s.used = true
			r := cs[s.i]
			o, n := changedAttrs(r.Old, c.New)
			key := "az"
			if c.Element == "security-group" {
				key = "name"
				o, n = setAttr(o, "name", lastName(r.Path)), setAttr(n, "name", lastName(c.Path))
			}
			if o == nil {
				o, n = map[string]any{}, map[string]any{}
			}
			if _, ok := n[key]; !ok {
				o[key], n[key] = lastName(r.Path), lastName(c.Path)
			}
			cs[i] = Change{Path: c.Path, Kind: Changed, Element: c.Element, Replaces: true, With: b[c.Path].with, Old: o, New: n}
			drop[s.i] = true
			break
		}
	}
	if len(drop) == 0 {
		return cs
	}
	out := cs[:0]
	for i, c := range cs {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out
}

// fingerprint is a group's attributes without its name, to recognise it
// under another name.
func fingerprint(attrs map[string]any) string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strings.TrimSpace(strings.ReplaceAll(fmtValue(attrs[k]), "\n", " ")))
		b.WriteByte(';')
	}
	return b.String()
}

func parentPath(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// lastName is the last name of a path, unescaped.
func lastName(p string) string { return unescape(p[strings.LastIndexByte(p, '/')+1:]) }

// escape makes a name one path segment.
func escape(name string) string {
	if !strings.ContainsAny(name, "/%") {
		return name
	}
	return escaper.Replace(name)
}

// The replacers are built once: a route's key is a CIDR, so nearly every
// route of a large design is escaped.
var (
	escaper   = strings.NewReplacer("%", "%25", "/", "%2F")
	unescaper = strings.NewReplacer("%2F", "/", "%25", "%")
)

func unescape(seg string) string {
	if !strings.Contains(seg, "%") {
		return seg
	}
	return unescaper.Replace(seg)
}
