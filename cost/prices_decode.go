package cost

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/suggest"
	"github.com/vpcsmith/vpcsmith/internal/yamltree"
)

// PricesFormatVersion is the only version of the prices file this build reads.
const PricesFormatVersion = 1

// figureKeys are the per-region keys of a prices file holding one price, in
// the order the file lists them; interface_endpoint_gb is tiered.
var figureKeys = []struct {
	key string
	of  func(*RegionPrices) *Figure
}{
	{"nat_gateway_hour", func(r *RegionPrices) *Figure { return &r.NATGatewayHour }},
	{"nat_gateway_gb", func(r *RegionPrices) *Figure { return &r.NATGatewayGB }},
	{"public_ipv4_hour", func(r *RegionPrices) *Figure { return &r.PublicIPv4Hour }},
	{"interface_endpoint_hour", func(r *RegionPrices) *Figure { return &r.InterfaceEndpointHour }},
	{"transit_gateway_attachment_hour", func(r *RegionPrices) *Figure { return &r.TransitGatewayAttachmentHour }},
	{"transit_gateway_gb", func(r *RegionPrices) *Figure { return &r.TransitGatewayGB }},
	{"vpn_connection_hour", func(r *RegionPrices) *Figure { return &r.VPNConnectionHour }},
	{"inter_az_gb", func(r *RegionPrices) *Figure { return &r.InterAZGB }},
	{"internet_egress_gb", func(r *RegionPrices) *Figure { return &r.InternetEgressGB }},
	{"alb_hour", func(r *RegionPrices) *Figure { return &r.ALBHour }},
	{"nlb_hour", func(r *RegionPrices) *Figure { return &r.NLBHour }},
	{"flow_logs_gb", func(r *RegionPrices) *Figure { return &r.FlowLogsGB }},
}

const tieredKey = "interface_endpoint_gb"

func regionKeys() []string {
	keys := make([]string, 0, len(figureKeys)+1)
	for _, f := range figureKeys {
		keys = append(keys, f.key)
	}
	return append(keys, tieredKey)
}

