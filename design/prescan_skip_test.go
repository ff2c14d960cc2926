package design

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrescanDepthSkipsAgree: prescanDepth, which skips runs of bytes
// that change only the column, gives the position and verdict of the
// byte-by-byte pass it replaced on every file under testdata and
// ../templates, on the load tests' hostile nestings, and on 20,000
// random files built from the bytes the pass looks at (brackets, quotes,
// escapes, "- ", comments, tabs), deep enough to pass maxNesting often.
func TestPrescanDepthSkipsAgree(t *testing.T) {
	var inputs [][]byte
	for _, dir := range []string{"testdata", "../templates"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			inputs = append(inputs, data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	inputs = append(inputs,
		[]byte("version: 1\nname: "+strings.Repeat("[", 1000)),
		[]byte("version: 1\nname:\n"+strings.Repeat("- ", 1000)+"x\n"),
		[]byte(strings.Repeat("{a: ", 2000)),
		[]byte(deepIndentLines(200)))
	pieces := []string{"[", "{", "]", "}", "- ", "-", "  ", " ", "\n", "\"", "'", "\\", "#", " #", ":", ": ", ",", "?", "a", "bc", "\t", "\r", "é", "\"\\\"", "''"}
	rng := rand.New(rand.NewPCG(12, 34))
	openers := []string{"[", "{", "- ", "\n" + strings.Repeat(" ", 60) + "- "}
	for i := range 20_000 {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if i%2 == 0 {
				// Every other file opens far more than it closes.
				b.WriteString(openers[rng.IntN(len(openers))])
			}
		}
		inputs = append(inputs, []byte(b.String()))
	}
	deep := 0
	for _, data := range inputs {
		gotPos, gotOK := prescanDepth(data)
		wantPos, wantOK := prescanDepthByteByByte(data)
		if gotPos != wantPos || gotOK != wantOK {
			t.Fatalf("prescanDepth(%q) = %v, %v; byte by byte: %v, %v", data, gotPos, gotOK, wantPos, wantOK)
		}
		if !wantOK {
			deep++
		}
	}
	if deep < 100 {
		t.Fatalf("only %d inputs nest past maxNesting: the comparison hardly tests the refusal", deep)
	}
}

func deepIndentLines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

// prescanDepthByteByByte is prescanDepth as it was before it skipped
// runs: every byte takes the full step. The reference it is checked
// against.
func prescanDepthByteByByte(data []byte) (Position, bool) {
	var indents []int // block indentation stack
	flow := 0
	line, col := 1, 0
	inDouble, inSingle := false, false
	lineStart := true
	prevSig := byte('\n') // last non-space byte on this line, '\n' at start
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		if c == '\n' {
			line, col = line+1, 0
			lineStart, prevSig = true, '\n'
			continue
		}
		switch {
		case inDouble:
			if c == '\\' {
				i++
				col++
			} else if c == '"' {
				inDouble = false
			}
			continue
		case inSingle:
			if c == '\'' {
				inSingle = false
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' {
			continue
		}
		if c == '#' && (col == 1 || data[i-1] == ' ' || data[i-1] == '\t') {
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
			continue
		}
		// Block structure: the first significant byte of a line, and each
		// "- " sequence entry that starts a nested block on the same line.
		if flow == 0 && (lineStart || (prevSig == '-' && data[i-1] == ' ')) {
			for len(indents) > 0 && indents[len(indents)-1] > col {
				indents = indents[:len(indents)-1]
			}
			if len(indents) == 0 || indents[len(indents)-1] < col {
				indents = append(indents, col)
			}
		}
		lineStart = false
		switch c {
		case '[', '{':
			flow++
		case ']', '}':
			if flow > 0 {
				flow--
			}
		case '"', '\'':
			switch prevSig {
			case '\n', ':', '-', '[', '{', ',', '?':
				inDouble, inSingle = c == '"', c == '\''
			}
		}
		if len(indents)+flow > maxNesting {
			return Position{Line: line, Column: col}, false
		}
		prevSig = c
	}
	return Position{}, true
}
