package motogaps

import "testing"

// TestParseTGWRoutes: an active static route names its attachment; a
// blackhole and a route without attachment name none.
func TestParseTGWRoutes(t *testing.T) {
	got, err := parseTGWRoutes([]byte(`{"ec2": {"TransitGatewayRouteTable": [{"id": "tgw-rtb-1", "routes": {
		"0.0.0.0/0": {"state": "active", "type": "static", "transitGatewayAttachments": {"resourceId": "vpc-1", "transitGatewayAttachmentId": "tgw-attach-1"}},
		"10.9.0.0/16": {"state": "blackhole", "type": "static"},
		"10.8.0.0/16": {"state": "active", "type": "static"}}}], "VPC": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got["tgw-rtb-1"]) != 1 || got["tgw-rtb-1"]["0.0.0.0/0"] != "tgw-attach-1" {
		t.Errorf("routes %v", got)
	}
	if _, err := parseTGWRoutes([]byte(`{"ec2": [`)); err == nil {
		t.Error("a broken dump parsed")
	}
}

func TestClampBody(t *testing.T) {
	in := `<a><availableIpAddressCount>251</availableIpAddressCount><availableIpAddressCount>18446744073709551611</availableIpAddressCount><state>{'State': 'associated'}</state></a>`
	want := `<a><availableIpAddressCount>251</availableIpAddressCount><availableIpAddressCount>0</availableIpAddressCount><state>associated</state></a>`
	if got := string(clampBody([]byte(in))); got != want {
		t.Errorf("got %s", got)
	}
}
