package importer

import (
	"strings"
	"unicode"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// maxTextRunes caps a cleaned name or description: AWS tag values hold at
// most 256 characters, so anything longer is not a name a person wrote.
const maxTextRunes = 256

// awsText is what a name or description from AWS keeps: whole escape
// sequences go (not only their introducers, whose parameters would be
// noise in a name), and so do invalid UTF-8 and everything else
// termtext.Allowed refuses; line breaks, tabs and other spaces become
// spaces.
var awsText = termtext.Options{Space: true, Sequences: true, DropInvalid: true}

// cleanText makes a string from AWS (a tag, a group name, a description)
// safe to put in a design and to print: cleaned as awsText says, runs of
// spaces collapsed, the ends trimmed, at most maxTextRunes long.
func cleanText(s string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(termtext.Clean(s, awsText)) {
		if i > 0 {
			if n+1 >= maxTextRunes {
				break // no room for a character after the space
			}
			b.WriteByte(' ')
			n++
		}
		for _, r := range word {
			if n == maxTextRunes {
				return b.String()
			}
			b.WriteRune(r)
			n++
		}
	}
	return b.String()
}

// slug turns cleaned text into a design name: lower case, letters and
// digits kept, every other run of characters one hyphen, at most 63
// characters. Names are keys that rules refer to (`sg:VPC/NAME`), so they
// must not hold separators such as '/' or ':'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range cleanText(s) {
		if n >= 63 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			n++
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-._")
}
