package templates

import (
	"path"
	"strings"
)

// closest returns the candidate nearest to got by edit distance, or "" when
// none is near enough to be a plausible typo. A fragment of exactly one
// candidate ("ecs", "saas") also picks it, and a file name such as
// "designs/three-tier.yaml" is read as the template it names.
func closest(got string, candidates []string) string {
	got = strings.ToLower(strings.TrimSpace(got))
	got = strings.TrimSuffix(path.Base(got), ".yaml")
	if got == "." || got == "/" {
		return ""
	}
	if got == "" {
		return ""
	}
	best, bestDist := "", len(got)/2+2
	for _, c := range candidates {
		if d := editDistance(got, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	var hits []string
	for _, c := range candidates {
		if strings.Contains(c, got) {
			hits = append(hits, c)
		}
	}
	if len(hits) == 1 {
		return hits[0]
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 { // a long name is no typo of a short one
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
