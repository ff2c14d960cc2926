package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/templates"
)

// The reference design: examples/reference.yaml is the repository's copy
// of shared/examples/reference.yaml.
const costReference = "../examples/reference.yaml"

// updateCostDoc rewrites the generated block of docs/cost.md. Its own name,
// not -update, so that it cannot collide with another test file's flag.
var updateCostDoc = flag.Bool("update-cost-doc", false, "rewrite the worked example in docs/cost.md from the current output")

func TestCostTextReference(t *testing.T) {
	code, out, errOut := run(t, "cost", costReference)
	if code != ExitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"shop: estimated monthly cost",
		"VPC prod (us-east-1)",
		"Connection hub (transit-gateway, us-east-1)",
		"  nat-gateway-hours", "3 NAT gateways, one per AZ with a private tier",
		"TOTAL", "ADVICE",
		"VPCs with no charges of their own: dev.", // isolated subnets only
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences in output that is not a terminal")
	}
	// Columns line up: every item row puts its monthly figure at the same
	// right edge.
	var edge int
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  ") && strings.HasSuffix(l, "0") && strings.Contains(l, "$") && !strings.HasPrefix(l, "    ") {
			if edge == 0 {
				edge = len([]rune(l))
			} else if n := len([]rune(l)); n != edge {
				t.Errorf("row ends at column %d, not %d: %q", n, edge, l)
			}
		}
	}
}

func TestCostColourOnlyOnATerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	var out, errb bytes.Buffer
	code := Execute(context.Background(), []string{"cost", costReference}, Streams{In: strings.NewReader(""), Out: &out, Err: &errb, OutIsTTY: true})
	if code != ExitOK || !strings.Contains(out.String(), sgrBold) {
		t.Errorf("exit %d; want bold headings on a terminal", code)
	}
	t.Setenv("NO_COLOR", "1")
	out.Reset()
	Execute(context.Background(), []string{"cost", costReference}, Streams{In: strings.NewReader(""), Out: &out, Err: &errb, OutIsTTY: true})
	if strings.Contains(out.String(), "\x1b") {
		t.Error("escape sequences despite NO_COLOR")
	}
}

