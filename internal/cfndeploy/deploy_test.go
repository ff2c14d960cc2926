package cfndeploy

import (
	"strings"
	"testing"
)

// TestPortedRules: an inline all-protocol rule gets FromPort and ToPort -1
// (moto's CloudFormation fails on an inline rule without FromPort, and then
// calls the group undefined); rules with ports, a TCP rule without them and
// the source template are left as they were.
func TestPortedRules(t *testing.T) {
	src := `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: '-1', CidrIp: 10.1.0.0/16}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.1.0.0/16}
      SecurityGroupEgress:
        - {IpProtocol: '-1', CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, CidrIp: 10.2.0.0/16}
`
	tpl, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := tpl.Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	portedRules(r)
	got := string(r.JSON())
	for _, want := range []string{
		`{"CidrIp":"10.1.0.0/16","FromPort":-1,"IpProtocol":"-1","ToPort":-1}`,
		`{"CidrIp":"10.1.0.0/16","FromPort":443,"IpProtocol":"tcp","ToPort":443}`,
		`{"CidrIp":"0.0.0.0/0","FromPort":-1,"IpProtocol":"-1","ToPort":-1}`,
		// A TCP rule without ports is every port, not -1 (authorize).
		`{"CidrIp":"10.2.0.0/16","IpProtocol":"tcp"}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if strings.Contains(string(tpl.JSON()), "-1,") {
		t.Errorf("the source template changed:\n%s", tpl.JSON())
	}
}
