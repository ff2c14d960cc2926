package templates

import (
	"path"
	"strings"

	"github.com/vpcsmith/vpcsmith/internal/suggest"
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
	if best := suggest.Closest(got, candidates); best != "" {
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
