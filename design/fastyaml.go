package design

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// The fast path reads the subset of YAML that vpcsmith itself writes (the
// canonical style of yamlwriter.go): block mappings and sequences indented
// with spaces, one-line flow mappings and sequences of scalars, plain
// scalars, one-line quoted scalars and comments. It builds the same
// yamlNode tree goccy/go-yaml would, with the same positions, about 20
// times faster and with a tenth of the garbage, which is what lets an
// organisation-sized design (100,000 subnets, 13 MiB) load in well under a
// second.
//
// It never decides anything goccy would decide differently: at the first
// byte outside the subset (a tab, CRLF, an anchor, a multi-line scalar, a
// document marker, an unusual escape...) it gives up and the loader parses
// the file with goccy, which also produces every error message. Hand-edited
// files mostly stay in the subset; files that are not, or are invalid,
// take the slower road. fastyaml_test.go checks the two parsers agree on
// every file the fast path accepts, by tests and a fuzz target.

// notCanonical is the panic the fast path unwinds with when it meets
// something outside the subset.
type notCanonical struct{}

// parseCanonical parses data if it is in the canonical subset; ok is false
// when it is not (and says nothing about whether data is valid YAML).
func parseCanonical(data []byte) (root *yamlNode, comments []yamlComment, ok bool) {
	if strings.IndexByte(string(data), '\r') >= 0 {
		return nil, nil, false // line breaks other than \n: goccy's business
	}
	p := &fastParser{src: string(data), line: 1}
	defer func() {
		if r := recover(); r != nil {
			if _, bail := r.(notCanonical); !bail {
				panic(r)
			}
			root, comments, ok = nil, nil, false
		}
	}()
	if p.nextContent(); p.indent != 0 || p.isSequenceEntry() {
		return nil, nil, false // empty, indented or a list at the top
	}
	root = p.blockMapping(0)
	if p.indent != -1 {
		p.bail()
	}
	return root, p.comments, true
}

// fastParser reads one file. pos always lies on line `line`, which starts
// at lineStart.
type fastParser struct {
	src       string
	pos       int
	line      int
	lineStart int
	indent    int // of the content line pos is on; -1 at the end of the file
	asciiTo   int // the current line's bytes before it are ASCII (at)

	comments []yamlComment

	// Nodes and pairs are allocated in chunks, and pairs and items are
	// gathered on stacks and copied out once complete: a 100k-subnet
	// design has a million nodes, and one allocation each would cost more
	// than parsing them.
	nodes      []yamlNode
	pairChunk  []yamlPair
	itemChunk  []*yamlNode
	pairStack  []yamlPair
	itemsStack []*yamlNode
}

func (p *fastParser) bail() { panic(notCanonical{}) }

func (p *fastParser) node(kind yamlKind, at Position) *yamlNode {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yamlNode, 0, 1024)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Pos = kind, at
	return n
}

// keep moves what was stacked from base into its own slice, carved from
// a chunk that many such slices share.
func keep[T any](stack, chunk *[]T, base int) []T {
	n := len(*stack) - base
	if n > cap(*chunk)-len(*chunk) {
		*chunk = make([]T, 0, max(512, n))
	}
	start := len(*chunk)
	*chunk = append(*chunk, (*stack)[base:]...)
	*stack = (*stack)[:base]
	return (*chunk)[start : start+n : start+n]
}

// at is the position of offset off on the current line; columns count
// characters, as goccy's do. The line is known to be ASCII up to
// asciiTo, so that the several positions taken on one line of a flow
// mapping look at each byte once, not once per position.
func (p *fastParser) at(off int) Position {
	if p.asciiTo < p.lineStart {
		p.asciiTo = p.lineStart
	}
	for ; p.asciiTo < off; p.asciiTo++ {
		if p.src[p.asciiTo] >= utf8.RuneSelf {
			return Position{Line: p.line, Column: utf8.RuneCountInString(p.src[p.lineStart:off]) + 1}
		}
	}
	return Position{Line: p.line, Column: off - p.lineStart + 1}
}

