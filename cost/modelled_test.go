package cost

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// TestCostDocListsWhatIsModelled keeps docs/cost.md in step with the code:
// its table of categories is categoryOrder, its advice table every kind,
// its traffic keys the design's, its price keys the decoder's; its
// modelled list is `modelled` (which covers every category an estimate
// can hold) and its not-modelled list NotModelled.
func TestCostDocListsWhatIsModelled(t *testing.T) {
	data, err := os.ReadFile("../docs/cost.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	section := func(from, to string) string {
		i := strings.Index(doc, from)
		if i < 0 {
			t.Fatalf("docs/cost.md lacks %q", from)
		}
		j := strings.Index(doc[i:], to)
		if j < 0 {
			t.Fatalf("docs/cost.md lacks %q after %q", to, from)
		}
		return doc[i : i+j]
	}
	firstColumn := regexp.MustCompile("(?m)^\\| `([a-z0-9_-]+)`(?:, `([a-z0-9_-]+)`)?")
	rows := func(text string) []string {
		var out []string
		for _, m := range firstColumn.FindAllStringSubmatch(text, -1) {
			out = append(out, m[1])
			if m[2] != "" {
				out = append(out, m[2])
			}
		}
		return out
	}
	same := func(what string, got, want []string) {
		t.Helper()
		a, b := slices.Clone(got), slices.Clone(want)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("docs/cost.md's %s: %v; the code has %v", what, got, want)
		}
	}

	var cats []string
	for _, c := range categoryOrder {
		cats = append(cats, string(c))
	}
	same("categories", rows(section("| category | quantity × unit price |", "## What is modelled")), cats)

	var kinds []string
	for _, k := range adviceKinds {
		kinds = append(kinds, string(k))
	}
	same("advice kinds", rows(section("<!-- advice kinds -->", "<!-- /advice kinds -->")), kinds)
	same("traffic keys", rows(section("| key | what it covers |", "Every value is at most")), design.TrafficKeys())

	var keys []string
	for _, f := range figureKeys {
		keys = append(keys, f.key)
	}
	for _, f := range optionalFigureKeys {
		keys = append(keys, f.key)
	}
	keys = append(keys, tieredKey)
	priceRows := strings.ReplaceAll(section("<!-- price keys -->", "<!-- /price keys -->"), " (optional)", "")
	same("price keys", rows(priceRows), keys)

	list := section("<!-- modelled -->", "<!-- /modelled -->")
	notAt := strings.Index(list, "Not modelled")
	covered := map[Category]bool{NATInstanceHours: true} // advice only, as the table says
	for _, m := range modelled {
		if !strings.Contains(list[:notAt], "- "+m.Text+"\n") {
			t.Errorf("the modelled list lacks %q", m.Text)
		}
		for _, c := range m.Categories {
			covered[c] = true
		}
	}
	for _, c := range categoryOrder {
		if !covered[c] {
			t.Errorf("category %s is in no line of what is modelled", c)
		}
	}
	for _, n := range NotModelled {
		if !strings.Contains(list[notAt:], "- "+n+"\n") {
			t.Errorf("the not-modelled list lacks %q", n)
		}
	}
	if got, want := strings.Count(list, "\n- "), len(modelled)+len(NotModelled); got != want {
		t.Errorf("docs/cost.md lists %d lines of what is modelled and not; the code %d", got, want)
	}
}
