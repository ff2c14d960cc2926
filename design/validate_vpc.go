package design

import (
	"regexp"
	"strings"

	"github.com/vpcsmith/vpcsmith/internal/suggest"
)

func init() {
	checks = append(checks, checkAZs, checkTiers, checkNAT, checkEndpoints, checkWorkloads, checkTraffic)
}

// maxAZsPerRegion: no AWS region has more than six AZs.
const maxAZsPerRegion = 6

var regionPattern = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$`)

func checkAZs(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		path := vpcPath(vpc)
		if vl.Region == "" {
			v.add(Error, "missing-field", path, vpc.Pos(""), "VPC %s has no region: set `region` on the VPC or at the top of the design", vpc.Name)
		} else if !regionPattern.MatchString(vl.Region) {
			v.add(Warning, "region-unknown", path, vpc.Pos("region"), "%q does not look like an AWS region name (such as us-east-1)", vl.Region)
		}
		switch {
		case vpc.AZs.Names == nil && vpc.AZs.Count == 0:
			v.add(Error, "azs-invalid", path, vpc.Pos("azs"), "VPC %s has no AZs: set `azs` to a count (2, 3) or a list of AZ names", vpc.Name)
		case vpc.AZs.Names == nil && (vpc.AZs.Count < 0 || vpc.AZs.Count > maxAZsPerRegion):
			v.add(Error, "azs-invalid", path, vpc.Pos("azs"), "VPC %s asks for %d AZs; regions have 1 to %d", vpc.Name, vpc.AZs.Count, maxAZsPerRegion)
		case vpc.AZs.Names != nil && len(vpc.AZs.Names) == 0:
			v.add(Error, "azs-invalid", path, vpc.Pos("azs"), "VPC %s has an empty AZ list", vpc.Name)
		}
		seen := map[string]bool{}
		for _, az := range vpc.AZs.Names {
			if seen[az] {
				v.add(Error, "duplicate-name", path, vpc.Pos("azs"), "AZ %s is listed twice in VPC %s", az, vpc.Name)
			}
			seen[az] = true
			if !azInRegion(az, vl.Region) {
				v.add(Error, "az-unknown", path, vpc.Pos("azs"), "AZ %q is not an AZ of region %s (AZ names are the region followed by a letter, such as %sa)", az, vl.Region, vl.Region)
			}
		}
		if len(vl.AZs) == 1 {
			v.add(Warning, "single-az", path, vpc.Pos("azs"), "VPC %s uses one AZ: an AZ outage takes everything down, and ALBs and RDS need two", vpc.Name)
		}
	}
}

func azInRegion(az, region string) bool {
	suffix, ok := strings.CutPrefix(az, region)
	return ok && len(suffix) == 1 && suffix[0] >= 'a' && suffix[0] <= 'z'
}

func checkTiers(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		vpcAZ := map[string]bool{}
		for _, az := range vl.AZs {
			vpcAZ[az] = true
		}
		if len(vpc.Tiers) == 0 {
			v.add(Warning, "no-tiers", vpcPath(vpc), vpc.Pos(""), "VPC %s has no tiers, so no subnets", vpc.Name)
		}
		for ti := range vl.Tiers {
			tl := &vl.Tiers[ti]
			t := tl.Tier
			path := tierPath(vpc, t)
			if t.Kind == "" {
				v.add(Error, "missing-field", path, t.Pos(""), "tier %s has no kind: use public, private or isolated", t.Name)
			}
			covered := map[string]bool{}
			for _, az := range tl.AZs {
				if !vpcAZ[az] {
					v.add(Error, "az-unknown", path, t.Pos("azs"), "tier %s covers AZ %s, which VPC %s does not use (%s)", t.Name, az, vpc.Name, strings.Join(vl.AZs, ", "))
				}
				covered[az] = true
			}
			if t.AZs != nil && len(tl.AZs) < len(vl.AZs) {
				var missing []string
				for _, az := range vl.AZs {
					if !covered[az] {
						missing = append(missing, az)
					}
				}
				v.add(Warning, "az-coverage", path, t.Pos("azs"), "tier %s covers %d of VPC %s's %d AZs (not %s): resources there lose their tier in an outage of the others", t.Name, len(tl.AZs), vpc.Name, len(vl.AZs), strings.Join(missing, ", "))
			}
			perAZ := map[string]int{}
			for _, s := range tl.Subnets {
				perAZ[s.AZ]++
				if s.Explicit >= 0 && !covered[s.AZ] && vpcAZ[s.AZ] {
					v.add(Error, "az-unknown", path+".subnets."+s.AZ, t.Subnets[s.Explicit].Pos("az"), "tier %s has a subnet in %s, which its `azs` do not include", t.Name, s.AZ)
				} else if s.Explicit >= 0 && !vpcAZ[s.AZ] {
					v.add(Error, "az-unknown", path+".subnets."+s.AZ, t.Subnets[s.Explicit].Pos("az"), "tier %s has a subnet in %q, which is not an AZ of VPC %s (%s)", t.Name, s.AZ, vpc.Name, strings.Join(vl.AZs, ", "))
				}
			}
			for _, az := range tl.AZs {
				switch {
				case perAZ[az] > 1:
					v.add(Warning, "tier-duplicate-az", path, t.Pos("subnets"), "tier %s has %d subnets in %s; a tier has one subnet per AZ", t.Name, perAZ[az], az)
				case perAZ[az] == 0 && t.Prefix == 0 && t.IPv6 != TierIPv6Only: // IPv6-only tiers carve /64s without one
					v.add(Error, "tier-needs-prefix", path, t.Pos(""), "tier %s has no subnet in %s and no prefix to carve one: add `prefix` or a subnet", t.Name, az)
				}
			}
		}
	}
}

// natAZs returns, for a VPC, the AZs where private tiers have subnets and
// those where public tiers do.
func natAZs(vl *VPCLayout) (private, public []string) {
	// Private tiers that use NAT (an IPv6-only tier without DNS64 leaves
	// through the egress-only gateway) and public tiers with IPv4 (a NAT
	// gateway needs a public IPv4 subnet).
	has := func(want func(*Tier) bool) map[string]bool {
		m := map[string]bool{}
		for ti := range vl.Tiers {
			if want(vl.Tiers[ti].Tier) {
				for _, s := range vl.Tiers[ti].Subnets {
					m[s.AZ] = true
				}
			}
		}
		return m
	}
	priv := has((*Tier).UsesNAT)
	pub := has(func(t *Tier) bool { return t.Kind == TierPublic && t.HasIPv4() })
	for _, az := range vl.AZs {
		if priv[az] {
			private = append(private, az)
		}
		if pub[az] {
			public = append(public, az)
		}
	}
	return private, public
}

// NATPlacement returns the AZs that get a NAT gateway under the VPC's NAT
// mode: per-az puts one in every AZ with a private subnet (that also has a
// public subnet to hold it); single puts one in the first AZ with a public
// subnet, preferring one that also has private subnets.
func NATPlacement(vl *VPCLayout) []string {
	private, public := natAZs(vl)
	isPublic := map[string]bool{}
	for _, az := range public {
		isPublic[az] = true
	}
	switch vl.VPC.NAT {
	case NATPerAZ:
		var out []string
		for _, az := range private {
			if isPublic[az] {
				out = append(out, az)
			}
		}
		return out
	case NATSingle:
		for _, az := range private {
			if isPublic[az] {
				return []string{az}
			}
		}
		if len(public) > 0 {
			return public[:1]
		}
	}
	return nil
}

func checkNAT(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		path := vpcPath(vpc)
		private, public := natAZs(vl)
		isPublic := map[string]bool{}
		for _, az := range public {
			isPublic[az] = true
		}
		switch vpc.NAT {
		case NATPerAZ:
			for _, az := range private {
				if !isPublic[az] {
					v.add(Error, "nat-needs-public", path, vpc.Pos("nat"), "VPC %s wants a NAT gateway in %s, but it has no public subnet there to hold it: add a public tier covering %s", vpc.Name, az, az)
				}
			}
		case NATSingle:
			if len(public) == 0 {
				v.add(Error, "nat-needs-public", path, vpc.Pos("nat"), "VPC %s wants a NAT gateway but has no public subnet to hold it: add a public tier", vpc.Name)
			} else if len(private) > 1 {
				v.add(Warning, "nat-single", path, vpc.Pos("nat"), "one NAT gateway serves private subnets in %d AZs of VPC %s: traffic from the other AZs pays cross-AZ charges and loses the internet if that AZ fails; where that matters, set `nat: per-az` (a NAT gateway in each AZ)", len(private), vpc.Name)
			}
		}
		if vpc.NAT != NATNone && vpc.NAT != "" && len(private) == 0 {
			v.add(Warning, "nat-unused", path, vpc.Pos("nat"), "VPC %s pays for NAT (%s) but has no private tier to use it", vpc.Name, vpc.NAT)
		}
		if (vpc.NAT == NATNone || vpc.NAT == "") && len(private) > 0 {
			for ti := range vpc.Tiers {
				if t := &vpc.Tiers[ti]; t.UsesNAT() {
					v.add(Warning, "private-no-egress", tierPath(vpc, t), t.Pos("kind"), "tier %s is private but VPC %s has `nat: none`, so it has no route to the internet: set nat, or make the tier isolated", t.Name, vpc.Name)
				}
			}
		}
	}
}

var endpointPattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

func checkEndpoints(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		path := vpcPath(vpc)
		seen := map[string]bool{}
		interfaces := 0
		for _, e := range vpc.Endpoints {
			if seen[e] {
				v.add(Warning, "duplicate-name", path, vpc.Pos("endpoints"), "endpoint %s is listed twice in VPC %s", e, vpc.Name)
			}
			seen[e] = true
			if !endpointPattern.MatchString(e) {
				v.add(Error, "endpoint-invalid", path, vpc.Pos("endpoints"), "%q is not an AWS service name for an endpoint (such as s3, sqs, ecr.api)", e)
			}
			if !IsGatewayEndpoint(e) {
				interfaces++
			}
		}
		if interfaces > 0 && !hasTierKind(vpc, TierPrivate, TierIsolated) {
			v.add(Warning, "endpoint-no-subnet", path, vpc.Pos("endpoints"), "VPC %s has interface endpoints but no private or isolated tier to place them in", vpc.Name)
		}
		if interfaces > 50 {
			v.add(Warning, "quota-interface-endpoints", path, vpc.Pos("endpoints"), "VPC %s has %d interface endpoints; the default quota is 50 per VPC", vpc.Name, interfaces)
		}
	}
}

func hasTierKind(vpc *VPC, kinds ...TierKind) bool {
	for ti := range vpc.Tiers {
		for _, k := range kinds {
			if vpc.Tiers[ti].Kind == k {
				return true
			}
		}
	}
	return false
}

func checkWorkloads(v *validator) {
	for i := range v.l.VPCs {
		vl := &v.l.VPCs[i]
		vpc := vl.VPC
		for wi := range vpc.Workloads {
			w := &vpc.Workloads[wi]
			path := vpcPath(vpc) + ".workloads." + nameOrIndex(w.Name)
			t := vpc.FindTier(w.Tier)
			if w.Kind == "" {
				v.add(Error, "missing-field", path, w.Pos("kind"), "workload %s has no kind: use %s", w.Name, oneOf(WorkloadKinds))
			}
			if w.Tier == "" {
				v.add(Warning, "missing-field", path, w.Pos(""), "workload %s names no tier", w.Name)
			} else if t == nil {
				v.add(Error, "unknown-reference", path, w.Pos("tier"), "workload %s is in tier %q, which VPC %s does not have%s", w.Name, w.Tier, vpc.Name, didYouMean(w.Tier, tierNames(vpc)))
			}
			if w.SecurityGroup != "" {
				g := vpc.FindSecurityGroup(w.SecurityGroup)
				if g == nil {
					v.add(Error, "unknown-reference", path, w.Pos("security_group"), "workload %s uses security group %q, which VPC %s does not have%s", w.Name, w.SecurityGroup, vpc.Name, didYouMean(w.SecurityGroup, sgNames(vpc)))
				} else if g.Tier != "" && w.Tier != "" && g.Tier != w.Tier {
					v.add(Warning, "workload-tier-mismatch", path, w.Pos("security_group"), "workload %s is in tier %s but its security group %s is for tier %s", w.Name, w.Tier, g.Name, g.Tier)
				}
			}
			if t == nil {
				continue
			}
			tl := &vl.Tiers[tierIndex(vpc, t)]
			azs := map[string]bool{}
			for _, s := range tl.Subnets {
				azs[s.AZ] = true
			}
			switch w.Kind {
			case "alb":
				if len(azs) < 2 {
					v.add(Error, "alb-needs-two-azs", path, w.Pos("tier"), "ALB %s needs subnets in at least 2 AZs; tier %s has %d", w.Name, t.Name, len(azs))
				}
			case "rds":
				if len(azs) < 2 {
					v.add(Error, "rds-needs-two-azs", path, w.Pos("tier"), "RDS %s needs a DB subnet group covering at least 2 AZs; tier %s has %d", w.Name, t.Name, len(azs))
				}
				if t.Kind == TierPublic {
					v.add(Warning, "database-public", path, w.Pos("tier"), "database %s sits in public tier %s; put databases in an isolated tier", w.Name, t.Name)
				}
			case "elasticache":
				if t.Kind == TierPublic {
					v.add(Warning, "database-public", path, w.Pos("tier"), "cache %s sits in public tier %s; put it in a private or isolated tier", w.Name, t.Name)
				}
			}
		}
	}
}

func tierIndex(vpc *VPC, t *Tier) int {
	for i := range vpc.Tiers {
		if &vpc.Tiers[i] == t {
			return i
		}
	}
	return -1
}

func tierNames(vpc *VPC) []string {
	out := make([]string, len(vpc.Tiers))
	for i := range vpc.Tiers {
		out[i] = vpc.Tiers[i].Name
	}
	return out
}

func sgNames(vpc *VPC) []string {
	out := make([]string, len(vpc.SecurityGroups))
	for i := range vpc.SecurityGroups {
		out[i] = vpc.SecurityGroups[i].Name
	}
	return out
}

// didYouMean renders a suggestion as a message suffix, or "".
func didYouMean(got string, candidates []string) string { return suggest.Suffix(got, candidates) }