func (p *fastParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// nextContent moves from the start of a line to the first character of the
// next line with content, recording the comments and skipping the blank
// lines on the way, and sets indent.
func (p *fastParser) nextContent() {
	for {
		j := p.pos
		for j < len(p.src) && p.src[j] == ' ' {
			j++
		}
		if j == len(p.src) {
			p.pos, p.indent = j, -1
			return
		}
		switch c := p.src[j]; c {
		case '\n':
			p.newLine(j + 1)
			continue
		case '#':
			p.pos = j
			p.comment()
			continue
		case '\t':
			p.bail()
		}
		if j == p.pos && (strings.HasPrefix(p.src[j:], "---") || strings.HasPrefix(p.src[j:], "...") || p.src[j] == '%') {
			p.bail() // document markers and directives
		}
		p.pos, p.indent = j, j-p.lineStart
		return
	}
}

func (p *fastParser) newLine(start int) {
	p.pos, p.lineStart = start, start
	p.line++
}

// comment records the comment at pos and moves to the next line.
func (p *fastParser) comment() {
	end := strings.IndexByte(p.src[p.pos:], '\n')
	if end < 0 {
		end = len(p.src)
	} else {
		end += p.pos
	}
	text := p.src[p.pos+1 : end]
	for _, r := range text {
		if r != '\t' && !printable(r) {
			p.bail()
		}
	}
	p.comments = append(p.comments, yamlComment{pos: p.at(p.pos), text: text})
	if end < len(p.src) {
		p.newLine(end + 1)
	} else {
		p.pos = end
	}
}

// endLine expects the rest of the line to be spaces and perhaps a comment,
// then moves to the next content line.
func (p *fastParser) endLine() {
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	switch {
	case p.pos == len(p.src):
	case p.src[p.pos] == '\n':
		p.newLine(p.pos + 1)
	case p.src[p.pos] == '#' && p.pos > start:
		p.comment()
	default:
		p.bail()
	}
	p.nextContent()
}

func (p *fastParser) isSequenceEntry() bool {
	if p.indent < 0 || p.src[p.pos] != '-' {
		return false
	}
	next := byte('\n')
	if p.pos+1 < len(p.src) {
		next = p.src[p.pos+1]
	}
	return next == ' ' || next == '\n'
}

// key reads a mapping key and its ':'; keys are plain words.
func (p *fastParser) key() (string, Position) {
	start := p.pos
	if !isLetter(p.peek()) {
		p.bail()
	}
	p.pos = p.wordEnd(p.pos)
	if p.peek() != ':' {
		p.bail()
	}
	return p.src[start:p.pos], p.at(start)
}

// blockMapping reads the mapping whose keys are at column indent+1, the
// first at pos, and returns at the next content line indented less.
func (p *fastParser) blockMapping(indent int) *yamlNode {
	base := len(p.pairStack)
	var m *yamlNode
	for {
		k, kpos := p.key()
		if m == nil {
			colon := p.at(p.pos)
			m = p.node(kindMapping, colon)
			m.Start = colon
		}
		p.pos++ // ':'
		var v *yamlNode
		if c := p.peek(); c == ' ' || c == '\n' || c == 0 {
			p.skipSpaces()
			if c := p.peek(); c == '\n' || c == '#' || c == 0 {
				p.endLine()
				if p.indent <= indent {
					p.bail() // no value: goccy's null has positions of its own
				}
				if p.isSequenceEntry() {
					v = p.blockSequence(p.indent)
				} else {
					v = p.blockMapping(p.indent)
				}
			} else {
				v = p.blockValue()
				p.endLine()
			}
		} else {
			p.bail() // `key:value` is a scalar in YAML, not a pair
		}
		p.addPair(base, yamlPair{Key: k, KeyPos: kpos, KeyScalar: true, Value: v})
		switch {
		case p.indent < indent:
			m.Pairs = keep(&p.pairStack, &p.pairChunk, base)
			p.checkLarge(m.Pairs)
			return m
		case p.indent == indent && !p.isSequenceEntry():
			continue
		}
		p.bail()
	}
}

// addPair stacks a pair of the mapping whose pairs start at base. A key
// written twice is an error goccy reports, so it is left to goccy. The
// mapping's first keys are compared one by one, which is quickest for the
// dozen keys of a design's elements; the keys of a larger mapping are
// checked once it is complete, by checkLarge.
func (p *fastParser) addPair(base int, kv yamlPair) {
	if pairs := p.pairStack[base:]; len(pairs) < smallMapping {
		for _, other := range pairs {
			if other.Key == kv.Key {
				p.bail()
			}
		}
	}
	p.pairStack = append(p.pairStack, kv)
}

// smallMapping is how many keys a mapping has before addPair stops
// comparing each new key with the earlier ones.
const smallMapping = 16

// checkLarge bails if a mapping of more than smallMapping pairs repeats a
// key: sorted, a repeat sits next to itself. A file of 200,000 keys costs
// one sort instead of 2·10¹⁰ comparisons (47 s), and a slice of strings
// instead of a set, which matters for a hostile 4 MiB file of keys.
func (p *fastParser) checkLarge(pairs []yamlPair) {
	if len(pairs) <= smallMapping {
		return
	}
	keys := make([]string, len(pairs))
	for i := range pairs {
		keys[i] = pairs[i].Key
	}
	slices.Sort(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			p.bail()
		}
	}
}

