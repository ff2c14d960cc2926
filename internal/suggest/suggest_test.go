package suggest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"cidr", "cidr", 0},
		{"cidrr", "cidr", 1},
		{"cdir", "cidr", 2},
		{"kitten", "sitting", 3},
		{"zoné", "zone", 1}, // runes, not bytes
		{strings.Repeat("a", 65), "a", 66},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"name", "cidr", "azs", "nat", "tiers"}
	for _, c := range []struct {
		got, want string
	}{
		{"cidrr", "cidr"},
		{"CIDR", "cidr"},  // got is compared in lower case
		{"tier", "tiers"}, // one edit
		{"az", "azs"},     // short words allow one edit
		{"xyz", ""},       // nothing near
		{"vpcs", "azs"},   // three edits, under the four a four-letter word allows
		{"routing", ""},   // five or more edits from every key
		{"n", ""},         // a single letter names nothing
		{"nam", "name"},   // the first of the equally near wins: name (1) before nat (1)
		{strings.Repeat("c", 100), ""},
	} {
		if got := Closest(c.got, keys); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.got, got, c.want)
		}
	}
}

func TestHintAndSuffix(t *testing.T) {
	if got := Hint("cidrr", []string{"cidr"}); got != `did you mean "cidr"?` {
		t.Errorf("Hint = %q", got)
	}
	if got := Suffix("cidrr", []string{"cidr"}); got != `; did you mean "cidr"?` {
		t.Errorf("Suffix = %q", got)
	}
	if Hint("zzz", []string{"cidr"}) != "" || Suffix("zzz", []string{"cidr"}) != "" {
		t.Error("a far word got a hint")
	}
}

// TestWrittenOnce fails when an edit distance is written again outside this
// package: four copies had drifted apart before (issue 19), and a fifth
// would let what counts as a typo differ between the loader and validation.
func TestWrittenOnce(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Dir(path) == filepath.Join(root, "internal", "suggest") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(src), "prev[j-1]") || strings.Contains(string(src), "func editDistance") {
			t.Errorf("%s computes an edit distance of its own; call suggest.Closest, Hint or Suffix", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
