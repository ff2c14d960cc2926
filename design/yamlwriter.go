package design

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ynode is a YAML node ready to be written: the design is turned into a
// tree of these, then written in vpcsmith's canonical style.
type ynode struct {
	scalar string   // rendered scalar; used when pairs and items are nil
	pairs  []ypair  // mapping
	items  []*ynode // sequence
	isSeq  bool     // a sequence, even an empty one
	flow   bool
	src    *source // mapping: where decor for the element and its keys lives
}

type ypair struct {
	key string
	val *ynode
}

func (n *ynode) isMap() bool { return n.pairs != nil || (n.src != nil && !n.isSeq) }

// maxFlowWidth is the longest line a flow-style element may take before it
// is written in block style instead.
const maxFlowWidth = 100

// writer renders ynodes in the canonical style: two-space indentation,
// sequences indented under their key, comments and blank lines where the
// author had them.
type writer struct {
	b strings.Builder
}

func (w *writer) indent(n int) { w.b.WriteString(strings.Repeat(" ", n)) }

func (w *writer) decorBefore(d *decor, indent int, first bool) {
	if d == nil {
		return
	}
	if d.blankBefore && !first {
		w.b.WriteByte('\n')
	}
	for _, c := range d.head {
		if c == "" {
			w.b.WriteByte('\n')
			continue
		}
		w.indent(indent)
		w.b.WriteString(c)
		w.b.WriteByte('\n')
	}
}

func (w *writer) lineComment(d *decor) {
	if d != nil && d.line != "" {
		w.b.WriteString("  ")
		w.b.WriteString(d.line)
	}
}

// mapping writes a block mapping whose keys start at column indent. When
// inline is true the first key continues a line already started ("- ").
func (w *writer) mapping(n *ynode, indent int, inline, first bool) {
	for i, p := range n.pairs {
		d := n.src.decorOf(p.key)
		if i == 0 && inline {
			d = &decor{line: decorLine(d)} // the element owns what is above this line
		} else {
			w.decorBefore(d, indent, first && i == 0)
			w.indent(indent)
		}
		w.b.WriteString(p.key)
		w.b.WriteByte(':')
		w.value(p.val, indent, d)
	}
}

func decorLine(d *decor) string {
	if d == nil {
		return ""
	}
	return d.line
}

// value writes what follows "key:" and ends the line.
func (w *writer) value(v *ynode, indent int, d *decor) {
	switch {
	case v.flow || (v.isSeq && len(v.items) == 0):
		w.b.WriteByte(' ')
		w.flowNode(v)
		w.lineComment(d)
		w.b.WriteByte('\n')
	case v.isSeq:
		w.lineComment(d)
		w.b.WriteByte('\n')
		w.sequence(v, indent+2)
	case v.isMap():
		w.lineComment(d)
		w.b.WriteByte('\n')
		// Comments above a nested mapping's first key belong to the mapping.
		w.decorBefore(v.src.decorOf(""), indent+2, true)
		w.mapping(v, indent+2, false, true)
	default:
		w.b.WriteByte(' ')
		w.b.WriteString(v.scalar)
		w.lineComment(d)
		w.b.WriteByte('\n')
	}
}

func (w *writer) sequence(n *ynode, indent int) {
	for i, it := range n.items {
		var d *decor
		if it.src != nil {
			d = it.src.decorOf("")
		}
		w.decorBefore(d, indent, i == 0)
		w.indent(indent)
		w.b.WriteString("- ")
		switch {
		case it.flow || !it.isMap() || len(it.pairs) == 0:
			w.flowNode(it)
			w.lineComment(d)
			w.b.WriteByte('\n')
		default:
			w.mapping(it, indent+2, true, false)
		}
	}
}

func (w *writer) flowNode(n *ynode) {
	switch {
	case n.isSeq:
		w.b.WriteByte('[')
		for i, it := range n.items {
			if i > 0 {
				w.b.WriteString(", ")
			}
			w.flowNode(it)
		}
		w.b.WriteByte(']')
	case n.isMap():
		w.b.WriteByte('{')
		for i, p := range n.pairs {
			if i > 0 {
				w.b.WriteString(", ")
			}
			w.b.WriteString(p.key)
			w.b.WriteString(": ")
			w.flowNode(p.val)
		}
		w.b.WriteByte('}')
	default:
		w.b.WriteString(n.scalar)
	}
}

// flowWidth is how many bytes n takes written in flow style, stopping early
// once past limit.
func flowWidth(n *ynode, limit int) int {
	switch {
	case n.isSeq:
		total := 2
		for _, it := range n.items {
			total += flowWidth(it, limit) + 2
			if total > limit {
				return total
			}
		}
		return total
	case n.isMap():
		total := 2
		for _, p := range n.pairs {
			total += len(p.key) + 4 + flowWidth(p.val, limit)
			if total > limit {
				return total
			}
		}
		return total
	}
	return len(n.scalar)
}

// hasNestedMaps reports whether a mapping holds mappings (directly or in a
// list): such elements read better in block style.
func hasNestedMaps(n *ynode) bool {
	for _, p := range n.pairs {
		if p.val.isMap() && !p.val.isSeq {
			return true
		}
		for _, it := range p.val.items {
			if it.isMap() {
				return true
			}
		}
	}
	return false
}

// Scalars.

func yamlString(s string) *ynode { return &ynode{scalar: quoteScalar(s)} }

// quoteScalar writes s as a plain YAML scalar when that reads back as the
// same string, else double-quoted with escapes. Control characters, invalid
// UTF-8 and invisible format characters never appear raw in the output.
func quoteScalar(s string) string {
	if plainSafe(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case !unicode.IsPrint(r) || unicode.Is(unicode.Cf, r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func escapeRune(r rune) string {
	const digits = "0123456789ABCDEF"
	if r <= 0xFFFF {
		return `\u` + string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
	}
	out := []byte(`\U`)
	for shift := 28; shift >= 0; shift -= 4 {
		out = append(out, digits[r>>uint(shift)&15])
	}
	return string(out)
}

var yamlKeywords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
	"null": true, "~": true, ".inf": true, "-.inf": true, "+.inf": true, ".nan": true,
}

// plainSafe is deliberately conservative: a string is written plain only
// when it is made of letters, digits and a few harmless punctuation marks and
// cannot be mistaken for a number, boolean or null.
func plainSafe(s string) bool {
	if s == "" || len(s) > 200 || yamlKeywords[strings.ToLower(s)] {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' || strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsLetter(first) || unicode.IsDigit(first) || first == '_' || first == '/') {
		return false
	}
	numberish := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.Is(unicode.Cf, r) || r > unicode.MaxASCII && !unicode.IsPrint(r) {
				return false
			}
		case strings.ContainsRune("-_./()+=@:' ~", r):
		default:
			return false
		}
		if !strings.ContainsRune("0123456789_.:+-eExXoObBaAcCdDfF", r) {
			numberish = false
		}
	}
	return !(numberish && (unicode.IsDigit(first) || first == '.'))
}

// withLineBreaks is the written text out with the line breaks of the file d
// was loaded from: CRLF where that file used it. Every line break the writer
// writes is a \n of its own: values and comments never hold a raw one.
func withLineBreaks(d *Design, out string) []byte {
	if d.src == nil || !d.src.crlf {
		return []byte(out)
	}
	return []byte(strings.ReplaceAll(out, "\n", "\r\n"))
}
