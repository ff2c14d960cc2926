package cfndeploy

import (
	"strings"
	"testing"
)

// TestParseShortTags: short tags become their long form, and unquoted
// dates and numbers keep the text they were written as.
func TestParseShortTags(t *testing.T) {
	tpl, err := Parse([]byte(`AWSTemplateFormatVersion: 2010-09-09
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policy:
        Version: 2012-10-17
      Az: !Select [0, !GetAZs '']
      Bare: !Select
        - 0
        - !GetAZs
      After: kept
      Group: !GetAtt Sg.GroupId
      Name: !Sub '${AWS::StackName}-x'
      Port: 443
      On: true
      Text: |
        two
        lines
`))
	if err != nil {
		t.Fatal(err)
	}
	got := string(tpl.JSON())
	for _, want := range []string{
		`"AWSTemplateFormatVersion":"2010-09-09"`,
		`"Version":"2012-10-17"`,
		`"Az":{"Fn::Select":[0,{"Fn::GetAZs":""}]}`,
		`"Group":{"Fn::GetAtt":["Sg","GroupId"]}`,
		`"Name":{"Fn::Sub":"${AWS::StackName}-x"}`,
		`"Port":443`,
		`"Bare":{"Fn::Select":[0,{"Fn::GetAZs":""}]}`,
		`"After":"kept"`,
		`"On":true`,
		`"Text":"two\nlines\n"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in\n%s", want, got)
		}
	}
}
