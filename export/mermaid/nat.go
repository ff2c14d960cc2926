package mermaid

import (
	"slices"

	"github.com/vpcsmith/vpcsmith/design"
)

// natPlacement says where a VPC's NAT gateways are: for each AZ index that
// has one, the tier and subnet index of the public subnet holding it (the
// first public tier's). Which AZs get one is design.NATPlacement's answer,
// shared with the cost estimate and the CloudFormation export so that the
// diagram, the bill and the template agree.
func natPlacement(vl *design.VPCLayout, azs []string) map[int][2]int {
	out := map[int][2]int{}
	for _, az := range design.NATPlacement(vl) {
		ai := slices.Index(azs, az)
		if ai < 0 {
			continue
		}
		for ti, tl := range vl.Tiers {
			if tl.Tier.Kind != design.TierPublic {
				continue
			}
			if si := subnetIndex(&tl, az); si >= 0 {
				out[ai] = [2]int{ti, si}
				break
			}
		}
	}
	return out
}

// subnetIndex is the index of the tier's first subnet in az, or -1.
func subnetIndex(tl *design.TierLayout, az string) int {
	for si, s := range tl.Subnets {
		if s.AZ == az {
			return si
		}
	}
	return -1
}

// natFor returns the id of the NAT gateway a private subnet in AZ index ai
// routes through: its own AZ's, else the first one (the single NAT, or a
// cross-AZ route the validator warns about).
func natFor(v int, ai int, nats map[int][2]int, azCount int) (string, bool) {
	if _, ok := nats[ai]; ok {
		return id(pNAT, v, ai), true
	}
	for a := range azCount {
		if _, ok := nats[a]; ok {
			return id(pNAT, v, a), true
		}
	}
	return "", false
}
