package design

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// parseKeepingAnchors is ParseWithLimits with the decoder always keeping
// anchors, as it did before files without comments or blank lines skipped
// them.
func parseKeepingAnchors(t *testing.T, data []byte) *Design {
	t.Helper()
	data, _ = normalizeBreaks(data)
	root, comments, lerr := readYAML("f.yaml", data)
	if lerr != nil {
		return nil
	}
	dec := &decoder{file: "f.yaml", keepAnchors: true}
	d := dec.design(root)
	if len(dec.errs) > 0 {
		return nil
	}
	attachComments(d, dec.anchors, comments, data)
	return d
}

// TestSkippedAnchorsChangeNothing: a file without comments and blank
// lines decodes to the same design, sources and decor included, whether
// the decoder keeps anchors or not; so does every file with them, which
// keeps them. The files are those under testdata and ../templates, as
// they are, without their comments (blank lines alone keep anchors) and
// without comments and blank lines.
func TestSkippedAnchorsChangeNothing(t *testing.T) {
	comment := regexp.MustCompile(`(?m)(^|\s)#.*$`)
	blank := regexp.MustCompile(`(?m)^\s*\n`)
	compared, skipped := 0, 0
	for _, dir := range []string{"testdata", "../templates"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			uncommented := comment.ReplaceAll(data, nil)
			stripped := blank.ReplaceAll(uncommented, nil)
			for _, in := range [][]byte{data, uncommented, stripped} {
				want := parseKeepingAnchors(t, bytes.Clone(in))
				if want == nil {
					continue // not a design, or not valid
				}
				got, err := Parse("f.yaml", bytes.Clone(in))
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				got.src.crlf = want.src.crlf
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: the design differs when anchors are skipped", path)
				}
				compared++
				if !hasBlankLine(in) && !bytes.Contains(in, []byte("#")) {
					skipped++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if compared < 10 || skipped < 5 {
		t.Fatalf("compared %d designs, %d of them without anchors: too few", compared, skipped)
	}
}

func TestHasBlankLine(t *testing.T) {
	for data, want := range map[string]bool{
		"": false, "a: 1": false, "a: 1\nb: 2\n": false, "a: 1\n   ": false,
		"\na: 1": true, "a: 1\n\nb: 2": true, "a: 1\n  \nb: 2": true, "a: 1\n\u00a0\nb: 2": true,
	} {
		if got := hasBlankLine([]byte(data)); got != want {
			t.Errorf("hasBlankLine(%q) = %v, want %v", data, got, want)
		}
	}
}
