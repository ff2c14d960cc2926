package cloudformation

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/token"
)

// renderYAML prints the tree as block-style YAML with CloudFormation's short
// tags (!Ref X, !GetAtt A.B, !Sub '...', !Select [0, !GetAZs ”]), the form
// people write by hand.
//
// It writes the bytes itself rather than through goccy/go-yaml's encoder:
// the encoder took about 250 ms for a 50-VPC design (reflection, and a
// timestamp parse per string), against a 100 ms budget for the whole export.
// Which scalars need quotes is still goccy's decision (token.IsNeedQuoted),
// made stricter for YAML 1.1 readers such as cfn-lint's; the tests parse
// every template back with goccy's parser and compare it with the tree.
func renderYAML(root object) ([]byte, error) {
	w := yamlWriter{buf: make([]byte, 0, 64<<10), plain: map[string]bool{}}
	if err := w.mapping(root, 0); err != nil {
		return nil, err
	}
	return w.buf, nil
}

type yamlWriter struct {
	buf   []byte
	plain map[string]bool // memo of canPlain in block context
}

func (w *yamlWriter) indent(n int) {
	for range n {
		w.buf = append(w.buf, ' ')
	}
}

// mapping writes an object's entries at indent n, each on its own line.
func (w *yamlWriter) mapping(o object, n int) error {
	for i, f := range o {
		if i > 0 {
			w.indent(n)
		}
		if err := w.entry(f, n); err != nil {
			return err
		}
	}
	return nil
}

// entry writes "key: value" whose key starts at the current position, at
// indent n; it ends with a newline.
func (w *yamlWriter) entry(f field, n int) error {
	w.scalar(f.key, false)
	w.buf = append(w.buf, ':')
	switch v := f.value.(type) {
	case object:
		if len(v) == 0 {
			w.buf = append(w.buf, " {}\n"...)
			return nil
		}
		w.buf = append(w.buf, '\n')
		w.indent(n + 2)
		return w.mapping(v, n+2)
	case []any:
		if len(v) == 0 {
			w.buf = append(w.buf, " []\n"...)
			return nil
		}
		w.buf = append(w.buf, '\n')
		return w.sequence(v, n+2)
	}
	w.buf = append(w.buf, ' ')
	if err := w.inline(f.value, false); err != nil {
		return err
	}
	w.buf = append(w.buf, '\n')
	return nil
}

// sequence writes a list's items at indent n, each as "- item".
func (w *yamlWriter) sequence(items []any, n int) error {
	for _, x := range items {
		w.indent(n)
		w.buf = append(w.buf, "- "...)
		switch v := x.(type) {
		case object:
			if len(v) == 0 {
				w.buf = append(w.buf, "{}\n"...)
				continue
			}
			if err := w.mapping(v, n+2); err != nil {
				return err
			}
		case []any:
			if err := w.inline(v, false); err != nil {
				return err
			}
			w.buf = append(w.buf, '\n')
		default:
			if err := w.inline(v, false); err != nil {
				return err
			}
			w.buf = append(w.buf, '\n')
		}
	}
	return nil
}

// inline writes a value on the current line: a scalar, a tagged intrinsic,
// or a list or object in flow style.
func (w *yamlWriter) inline(v any, flow bool) error {
	switch v := v.(type) {
	case string:
		w.scalar(v, flow)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(v), 10)
	case bool:
		w.buf = strconv.AppendBool(w.buf, v)
	case intrinsic:
		w.buf = append(w.buf, '!')
		w.buf = append(w.buf, v.name...)
		w.buf = append(w.buf, ' ')
		switch a := v.arg.(type) {
		case [2]string:
			w.scalar(a[0]+"."+a[1], flow)
		case string:
			if v.name == "Sub" {
				w.quoted(a) // the usual way to write a !Sub string
			} else {
				w.scalar(a, flow)
			}
		default:
			return w.inline(a, true)
		}
	case []any:
		w.buf = append(w.buf, '[')
		for i, x := range v {
			if i > 0 {
				w.buf = append(w.buf, ", "...)
			}
			if err := w.inline(x, true); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, ']')
	case object:
		w.buf = append(w.buf, '{')
		for i, f := range v {
			if i > 0 {
				w.buf = append(w.buf, ", "...)
			}
			w.scalar(f.key, true)
			w.buf = append(w.buf, ": "...)
			if err := w.inline(f.value, true); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, '}')
	default:
		return fmt.Errorf("cloudformation: cannot write %T as YAML", v)
	}
	return nil
}

// scalar writes s plain when YAML reads it back as the same string, quoted
// otherwise.
func (w *yamlWriter) scalar(s string, flow bool) {
	plain, known := w.plain[s]
	if !known {
		plain = canPlain(s)
		w.plain[s] = plain
	}
	if plain && (!flow || !strings.ContainsAny(s, ",[]{}")) {
		w.buf = append(w.buf, s...)
		return
	}
	w.quoted(s)
}

// quoted writes s in single quotes, or in double quotes with escapes when
// it holds a character single quotes cannot carry (cleaned design text
// never does, but the writer does not rely on that).
func (w *yamlWriter) quoted(s string) {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 {
		w.buf = strconv.AppendQuote(w.buf, s)
		return
	}
	w.buf = append(w.buf, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			w.buf = append(w.buf, '\'')
		}
		w.buf = append(w.buf, s[i])
	}
	w.buf = append(w.buf, '\'')
}

// canPlain reports whether s can be written unquoted in block context:
// goccy/go-yaml's rule, plus what YAML 1.1 parsers (PyYAML in cfn-lint)
// read as something else: y/n/on/off in any case, and anything that looks
// numeric (1_000, 1:20, 0x1F, 2010-09-09).
func canPlain(s string) bool {
	if s == "" {
		return false
	}
	if simpleWord(s) {
		return !yaml11Word(s)
	}
	if token.IsNeedQuoted(s) {
		return false
	}
	switch s[0] {
	case '?', '-', ':', '#', '~', '=', '<', '.', '+':
		return false
	}
	if yaml11Word(s) {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' && strings.Trim(s, "0123456789abcdefABCDEFxXoO_.:+-") == "" {
		return false
	}
	for _, r := range s {
		if r == '\t' || (!unicode.IsPrint(r) && r != ' ') {
			return false
		}
	}
	return true
}

// simpleWord reports whether s is a letter followed by letters, digits and
// ._/:- and does not end in ':' (ids, types, CIDR-free values): such a
// string needs quotes only when it is a reserved word. This fast path
// keeps goccy's rule, which parses every string as a timestamp, off the
// thousands of ids in a template.
func simpleWord(s string) bool {
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') || s[len(s)-1] == ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '/' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}

// yaml11Word reports whether YAML 1.1 or 1.2 reads s as a boolean or null.
func yaml11Word(s string) bool {
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return true
	}
	return false
}
