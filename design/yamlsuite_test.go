package design

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// suiteCase is one case of the YAML test suite (testdata/yaml-test-suite).
type suiteCase struct {
	id, name string
	in       []byte
	invalid  bool
}

func suiteCases(t *testing.T) []suiteCase {
	t.Helper()
	var cases []suiteCase
	err := filepath.WalkDir("testdata/yaml-test-suite", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "in.yaml" {
			return err
		}
		dir := filepath.Dir(path)
		c := suiteCase{id: filepath.ToSlash(strings.TrimPrefix(dir, "testdata/yaml-test-suite/"))}
		if c.in, err = os.ReadFile(path); err != nil {
			return err
		}
		name, _ := os.ReadFile(filepath.Join(dir, "==="))
		c.name = strings.TrimSpace(string(name))
		_, err = os.Stat(filepath.Join(dir, "error"))
		c.invalid = err == nil
		cases = append(cases, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].id < cases[j].id })
	return cases
}

// suiteRead runs the loader's YAML layer on a case as Parse does.
func suiteRead(in []byte) (*yamlNode, *LoadError) {
	data, _ := normalizeBreaks(in)
	root, _, err := readYAML("in.yaml", data)
	return root, err
}

// unsupported are the messages that refuse valid YAML on purpose, each
// naming the construct: anchors and tags (goccy expands aliases without a
// limit, and a design has no use for either), several documents (one
// design per file), document end markers, and a file without content.
var unsupported = []string{
	"YAML anchors and aliases (&name, *name) are not supported in design files",
	"YAML tags such as",
	"the file holds several YAML documents",
	"document end markers (...) are not supported in design files",
	"the file holds no design",
}

// TestYAMLTestSuite runs every case of the YAML test suite through the
// loader's YAML layer. An invalid case must be refused with a positioned
// error; a valid one must be read (the fast path, where it takes it, as
// goccy reads it) or refused with a message naming a construct design files
// do not support, or be listed in refusedValid with the reason.
func TestYAMLTestSuite(t *testing.T) {
	cases := suiteCases(t)
	if len(cases) != 402 {
		t.Fatalf("%d cases, want the suite's 402", len(cases))
	}
	invalid := 0
	for _, c := range cases {
		root, err := suiteRead(c.in)
		if c.invalid {
			invalid++
			switch {
			case err == nil:
				t.Errorf("%s (%s): invalid YAML read as a document:\n%s", c.id, c.name, c.in)
			case !err.Pos.IsValid():
				t.Errorf("%s (%s): refused without a position: %v", c.id, c.name, err)
			}
			continue
		}
		if err == nil {
			if _, diff := compareParsers(normalized(c.in)); diff != "" {
				t.Errorf("%s (%s): the fast path and goccy disagree: %s", c.id, c.name, diff)
			}
			if root == nil {
				t.Errorf("%s (%s): read, without a tree", c.id, c.name)
			}
			continue
		}
		if why, listed := refusedValid[c.id]; listed {
			if !strings.Contains(err.Message, why.message) {
				t.Errorf("%s (%s): refused with %q, want the listed %q", c.id, c.name, err.Message, why.message)
			}
			continue
		}
		named := false
		for _, m := range unsupported {
			named = named || strings.Contains(err.Message, m)
		}
		if !named {
			t.Errorf("%s (%s): valid YAML refused without naming the construct: %v\n%s", c.id, c.name, err, c.in)
		}
	}
	if invalid != 94 {
		t.Errorf("%d invalid cases, want the suite's 94", invalid)
	}
	for id := range refusedValid {
		if !strings.Contains(strings.Join(caseIDs(cases), " "), id) {
			t.Errorf("refusedValid lists %s, which is not a case", id)
		}
	}
}

func normalized(in []byte) []byte { d, _ := normalizeBreaks(in); return d }

func caseIDs(cases []suiteCase) []string {
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.id
	}
	return ids
}

// refusedValid are the valid cases the loader refuses, each with what its
// message says and why refusing it is acceptable: goccy/go-yaml cannot read
// them, and a design never needs the construct.
var refusedValid = map[string]struct{ message, why string }{
	"2JQS":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Block Mapping with Missing Keys
	"4FJ6":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Nested implicit complex keys
	"4MUZ/02": {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Flow mapping colon on line after key
	"6PBE":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Zero-indented sequences in explicit mapping keys
	"9MMW":    {`a value right after its key's ':' ("key":value)`, "goccy cannot read \"key\":value, without a space, in a flow sequence"},                          // Single Pair Implicit Entries
	"CFD4":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Empty implicit key in single pair flow sequences
	"DK95/04": {"tabs at the start", "goccy cannot read a line of tabs; designs are indented with spaces"},                                                          // Tabs that look like indentation
	"FRK4":    {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Spec Example 7.3. Completely Empty Flow Nodes
	"KK5P":    {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Various combinations of explicit block mappings
	"LX3P":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Implicit Flow Mapping Key on one line
	"M2N8/00": {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Question mark edge cases
	"M2N8/01": {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Question mark edge cases
	"M5DY":    {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Spec Example 2.11. Mapping between Sequences
	"M7A3":    {"document end markers (...), and documents after them", "goccy's lexer cannot read a bare document after `...`; one design per file needs neither"}, // Spec Example 9.3. Bare Documents
	"NHX8":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Empty Lines at End of Document
	"NKF9":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Empty keys in block and flow mapping
	"Q9WF":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Spec Example 6.12. Separation Spaces
	"S3PD":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Spec Example 8.18. Implicit Block Mapping Entries
	"SBG9":    {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Flow Sequence in Flow Mapping
	"SM9W/01": {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Single character streams
	"UKK6/00": {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Syntax character edge cases
	"V9D5":    {"explicit keys", "a design key is a plain word; goccy cannot read `? key` entries"},                                                                 // Spec Example 8.19. Compact Block Mappings
	"VJP3/01": {"empty keys", "a design key is a plain word; goccy cannot read empty or collection keys"},                                                           // Flow collections over many lines
}
