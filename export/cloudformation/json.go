package cloudformation

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// renderJSON prints the tree as indented JSON, intrinsics in their long form
// ({"Ref": ...}, {"Fn::GetAtt": [...]}). It is written by hand rather than
// with encoding/json so that key order is the tree's and text is not
// HTML-escaped.
func renderJSON(root object) ([]byte, error) {
	w := jsonWriter{buf: make([]byte, 0, 64<<10)}
	if err := w.value(root, 0); err != nil {
		return nil, err
	}
	w.buf = append(w.buf, '\n')
	return w.buf, nil
}

type jsonWriter struct{ buf []byte }

func (w *jsonWriter) newline(depth int) {
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, "  "...)
	}
}

func (w *jsonWriter) value(v any, depth int) error {
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			w.buf = append(w.buf, "{}"...)
			return nil
		}
		w.buf = append(w.buf, '{')
		for i, f := range v {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.str(f.key)
			w.buf = append(w.buf, ": "...)
			if err := w.value(f.value, depth+1); err != nil {
				return err
			}
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
	case []any:
		if len(v) == 0 {
			w.buf = append(w.buf, "[]"...)
			return nil
		}
		w.buf = append(w.buf, '[')
		for i, x := range v {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			if err := w.value(x, depth+1); err != nil {
				return err
			}
		}
		w.newline(depth)
		w.buf = append(w.buf, ']')
	case intrinsic:
		key := "Fn::" + v.name
		if v.name == "Ref" {
			key = "Ref"
		}
		var arg any = v.arg
		if a, ok := v.arg.([2]string); ok {
			arg = []any{a[0], a[1]}
		}
		return w.value(object{{key, arg}}, depth)
	case string:
		w.str(v)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(v), 10)
	case bool:
		w.buf = strconv.AppendBool(w.buf, v)
	default:
		return fmt.Errorf("cloudformation: cannot write %T as JSON", v)
	}
	return nil
}

const hexDigits = "0123456789abcdef"

// str writes s as a JSON string, escaping only what JSON requires (and the
// line separators U+2028/U+2029, which break some JavaScript readers).
func (w *jsonWriter) str(s string) {
	w.buf = append(w.buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				w.buf = append(w.buf, '\\', c)
			case c == '\n':
				w.buf = append(w.buf, `\n`...)
			case c == '\t':
				w.buf = append(w.buf, `\t`...)
			case c == '\r':
				w.buf = append(w.buf, `\r`...)
			case c < 0x20:
				w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				w.buf = append(w.buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.buf = append(w.buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			w.buf = append(w.buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			w.buf = append(w.buf, s[i:i+size]...)
		}
		i += size
	}
	w.buf = append(w.buf, '"')
}
