package cost

import (
	"fmt"
	"math"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// vpcAdvice computes the advice that changes one VPC alone.
func (a *adviser) vpcAdvice(i int) {
	f := &a.e.facts[i]
	if f.rp == nil {
		return
	}
	v := &a.d.VPCs[i]
	before := a.currentVPC(i)
	// changed estimates the VPC with edit applied to a copy of it.
	changed := func(edit func(*design.VPC)) sums {
		w := *v
		edit(&w)
		return a.estimateVPC(i, &w)
	}

	if f.s3ViaNAT {
		a.add(Advice{Kind: AdviceGatewayEndpoints, VPC: v.Name, apply: withVPC(i, addGatewayEndpoints), Message: fmt.Sprintf(
			"Add S3 and DynamoDB gateway endpoints to %s: they are free, and its %s GB/month of S3/DynamoDB traffic would stop paying NAT processing%s",
			v.Name, FormatQuantity(f.traffic.S3GB), crossAZNote(f))}, before, changed(addGatewayEndpoints))
	}

	if f.privateAZs >= 2 {
		switch v.NAT {
		case design.NATPerAZ:
			a.add(Advice{Kind: AdviceSingleNAT, VPC: v.Name, apply: withVPC(i, singleNAT), Message: fmt.Sprintf(
				"One NAT gateway in %s instead of one per AZ (%d): fewer gateways and addresses, but traffic from %d of %d AZs then crosses AZs to reach it, and an outage of its AZ cuts internet access for every AZ",
				v.Name, f.nats, f.privateAZs-1, f.privateAZs)}, before, changed(singleNAT))
		case design.NATSingle:
			a.add(Advice{Kind: AdviceNATPerAZ, VPC: v.Name, apply: withVPC(i, natPerAZ), Message: fmt.Sprintf(
				"One NAT gateway per AZ in %s (%d) instead of one: more gateways and addresses, but no cross-AZ charges on NAT traffic, and an AZ outage no longer cuts the other AZs' internet access",
				v.Name, f.privateAZs)}, before, changed(natPerAZ))
		}
	}

	if f.nats > 0 && f.interfaces > 0 {
		a.breakEven(i, f, v, before, changed)
	}
	if v.HasIPv6() {
		a.ipv6Advice(i, f, v, before, changed)
	}
}

// breakEven prices the interface endpoints of a VPC with NAT against
// sending their services' traffic through NAT: the monthly GB above which an
// endpoint costs less. An endpoint's fixed cost is what estimating the VPC
// without it saves; the per-GB saving is what the estimate charges a
// NAT-bound GB (NAT processing, plus the cross-AZ share behind a shared
// NAT) minus the endpoint's per-GB rate at the region's current volume. The
// estimate prices interface endpoints by their number, not their service,
// so removing any one changes it alike: one estimate without the first
// serves every service, and one piece of advice names them all.
func (a *adviser) breakEven(i int, f *vpcFacts, v *design.VPC, before sums, changed func(func(*design.VPC)) sums) {
	natPerGB := float64(f.rp.NATGatewayGB.Rate)
	if f.nats < f.privateAZs {
		natPerGB += float64(2*f.rp.InterAZGB.Rate) * float64(f.privateAZs-f.nats) / float64(f.privateAZs)
	}
	endpointPerGB := f.rp.InterfaceEndpointGB.marginal(a.e.endpointGB[f.region])
	saving := natPerGB - float64(endpointPerGB)

	services := endpointNames(v, false)
	remove := func(w *design.VPC) { w.Endpoints = withoutString(w.Endpoints, services[0]) }
	after := changed(remove)
	fixed, _ := compare(after, before) // what one endpoint costs a month

	adv := Advice{Kind: AdviceEndpointBreakEven, VPC: v.Name, Services: services, apply: withVPC(i, remove)}
	what, its, which := "Interface endpoint "+services[0]+" in "+v.Name, services[0], "it"
	if len(services) > 1 {
		what = fmt.Sprintf("Each interface endpoint in %s (%s)", v.Name, strings.Join(services, ", "))
		its, which = "its service's", "one"
	}
	if saving <= 0 {
		adv.Message = fmt.Sprintf("%s costs %s/month; endpoint data (%s/GB) costs no less than NAT's here, so it never pays for itself on cost (it may still be worth it for privacy). The difference shown is removing %s",
			what, fixed, endpointPerGB, which)
	} else {
		gb := math.Round(float64(fixed)*microPerCent/saving*100) / 100
		adv.BreakEvenGB = &gb
		adv.Message = fmt.Sprintf("%s costs %s/month in %s; it pays for itself above %s GB/month of %s traffic that would otherwise go through NAT (saving %s/GB: NAT %s vs endpoint %s). The difference shown is removing %s",
			what, fixed, plural(len(f.azs), "AZ", "AZs"), FormatQuantity(gb), its,
			Rate(math.Round(saving)), Rate(math.Round(natPerGB)), endpointPerGB, which)
	}
	a.add(adv, before, after)
}

// The VPC edits of advice; each copies a slice before changing it.
func addGatewayEndpoints(w *design.VPC) {
	w.Endpoints = append(append([]string(nil), w.Endpoints...), "s3", "dynamodb")
}
func singleNAT(w *design.VPC) { w.NAT = design.NATSingle }
func natPerAZ(w *design.VPC)  { w.NAT = design.NATPerAZ }

func crossAZNote(f *vpcFacts) string {
	if f.natCrossAZGB > 0 {
		return ", nor cross AZs to reach the NAT gateway"
	}
	return ""
}
