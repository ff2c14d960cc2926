package cost

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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

// optionalFigureKeys are per-region keys a prices file may leave out: they
// came after version 1's files were written. Where the estimate needs one
// that is missing, it warns and prices nothing rather than $0.
var optionalFigureKeys = []struct {
	key string
	of  func(*RegionPrices) *Figure
}{
	{"inter_region_gb", func(r *RegionPrices) *Figure { return &r.InterRegionGB }},
	{"flow_logs_s3_gb", func(r *RegionPrices) *Figure { return &r.FlowLogsS3GB }},
	{"nat_instance_hour", func(r *RegionPrices) *Figure { return &r.NATInstanceHour }},
}

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
			return nil, design.LoadErrors{{File: file, Pos: yamltree.TokenPos(tk), Message: "YAML anchors and aliases (&name, *name) are not supported in prices files", Hint: "write the value out in full"}}
		case token.TagType:
			return nil, design.LoadErrors{{File: file, Pos: yamltree.TokenPos(tk), Message: fmt.Sprintf("YAML tags such as %q are not supported in prices files", tk.Value), Hint: "remove the tag"}}
		case token.InvalidType:
			return nil, design.LoadErrors{{File: file, Pos: yamltree.TokenPos(tk), Message: "invalid YAML: " + tk.Error}}
		}
	}
	f, perr := parser.Parse(tokens, 0)
	if perr != nil {
		pos, msg := yamltree.ParseError(perr)
		return nil, design.LoadErrors{{File: file, Pos: pos, Message: msg}}
	}
	var docs []*yamltree.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, yamltree.FromAST(doc.Body))
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
	d.Fail(pos, hint, fmt.Sprintf(format, args...))
}

// Fail and Full make the decoder the reporter of yamltree's checks. A prices
// file is at most MaxPricesFileSize, so every problem is listed.
func (d *pricesDecoder) Fail(pos design.Position, hint, message string) {
	d.errs = append(d.errs, &design.LoadError{File: d.file, Pos: pos, Message: message, Hint: hint})
}

func (d *pricesDecoder) Full() bool { return false }

// fields is the pairs of a mapping that yamltree's Keys accepted, in file
// order: a handful per mapping, so a list beats a map.
type fields []*yamltree.Pair

func (f fields) get(key string) (*yamltree.Node, bool) {
	for _, kv := range f {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return nil, false
}

func (f fields) has(key string) bool {
	_, ok := f.get(key)
	return ok
}

// mapping reads n as a mapping. With known set, unknown keys are errors
// naming the closest known key; duplicates are always errors.
func (d *pricesDecoder) mapping(n *yamltree.Node, what string, known []string) (fields, bool) {
	if !n.ExpectMapping(what, d) {
		return nil, false
	}
	var f fields
	n.Keys(what, known, d, func(kv *yamltree.Pair) { f = append(f, kv) })
	return f, true
}

// text reads the value of key, which must be there (required).
func (d *pricesDecoder) text(f fields, key, what string) string {
	n, _ := f.get(key)
	s, _ := n.AsText(key, what, d)
	return s
}

func (d *pricesDecoder) rate(n *yamltree.Node, key, what string) Rate {
	switch n.Kind {
	case yamltree.Int, yamltree.Float:
		r, err := parseRate(n.Tok)
		if err == nil {
			return r
		}
		d.fail(n.Pos, "write a dollar amount such as 0.045", "%s in %s: %v", key, what, err)
		return 0
	}
	d.fail(n.Pos, "write a dollar amount such as 0.045, without quotes", "%s in %s should be a number, found %s", key, what, n.Describe())
	return 0
}

func (d *pricesDecoder) prices(root *yamltree.Node) *Prices {
	top := "the prices file"
	f, ok := d.mapping(root, top, []string{"version", "currency", "sources", "regions"})
	if !ok || !yamltree.Require(d, root.Pos, top, f.has, "version", "currency", "sources", "regions") {
		return nil
	}
	p := &Prices{File: d.file, Sources: map[string]Source{}, regions: map[string]*RegionPrices{}}
	if v, _ := f.get("version"); d.text(f, "version", top) != strconv.Itoa(PricesFormatVersion) {
		d.fail(v.Pos, "write `version: 1`", "this build reads prices files of version %d, not %s", PricesFormatVersion, v.Describe())
	}
	c, _ := f.get("currency")
	if p.Currency = d.text(f, "currency", top); p.Currency != "USD" && p.Currency != "" {
		d.fail(c.Pos, "write `currency: USD`", "the estimate is in US dollars; currency %q is not supported", p.Currency)
	}
	sources, _ := f.get("sources")
	d.sources(sources, p)
	regions, _ := f.get("regions")
	d.regions(regions, p)
	return p
}

func (d *pricesDecoder) sources(n *yamltree.Node, p *Prices) {
	list, ok := d.mapping(n, "sources", nil)
	if !ok {
		return
	}
	for _, s := range list {
		if !sourceID.MatchString(s.Key) {
			d.fail(s.KeyPos, "use lower-case letters, digits and hyphens", "source id %q is not a valid id", s.Key)
		}
		what := fmt.Sprintf("source %q", s.Key)
		f, ok := d.mapping(s.Value, what, []string{"title", "url"})
		if !ok || !yamltree.Require(d, s.Value.Pos, what, f.has, "title") {
			continue
		}
		src := Source{ID: s.Key, Title: d.text(f, "title", what)}
		if u, has := f.get("url"); has {
			src.URL = d.text(f, "url", what)
			if !strings.HasPrefix(src.URL, "https://") {
				d.fail(u.Pos, "give the page's https:// address", "url of %s should start with https://", what)
			}
		}
		p.Sources[s.Key] = src
	}
}

func (d *pricesDecoder) regions(n *yamltree.Node, p *Prices) {
	list, ok := d.mapping(n, "regions", nil)
	if !ok {
		return
	}
	if len(list) == 0 {
		d.fail(n.Pos, "add at least one region, such as `us-east-1:`", "regions is empty")
	}
	keys := regionKeys()
	known := append([]string(nil), keys...)
	for _, o := range optionalFigureKeys {
		known = append(known, o.key)
	}
	for _, r := range list {
		if !regionName.MatchString(r.Key) {
			d.fail(r.KeyPos, "write an AWS region code such as eu-west-1", "%q is not an AWS region code", r.Key)
			continue
		}
		what := fmt.Sprintf("region %s", r.Key)
		f, ok := d.mapping(r.Value, what, known)
		if !ok {
			continue
		}
		missing := false
		for _, k := range keys {
			if !f.has(k) {
				d.fail(r.KeyPos, fmt.Sprintf("add `%s: {price: ..., source: ..., date: ...}`", k), "%s has no %s; every region needs every price", what, k)
				missing = true
			}
		}
		if missing {
			continue
		}
		rp := &RegionPrices{Region: r.Key}
		for _, fk := range figureKeys {
			v, _ := f.get(fk.key)
			*fk.of(rp) = d.figure(v, what+" "+fk.key, p)
		}
		for _, fk := range optionalFigureKeys {
			if v, has := f.get(fk.key); has {
				*fk.of(rp) = d.figure(v, what+" "+fk.key, p)
			} else {
				fk.of(rp).Missing = true
			}
		}
		v, _ := f.get(tieredKey)
		rp.InterfaceEndpointGB = d.tiered(v, what+" "+tieredKey, p)
		p.regions[r.Key] = rp
	}
}

// provenance reads the source, date and note every figure carries.
func (d *pricesDecoder) provenance(f fields, what string, p *Prices) (src, date, note string) {
	src = d.text(f, "source", what)
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
		s, _ := f.get("source")
		d.fail(s.Pos, hint, "%s names the source %q, which `sources:` does not define", what, src)
	}
	date = d.text(f, "date", what)
	if !dateText.MatchString(date) {
		dt, _ := f.get("date")
		d.fail(dt.Pos, "write the date the figure was checked as YYYY-MM or YYYY-MM-DD", "date %q of %s is not a date", date, what)
	}
	if f.has("note") {
		note = d.text(f, "note", what)
	}
	return src, date, note
}

