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

	if f.s3ViaNAT {
		a.propose(Advice{Kind: AdviceGatewayEndpoints, VPC: v.Name, Message: fmt.Sprintf(
			"Add S3 and DynamoDB gateway endpoints to %s: they are free, and its %s GB/month of S3/DynamoDB traffic would stop paying NAT processing%s",
			v.Name, FormatQuantity(f.traffic.S3GB), crossAZNote(f)),
			Risk: "none on cost; a bucket policy that allows only certain source IPs must allow the endpoint (aws:sourceVpce) instead",
			Edit: "vpcs." + v.Name + ".endpoints: add s3, dynamodb"}, onlyVPC(i, addGatewayEndpoints))
	}

	if f.privateAZs >= 2 {
		switch v.NAT {
		case design.NATPerAZ:
			a.propose(Advice{Kind: AdviceSingleNAT, VPC: v.Name, Message: fmt.Sprintf(
				"One NAT gateway in %s instead of one per AZ (%d): fewer gateways and addresses, but traffic from %d of %d AZs then crosses AZs to reach it, both ways",
				v.Name, f.nats, f.privateAZs-1, f.privateAZs),
				Risk: "loses AZ independence: an outage of the NAT gateway's AZ cuts internet access for every AZ",
				Edit: "vpcs." + v.Name + ".nat: single"}, onlyVPC(i, singleNAT))
		case design.NATSingle:
			a.propose(Advice{Kind: AdviceNATPerAZ, VPC: v.Name, Message: fmt.Sprintf(
				"One NAT gateway per AZ in %s (%d) instead of one: more gateways and addresses, but no cross-AZ charges on NAT traffic",
				v.Name, f.privateAZs),
				Risk: "none: it buys AZ independence (an AZ outage no longer cuts the other AZs' internet access)",
				Edit: "vpcs." + v.Name + ".nat: per-az"}, onlyVPC(i, natPerAZ))
		}
	}

	if f.nats > 0 && f.interfaces > 0 {
		a.breakEven(i, f, v)
	}
	if v.HasIPv6() {
		a.ipv6Advice(i, f, v)
	}
}

// breakEven weighs the interface endpoints of a VPC with NAT against
// sending their services' traffic (endpoint_gb) through NAT, at the stated
// volume: the change removes every interface endpoint, so its difference is
// their hours and data against what NAT then charges for the same traffic
// (processing, plus the cross-AZ share behind a shared NAT gateway), either
// way. The break-even is the volume at which the two cost the same: the
// endpoints' fixed cost / (NAT per GB − endpoint per GB), per endpoint and
// for them all, taking traffic as spread evenly over the services.
func (a *adviser) breakEven(i int, f *vpcFacts, v *design.VPC) {
	natPerGB := float64(f.rp.NATGatewayGB.Rate)
	if f.nats < f.privateAZs {
		natPerGB += float64(2*f.rp.InterAZGB.Rate) * float64(f.privateAZs-f.nats) / float64(f.privateAZs)
	}
	endpointPerGB := f.rp.InterfaceEndpointGB.marginal(a.e.endpointGB[f.region])
	saving := natPerGB - float64(endpointPerGB)

	services := endpointNames(v, false)
	remove := func(w *design.VPC) { w.Endpoints = endpointNames(w, true) }
	ch := onlyVPC(i, remove)
	before, after := a.price(ch)
	hoursIdx, dataIdx := catIndex(InterfaceEndpointHours), catIndex(InterfaceEndpointData)
	fixed := before[hoursIdx] - after[hoursIdx]
	endpointData := before[dataIdx] - after[dataIdx]
	diff, _ := compare(before, after)
	natCost := diff + fixed + endpointData // what the traffic pays once on NAT

	adv := Advice{Kind: AdviceEndpointBreakEven, VPC: v.Name, Services: services, apply: ch.apply,
		Edit: "vpcs." + v.Name + ".endpoints: remove " + strings.Join(services, ", ") + " (keep the gateway endpoints)",
		Risk: "the services' traffic then leaves through NAT to their public endpoints: it needs NAT in every AZ that uses them, and endpoint policies and private DNS go"}
	gb := f.traffic.EndpointGB
	what := fmt.Sprintf("The %s of %s (%s)", plural(len(services), "interface endpoint", "interface endpoints"), v.Name, strings.Join(services, ", "))
	verdict := fmt.Sprintf("they cost %s/month more than NAT would", (-diff).String())
	if diff > 0 {
		verdict = fmt.Sprintf("they cost %s/month less than NAT would (removing them is an increase)", diff.String())
	} else if diff == 0 {
		verdict = "they cost the same as NAT would"
	}
	stated := fmt.Sprintf("cost %s/month for their hours in %s plus %s for the stated %s GB/month (endpoint_gb); through NAT that traffic would cost %s: %s",
		fixed, plural(len(f.azs), "AZ", "AZs"), endpointData, FormatQuantity(gb), natCost, verdict)
	if saving <= 0 {
		adv.Message = fmt.Sprintf("%s %s. Endpoint data (%s/GB) costs no less than NAT's here, so they never pay for themselves on cost (they may still be worth it for privacy)",
			what, stated, endpointPerGB)
	} else {
		total := math.Round(float64(fixed)*microPerCent/saving*100) / 100
		each := math.Round(float64(fixed)*microPerCent/saving/float64(len(services))*100) / 100
		adv.BreakEvenGB = &each
		adv.Message = fmt.Sprintf("%s %s. They pay for themselves above %s GB/month in all (%s GB per endpoint; saving %s/GB: NAT %s vs endpoint %s)",
			what, stated, FormatQuantity(total), FormatQuantity(each),
			Rate(math.Round(saving)), Rate(math.Round(natPerGB)), endpointPerGB)
	}
	a.add(adv, before, after)
}

// The VPC edits of advice; each copies a slice before changing it.
func addGatewayEndpoints(w *design.VPC) {
	w.Endpoints = append(append([]string(nil), w.Endpoints...), "s3", "dynamodb")
}
func singleNAT(w *design.VPC) { w.NAT = design.NATSingle }
func natPerAZ(w *design.VPC)  { w.NAT = design.NATPerAZ }

// editTraffic returns a copy of w's traffic (a zero one when it has none)
// for an edit to change.
func editTraffic(w *design.VPC) *design.Traffic {
	t := design.Traffic{}
	if w.Traffic != nil {
		t = *w.Traffic
	}
	w.Traffic = &t
	return &t
}

func crossAZNote(f *vpcFacts) string {
	if f.natCrossAZGB > 0 {
		return ", nor cross AZs to reach the NAT gateway"
	}
	return ""
}
