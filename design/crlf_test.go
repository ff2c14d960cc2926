package design

import (
	"os"
	"strings"
	"testing"
)

func toCRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// A file with CRLF line ends gives the errors, positions included, that the
// same file with LF gives. goccy counted each comment's CRLF as two lines,
// so an error on line 12 below three comments was reported on line 15.
func TestCRLFErrorsMatchLF(t *testing.T) {
	srcs := []string{
		"# a design\n# with comments\nversion: 1\n\n# the VPCs\nvpcs:\n  - name: a  # first\n    cidr: 10.0.0.0/16\n    # tiers next\n    tiers:\n      - name: web\n        kindd: public\n",
		"version: 1\n# c\nname: [a,\n  b]\n# c\nregoin: x\n",
		"version: 1\n# c\nvpcs:\n  - {name: a, cidr: 10.0.0.0/16, nat: per_az}  # c\n",
		"version: 1\n# c\nname: \"a\n  b\"\n# c\nvpcs: [\n",
		"version: 1\n# c\n\n# d\nname: x\nname: y\n",
	}
	for _, src := range srcs {
		lf := loadErrors(t, src).Error()
		crlf := loadErrors(t, toCRLF(src)).Error()
		if lf != crlf {
			t.Errorf("CRLF errors differ from LF:\n--- LF\n%s\n--- CRLF\n%s", lf, crlf)
		}
	}
	if got := loadErrors(t, toCRLF(srcs[0]))[0].Error(); !strings.HasPrefix(got, "bad.yaml:12:9: unknown key \"kindd\"") {
		t.Errorf("got %q, want the error at 12:9", got)
	}
}

// A lone CR is a line break too (YAML 1.2 §5.4).
func TestLoneCRBreaksLines(t *testing.T) {
	if got := loadErrors(t, "version: 1\r# c\rregoin: x\r")[0].Error(); !strings.HasPrefix(got, "bad.yaml:3:1: unknown key \"regoin\"") {
		t.Errorf("got %q", got)
	}
}

// Saving a CRLF file that was not changed rewrites it byte for byte, and
// saving any CRLF file gives the LF file's save with CRLF: blank lines and
// comments stay where they were.
func TestCRLFSaveKeepsLineEnds(t *testing.T) {
	for _, path := range []string{"testdata/reference.yaml", "testdata/messy.yaml"} {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lf := Marshal(mustParse(t, string(src)))
		want := toCRLF(string(lf))
		if got := string(Marshal(mustParse(t, toCRLF(string(src))))); got != want {
			t.Errorf("%s: save of the CRLF file differs from the LF file's in CRLF:\n%q\nwant\n%q", path, got, want)
		}
		if got := string(Marshal(mustParse(t, want))); got != want {
			t.Errorf("%s: save(load(canonical CRLF file)) changed it:\n%q", path, got)
		}
		// Edited, the design keeps its line ends through Clone.
		d := mustParse(t, want).Clone()
		d.Name = "renamed"
		if out := string(Marshal(d)); strings.Count(out, "\n") != strings.Count(out, "\r\n") || !strings.Contains(out, "renamed") {
			t.Errorf("%s: an edited CRLF design lost its line ends:\n%q", path, out)
		}
	}
	// A file with LF is saved with LF.
	if out := string(Marshal(mustParse(t, "version: 1\nname: x\n"))); strings.Contains(out, "\r") {
		t.Errorf("LF file saved with CR: %q", out)
	}
}

func TestNormalizeBreaks(t *testing.T) {
	for in, want := range map[string]struct {
		out  string
		crlf bool
	}{
		"a\nb\n":          {"a\nb\n", false},
		"a\r\nb\r\n":      {"a\nb\n", true},
		"a\rb\r":          {"a\nb\n", false},
		"a\nb\r\nc":       {"a\nb\nc", false},
		"a\r\nb\rc\r\r\n": {"a\nb\nc\n\n", true},
		"\r\n":            {"\n", true},
		"x\r":             {"x\n", false},
	} {
		out, crlf := normalizeBreaks([]byte(in))
		if string(out) != want.out || crlf != want.crlf {
			t.Errorf("normalizeBreaks(%q) = %q, %v; want %q, %v", in, out, crlf, want.out, want.crlf)
		}
	}
}