// figure reads one price; what names it ("region us-east-1 alb_hour").
func (d *pricesDecoder) figure(n *yamltree.Node, what string, p *Prices) Figure {
	f, ok := d.mapping(n, what, []string{"price", "source", "date", "note"})
	if !ok || !yamltree.Require(d, n.Pos, what, f.has, "price", "source", "date") {
		return Figure{}
	}
	price, _ := f.get("price")
	fig := Figure{Rate: d.rate(price, "price", what)}
	fig.Source, fig.Date, fig.Note = d.provenance(f, what, p)
	return fig
}

func (d *pricesDecoder) tiered(n *yamltree.Node, what string, p *Prices) TieredFigure {
	f, ok := d.mapping(n, what, []string{"tiers", "source", "date", "note"})
	if !ok || !yamltree.Require(d, n.Pos, what, f.has, "tiers", "source", "date") {
		return TieredFigure{}
	}
	var t TieredFigure
	t.Source, t.Date, t.Note = d.provenance(f, what, p)
	seq, _ := f.get("tiers")
	if seq.Kind != yamltree.Sequence || len(seq.Items) == 0 {
		d.fail(seq.Pos, "write a list such as `[{up_to_gb: 1048576, price: 0.01}, {price: 0.006}]`", "tiers of %s should be a non-empty list", what)
		return t
	}
	for i, item := range seq.Items {
		tw := fmt.Sprintf("tier %d of %s", i+1, what)
		tf, ok := d.mapping(item, tw, []string{"up_to_gb", "price"})
		if !ok || !yamltree.Require(d, item.Pos, tw, tf.has, "price") {
			continue
		}
		price, _ := tf.get("price")
		tier := PriceTier{Rate: d.rate(price, "price", tw)}
		last := i == len(seq.Items)-1
		up, has := tf.get("up_to_gb")
		switch {
		case has && last:
			d.fail(up.Pos, "remove up_to_gb from the last tier", "the last tier of %s has no upper bound", what)
		case !has && !last:
			d.fail(item.Pos, "add `up_to_gb: N` (the month's cumulative GB where this tier ends)", "%s needs up_to_gb; only the last tier is unbounded", tw)
		case has:
			gb, err := strconv.ParseFloat(strings.ReplaceAll(up.Tok, "_", ""), 64)
			isNum := up.Kind == yamltree.Int || up.Kind == yamltree.Float
			prev := 0.0
			if n := len(t.Tiers); n > 0 {
				prev = t.Tiers[n-1].UpToGB
			}
			if err != nil || !isNum || gb <= prev {
				d.fail(up.Pos, "tiers count cumulative GB, so each up_to_gb must exceed the one before", "up_to_gb of %s should be a number above %g", tw, prev)
			}
			tier.UpToGB = gb
		}
		t.Tiers = append(t.Tiers, tier)
	}
	return t
}
