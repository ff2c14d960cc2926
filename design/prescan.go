package design

import (
	"fmt"

	"github.com/goccy/go-yaml/token"
)

// Limits on untrusted design files. goccy/go-yaml has no alias-expansion
// limit and its parser slows quadratically with nesting depth, so both are
// refused before the parser sees the file.
const (
	MaxFileSize = 4 << 20 // bytes
	// maxNesting is far above what the format needs (about eight levels).
	maxNesting = 48
	// maxMappingKeys is far above the dozen keys of any element of the
	// format, and far below where goccy/go-yaml's parser, quadratic in the
	// keys of one mapping, gets slow (20,000 keys: 2 s; 40,000: 18 s).
	maxMappingKeys = 1000
)

// prescanDepth finds the first place where block indentation plus flow
// brackets nest deeper than maxNesting, in one linear pass over the bytes.
// It is deliberately approximate about quoting: it only has to tell a real
// design (a handful of levels) from a pathological one (thousands).
//
// Most bytes of a design change nothing but the column: the inside of a
// word after its first byte, a run of spaces, quoted text. Those runs are
// skipped in tight loops (skipWhile), which is what makes this pass cheap
// over a 20 MiB file; every other byte takes the full step.
func prescanDepth(data []byte) (Position, bool) {
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
			} else {
				// The rest of the quoted text up to a quote, a backslash or
				// the end of the line.
				j := skipWhile(data, i+1, &prescanInDouble)
				col += j - i - 1
				i = j - 1
			}
			continue
		case inSingle:
			if c == '\'' {
				inSingle = false
			} else {
				j := skipWhile(data, i+1, &prescanInSingle)
				col += j - i - 1
				i = j - 1
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' {
			// Spaces change only the column: a run of them is one step.
			j := i + 1
			for j < len(data) && data[j] == ' ' {
				j++
			}
			col += j - i - 1
			i = j - 1
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
		if !inDouble && !inSingle {
			// The ordinary bytes that follow c: each would only move the
			// column and become prevSig. None starts a block (that needs
			// a space before it), changes the depth or opens a quote, so
			// the depth check above need not run again for them.
			j := skipWhile(data, i+1, &prescanOrdinary)
			if j > i+1 {
				col += j - i - 1
				prevSig = data[j-1]
				i = j - 1
			}
		}
	}
	return Position{}, true
}

// skipWhile returns the first index from i whose byte is not in set.
func skipWhile(data []byte, i int, set *[256]bool) int {
	for i < len(data) && set[data[i]] {
		i++
	}
	return i
}

// The byte classes prescanDepth skips runs of: ordinary bytes outside
// quotes (all but line breaks, spaces, comments' '#', brackets and
// quotes), and the bytes inside double and single quotes that neither end
// the quoted text nor the line.
var prescanOrdinary, prescanInDouble, prescanInSingle = func() (ord, dbl, sgl [256]bool) {
	for c := range 256 {
		ord[c], dbl[c], sgl[c] = true, true, true
	}
	for _, c := range []byte("\n \t\r#[]{}\"'") {
		ord[c] = false
	}
	for _, c := range []byte("\n\"\\") {
		dbl[c] = false
	}
	for _, c := range []byte("\n'") {
		sgl[c] = false
	}
	return
}()

// prescanKeys finds the first key that makes one mapping hold more than
// maxMappingKeys keys, in one linear pass over goccy's tokens, before its
// parser sees them. A block mapping is the keys at one column under the
// same parent: a key or "- " further left closes the mappings to its right.
// A flow mapping is the keys between its braces. Like prescanDepth it is
// approximate: it only has to tell a design from a file built to be slow.
func prescanKeys(tokens token.Tokens) (Position, bool) {
	type open struct{ col, keys int }
	var block []open
	var flow []int // keys of each open flow collection; -1 for a sequence
	var prev *token.Token
	closeRight := func(col int) {
		for len(block) > 0 && block[len(block)-1].col > col {
			block = block[:len(block)-1]
		}
	}
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		switch tk.Type {
		case token.CommentType, token.SpaceType:
			continue
		case token.MappingStartType:
			flow = append(flow, 0)
		case token.SequenceStartType:
			flow = append(flow, -1)
		case token.MappingEndType, token.SequenceEndType:
			if len(flow) > 0 {
				flow = flow[:len(flow)-1]
			}
		case token.SequenceEntryType:
			if len(flow) == 0 {
				closeRight(tk.Position.Column)
			}
		case token.MappingValueType:
			keys := 0
			switch {
			case len(flow) > 0:
				if flow[len(flow)-1] >= 0 {
					flow[len(flow)-1]++
					keys = flow[len(flow)-1]
				}
			case prev != nil && prev.Position != nil:
				col := prev.Position.Column
				closeRight(col)
				if len(block) == 0 || block[len(block)-1].col < col {
					block = append(block, open{col: col})
				}
				block[len(block)-1].keys++
				keys = block[len(block)-1].keys
			}
			if keys > maxMappingKeys {
				return posOf(prev), false
			}
		}
		prev = tk
	}
	return Position{}, true
}

func sizeError(file string, size, limit int) *LoadError {
	return &LoadError{
		File:    file,
		Message: fmt.Sprintf("file is %.1f MiB, over the %s limit for design files", float64(size)/(1<<20), mib(limit)),
		Hint:    "split the design into several files, or raise the limit with VPCSMITH_MAX_FILE_SIZE=64MiB if you trust the file",
	}
}

func mib(n int) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
