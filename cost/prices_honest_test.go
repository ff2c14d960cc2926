package cost

import (
	"strings"
	"testing"
)

// TestPriceSourcesAreHonest: a figure the file could not confirm says so
// through its source, not only in a note: no figure cites an AWS page
// while its note says it was recalled, assumed or not confirmed; the
// not-confirmed source names no page; every source is used.
func TestPriceSourcesAreHonest(t *testing.T) {
	p := builtinPrices(t)
	used := map[string]bool{}
	check := func(region, key, source, note string) {
		used[source] = true
		src, ok := p.Sources[source]
		if !ok {
			t.Errorf("%s %s: undefined source %q", region, key, source)
			return
		}
		doubt := false
		for _, w := range []string{"recalled", "assumed", "unconfirmed", "not confirmed", "no stored source"} {
			doubt = doubt || strings.Contains(strings.ToLower(note), w)
		}
		if doubt && strings.HasPrefix(src.URL, "https://aws.amazon.com/") {
			t.Errorf("%s %s cites %s (%s) while its note doubts it: %q", region, key, source, src.URL, note)
		}
	}
	for _, region := range p.Regions() {
		rp, _ := p.Region(region)
		for _, fk := range figureKeys {
			f := fk.of(rp)
			check(region, fk.key, f.Source, f.Note)
		}
		for _, fk := range optionalFigureKeys {
			f := fk.of(rp)
			if f.Missing {
				t.Errorf("%s lacks %s in the built-in prices", region, fk.key)
				continue
			}
			check(region, fk.key, f.Source, f.Note)
		}
		check(region, tieredKey, rp.InterfaceEndpointGB.Source, rp.InterfaceEndpointGB.Note)
	}
	if nc := p.Sources["not-confirmed"]; nc.URL != "" || !strings.HasPrefix(nc.Title, "Not confirmed") {
		t.Errorf("not-confirmed source %+v", nc)
	}
	for id := range p.Sources {
		if !used[id] {
			t.Errorf("source %s is defined but no figure uses it", id)
		}
	}
}