var (
	regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	sourceID   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	dateText   = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$`)
)

// ParsePrices decodes a prices file; file names it in errors. Every problem
// is reported at once as design.LoadErrors with line and column, and the
// function never panics, whatever the bytes.
func ParsePrices(file string, data []byte) (p *Prices, err error) {
	defer func() {
		// The YAML library faces untrusted bytes (a --prices file): a panic
		// inside it must become an error.
		if r := recover(); r != nil {
			p, err = nil, design.LoadErrors{{File: file, Message: fmt.Sprintf("cannot read the file as YAML (%v)", r)}}
		}
	}()
	if len(data) > MaxPricesFileSize {
		return nil, design.LoadErrors{{File: file, Message: fmt.Sprintf("is %d bytes; a prices file is at most %d", len(data), MaxPricesFileSize)}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, design.LoadErrors{{File: file, Message: "is not UTF-8 text", Hint: "a prices file is YAML; start from `vpcsmith cost --print-prices`"}}
	}
	tokens := lexer.Tokenize(string(data))
	for _, tk := range tokens {
		switch tk.Type {
		case token.AnchorType, token.AliasType:
			return nil, design.LoadErrors{{File: file, Pos: tokPos(tk), Message: "YAML anchors and aliases (&name, *name) are not supported in prices files", Hint: "write the value out in full"}}
		case token.TagType:
			return nil, design.LoadErrors{{File: file, Pos: tokPos(tk), Message: fmt.Sprintf("YAML tags such as %q are not supported in prices files", tk.Value), Hint: "remove the tag"}}
		case token.InvalidType:
			return nil, design.LoadErrors{{File: file, Pos: tokPos(tk), Message: "invalid YAML: " + tk.Error}}
		}
	}
	f, perr := parser.Parse(tokens, 0)
	if perr != nil {
		return nil, design.LoadErrors{yamlError(file, perr)}
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	if len(docs) != 1 {
		return nil, design.LoadErrors{{File: file, Pos: design.Position{Line: 1, Column: 1}, Message: "a prices file holds exactly one YAML document", Hint: "start from `vpcsmith cost --print-prices`"}}
	}
	d := &pricesDecoder{file: file}
	p = d.prices(docs[0])
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return p, nil
}

type pricesDecoder struct {
	file string
	errs design.LoadErrors
}

func (d *pricesDecoder) fail(pos design.Position, hint, format string, args ...any) {
	d.errs = append(d.errs, &design.LoadError{File: d.file, Pos: pos, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// entry is one key: value of a mapping.
type entry struct {
	key    string
	keyPos design.Position
	val    ast.Node
}

// mapping reads n as a mapping. With known set, unknown keys are errors
// naming the closest known key; duplicates are always errors.
func (d *pricesDecoder) mapping(n ast.Node, what string, known []string) ([]entry, map[string]entry, bool) {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.fail(nodePos(n), "", "expected %s (a mapping of key: value), found %s", what, describe(n))
		return nil, nil, false
	}
	var list []entry
	byKey := make(map[string]entry, len(values))
	for _, kv := range values {
		kt := kv.Key.GetToken()
		kp := tokPos(kt)
		if _, ok := kv.Key.(ast.ScalarNode); !ok || kt == nil {
			d.fail(kp, "", "a key of %s must be plain text", what)
			continue
		}
		key := kt.Value
		if known != nil && !slices.Contains(known, key) {
			d.fail(kp, suggest.Hint(key, known), "unknown key %q in %s", key, what)
			continue
		}
		if _, dup := byKey[key]; dup {
			d.fail(kp, "remove one of them", "key %q appears twice in %s", key, what)
			continue
		}
		e := entry{key: key, keyPos: kp, val: kv.Value}
		byKey[key] = e
		list = append(list, e)
	}
	return list, byKey, true
}

func (d *pricesDecoder) require(byKey map[string]entry, at design.Position, what string, keys ...string) bool {
	ok := true
	for _, k := range keys {
		if _, has := byKey[k]; !has {
			d.fail(at, fmt.Sprintf("add `%s: ...`", k), "%s needs the key %q", what, k)
			ok = false
		}
	}
	return ok
}

func (d *pricesDecoder) text(e entry, what string) string {
	switch v := e.val.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return v.GetToken().Value
	}
	d.fail(nodePos(e.val), "write it as plain text", "%s in %s should be text, found %s", e.key, what, describe(e.val))
	return ""
}

func (d *pricesDecoder) rate(e entry, what string) Rate {
	switch e.val.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		r, err := parseRate(e.val.GetToken().Value)
		if err == nil {
			return r
		}
		d.fail(nodePos(e.val), "write a dollar amount such as 0.045", "%s in %s: %v", e.key, what, err)
		return 0
	}
	d.fail(nodePos(e.val), "write a dollar amount such as 0.045, without quotes", "%s in %s should be a number, found %s", e.key, what, describe(e.val))
	return 0
}

func (d *pricesDecoder) prices(root ast.Node) *Prices {
	top := "the prices file"
	_, byKey, ok := d.mapping(root, top, []string{"version", "currency", "sources", "regions"})
	if !ok {
		return nil
	}
	at := nodePos(root)
	if !d.require(byKey, at, top, "version", "currency", "sources", "regions") {
		return nil
	}
	p := &Prices{File: d.file, Sources: map[string]Source{}, regions: map[string]*RegionPrices{}}
	if v := byKey["version"]; d.text(v, top) != strconv.Itoa(PricesFormatVersion) {
		d.fail(nodePos(v.val), "write `version: 1`", "this build reads prices files of version %d, not %s", PricesFormatVersion, describe(v.val))
	}
	c := byKey["currency"]
	if p.Currency = d.text(c, top); p.Currency != "USD" && p.Currency != "" {
		d.fail(nodePos(c.val), "write `currency: USD`", "the estimate is in US dollars; currency %q is not supported", p.Currency)
	}
	d.sources(byKey["sources"], p)
	d.regions(byKey["regions"], p)
	return p
}

func (d *pricesDecoder) sources(e entry, p *Prices) {
	list, _, ok := d.mapping(e.val, "sources", nil)
	if !ok {
		return
	}
	for _, s := range list {
		if !sourceID.MatchString(s.key) {
			d.fail(s.keyPos, "use lower-case letters, digits and hyphens", "source id %q is not a valid id", s.key)
		}
		what := fmt.Sprintf("source %q", s.key)
		_, f, ok := d.mapping(s.val, what, []string{"title", "url"})
		if !ok {
			continue
		}
		if !d.require(f, nodePos(s.val), what, "title") {
			continue
		}
		src := Source{ID: s.key, Title: d.text(f["title"], what)}
		if u, has := f["url"]; has {
			src.URL = d.text(u, what)
			if !strings.HasPrefix(src.URL, "https://") {
				d.fail(nodePos(u.val), "give the page's https:// address", "url of %s should start with https://", what)
			}
		}
		p.Sources[s.key] = src
	}
}

func (d *pricesDecoder) regions(e entry, p *Prices) {
	list, _, ok := d.mapping(e.val, "regions", nil)
	if !ok {
		return
	}
	if len(list) == 0 {
		d.fail(nodePos(e.val), "add at least one region, such as `us-east-1:`", "regions is empty")
	}
	keys := regionKeys()
	for _, r := range list {
		if !regionName.MatchString(r.key) {
			d.fail(r.keyPos, "write an AWS region code such as eu-west-1", "%q is not an AWS region code", r.key)
			continue
		}
		what := fmt.Sprintf("region %s", r.key)
		_, f, ok := d.mapping(r.val, what, keys)
		if !ok {
			continue
		}
		missing := false
		for _, k := range keys {
			if _, has := f[k]; !has {
				d.fail(r.keyPos, fmt.Sprintf("add `%s: {price: ..., source: ..., date: ...}`", k), "%s has no %s; every region needs every price", what, k)
				missing = true
			}
		}
		if missing {
			continue
		}
		rp := &RegionPrices{Region: r.key}
		for _, fk := range figureKeys {
			*fk.of(rp) = d.figure(f[fk.key], what, p)
		}
		rp.InterfaceEndpointGB = d.tiered(f[tieredKey], what, p)
		p.regions[r.key] = rp
	}
}

// provenance reads the source, date and note every figure carries.
func (d *pricesDecoder) provenance(f map[string]entry, what string, p *Prices) (src, date, note string) {
	s := f["source"]
	src = d.text(s, what)
	if _, ok := p.Sources[src]; !ok && src != "" {
		ids := make([]string, 0, len(p.Sources))
		for id := range p.Sources {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		hint := suggest.Hint(src, ids)
		if hint == "" {
			hint = "add it under `sources:` or use one of " + strings.Join(ids, ", ")
		}
		d.fail(nodePos(s.val), hint, "%s names the source %q, which `sources:` does not define", what, src)
	}
	dt := f["date"]
	date = d.text(dt, what)
	if !dateText.MatchString(date) {
		d.fail(nodePos(dt.val), "write the date the figure was checked as YYYY-MM or YYYY-MM-DD", "date %q of %s is not a date", date, what)
	}
	if n, ok := f["note"]; ok {
		note = d.text(n, what)
	}
	return src, date, note
}

func (d *pricesDecoder) figure(e entry, region string, p *Prices) Figure {
	what := region + " " + e.key
	_, f, ok := d.mapping(e.val, what, []string{"price", "source", "date", "note"})
	if !ok || !d.require(f, nodePos(e.val), what, "price", "source", "date") {
		return Figure{}
	}
	fig := Figure{Rate: d.rate(f["price"], what)}
	fig.Source, fig.Date, fig.Note = d.provenance(f, what, p)
	return fig
}

func (d *pricesDecoder) tiered(e entry, region string, p *Prices) TieredFigure {
	what := region + " " + e.key
	_, f, ok := d.mapping(e.val, what, []string{"tiers", "source", "date", "note"})
	if !ok || !d.require(f, nodePos(e.val), what, "tiers", "source", "date") {
		return TieredFigure{}
	}
	var t TieredFigure
	t.Source, t.Date, t.Note = d.provenance(f, what, p)
	seq, isSeq := f["tiers"].val.(*ast.SequenceNode)
	if !isSeq || len(seq.Values) == 0 {
		d.fail(nodePos(f["tiers"].val), "write a list such as `[{up_to_gb: 1048576, price: 0.01}, {price: 0.006}]`", "tiers of %s should be a non-empty list", what)
		return t
	}
	for i, item := range seq.Values {
		tw := fmt.Sprintf("tier %d of %s", i+1, what)
		_, tf, ok := d.mapping(item, tw, []string{"up_to_gb", "price"})
		if !ok || !d.require(tf, nodePos(item), tw, "price") {
			continue
		}
		tier := PriceTier{Rate: d.rate(tf["price"], tw)}
		last := i == len(seq.Values)-1
		up, has := tf["up_to_gb"]
		switch {
		case has && last:
			d.fail(nodePos(up.val), "remove up_to_gb from the last tier", "the last tier of %s has no upper bound", what)
		case !has && !last:
			d.fail(nodePos(item), "add `up_to_gb: N` (the month's cumulative GB where this tier ends)", "%s needs up_to_gb; only the last tier is unbounded", tw)
		case has:
			gb, err := strconv.ParseFloat(strings.ReplaceAll(up.val.GetToken().Value, "_", ""), 64)
			_, isNum := up.val.(*ast.IntegerNode)
			if _, isFloat := up.val.(*ast.FloatNode); isFloat {
				isNum = true
			}
			prev := 0.0
			if n := len(t.Tiers); n > 0 {
				prev = t.Tiers[n-1].UpToGB
			}
			if err != nil || !isNum || gb <= prev {
				d.fail(nodePos(up.val), "tiers count cumulative GB, so each up_to_gb must exceed the one before", "up_to_gb of %s should be a number above %g", tw, prev)
			}
			tier.UpToGB = gb
		}
		t.Tiers = append(t.Tiers, tier)
	}
	return t
}

// tokPos and nodePos are yamltree's positions, which design.Position is.
func tokPos(tk *token.Token) design.Position { return yamltree.TokenPos(tk) }

func nodePos(n ast.Node) design.Position {
	if n == nil {
		return design.Position{}
	}
	return yamltree.NodePos(n)
}

func describe(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	if tk := n.GetToken(); tk != nil {
		return fmt.Sprintf("%q", tk.Value)
	}
	return "a value"
}

func yamlError(file string, err error) *design.LoadError {
	p, msg := yamltree.ParseError(err)
	return &design.LoadError{File: file, Pos: p, Message: msg}
}
