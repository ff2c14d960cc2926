package design

import (
	"bytes"
	"fmt"
	"os"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/vpcsmith/vpcsmith/internal/yamltree"
)

// Limits bound what the loader accepts. The defaults protect against
// hostile files; a user may raise MaxBytes for a file they trust, such as
// the import of a whole organisation.
type Limits struct {
	MaxBytes int
}

// DefaultLimits are the limits Load and Parse apply.
func DefaultLimits() Limits { return Limits{MaxBytes: MaxFileSize} }

// Load reads and decodes the design file at path. Errors are LoadErrors
// naming the file, line and column; a file over MaxFileSize is refused
// before it is read.
func Load(path string) (*Design, error) { return LoadWithLimits(path, DefaultLimits()) }

// LoadWithLimits is Load with other limits.
func LoadWithLimits(path string, lim Limits) (*Design, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	if fi.IsDir() {
		return nil, LoadErrors{{File: path, Message: "is a directory, not a design file"}}
	}
	if fi.Size() > int64(lim.MaxBytes) {
		return nil, LoadErrors{sizeError(path, int(fi.Size()), lim.MaxBytes)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, LoadErrors{{File: path, Message: cleanOSError(err)}}
	}
	return ParseWithLimits(path, data, lim)
}

func cleanOSError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Sprintf("cannot %s: %v", pe.Op, pe.Err)
	}
	return err.Error()
}

// Parse decodes a design from data; file names it in errors. Every problem
// in the file is reported at once as LoadErrors. Parse never panics, whatever
// the bytes.
func Parse(file string, data []byte) (*Design, error) {
	return ParseWithLimits(file, data, DefaultLimits())
}

// ParseWithLimits is Parse with other limits.
func ParseWithLimits(file string, data []byte, lim Limits) (d *Design, err error) {
	return parse(file, data, lim, parallelVPCs, vpcChunks())
}

