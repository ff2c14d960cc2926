// Package suggest is vpcsmith's one did-you-mean: the loader's unknown keys
// and values, validation's unknown references, the prices file's keys and
// sources and the template names all pick their suggestion here, so that
// what counts as a plausible typo is the same everywhere.
package suggest

import (
	"fmt"
	"strings"
)

// Closest returns the candidate nearest to got by edit distance, comparing
// got in lower case (a key typed "CIDR" is the key "cidr"), or "" when none
// is within half got's length plus one: further than that, the word is no
// typo of the candidate and naming it would mislead. The first of equally
// near candidates wins, so the order of candidates decides ties.
func Closest(got string, candidates []string) string {
	got = strings.ToLower(got)
	best, bestDist := "", len(got)/2+2
	for _, c := range candidates {
		if d := Distance(got, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Hint is the fix a message gives, `did you mean "cidr"?`, or "" when no
// candidate is close (Closest).
func Hint(got string, candidates []string) string {
	best := Closest(got, candidates)
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// Suffix is Hint as the end of a sentence, "; did you mean \"cidr\"?", or
// "" when no candidate is close.
func Suffix(got string, candidates []string) string {
	if h := Hint(got, candidates); h != "" {
		return "; " + h
	}
	return ""
}

// maxRunes bounds the words Distance compares: a long name is no typo of a
// short key, and a hostile file's megabyte key must not cost a quadratic
// table.
const maxRunes = 64

// Distance is the Levenshtein distance between a and b, in runes. Past
// maxRunes it returns the sum of the lengths, which is never close.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxRunes || len(rb) > maxRunes {
		return len(ra) + len(rb)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