// blockSequence reads the "- " entries at column indent+1.
func (p *fastParser) blockSequence(indent int) *yamlNode {
	base := len(p.itemsStack)
	s := p.node(kindSequence, p.at(p.pos))
	for {
		p.pos++ // '-'
		p.skipSpaces()
		c := p.peek()
		var item *yamlNode
		switch {
		case c == '\n' || c == '#' || c == 0 || c == '-':
			p.bail() // empty or nested entries
		case isLetter(c) && p.startsPair():
			item = p.blockMapping(p.pos - p.lineStart)
		default:
			item = p.blockValue()
			p.endLine()
		}
		p.itemsStack = append(p.itemsStack, item)
		switch {
		case p.indent < indent:
			s.Items = keep(&p.itemsStack, &p.itemChunk, base)
			return s
		case p.indent == indent && p.isSequenceEntry():
			continue
		}
		p.bail()
	}
}

// startsPair reports whether a word and ": " (or ':' at the end of the line)
// start at pos: the entry is a mapping.
func (p *fastParser) startsPair() bool {
	i := p.wordEnd(p.pos)
	return i < len(p.src) && p.src[i] == ':' && (i+1 == len(p.src) || p.src[i+1] == ' ' || p.src[i+1] == '\n')
}

// wordEnd returns where the word of letters, digits and '_' at i ends: a
// key is such a word.
func (p *fastParser) wordEnd(i int) int {
	for i < len(p.src) && (isLetter(p.src[i]) || isDigit(p.src[i]) || p.src[i] == '_') {
		i++
	}
	return i
}

func (p *fastParser) skipSpaces() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// blockValue reads a value that starts on the line of its key or "- ".
func (p *fastParser) blockValue() *yamlNode {
	switch p.peek() {
	case '[':
		return p.flowSequence()
	case '{':
		return p.flowMapping()
	}
	return p.scalar(false)
}

// scalar reads a quoted or plain scalar.
func (p *fastParser) scalar(inFlow bool) *yamlNode {
	switch c := p.peek(); c {
	case '"', '\'':
		return p.quoted(c)
	}
	return p.plain(inFlow)
}

// moreEntries reads what follows an entry of a flow collection: a comma
// and more entries (true), or the collection's closing bracket (false).
func (p *fastParser) moreEntries(closing byte) bool {
	p.skipSpaces()
	switch p.peek() {
	case ',':
		p.pos++
		p.skipSpaces()
		if p.peek() == closing {
			p.bail() // a trailing comma
		}
		return true
	case closing:
		p.pos++
		return false
	}
	p.bail()
	return false
}

