package importer

import (
	"strings"
	"testing"
)

// TestPublishedDeploy deploys each published layout into its own moto and
// checks that the normalised EC2 state holds what the templates declare:
// the routes of each subnet's table, network ACL entries, endpoints on
// their tables, transit gateway route tables with their associations and
// routes, and the flow log's traffic type. A deploy helper that skipped a
// step moto leaves out (associations, ACLs, TGW tables) or a normaliser
// that misnamed a target fails here.
func TestPublishedDeploy(t *testing.T) {
	want := map[string][]fact{
		"quickstart-4az": {
			{n: 12, frag: []string{" subnet ", ": az "}},
			// 4 public subnets to the internet gateway, 8 private to the NAT in their AZ.
			{n: 4, frag: []string{"route 0.0.0.0/0 -> internet gateway"}},
			{n: 8, frag: []string{"route 0.0.0.0/0 -> nat in "}},
			{n: 2, frag: []string{"route 0.0.0.0/0 -> nat in 10.0.128.0/20"}},
			{n: 1, frag: []string{"subnet 10.0.216.0/21: route 0.0.0.0/0 -> nat in 10.0.176.0/20"}},
			// The S3 endpoint is on the 8 private tables, not on the public one.
			{n: 8, frag: []string{" subnet ", "gateway endpoint s3"}},
			{n: 0, frag: []string{"subnet 10.0.128.0/20: gateway endpoint"}},
			// The B subnets have their own ACL (allow all, rule 100, both ways); the others the default one.
			{n: 8, frag: []string{"default network acl"}},
			{n: 4, frag: []string{"/21: nacl in 100 allow proto -1 0.0.0.0/0"}},
			{n: 0, frag: []string{"/21: default network acl"}},
		},
		"tgw-inspection": {
			{n: 1, frag: []string{"tgw(11.0.0.0/16,12.0.0.0/16,172.32.0.0/16,172.33.0.0/16): default association disable, default propagation disable"}},
			{n: 4, frag: []string{": attachment vpc "}},
			// Two tables, no default one: the spokes and egress use the main table, the inspection VPC the firewall table.
			{n: 0, frag: []string{"default route table"}},
			{n: 1, frag: []string{"table(vpc 11.0.0.0/16,vpc 172.32.0.0/16,vpc 172.33.0.0/16): route 0.0.0.0/0 -> "}},
			{n: 3, frag: []string{"table(vpc 12.0.0.0/16): route "}},
			{n: 1, frag: []string{"table(vpc 12.0.0.0/16): route 172.33.0.0/16 -> "}},
			{n: 0, frag: []string{": propagation from "}},
			// Spoke subnets send everything to the TGW; the egress VPC sends the spokes' /15 back.
			{n: 1, frag: []string{"subnet 172.32.1.0/24: route 0.0.0.0/0 -> tgw("}},
			{n: 2, frag: []string{"vpc 11.0.0.0/16 subnet", "route 172.32.0.0/15 -> tgw("}},
			{n: 1, frag: []string{"subnet 11.0.3.0/24: route 0.0.0.0/0 -> nat in 11.0.0.0/24"}},
			{n: 2, frag: []string{"security group {in tcp 22-22 0.0.0.0/0; out tcp 0-65535 0.0.0.0/0}"}},
			{n: 1, frag: []string{"flow log on vpc traffic ALL"}},
		},
		"peering-private": {
			{n: 4, frag: []string{"-> peering 10.0.0.0/16<->10.1.0.0/16"}},
			{n: 2, frag: []string{"subnet 10.0.", "route 10.1.0.0/16 -> peering"}},
			{n: 0, frag: []string{"subnet 10.0.0.0/24: route 10.1.0.0/16"}},
			{n: 0, frag: []string{"subnet 10.1.1.0/24: route 10.0.0.0/16"}},
			{n: 1, frag: []string{"vpc 10.0.0.0/16: security group {in -1 10.1.0.0/16; out -1 0.0.0.0/0}"}},
			// The public subnets' ACL: HTTP in and all out (entries 100), besides the default denies.
			{n: 2, frag: []string{"subnet 10.1.0.0/24: nacl ", " 100 allow"}},
		},
		"widdix-3az-nacl": {
			{n: 6, frag: []string{": nacl in 99 allow proto -1 0.0.0.0/0"}},
			{n: 6, frag: []string{": nacl out 99 allow proto -1 0.0.0.0/0"}},
			{n: 0, frag: []string{"default network acl"}},
			{n: 3, frag: []string{"route 0.0.0.0/0 -> internet gateway"}},
			{n: 6, frag: []string{"route 10.0.0.0/16 -> local"}},
		},
		"quickstart-gateway-endpoint": {
			{n: 2, frag: []string{" subnet ", "gateway endpoint s3"}},
			{n: 0, frag: []string{"subnet 10.0.128.0/20: gateway endpoint"}},
			{n: 1, frag: []string{"vpc 10.0.0.0/16: gateway endpoint s3"}},
		},
		"widdix-reject-flow-log": {
			{n: 1, frag: []string{"vpc 10.0.0.0/16: flow log on vpc traffic REJECT to cloud-watch-logs"}},
			{n: 4, frag: []string{": nacl in 99 allow"}},
		},
	}
	for _, l := range publishedLayouts {
		t.Run(l.name, func(t *testing.T) {
			e := newMotoEnv(t)
			st := e.state(l.build(e)...)
			facts, ok := want[l.name]
			if !ok {
				t.Fatalf("no expectations for %s", l.name)
			}
			for _, f := range facts {
				if got := st.Grep(f.frag...); len(got) != f.n {
					t.Errorf("%d lines with %q, want %d:\n  %s", len(got), f.frag, f.n, strings.Join(got, "\n  "))
				}
			}
			if t.Failed() {
				t.Logf("state:\n%s", st)
			}
		})
	}
}

// fact: n lines of the state contain every fragment.
type fact struct {
	n    int
	frag []string
}