func TestCostJSONShape(t *testing.T) {
	code, out, errOut := run(t, "cost", costReference, "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if got := sortedKeysOf(doc); got != "advice currency items monthly_total warnings" {
		t.Errorf("top-level keys: %s", got)
	}
	var b struct {
		Currency     string                       `json:"currency"`
		MonthlyTotal float64                      `json:"monthly_total"`
		Items        []map[string]json.RawMessage `json:"items"`
		Advice       []struct {
			Kind              string  `json:"kind"`
			MonthlyDifference float64 `json:"monthly_difference"`
		} `json:"advice"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Currency != "USD" || len(b.Items) == 0 || len(b.Advice) == 0 {
		t.Fatalf("unexpected: %+v", b)
	}
	var cents int64
	for _, it := range b.Items {
		if got := sortedKeysOf(it); got != "category connection description monthly quantity unit unit_price vpc" {
			t.Errorf("item keys: %s", got)
		}
		var m float64
		_ = json.Unmarshal(it["monthly"], &m)
		cents += int64(math.Round(m * 100))
	}
	if cents != int64(math.Round(b.MonthlyTotal*100)) {
		t.Errorf("monthly_total %.2f is not the sum of the items %.2f", b.MonthlyTotal, float64(cents)/100)
	}
	if !strings.Contains(out, `"monthly_total": 553.31`) && !regexp.MustCompile(`"monthly_total": \d+\.\d\d,`).MatchString(out) {
		t.Errorf("monthly_total is not written with two decimals")
	}
	// Advice carries its effect, risk and edit, ranked by saving; what is
	// not priced is listed (prod's transit_gateway_gb, on no gateway).
	var more struct {
		Warnings []struct{ VPC, Message string } `json:"warnings"`
		Advice   []struct {
			Effect, Risk, Edit string
			MonthlyDifference  float64 `json:"monthly_difference"`
		} `json:"advice"`
	}
	if err := json.Unmarshal([]byte(out), &more); err != nil {
		t.Fatal(err)
	}
	if len(more.Warnings) != 1 || more.Warnings[0].VPC != "prod" || !strings.Contains(more.Warnings[0].Message, "transit_gateway_gb of prod (300 GB) is not priced") {
		t.Errorf("warnings %+v", more.Warnings)
	}
	for i, a := range more.Advice {
		if a.Effect == "" || a.Risk == "" || a.Edit == "" {
			t.Errorf("advice %d lacks effect, risk or edit: %+v", i, a)
		}
		if i > 0 && a.MonthlyDifference < more.Advice[i-1].MonthlyDifference {
			t.Errorf("advice %d is not ranked by saving", i)
		}
		if (a.MonthlyDifference < 0) != (a.Effect == "saving") {
			t.Errorf("advice %d: %v is shown as %q", i, a.MonthlyDifference, a.Effect)
		}
	}
}

func sortedKeysOf[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}

func TestCostMalformedPricesIsExit2WithPosition(t *testing.T) {
	good := string(cost.EmbeddedPricesYAML())
	bad := writeFile(t, "prices.yaml", strings.Replace(good, "nat_gateway_hour: {price: 0.045, source: aws-facts", "nat_gateway_hour: {price: cheap, source: aws-facts", 1))
	code, _, errOut := run(t, "cost", costReference, "--prices", bad)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !regexp.MustCompile(`prices\.yaml:\d+:\d+: error: price in region us-east-1 nat_gateway_hour should be a number`).MatchString(errOut) {
		t.Errorf("stderr should name file, line, column and the price:\n%s", errOut)
	}
	code, _, errOut = run(t, "cost", costReference, "--prices", filepath.Join(t.TempDir(), "none.yaml"))
	if code != ExitUsage || !strings.Contains(errOut, "none.yaml") {
		t.Errorf("missing prices file: exit %d, %s", code, errOut)
	}
}

func TestCostUnknownRegionIsExit2NamingRegions(t *testing.T) {
	data, err := os.ReadFile(costReference)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.ReplaceAll(string(data), "us-east-1", "ap-south-1")
	file := writeFile(t, "mumbai.yaml", moved)
	code, out, errOut := run(t, "cost", file)
	if code != ExitUsage {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitUsage, errOut)
	}
	for _, want := range []string{`"ap-south-1"`, "ap-northeast-1, ap-southeast-1, eu-central-1, eu-west-1, sa-east-1, us-east-1, us-west-2", "--prices"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if out != "" {
		t.Errorf("no estimate expected, got:\n%s", out)
	}
}

func TestCostExitCodes(t *testing.T) {
	bad := writeFile(t, "bad.yaml", overlapping)
	broken := writeFile(t, "broken.yaml", "version: 1\nvpcs: [\n")
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"cost", costReference}, ExitOK},
		// cost never refuses a design that loads: it prints the errors on
		// stderr and prices what is written.
		{[]string{"cost", bad}, ExitOK},
		{[]string{"cost", broken}, ExitUsage},
		{[]string{"cost"}, ExitUsage},
		{[]string{"cost", costReference, costReference}, ExitUsage},
		{[]string{"cost", "--format", "xml", costReference}, ExitUsage},
		{[]string{"cost", "--print-prices", costReference}, ExitUsage},
	} {
		if code, _, errOut := run(t, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d; stderr: %s", c.args, code, c.code, errOut)
		}
	}
}

func TestCostPrintPricesIsAValidPricesFile(t *testing.T) {
	code, out, _ := run(t, "cost", "--print-prices")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	file := writeFile(t, "prices.yaml", out)
	if code, _, errOut := run(t, "cost", costReference, "--prices", file); code != ExitOK {
		t.Errorf("printed prices do not load back: exit %d: %s", code, errOut)
	}
}

// TestCostEveryTemplate estimates every built-in design: each must price
// without error, with a total that is the sum of its items and at least one
// item (every template has something billable or a free item noted).
func TestCostEveryTemplate(t *testing.T) {
	prices, err := cost.DefaultPrices()
	if err != nil {
		t.Fatal(err)
	}
	list := templates.List()
	if len(list) == 0 {
		t.Fatal("no templates")
	}
	for _, tm := range list {
		t.Run(tm.Name, func(t *testing.T) {
			d, err := templates.Load(tm.Name)
			if err != nil {
				t.Fatal(err)
			}
			b, err := cost.Estimate(d, prices)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Items) == 0 || b.MonthlyTotal <= 0 || cost.Total(b.Items) != b.MonthlyTotal {
				t.Errorf("estimate: %d items, total %s", len(b.Items), b.MonthlyTotal)
			}
			var out bytes.Buffer
			if err := writeCostJSON(&out, b); err != nil || !json.Valid(out.Bytes()) {
				t.Errorf("JSON: %v", err)
			}
		})
	}
}

// The generated part of docs/cost.md sits between these markers.
const (
	costDocBegin = "<!-- begin generated: vpcsmith cost examples/reference.yaml -->\n"
	costDocEnd   = "<!-- end generated -->\n"
	// The worked example, generated block and prose, lies between these:
	// every dollar figure in it must appear in the current output.
	costExampleBegin = "<!-- worked example -->"
	costExampleEnd   = "<!-- /worked example -->"
)

// TestCostDocMatchesOutput keeps docs/cost.md's worked example current: the
// block generated from `vpcsmith cost examples/reference.yaml` must equal
// today's output, and every dollar figure in the example's prose must
// appear in it. `go test ./cli -run TestCostDoc -update-cost-doc` rewrites
// the block.
func TestCostDocMatchesOutput(t *testing.T) {
	const docPath = "../docs/cost.md"
	code, out, errOut := run(t, "cost", costReference)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	block := "```text\n$ vpcsmith cost examples/reference.yaml\n" + out + "```\n"
	// The README carries the same worked example as docs/cost.md.
	checkGeneratedBlock(t, "../README.md", block)
	text := checkGeneratedBlock(t, docPath, block)
	a, b := strings.Index(text, costExampleBegin), strings.Index(text, costExampleEnd)
	if a < 0 || b < a {
		t.Fatalf("%s lacks the worked example markers", docPath)
	}
	figures := regexp.MustCompile(`[-+]?\$[0-9][0-9,]*\.[0-9]+`).FindAllString(text[a:b], -1)
	if len(figures) < 10 {
		t.Errorf("the worked example quotes only %d figures", len(figures))
	}
	for _, f := range figures {
		if !strings.Contains(out, strings.TrimLeft(f, "+-")) {
			t.Errorf("the worked example quotes %s, which the current output does not contain", f)
		}
	}
}

// checkGeneratedBlock compares (or, with -update-cost-doc, rewrites) the
// generated cost block of the file at path, and returns the file's text.
func checkGeneratedBlock(t *testing.T, path, block string) string {
	t.Helper()
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, costDocBegin), strings.Index(text, costDocEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", path, costDocBegin, costDocEnd)
	}
	current := text[i+len(costDocBegin) : j]
	if *updateCostDoc {
		text = text[:i+len(costDocBegin)] + block + text[j:]
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		current = block
	}
	if current != block {
		t.Errorf("%s is stale: run go test ./cli -run TestCostDoc -update-cost-doc\n--- doc\n%s\n--- output\n%s", path, current, block)
	}
	return text
}