// flowSequence reads [a, "b", {k: v}]; writers nest no deeper.
func (p *fastParser) flowSequence() *yamlNode {
	base := len(p.itemsStack)
	s := p.node(kindSequence, p.at(p.pos))
	s.Flow = true
	p.pos++ // '['
	p.skipSpaces()
	if p.peek() == ']' {
		p.pos++
		s.Items = []*yamlNode{} // not nil: `networks: []` is written, and kept
		return s
	}
	for more := true; more; more = p.moreEntries(']') {
		if p.peek() == '{' {
			p.itemsStack = append(p.itemsStack, p.flowMapping())
		} else {
			p.itemsStack = append(p.itemsStack, p.scalar(true))
		}
	}
	s.Items = keep(&p.itemsStack, &p.itemChunk, base)
	return s
}

// flowMapping reads {k: v, k2: [a, b]}; writers nest no deeper.
func (p *fastParser) flowMapping() *yamlNode {
	base := len(p.pairStack)
	open := p.at(p.pos)
	m := p.node(kindMapping, open)
	m.Start, m.Flow = open, true
	p.pos++ // '{'
	p.skipSpaces()
	if p.peek() == '}' {
		p.pos++
		m.Pairs = []yamlPair{}
		return m
	}
	for more := true; more; more = p.moreEntries('}') {
		k, kpos := p.key()
		p.pos++ // ':'
		if p.peek() != ' ' {
			p.bail()
		}
		p.skipSpaces()
		var v *yamlNode
		if p.peek() == '[' {
			v = p.flowSequence()
		} else {
			v = p.scalar(true)
		}
		p.addPair(base, yamlPair{Key: k, KeyPos: kpos, KeyScalar: true, Value: v})
	}
	m.Pairs = keep(&p.pairStack, &p.pairChunk, base)
	p.checkLarge(m.Pairs)
	return m
}

// plain reads a plain scalar. It accepts the characters the writer leaves
// plain (yamlwriter.go's plainSafe) and gives up on anything else.
func (p *fastParser) plain(inFlow bool) *yamlNode {
	start := p.pos
	c := p.peek()
	if !(isLetter(c) || isDigit(c) || c == '_' || c == '/' || c >= utf8.RuneSelf) {
		p.bail()
	}
	end := start // after the last non-space character
scan:
	for p.pos < len(p.src) {
		// The run of bytes that are plain on their own (letters, digits,
		// "-_./()+=@'~"), which is most of a scalar, in one tight loop:
		// each would take the last case of the switch below.
		if plainByte[p.src[p.pos]] {
			for p.pos++; p.pos < len(p.src) && plainByte[p.src[p.pos]]; p.pos++ {
			}
			end = p.pos
			continue
		}
		c := p.src[p.pos]
		switch {
		case c == '\n':
			break scan
		case c == ' ':
			if p.pos+1 < len(p.src) && p.src[p.pos+1] == '#' {
				break scan
			}
			p.pos++
			continue
		case c == ':':
			next := byte('\n')
			if p.pos+1 < len(p.src) {
				next = p.src[p.pos+1]
			}
			if next == ' ' || next == '\n' || (inFlow && strings.IndexByte(",]}", next) >= 0) {
				p.bail() // a key where a value was expected
			}
		case inFlow && (c == ',' || c == ']' || c == '}'):
			break scan
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			if !printable(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				p.bail()
			}
			p.pos += size
			end = p.pos
			continue
		case !(isLetter(c) || isDigit(c) || strings.IndexByte("-_./()+=@'~", c) >= 0):
			p.bail()
		}
		p.pos++
		end = p.pos
	}
	s := p.src[start:end]
	if p.pos == len(p.src) || p.src[p.pos] == '\n' {
		if inFlow {
			p.bail() // a flow collection continued on the next line
		}
		if p.pos > end {
			p.bail() // goccy moves such a scalar's column by its trailing spaces
		}
	}
	n := p.node(kindString, p.at(start))
	n.Tok, n.Text, n.Scalar = s, s, true
	classify(n, s)
	return n
}

// plainByte marks the ASCII bytes plain accepts anywhere in a scalar.
var plainByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isLetter(byte(c)) || isDigit(byte(c)) || strings.IndexByte("-_./()+=@'~", byte(c)) >= 0
	}
	return t
}()

