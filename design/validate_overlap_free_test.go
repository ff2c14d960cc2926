package design

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"
)

// A subnet-overlap finding suggests a free block of the subnet's size (as
// the designer's field check does), or says there is none (issue 15:
// overlap errors suggested no free CIDR).
func TestSubnetOverlapSuggestsFreeBlock(t *testing.T) {
	d := mustParse(t, baseDesign)
	d.VPCs[0].Tiers[2].Subnets[1].CIDR = "10.0.200.128/25"
	l := Resolve(d)
	var msg string
	for _, f := range ValidateLayout(l) {
		if f.Code == "subnet-overlap" {
			msg = f.Message
		}
	}
	m := regexp.MustCompile(`; (\S+) is free$`).FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("subnet-overlap message %q suggests no free block", msg)
	}
	p, err := netip.ParsePrefix(m[1])
	if err != nil || p.Bits() != 25 {
		t.Fatalf("suggested %q, want a /25", m[1])
	}
	vl := &l.VPCs[0]
	if !vl.Primary.Contains(p.Addr()) {
		t.Errorf("suggested %s is outside VPC %s", p, vl.Primary)
	}
	for _, tl := range vl.Tiers {
		for _, s := range tl.Subnets {
			if s.Prefix.IsValid() && s.Prefix.Overlaps(p) {
				t.Errorf("suggested %s overlaps subnet %s", p, s.Prefix)
			}
		}
	}

	// A VPC with no room: the message says so.
	full := mustParse(t, `version: 1
region: us-east-1
vpcs:
  - name: tiny
    cidr: 10.9.0.0/24
    azs: 1
    tiers:
      - name: a
        kind: private
        subnets: [{az: us-east-1a, cidr: 10.9.0.0/24}]
      - name: b
        kind: private
        subnets: [{az: us-east-1a, cidr: 10.9.0.0/25}]
`)
	var got []string
	for _, f := range Validate(full) {
		if f.Code == "subnet-overlap" {
			got = append(got, f.Message)
		}
	}
	if len(got) != 1 || !strings.HasSuffix(got[0], "; VPC tiny has no free /25") {
		t.Errorf("full VPC: %q", got)
	}
}
