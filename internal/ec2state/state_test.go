package ec2state

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Diff says what one network has that the other lacks, each line once with
// its side, in line order; equal networks differ in nothing.
func TestDiff(t *testing.T) {
	a := &State{Lines: []string{"subnet 10.0.0.0/24: 0.0.0.0/0 → igw", "subnet 10.0.1.0/24: 0.0.0.0/0 → nat 10.0.0.0/24", "tgw: default association disable"}}
	b := &State{Lines: []string{"subnet 10.0.0.0/24: 0.0.0.0/0 → igw", "subnet 10.0.1.0/24: 0.0.0.0/0 → nat 10.0.0.0/24", "subnet 10.0.1.0/24: 10.1.0.0/16 → pcx 10.1.0.0/16", "tgw: default association enable"}}
	want := []string{"+ subnet 10.0.1.0/24: 10.1.0.0/16 → pcx 10.1.0.0/16", "- tgw: default association disable", "+ tgw: default association enable"}
	if got := Diff(a, b); !slices.Equal(got, want) {
		t.Errorf("Diff:\n got %q\nwant %q", got, want)
	}
	if got := Diff(a, a); len(got) != 0 {
		t.Errorf("a network differs from itself: %q", got)
	}
	// A fact twice on one side and once on the other is one difference.
	c := &State{Lines: []string{"x", "x"}}
	if got := Diff(c, &State{Lines: []string{"x"}}); !slices.Equal(got, []string{"- x"}) {
		t.Errorf("counted facts: %q", got)
	}
	if got := (&State{Lines: []string{"ab c", "b", "abc"}}).Grep("a", "c"); !slices.Equal(got, []string{"ab c", "abc"}) {
		t.Errorf("Grep: %q", got)
	}
}

// TestNACLEntryPorts: a port range is part of a TCP or UDP entry only; AWS
// ignores one on an all-protocol entry, so it does not tell two ACLs apart.
func TestNACLEntryPorts(t *testing.T) {
	pr := &types.PortRange{From: aws.Int32(0), To: aws.Int32(65535)}
	all := naclEntry(types.NetworkAclEntry{RuleNumber: aws.Int32(100), Protocol: aws.String("-1"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(false), CidrBlock: aws.String("0.0.0.0/0"), PortRange: pr})
	if want := "in 100 allow proto -1 0.0.0.0/0"; all != want {
		t.Errorf("all-protocol entry %q, want %q", all, want)
	}
	tcp := naclEntry(types.NetworkAclEntry{RuleNumber: aws.Int32(100), Protocol: aws.String("6"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(true), CidrBlock: aws.String("10.0.0.0/8"), PortRange: pr})
	if want := "out 100 allow proto 6 10.0.0.0/8 ports 0-65535"; tcp != want {
		t.Errorf("tcp entry %q, want %q", tcp, want)
	}
}

func TestIPv6Local(t *testing.T) {
	block := netip.MustParsePrefix("2400:6500:5b1b::/56")
	for in, want := range map[string]string{
		"2400:6500:5b1b:0000::/56 -> local": "ipv6 block -> local",
		"2400:6500:5b1b::/56 -> local":      "ipv6 block -> local",
		"::/0 -> internet gateway":          "::/0 -> internet gateway",
	} {
		if got := ipv6Local(in, block); got != want {
			t.Errorf("ipv6Local(%q) = %q, want %q", in, got, want)
		}
	}
}
