package importer

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// nameLabel is what a person called a resource: its Name tag, else the
// logical ID CloudFormation tagged it with, else "".
func nameLabel(name, logicalID string) string {
	if s := cleanText(name); s != "" {
		return s
	}
	return cleanText(logicalID)
}

// words splits a label into lower-case words at separators and at
// camel-case boundaries: "PublicSubnet1" gives [public subnet1],
// "public-subnet-1" [public subnet 1]. Digits stay with their word, so that
// "tier2" remains a name.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case len(cur) > 0:
			prev := cur[len(cur)-1]
			lowerToUpper := unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev))
			// "ALBSecurity": the upper-case run ends before the last capital.
			acronymEnd := unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if lowerToUpper || acronymEnd {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// stem is a subnet label without what varies by AZ: the AZ name or ID,
// and leading or trailing AZ letters ("a", "1a", "az1") or indexes ("1",
// "2"); the word "subnet" goes too. "shop-app-us-east-1a", "shop-app-a",
// "a-shop-app" and "ShopAppSubnet1" all give [shop app]. Labels that name
// both an AZ index and a set ("Private subnet 2A": the second AZ's subnet
// of set A) need the VPC's other labels to tell which is which: stems does
// that.
func stem(label, azName, azID string) []string {
	return stripAZWords(stemWords(label, azName, azID), azLetter(azName))
}

// stemWords is a label's words without AZ names or IDs and "subnet"
// words; an index that trails "subnet" ("Subnet2A", "subnet 2 a") is kept
// and joined with a following single letter ("2a").
func stemWords(label, azName, azID string) []string {
	for _, s := range []string{azName, azID} {
		label = removeFold(label, s)
	}
	var kept []string
	for _, w := range words(label) {
		if isSubnetWord(w) {
			if rest := strings.TrimPrefix(w, "subnet"); rest != w && rest != "" {
				kept = append(kept, rest) // "subnet2": the index
			}
			continue
		}
		if n := len(kept); n > 0 && len(w) == 1 && unicode.IsLetter(rune(w[0])) && isDigits(kept[n-1]) {
			kept[n-1] += w // "2" "a" → "2a"
			continue
		}
		kept = append(kept, w)
	}
	return kept
}

// stripAZWords removes leading and trailing words that vary by AZ.
func stripAZWords(ws []string, letter string) []string {
	for len(ws) > 0 && azLikeWord(ws[len(ws)-1], letter) {
		ws = ws[:len(ws)-1]
	}
	for len(ws) > 1 && azLikeWord(ws[0], letter) {
		ws = ws[1:]
	}
	return ws
}

func azLetter(azName string) string {
	if azName == "" {
		return ""
	}
	return strings.ToLower(azName[len(azName)-1:])
}

func isDigits(w string) bool {
	_, err := strconv.Atoi(w)
	return err == nil && w != ""
}

// namedSubnet is what stems needs of one subnet: its label and AZ.
type namedSubnet struct{ label, az, azID string }

// stems computes every subnet's stem, looking at the VPC's labels together
// for a trailing index-and-letter word ("1a", "a1"): when, among the
// subnets whose labels share everything before it, the index follows the AZ
// (each index in one AZ, each AZ one index) and the letter does not, the
// letter names a set of subnets and stays ("Private subnet 1A" … "4A" and
// "1B" … "4B" over four AZs are the sets private-a and private-b); else the
// whole word is AZ-like and goes, as stem does.
func stems(subnets []namedSubnet) [][]string {
	raw := make([][]string, len(subnets))
	groups := map[string][]int{}
	for i, s := range subnets {
		raw[i] = stemWords(s.label, s.az, s.azID)
		if n := len(raw[i]); n > 0 {
			if _, _, ok := splitMixed(raw[i][n-1]); ok {
				k := strings.Join(raw[i][:n-1], " ")
				groups[k] = append(groups[k], i)
			}
		}
	}
	keepSet := map[int]bool{}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		indexAZ, letterAZ := newBijection(), newBijection()
		for _, i := range idx {
			d, l, _ := splitMixed(raw[i][len(raw[i])-1])
			indexAZ.add(d, subnets[i].az)
			letterAZ.add(l, subnets[i].az)
		}
		if indexAZ.ok() && !letterAZ.ok() {
			for _, i := range idx {
				keepSet[i] = true
			}
		}
	}
	out := make([][]string, len(subnets))
	for i, s := range subnets {
		ws := raw[i]
		if keepSet[i] {
			_, l, _ := splitMixed(ws[len(ws)-1])
			head := stripAZWords(slices.Clone(ws[:len(ws)-1]), "")
			out[i] = append(head, l)
			continue
		}
		out[i] = stripAZWords(ws, azLetter(s.az))
	}
	return out
}