// parse is ParseWithLimits decoding the VPCs in chunks when there are at
// least parallelMin of them; the tests compare chunked and serial.
func parse(file string, data []byte, lim Limits, parallelMin, chunks int) (d *Design, err error) {
	defer func() {
		// The YAML library is third-party code facing untrusted bytes: a panic
		// inside it must become an error, never a crash of the editor.
		if r := recover(); r != nil {
			d, err = nil, LoadErrors{{File: file, Message: fmt.Sprintf("cannot read the file as YAML (%v)", r)}}
		}
	}()
	if len(data) > lim.MaxBytes {
		return nil, LoadErrors{sizeError(file, len(data), lim.MaxBytes)}
	}
	data, crlf := normalizeBreaks(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	root, comments, lerr := readYAML(file, data)
	if lerr != nil {
		return nil, LoadErrors{lerr}
	}
	dec := &decoder{file: file, parallelMin: parallelMin, chunks: chunks}
	// Anchors only carry comments and blank lines to their elements: a
	// file with neither, as vpcsmith writes a large design, needs none (a
	// million of them, 40 MB, and their sort, at 100k subnets).
	if dec.keepAnchors = len(comments) > 0 || hasBlankLine(data); dec.keepAnchors {
		// About one per line; sized once, the slice is not regrown (and
		// copied) twenty times over a large design. Bounded by the bytes
		// too, so that a file of empty lines sizes nothing large.
		dec.anchors = make([]anchor, 0, min(bytes.Count(data, []byte{'\n'})+1, len(data)/16+1))
	}
	d = dec.design(root)
	if len(dec.errs) > 0 {
		return nil, dec.result()
	}
	attachComments(d, dec.anchors, comments, data)
	if d != nil && d.src != nil {
		d.src.crlf = crlf
	}
	return d, nil
}

// normalizeBreaks turns the file's line breaks into \n, as YAML itself does
// (YAML 1.2 §5.4: CRLF and a lone CR are each one line break), so that both
// parsers, the comment attacher and every position count lines alike: goccy
// counted a comment's CRLF as two lines, shifting every later error down.
// crlf reports that the first line break was CRLF, which saving writes back.
func normalizeBreaks(data []byte) (out []byte, crlf bool) {
	i := bytes.IndexByte(data, '\r')
	if i < 0 {
		return data, false
	}
	if first := bytes.IndexByte(data, '\n'); first > 0 && first == i+1 {
		crlf = true
	}
	out = make([]byte, 0, len(data))
	for ; i >= 0; i = bytes.IndexByte(data, '\r') {
		out = append(out, data[:i]...)
		out = append(out, '\n')
		data = data[i+1:]
		if len(data) > 0 && data[0] == '\n' {
			data = data[1:]
		}
	}
	return append(out, data...), crlf
}

// readYAML is the YAML layer of the loader: data, with its line breaks
// normalized, as one document's tree and its comments, or the one error
// that stops it. Designs aside, this is what the YAML test suite checks
// (yamlsuite_test.go).
func readYAML(file string, data []byte) (*yamlNode, []yamlComment, *LoadError) {
	if e := checkText(file, data); e != nil {
		return nil, nil, e
	}
	if p, ok := prescanDepth(data); !ok {
		return nil, nil, &LoadError{File: file, Pos: p, Message: fmt.Sprintf("the YAML nests more than %d levels deep", maxNesting), Hint: "a design needs far fewer; check the file is a vpcsmith design"}
	}
	if root, comments, ok := parseCanonical(data); ok {
		return root, comments, nil
	}
	return parseAnyYAML(file, data)
}

// parseAnyYAML parses data with goccy/go-yaml: any YAML, with its errors.
// Files in the canonical subset take the fast path instead (fastyaml.go).
func parseAnyYAML(file string, data []byte) (*yamlNode, []yamlComment, *LoadError) {
	tokens := lexer.Tokenize(string(data))
	var comments []yamlComment
	for _, tk := range tokens {
		switch tk.Type {
		case token.AnchorType, token.AliasType:
			return nil, nil, &LoadError{File: file, Pos: posOf(tk), Message: "YAML anchors and aliases (&name, *name) are not supported in design files", Hint: "write the value out in full"}
		case token.TagType:
			return nil, nil, &LoadError{File: file, Pos: posOf(tk), Message: fmt.Sprintf("YAML tags such as %q are not supported in design files", tk.Value), Hint: "remove the tag"}
		case token.InvalidType:
			if p, msg, hint := tabIndent(newLineIndex(data)); msg != "" && p.Line == posOf(tk).Line {
				return nil, nil, &LoadError{File: file, Pos: p, Message: msg, Hint: hint}
			}
			if p, ok := documentEndBefore(tokens, posOf(tk)); ok {
				return nil, nil, &LoadError{File: file, Pos: p, Message: "document end markers (...), and documents after them, are not supported in design files", Hint: "keep one design per file, without markers"}
			}
			return nil, nil, &LoadError{File: file, Pos: posOf(tk), Message: "invalid YAML: " + tk.Error}
		case token.CommentType:
			if tk.Position != nil {
				comments = append(comments, yamlComment{pos: posOf(tk), text: tk.Value})
			}
		}
	}
	if p, msg, hint, ok := strictYAML(data, tokens); !ok {
		return nil, nil, &LoadError{File: file, Pos: p, Message: "invalid YAML: " + msg, Hint: hint}
	}
	if p, ok := prescanKeys(tokens); !ok {
		return nil, nil, &LoadError{File: file, Pos: p, Message: fmt.Sprintf("a mapping holds more than %s keys", thousands(maxMappingKeys)), Hint: "a design's mappings have a dozen keys at most; check the file is a vpcsmith design"}
	}
	f, perr := parser.Parse(tokens, 0)
	if perr != nil {
		if p, msg, hint := unsupportedConstruct(data, tokens); msg != "" {
			return nil, nil, &LoadError{File: file, Pos: p, Message: msg, Hint: hint}
		}
		return nil, nil, yamlError(file, perr)
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	switch {
	case len(docs) == 0:
		return nil, nil, &LoadError{File: file, Pos: Position{Line: 1, Column: 1}, Message: "the file holds no design", Hint: "start with `version: 1`, or run `vpcsmith new` for a template"}
	case len(docs) > 1:
		return nil, nil, &LoadError{File: file, Pos: Position{Line: nodePos(docs[1]).Line, Column: 1}, Message: "the file holds several YAML documents", Hint: "keep one design per file"}
	}
	return fromAST(docs[0]), comments, nil
}

// checkText refuses bytes that are not UTF-8 text, naming where they start.
func checkText(file string, data []byte) *LoadError {
	// The common case, valid text, is decided by two vectorised scans; the
	// rune-by-rune walk below, which counts lines and columns, runs only to
	// place an error (it finds the same first bad byte: utf8.Valid refuses
	// exactly what DecodeRune reads as a one-byte RuneError).
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return nil
	}
	return placeTextError(file, data)
}

// placeTextError walks the text rune by rune, counting lines and columns,
// to name where the first byte that is not UTF-8 text (or a NUL) stands.
func placeTextError(file string, data []byte) *LoadError {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return &LoadError{File: file, Pos: Position{Line: line, Column: col}, Message: "the file is not UTF-8 text", Hint: "save it as UTF-8"}
		case r == 0:
			return &LoadError{File: file, Pos: Position{Line: line, Column: col}, Message: "the file contains a NUL byte", Hint: "it does not look like a YAML design file"}
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return nil
}

// yamlError converts the YAML library's error into a LoadError with the
// position of the offending token.
func yamlError(file string, err error) *LoadError {
	p, msg := yamltree.ParseError(err)
	return &LoadError{File: file, Pos: p, Message: msg}
}