// classify gives a plain scalar the type goccy gives it: YAML 1.2's
// keywords, then numbers as token.ToNumber reads them.
func classify(n *yamlNode, s string) {
	switch s {
	case "null", "Null", "NULL", "~":
		n.Kind, n.Text = kindNull, ""
		return
	case "true", "True", "TRUE":
		n.Kind, n.Text, n.Truth = kindBool, "", true
		return
	case "false", "False", "FALSE":
		n.Kind, n.Text = kindBool, ""
		return
	case ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF":
		n.Kind, n.Text = kindInf, ""
		return
	case ".nan", ".NaN", ".NAN":
		n.Kind, n.Text = kindNaN, ""
		return
	}
	if c := s[0]; !(isDigit(c) || c == '-' || c == '+' || c == '.') {
		return // words: the common case, and never a number
	}
	if decimalDigits(s) {
		// What token.ToNumber reads as a decimal integer, without the
		// allocations it makes for each of a large design's numbers.
		n.Kind, n.Text = kindInt, ""
		return
	}
	if num := token.ToNumber(s); num != nil {
		n.Text = ""
		if num.Type == token.NumberTypeFloat {
			n.Kind = kindFloat
		} else {
			n.Kind = kindInt
		}
	}
}

// decimalDigits reports whether s is a decimal integer that token.ToNumber
// reads as one: digits only, without a leading zero (0123 is octal there),
// and at most 19 of them, so that it fits the uint64 ToNumber parses into.
func decimalDigits(s string) bool {
	if len(s) == 0 || len(s) > 19 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// quoted reads a one-line scalar quoted with q: '"' with the escapes the
// writer uses, or a single quote, two of which stand for one.
func (p *fastParser) quoted(q byte) *yamlNode {
	open := p.pos
	p.pos++
	var b *strings.Builder
	chunk := p.pos // start of the text not yet copied to b
	flush := func(end int) {
		if b == nil {
			b = &strings.Builder{}
		}
		b.WriteString(p.src[chunk:end])
	}
	for {
		if p.pos >= len(p.src) {
			p.bail()
		}
		c := p.src[p.pos]
		switch {
		case c == '\'' && q == '\'' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\'':
			flush(p.pos + 1)
			p.pos += 2
			chunk = p.pos
		case c == q:
			s := p.src[chunk:p.pos]
			if b != nil {
				flush(p.pos)
				s = b.String()
			}
			p.pos++
			n := p.node(kindString, p.at(open))
			n.Tok, n.Text, n.Scalar = s, s, true
			return n
		case c == '\\' && q == '"':
			flush(p.pos)
			p.pos++
			b.WriteString(p.escape())
			chunk = p.pos
		case c < 0x20 || c == 0x7f:
			p.bail() // line breaks, tabs and controls: the writer escapes them
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			if !printable(r) {
				p.bail()
			}
			p.pos += size
		default:
			p.pos++
		}
	}
}

// escape decodes the escape after a backslash; only those the writer
// writes, whose meaning goccy shares.
func (p *fastParser) escape() string {
	if p.pos >= len(p.src) {
		p.bail()
	}
	c := p.src[p.pos]
	p.pos++
	switch c {
	case '"', '\\', '/':
		return string(c)
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'x', 'u', 'U':
		digits := 2
		if c == 'u' {
			digits = 4
		} else if c == 'U' {
			digits = 8
		}
		if p.pos+digits > len(p.src) {
			p.bail()
		}
		v, err := strconv.ParseUint(p.src[p.pos:p.pos+digits], 16, 32)
		if err != nil || (c == 'x' && v >= 0x80) || !utf8.ValidRune(rune(v)) {
			p.bail()
		}
		p.pos += digits
		return string(rune(v))
	}
	p.bail()
	return ""
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// printable is what the fast path lets through raw: visible characters and
// spaces, no controls, no format characters (bidi, BOM), no line or
// paragraph separators.
func printable(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0x20 && r != 0x7f
	}
	return r != utf8.RuneError && unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r)
}
