package cloudformation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// Length limits of the text CloudFormation and EC2 accept.
const (
	maxTagValue       = 256 // EC2 tag values, in characters
	maxAWSDescription = 255 // GroupDescription and rule descriptions
	// The template's Description, in bytes: CloudFormation takes 1024, but
	// cfn-lint (I1003) calls anything over 90 % of that approaching the
	// limit, and the tests want no finding at all.
	maxTemplateDescription = 921
)

// cleanText makes design text safe to carry into a template: invalid UTF-8
// becomes U+FFFD, whitespace runs (newlines, tabs) become one space, and
// control, format and bidi characters are dropped, since they would hide
// what a name says in the console. "${" becomes "$ {": CloudFormation
// reads ${...} as a variable in some places, and cfn-lint flags it
// everywhere else.
func cleanText(s string) string {
	s = cleanRunes(s)
	if strings.Contains(s, "${") {
		s = strings.ReplaceAll(s, "${", "$ {")
	}
	return s
}

// cleanRunes drops what termtext.Allowed refuses, turns white space (line
// breaks and separators among it) into spaces and collapses their runs.
func cleanRunes(s string) string {
	return strings.Join(strings.Fields(termtext.Line(s)), " ")
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// truncateBytes cuts s to at most n bytes without splitting a character.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tagValue is a Name tag's value after the prefix: the design's text,
// cleaned and cut so that the longest prefix and it fit EC2's limit.
func tagValue(s string) string { return truncateRunes(cleanText(s), maxTagValue-maxTagPrefix) }

// elbTagValue is tagValue for a load balancer or a target group, whose tag
// values Elastic Load Balancing restricts to letters, numbers, spaces and
// _.:/=+-@ (cfn-lint E3031): other characters are dropped, or the stack
// would fail to create.
func elbTagValue(s string) string {
	return truncateRunes(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsSpace(r) || strings.ContainsRune("_.:/=+-@", r) {
			return r
		}
		return -1
	}, cleanText(s)), maxTagValue-maxTagPrefix)
}

// awsDescription fits text into what EC2 allows in a security group's
// GroupDescription and a rule's Description: ASCII letters, digits, space
// and ._-:/()#,@[]+=&;{}!$*, at most 255 characters. Other characters are
// dropped, and runs of spaces become one.
func awsDescription(s string) string {
	var b strings.Builder
	space := false
	for _, r := range cleanText(s) {
		if !descriptionChar(r) {
			continue
		}
		if r == ' ' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return truncateRunes(b.String(), maxAWSDescription)
}

func descriptionChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune(" ._-:/()#,@[]+=&;{}!$*", r)
}
