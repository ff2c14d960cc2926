package hostile

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// Payload is one hostile string of the corpus.
type Payload struct {
	Name string // short identifier, for test names
	Why  string // what it would do to a terminal, a parser or a reader
	Text string // the bytes, not necessarily UTF-8
}

// UTF8 reports whether the payload can be written in a design file at all:
// the loader refuses files that are not UTF-8, so payloads that are not
// exist only as Go values (as text from AWS or a buggy caller would).
func (p Payload) UTF8() bool { return utf8.ValidString(p.Text) }

// Dir is the corpus directory, testdata/hostile at the repository root.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "hostile")
}

// entry is one payload as payloads.json spells it: text (a JSON string) or
// hex (for bytes that are not UTF-8, which JSON cannot hold), optionally
// repeated.
type entry struct {
	Name   string `json:"name"`
	Why    string `json:"why"`
	Text   string `json:"text"`
	Hex    string `json:"hex"`
	Repeat int    `json:"repeat"`
}

// Load reads and checks payloads.json. A malformed entry is an error, not
// a payload silently left out.
func Load() ([]Payload, error) {
	data, err := os.ReadFile(filepath.Join(Dir(), "payloads.json"))
	if err != nil {
		return nil, err
	}
	var file struct {
		About    string  `json:"about"`
		Payloads []entry `json:"payloads"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("payloads.json: %w", err)
	}
	seen := map[string]bool{}
	out := make([]Payload, 0, len(file.Payloads))
	for i, e := range file.Payloads {
		if e.Name == "" || seen[e.Name] || strings.ContainsAny(e.Name, " /") {
			return nil, fmt.Errorf("payloads.json: entry %d: missing, duplicate or unusable name %q", i, e.Name)
		}
		seen[e.Name] = true
		if (e.Text == "") == (e.Hex == "") {
			return nil, fmt.Errorf("payloads.json: %s: give exactly one of text and hex", e.Name)
		}
		text := e.Text
		if e.Hex != "" {
			b, err := hex.DecodeString(e.Hex)
			if err != nil {
				return nil, fmt.Errorf("payloads.json: %s: %w", e.Name, err)
			}
			text = string(b)
		}
		if e.Repeat < 0 {
			return nil, fmt.Errorf("payloads.json: %s: negative repeat", e.Name)
		}
		if e.Repeat > 0 {
			text = strings.Repeat(text, e.Repeat)
		}
		out = append(out, Payload{Name: e.Name, Why: e.Why, Text: text})
	}
	return out, nil
}

// Payloads is Load for tests: it fails the test on a broken corpus.
func Payloads(tb testing.TB) []Payload {
	tb.Helper()
	ps, err := Load()
	if err != nil {
		tb.Fatalf("hostile corpus: %v", err)
	}
	return ps
}

// Long reports whether a payload is one of the corpus's 100 KB strings,
// which tests time and which do not fit in every field of a design file.
func (p Payload) Long() bool { return len(p.Text) >= 64<<10 }
