package cost

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vpcsmith/vpcsmith/design"
)

// The prices file reads text through yamltree as the design loader does: a
// block scalar or `.nan` is text, written as it stands. Unlike the design
// loader it takes nothing as no value: every text key it reads is required.
func TestParsePricesTextAsTheDesignLoaderReadsIt(t *testing.T) {
	src := strings.Replace(minimalPrices, "page: {title: A page, url: https://example.com/}", "page:\n    title: |\n      A page\n    url: https://example.com/", 1)
	src = strings.Replace(src, "note: CloudWatch Logs}", "note: .nan}", 1)
	p, err := ParsePrices("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := p.Region("us-east-1")
	if got := p.Sources["page"].Title; got != "A page\n" || r.FlowLogsGB.Note != ".nan" {
		t.Errorf("title %q, note %q; want \"A page\\n\" and \".nan\"", got, r.FlowLogsGB.Note)
	}
	_, err = ParsePrices("p.yaml", []byte(strings.Replace(minimalPrices, "title: A page", "title: ", 1)))
	if want := `p.yaml:4:16: title in source "page" should be text, found nothing; write it as plain text`; err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

// FuzzParsePrices: whatever the bytes, ParsePrices returns prices or
// positioned LoadErrors inside the file, and never reaches its recover (a
// recovered panic would hide a decoder bug behind "cannot read the file as
// YAML").
func FuzzParsePrices(f *testing.F) {
	f.Add(EmbeddedPricesYAML())
	f.Add([]byte(minimalPrices))
	for _, s := range []string{"", "[", "- a\n- b", "version: 1\nregions: 3", "{{{{", "a: &x 1\nb: *x\n", "version: 1\ncurrency: USD\nsources: {}\nregions: {us-east-1: {}}\n",
		strings.Replace(minimalPrices, "tiers: [{up_to_gb: 1048576, price: 0.01}, {price: 0.006}]", "tiers: [{up_to_gb: x}, 3, {}]", 1)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Go's fuzzer does not report hangs; panicking keeps the input.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("ParsePrices hung on %q", data)) })
		defer timer.Stop()
		p, err := ParsePrices("p.yaml", data)
		if err == nil {
			if p == nil || len(p.Regions()) == 0 {
				t.Fatalf("no error and no prices for %q", data)
			}
			return
		}
		var le design.LoadErrors
		if !errors.As(err, &le) || len(le) == 0 {
			t.Fatalf("error %v is not LoadErrors", err)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, e := range le {
			if e.File != "p.yaml" || e.Message == "" || strings.HasPrefix(e.Message, "cannot read the file as YAML") {
				t.Fatalf("error %q (file %q) for %q", e.Message, e.File, data)
			}
			if e.Pos.Line > lines || e.Pos.Line < 0 {
				t.Fatalf("error %v at line %d of a %d-line file", e, e.Pos.Line, lines)
			}
		}
	})
}
