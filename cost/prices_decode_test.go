package cost

import (
	"strings"
	"testing"
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
