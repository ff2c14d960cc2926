package design

import (
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// goccy/go-yaml accepts some files that YAML 1.2 forbids, and refuses some
// that it allows (the YAML test suite finds both: yamlsuite_test.go). The
// loader closes the first gap with strictYAML, run over goccy's tokens
// before its parser, and names the construct in the second, so that a
// person learns what to write instead of a parser's puzzle. The fast path
// never meets either: it reads only its subset.

// lineIndex finds byte offsets from the 1-based positions goccy gives,
// whose columns count characters.
type lineIndex struct {
	data   []byte
	starts []int // offset of each line's first byte
}

func newLineIndex(data []byte) *lineIndex {
	ix := &lineIndex{data: data, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

// offset is the byte offset of p, clamped to its line; -1 when p is not in
// the file.
func (ix *lineIndex) offset(p Position) int {
	if p.Line < 1 || p.Line > len(ix.starts) {
		return -1
	}
	off := ix.starts[p.Line-1]
	for c := 1; c < p.Column && off < len(ix.data) && ix.data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(ix.data[off:])
		off += size
	}
	return off
}

// commentOffset is the offset of the '#' of the comment goccy places at
// p. goccy's column is one off after a tab or a block scalar's header, so
// the '#' is looked for from just before it.
func commentOffset(ix *lineIndex, p Position) int {
	off := ix.offset(Position{Line: p.Line, Column: max(1, p.Column-2)})
	for off >= 0 && off < len(ix.data) && ix.data[off] != '#' && ix.data[off] != '\n' {
		off++
	}
	return off
}

// indent is the number of spaces line (1-based) starts with, and whether
// the line has content after its spaces and tabs.
func (ix *lineIndex) indent(line int) (spaces int, content bool) {
	off := ix.starts[line-1]
	for off+spaces < len(ix.data) && ix.data[off+spaces] == ' ' {
		spaces++
	}
	for i := off + spaces; i < len(ix.data) && ix.data[i] != '\n'; i++ {
		if ix.data[i] != '\t' && ix.data[i] != ' ' {
			return spaces, true
		}
	}
	return spaces, false
}

// strictYAML finds the first place where tokens break a rule of YAML 1.2
// that goccy does not enforce: a comment's '#' must follow white space
// (§6.6), a plain scalar inside a flow collection cannot be a lone "-"
// (§7.3.3), and the lines a flow collection or a quoted scalar continues on
// must be indented more than the block collection holding it (§7.3, §7.4:
// s-flow-line-prefix). ok is false with the position and the message.
func strictYAML(data []byte, tokens token.Tokens) (p Position, msg, hint string, ok bool) {
	ix := newLineIndex(data)
	depth := 0
	need, startLine := 0, 0 // during an outermost flow collection: the spaces its lines need
	lastLine := 0
	var prev, prev2 *token.Token // the two significant tokens before tk
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		at := posOf(tk)
		switch tk.Type {
		case token.CommentType:
			if off := commentOffset(ix, at); off > ix.starts[at.Line-1] && data[off-1] != ' ' && data[off-1] != '\t' {
				return at, "a comment's '#' must follow a space", "write ` #` (or quote the value if the '#' belongs to it)", false
			}
			continue
		case token.SpaceType:
			continue
		}
		if depth > 0 && at.Line > startLine && at.Line != lastLine {
			if spaces, _ := ix.indent(at.Line); spaces < need {
				return Position{Line: at.Line, Column: spaces + 1}, "a flow collection ([...] or {...}) continues on a line indented no more than the key or entry it belongs to", "indent its continuation lines further, or write it on one line", false
			}
		}
		lastLine = at.Line
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			if depth == 0 {
				need, startLine = ownerIndent(prev, prev2), at.Line
			}
			depth++
		case token.SequenceEndType, token.MappingEndType:
			if depth > 0 {
				depth--
			}
		case token.SequenceEntryType:
			if depth > 0 {
				return at, "a '-' cannot start a value inside a flow collection", `quote it ("-"), or write the list as [a, b]`, false
			}
		case token.StringType:
			if depth > 0 && tk.Value == "-" {
				return at, "a '-' cannot start a value inside a flow collection", `quote it ("-"), or write the list as [a, b]`, false
			}
		case token.DoubleQuoteType, token.SingleQuoteType:
			if depth == 0 {
				if bad, ok := checkQuotedLines(ix, at, tk.Type == token.DoubleQuoteType, ownerIndent(prev, prev2)); !ok {
					return bad, "a quoted value continues on a line indented no more than its key or entry", "indent its continuation lines further, or write it on one line", false
				}
			}
		}
		prev2, prev = prev, tk
	}
	return Position{}, "", "", true
}

// ownerIndent is how many spaces the continuation lines of a value need,
// from the tokens before it: more than the column of its block key (key:)
// or entry (- ); none at the top level or after a tag or anchor.
func ownerIndent(prev, prev2 *token.Token) int {
	switch {
	case prev == nil:
		return 0
	case prev.Type == token.SequenceEntryType, prev.Type == token.MappingKeyType:
		return prev.Position.Column
	case prev.Type == token.MappingValueType:
		// The key's column when the key is a scalar on the line of its
		// ':'; else ':' is an explicit value's indicator, like "- ".
		if prev2 != nil && prev2.Position != nil && prev2.Position.Line == prev.Position.Line && isScalarToken(prev2.Type) {
			return prev2.Position.Column
		}
		return prev.Position.Column
	}
	return 0
}

