package cli

import (
	"encoding/json"
	"fmt"
	"io"
)

// maxTextFindings is how many findings `validate` prints as text. A design
// can hold tens of thousands (an organisation whose VPCs all overlap), and a
// person reads the first screens, fixes them and runs again; the rest are
// counted, and the JSON output, which a tool reads, keeps every one.
const maxTextFindings = 200

// findingsWriter is where `validate` sends its findings, one file at a time,
// so that no list of every file's findings is ever built.
type findingsWriter interface {
	add(fileFinding) error
	close() error
}

// tally counts findings by severity.
type tally struct{ errors, warnings, infos int }

func (t *tally) count(f fileFinding) {
	switch f.Severity {
	case "error":
		t.errors++
	case "warning":
		t.warnings++
	default:
		t.infos++
	}
}

func (t tally) total() int { return t.errors + t.warnings + t.infos }

// textFindings prints the first maxTextFindings findings and counts the
// rest, which close names in one last line.
type textFindings struct {
	w     io.Writer
	color bool
	max   int
	all   tally // every finding added, printed or not
}

func (t *textFindings) add(f fileFinding) error {
	t.all.count(f)
	if t.all.total() <= t.max {
		writeFindingText(t.w, f, t.color)
	}
	return nil
}

func (t *textFindings) close() error {
	more := t.all.total() - t.max
	if more <= 0 {
		return nil
	}
	in := fmt.Sprintf("%s, %s", plural(t.all.errors, "error"), plural(t.all.warnings, "warning"))
	if t.all.infos > 0 {
		in += ", " + plural(t.all.infos, "info")
	}
	noun := "findings"
	if more == 1 {
		noun = "finding"
	}
	_, err := fmt.Fprintf(t.w, "… and %d more %s (%s in total); `--format json` lists every one\n", more, noun, in)
	return err
}

// jsonFindings writes {"findings":[...]} as the findings come, byte for
// byte what encoding one list with two-space indentation gives, so that the
// output stays the same format while holding one finding at a time.
type jsonFindings struct {
	w   io.Writer
	n   int
	err error
}

func (j *jsonFindings) add(f fileFinding) error {
	if j.err != nil {
		return j.err
	}
	b, err := json.MarshalIndent(f.sanitized(), "    ", "  ")
	if err != nil {
		j.err = err
		return err
	}
	sep := ",\n    "
	if j.n == 0 {
		sep = "{\n  \"findings\": [\n    "
	}
	j.n++
	_, j.err = io.WriteString(j.w, sep+string(b))
	return j.err
}

func (j *jsonFindings) close() error {
	if j.err != nil {
		return j.err
	}
	end := "\n  ]\n}\n"
	if j.n == 0 {
		end = "{\n  \"findings\": []\n}\n"
	}
	_, j.err = io.WriteString(j.w, end)
	return j.err
}