// splitMixed splits "12a" or "a12" into its digits and its letter.
func splitMixed(w string) (digits, letter string, ok bool) {
	if len(w) < 2 {
		return "", "", false
	}
	switch {
	case isDigits(w[:len(w)-1]) && unicode.IsLetter(rune(w[len(w)-1])):
		return w[:len(w)-1], w[len(w)-1:], true
	case isDigits(w[1:]) && unicode.IsLetter(rune(w[0])):
		return w[1:], w[:1], true
	}
	return "", "", false
}

// bijection checks that values and AZs pair one to one.
type bijection struct{ fwd, back map[string]map[string]bool }

func newBijection() *bijection {
	return &bijection{fwd: map[string]map[string]bool{}, back: map[string]map[string]bool{}}
}

func (b *bijection) add(v, az string) {
	if b.fwd[v] == nil {
		b.fwd[v] = map[string]bool{}
	}
	if b.back[az] == nil {
		b.back[az] = map[string]bool{}
	}
	b.fwd[v][az], b.back[az][v] = true, true
}

func (b *bijection) ok() bool {
	for _, m := range b.fwd {
		if len(m) != 1 {
			return false
		}
	}
	for _, m := range b.back {
		if len(m) != 1 {
			return false
		}
	}
	return true
}

// isSubnetWord reports whether w only says "subnet": subnet, subnets, sn,
// or subnet with an index (subnet1).
func isSubnetWord(w string) bool {
	switch w {
	case "subnet", "subnets", "sn":
		return true
	}
	rest, ok := strings.CutPrefix(w, "subnet")
	if !ok {
		return false
	}
	_, err := strconv.Atoi(rest)
	return err == nil
}

// azLikeWord reports whether w varies by AZ: an index, the AZ's letter,
// a digit and the letter ("1a"), or "az" and digits.
func azLikeWord(w, letter string) bool {
	if _, err := strconv.Atoi(w); err == nil {
		return true
	}
	if letter != "" && w == letter {
		return true
	}
	if _, l, ok := splitMixed(w); ok && letter != "" && l == letter { // "1a", "a1"
		return true
	}
	if rest, ok := strings.CutPrefix(w, "az"); ok && rest != "" {
		if _, err := strconv.Atoi(rest); err == nil {
			return true
		}
	}
	return false
}

// trimWords removes leading words that every stem shares, and leading words
// of the VPC's own name ("shop" in shop-app when the VPC is shop-vpc), as a
// person naming tiers inside that VPC would not repeat them. A stem that
// would become empty is kept whole.
func trimWords(stems [][]string, vpcWords []string) [][]string {
	inVPC := map[string]bool{"vpc": true}
	for _, w := range vpcWords {
		inVPC[w] = true
	}
	out := make([][]string, len(stems))
	// Common leading words, only when there is more than one distinct stem
	// (one stem is the tier's whole name).
	common := 0
	distinct := map[string]bool{}
	for _, s := range stems {
		if len(s) > 0 {
			distinct[strings.Join(s, "-")] = true
		}
	}
	if len(distinct) > 1 {
		for ; ; common++ {
			var w string
			same := true
			for _, s := range stems {
				if len(s) == 0 {
					continue
				}
				if common >= len(s)-1 {
					same = false
					break
				}
				if w == "" {
					w = s[common]
				} else if s[common] != w {
					same = false
					break
				}
			}
			if !same || w == "" {
				break
			}
		}
	}
	for i, s := range stems {
		t := s[min(common, len(s)):]
		for len(t) > 1 && inVPC[t[0]] {
			t = t[1:]
		}
		out[i] = t
	}
	return out
}

// uniqueName returns base, or base-2, base-3, ... whichever is not taken,
// and marks it taken.
func uniqueName(base string, taken map[string]bool) string {
	name := base
	for n := 2; taken[name]; n++ {
		name = base + "-" + strconv.Itoa(n)
	}
	taken[name] = true
	return name
}

// removeFold replaces every case-insensitive occurrence of sub in s (ASCII,
// as AZ names and IDs are) with a space.
func removeFold(s, sub string) string {
	if sub == "" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			b.WriteByte(' ')
			i += len(sub)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
