package design

import (
	"fmt"
	"strconv"
	"strings"
)

// LoadError is one problem that stops a design file from loading: bad YAML,
// an unknown key, a wrong type or a bad value. It names the file, the line and
// column, what is wrong and, where one is known, the fix.
type LoadError struct {
	File    string
	Pos     Position
	Message string
	Hint    string // the fix, e.g. `did you mean "cidr"?`; may be empty
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// LoadErrors is every problem found while loading one file, in file order.
// The loader reports them all at once so that one run fixes them all.
type LoadErrors []*LoadError

func (l LoadErrors) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// MaxLoadErrors is how many errors a load lists. A hostile or mangled file
// can hold hundreds of thousands (a 4 MiB file of unknown keys, 729,400):
// listing them all took 5 s and 732 MB and helps no one, so past this many
// they are counted, and the last error says how many were left out.
const MaxLoadErrors = 100

// moreErrors is the last error of a list cut at MaxLoadErrors.
func moreErrors(file string, n int) *LoadError {
	noun := "errors"
	if n == 1 {
		noun = "error"
	}
	return &LoadError{File: file, Message: fmt.Sprintf("… and %s more %s", thousands(n), noun),
		Hint: fmt.Sprintf("only the first %d are listed; fix those and load the file again", MaxLoadErrors)}
}

// thousands writes n with commas between groups of three digits: 729,300.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// oneOf renders candidates as `a, b or c` for messages.
func oneOf[T ~string](candidates []T) string {
	s := make([]string, len(candidates))
	for i, c := range candidates {
		s[i] = string(c)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
