package cloudformation

import "strings"

// The two parameters every template has, so that one export deploys as
// several environments (a platform team's dev, staging and prod stacks of
// one design) without hand edits. Their defaults deploy the design exactly:
// no parameter needs a value.
const (
	// environmentParam is the value of the Environment tag on every tagged
	// resource; it defaults to the design's name.
	environmentParam = "EnvironmentName"
	// tagPrefixParam is prepended to every Name tag. It defaults to empty,
	// so the deployed Name tags are the design's names, which is what
	// `vpcsmith import` and `diff --live` match the deployed network by.
	tagPrefixParam = "TagPrefix"
)

// Bounds of the two parameters' values. tagValue cuts a design name to
// maxTagValue-maxTagPrefix characters so that prefix and name together
// stay within EC2's 256.
const (
	maxEnvironmentName = 64
	maxTagPrefix       = 32
	// defaultEnvironment is the Environment of a design without a usable
	// name.
	defaultEnvironment = "vpcsmith"
)

// tagParamPattern admits only what every service's tag values accept
// (Elastic Load Balancing's and IAM's are the narrowest: letters, digits,
// space and _.:/=+-@), written in ASCII because CloudFormation (Java) and
// cfn-lint (Python) read \p classes differently.
const tagParamPattern = "^[A-Za-z0-9 _.:/=+@-]*$"

// emitTagParams adds the two parameters. It runs first, so their ids are
// exactly environmentParam and tagPrefixParam (an id a design name camel-
// cases to gets a suffix instead) and they lead the Parameters section.
func (b *builder) emitTagParams() {
	b.param(b.ids.make(environmentParam), object{
		{"Type", "String"},
		{"Default", environmentDefault(b.d.Name)},
		{"AllowedPattern", tagParamPattern},
		{"MaxLength", maxEnvironmentName},
		{"ConstraintDescription", "letters, digits, spaces and _.:/=+-@, at most 64 characters"},
		{"Description", "Value of the Environment tag on every tagged resource (default: the design's name)"},
	})
	b.param(b.ids.make(tagPrefixParam), object{
		{"Type", "String"},
		{"Default", ""},
		{"AllowedPattern", tagParamPattern},
		{"MaxLength", maxTagPrefix},
		{"ConstraintDescription", "letters, digits, spaces and _.:/=+-@, at most 32 characters"},
		{"Description", "Prepended to every Name tag, e.g. 'staging-' (default: none, so the Name tags are the design's names)"},
	})
}

// environmentDefault is the design's name as the Environment parameter's
// default: what tagParamPattern refuses is dropped, and the rest cut to
// maxEnvironmentName.
func environmentDefault(name string) string {
	s := strings.Map(func(r rune) rune {
		if r < 128 && strings.ContainsRune(tagParamChars, r) {
			return r
		}
		return -1
	}, cleanText(name))
	s = strings.TrimSpace(s)
	if len(s) > maxEnvironmentName {
		s = strings.TrimSpace(s[:maxEnvironmentName])
	}
	if s == "" {
		return defaultEnvironment
	}
	return s
}

// tagParamChars are the characters tagParamPattern admits.
const tagParamChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _.:/=+@-"

// taggedName is a Name tag's value: the prefix parameter, then the
// design's name (already cut by tagValue or elbTagValue).
func taggedName(v string) intrinsic { return sub("${" + tagPrefixParam + "}" + v) }

// environmentTag is the Environment tag every tagged resource carries.
func environmentTag() object {
	return object{{"Key", "Environment"}, {"Value", ref(environmentParam)}}
}
