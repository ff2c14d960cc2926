package importer

import (
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

// stem is a subnet label without what varies by AZ: the AZ name or ID, and
// trailing AZ letters ("a", "1a", "az1") or indexes ("1", "2"); the word
// "subnet" goes too. "shop-app-us-east-1a", "shop-app-a" and "ShopAppSubnet1"
// all give [shop app].
func stem(label, azName, azID string) []string {
	for _, s := range []string{azName, azID} {
		label = removeFold(label, s)
	}
	ws := words(label)
	letter := ""
	if azName != "" {
		letter = strings.ToLower(azName[len(azName)-1:])
	}
	var kept []string
	for _, w := range ws {
		if isSubnetWord(w) {
			continue
		}
		kept = append(kept, w)
	}
	for len(kept) > 0 && azLikeWord(kept[len(kept)-1], letter) {
		kept = kept[:len(kept)-1]
	}
	return kept
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
	if letter != "" && (w == letter || (len(w) == 2 && unicode.IsDigit(rune(w[0])) && w[1:] == letter)) {
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