func isScalarToken(t token.Type) bool {
	switch t {
	case token.StringType, token.DoubleQuoteType, token.SingleQuoteType, token.IntegerType, token.FloatType,
		token.BoolType, token.NullType, token.InfinityType, token.NanType, token.BinaryIntegerType,
		token.OctetIntegerType, token.HexIntegerType:
		return true
	}
	return false
}

// checkQuotedLines checks the lines a quoted scalar opening at open
// continues on: those with content need need spaces.
func checkQuotedLines(ix *lineIndex, open Position, double bool, need int) (Position, bool) {
	off := ix.offset(open)
	if off < 0 || need == 0 {
		return Position{}, true
	}
	line := open.Line
	for i := off + 1; i < len(ix.data); i++ {
		switch c := ix.data[i]; {
		case double && c == '\\':
			i++
		case c == '"' && double, c == '\'' && !double:
			if !double && i+1 < len(ix.data) && ix.data[i+1] == '\'' {
				i++
				continue
			}
			return Position{}, true
		case c == '\n':
			line++
			if spaces, content := ix.indent(line); content && spaces < need {
				return Position{Line: line, Column: spaces + 1}, false
			}
		}
	}
	return Position{}, true
}

// unsupportedConstruct names, when goccy's parser has refused a file, a
// construct in it that YAML allows but goccy does not read and design files
// never need, at its first use: goccy's own message for these ("found an
// invalid key for this map") says nothing a person can act on. "" when
// there is none, and goccy's error stands.
func unsupportedConstruct(data []byte, tokens token.Tokens) (Position, string, string) {
	docs := 0
	ix := newLineIndex(data)
	var prev *token.Token
	for _, tk := range tokens {
		if tk.Position == nil || tk.Type == token.CommentType || tk.Type == token.SpaceType {
			continue
		}
		at := posOf(tk)
		switch tk.Type {
		case token.MappingKeyType:
			return at, "explicit keys (`? key`) are not supported in design files", "write `key: value`, with the key a plain word"
		case token.MappingValueType:
			if prev == nil || prev.Position.Line != at.Line || !isScalarToken(prev.Type) {
				return at, "empty keys, and keys that are lists or mappings, are not supported in design files", "write `key: value`, with the key a plain word"
			}
			if off := ix.offset(at); off >= 0 && off+1 < len(data) && data[off] == ':' && !isSeparator(data[off+1]) {
				return at, "a value right after its key's ':' (\"key\":value) is not supported in design files", "write a space after the ':'"
			}
			if prev.Type == token.DoubleQuoteType || prev.Type == token.SingleQuoteType || prev.Type == token.StringType {
				if first := prev.Origin; len(first) > 0 && containsBreak(trimLeftBreaks(first)) {
					return posOf(prev), "keys written over several lines are not supported in design files", "write the key and its ':' on one line"
				}
			}
		case token.StringType:
			// goccy reads `"key":value` with no space after the ':' as the
			// quoted key and then a plain scalar ":value" (9MMW), which its
			// parser refuses with "',' or ']' must be specified".
			if adjacentValue(ix, prev, tk) {
				return at, "a value right after its key's ':' (\"key\":value) is not supported in design files", "write a space after the ':'"
			}
		case token.DocumentEndType:
			return at, "document end markers (...) are not supported in design files", "keep one design per file, without markers"
		case token.DocumentHeaderType:
			if docs++; docs > 1 {
				return at, "the file holds several YAML documents", "keep one design per file"
			}
		}
		prev = tk
	}
	return tabIndent(ix)
}

// adjacentValue reports whether tk is a plain scalar starting with the ':'
// that closes the quoted scalar or flow collection just before it on its
// line: `"key":value`, a key with its value and no space between.
func adjacentValue(ix *lineIndex, prev, tk *token.Token) bool {
	if prev == nil || len(tk.Value) < 2 || tk.Value[0] != ':' || prev.Position.Line != tk.Position.Line {
		return false
	}
	switch prev.Type {
	case token.DoubleQuoteType, token.SingleQuoteType, token.MappingEndType, token.SequenceEndType:
	default:
		return false
	}
	off := ix.offset(posOf(tk))
	if off < 1 || ix.data[off] != ':' {
		return false
	}
	switch ix.data[off-1] {
	case '"', '\'', '}', ']':
		return true
	}
	return false
}

// documentEndBefore is the first document end marker (...) before the
// token at, if any. goccy's lexer stops with an invalid token on a bare
// document after a marker (M7A3: "could not find multi-line content"),
// before its parser could name the marker, so the loader names it itself.
func documentEndBefore(tokens token.Tokens, at Position) (Position, bool) {
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		p := posOf(tk)
		if p.Line > at.Line || (p.Line == at.Line && p.Column >= at.Column) {
			break
		}
		if tk.Type == token.DocumentEndType {
			return p, true
		}
	}
	return Position{}, false
}

// tabIndent finds a line starting with a tab, after any spaces.
func tabIndent(ix *lineIndex) (Position, string, string) {
	data := ix.data
	for line := 1; line <= len(ix.starts); line++ {
		off := ix.starts[line-1]
		spaces, _ := ix.indent(line)
		if off+spaces < len(data) && data[off+spaces] == '\t' {
			return Position{Line: line, Column: spaces + 1}, "tabs at the start of a line are not supported in design files", "indent with spaces"
		}
	}
	return Position{}, "", ""
}

func isSeparator(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ']' || c == '}'
}

func trimLeftBreaks(s string) string {
	for len(s) > 0 && (s[0] == '\n' || s[0] == ' ' || s[0] == '\r') {
		s = s[1:]
	}
	return s
}

func containsBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}
