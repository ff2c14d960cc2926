package testtools

import (
	"net/url"
	"testing"
)

// TestMotoIsolation: two MotoServer calls give two servers that share no
// state, so that tests using one each (the importer's, the CLI's, the
// exporter's deploy test) cannot see what another left, whatever their
// order, their parallelism or -count. A shared server made the suite flaky:
// InvalidPermission.Duplicate, AlreadyExistsException (issue 19).
func TestMotoIsolation(t *testing.T) {
	t.Parallel()
	a, b := MotoServer(t), MotoServer(t)
	if a == b {
		t.Fatalf("both servers at %s", a)
	}
	ec2Call(t, a, url.Values{"Action": {"CreateVpc"}, "CidrBlock": {"10.9.0.0/16"}})
	if n := len(vpcs(t, a).Vpcs); n != 2 {
		t.Fatalf("after CreateVpc in the first server: %d VPCs, want 2", n)
	}
	if got := vpcs(t, b); len(got.Vpcs) != 1 || !got.Vpcs[0].IsDefault {
		t.Fatalf("the second server sees the first one's VPC: %+v", got)
	}
}
