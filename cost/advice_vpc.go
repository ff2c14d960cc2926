package cost

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// vpcAdvice computes the advice that changes one VPC alone.
func (a *adviser) vpcAdvice(i int) {
	f := &a.e.facts[i]
	if f.rp == nil {
		return
	}
	v := a.d.VPCs[i]
	var before *sums
	current := func() sums {
		if before == nil {
			s := a.estimateVPC(i, &v)
			before = &s
		}
		return *before
	}
	changed := func(w design.VPC) sums { return a.estimateVPC(i, &w) }

	if f.s3ViaNAT {
		w := v
		w.Endpoints = append(append([]string(nil), v.Endpoints...), "s3", "dynamodb")
		a.add(Advice{Kind: AdviceGatewayEndpoints, VPC: v.Name, apply: withVPC(i, w), Message: a.msg(
			"Add S3 and DynamoDB gateway endpoints to %s: they are free, and its %s GB/month of S3/DynamoDB traffic would stop paying NAT processing%s",
			v.Name, FormatQuantity(f.traffic.S3GB), crossAZNote(f))}, current(), changed(w))
	}

	if f.privateAZs >= 2 {
		switch v.NAT {
		case design.NATPerAZ:
			w := v
			w.NAT = design.NATSingle
			a.add(Advice{Kind: AdviceSingleNAT, VPC: v.Name, apply: withVPC(i, w), Message: a.msg(
				"One NAT gateway in %s instead of one per AZ (%d): fewer gateways and addresses, but traffic from %d of %d AZs then crosses AZs to reach it, and an outage of its AZ cuts internet access for every AZ",
				v.Name, f.nats, f.privateAZs-1, f.privateAZs)}, current(), changed(w))
		case design.NATSingle:
			w := v
			w.NAT = design.NATPerAZ
			a.add(Advice{Kind: AdviceNATPerAZ, VPC: v.Name, apply: withVPC(i, w), Message: a.msg(
				"One NAT gateway per AZ in %s (%d) instead of one: more gateways and addresses, but no cross-AZ charges on NAT traffic, and an AZ outage no longer cuts the other AZs' internet access",
				v.Name, f.privateAZs)}, current(), changed(w))
		}
	}

	if f.nats > 0 {
		for _, s := range f.interfaces {
			a.breakEven(i, f, v, s, current(), changed)
		}
	}
}

// breakEven is the monthly GB of a service's traffic above which its
// interface endpoint costs less than sending that traffic through NAT. The
// endpoint's fixed cost is what estimating the VPC without it saves; the
// per-GB saving is what the estimate charges a NAT-bound GB (NAT processing,
// plus the cross-AZ share behind a shared NAT) minus the endpoint's
// per-GB rate at the region's current volume.
func (a *adviser) breakEven(i int, f *vpcFacts, v design.VPC, service string, before sums, changed func(design.VPC) sums) {
	w := v
	w.Endpoints = withoutString(v.Endpoints, service)
	after := changed(w)
	fixed, _ := compare(after, before) // what the endpoint costs a month
	natPerGB := float64(f.rp.NATGatewayGB.Rate)
	if f.nats < f.privateAZs {
		natPerGB += float64(2*f.rp.InterAZGB.Rate) * float64(f.privateAZs-f.nats) / float64(f.privateAZs)
	}
	endpointPerGB := f.rp.InterfaceEndpointGB.marginal(a.e.endpointGB[f.region])
	saving := natPerGB - float64(endpointPerGB)
	adv := Advice{Kind: AdviceEndpointBreakEven, VPC: v.Name, apply: withVPC(i, w)}
	if saving <= 0 {
		adv.Message = a.msg("Interface endpoint %s in %s costs %s/month; its data rate (%s/GB) is no lower than NAT's here, so it never pays for itself on cost (it may still be worth it for privacy)",
			service, v.Name, fixed, endpointPerGB)
	} else {
		gb := float64(fixed) * microPerCent / saving
		gb = float64(int64(gb*100+0.5)) / 100
		adv.BreakEvenGB = &gb
		adv.Message = a.msg("Interface endpoint %s in %s (%s) costs %s/month in hours; it pays for itself above %s GB/month of %s traffic that would otherwise go through NAT (saving %s/GB: NAT %s vs endpoint %s). The difference shown is removing it",
			service, v.Name, plural(len(f.azs), "AZ", "AZs"), fixed, FormatQuantity(gb), service,
			Rate(saving+0.5), Rate(natPerGB+0.5), endpointPerGB)
	}
	a.add(adv, before, after)
}

func crossAZNote(f *vpcFacts) string {
	if f.natCrossAZGB > 0 {
		return ", nor cross AZs to reach the NAT gateway"
	}
	return ""
}

// msg formats advice text; advice is only computed when describing.
func (a *adviser) msg(format string, args ...any) string { return fmt.Sprintf(format, args...) }
