package cloudformation

import (
	"strconv"
	"strings"
)

// CloudFormation's limit on a logical id's length; ids are [A-Za-z0-9].
const maxIDLength = 255

// maxIDPart caps what one name contributes to an id, so an id built from a
// long VPC name and a long tier name stays readable (and under 255).
const maxIDPart = 64

// idSet hands out logical ids derived from design names: the CamelCase of
// the name parts, made unique with a numeric suffix (2, 3, ...) on collision.
// Collisions are found ignoring case, so that no two ids differ only in case
// (easy to confuse, and "prod" and "Prod" camel-case alike anyway). The same
// design, built in the same order, gets the same ids.
type idSet struct{ used map[string]bool }

func newIDSet() *idSet { return &idSet{used: map[string]bool{}} }

// make returns a fresh id for the parts, e.g. ("prod", "app", "Subnet", "a")
// gives "ProdAppSubnetA".
func (s *idSet) make(parts ...string) string { return s.derive("", parts...) }

// derive returns a fresh id for another id followed by parts, keeping that
// id whole ("ProdAppSubnetA" + "RouteTableAssociation") where make would
// cut a long one to maxIDPart.
func (s *idSet) derive(prefix string, parts ...string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, p := range parts {
		b.WriteString(camel(p))
	}
	base := b.String()
	if base == "" {
		base = "Resource"
	}
	if len(base) > maxIDLength {
		base = base[:maxIDLength]
	}
	id := base
	for n := 2; s.used[strings.ToLower(id)]; n++ {
		suffix := strconv.Itoa(n)
		id = base[:min(len(base), maxIDLength-len(suffix))] + suffix
	}
	s.used[strings.ToLower(id)] = true
	return id
}

// camel turns a name into CamelCase over [A-Za-z0-9]: every run of other
// characters separates words, and each word starts upper-case:
// "payments-nlb" gives "PaymentsNlb", "ecr.api" "EcrApi". Characters outside
// ASCII letters and digits are dropped.
func camel(s string) string {
	out := make([]byte, 0, min(len(s), maxIDPart))
	upper := true
	for i := 0; i < len(s) && len(out) < maxIDPart; i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			if upper {
				c -= 'a' - 'A'
			}
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			upper = true
			continue
		}
		out = append(out, c)
		upper = false
	}
	return string(out)
}
