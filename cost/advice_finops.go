package cost

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// finOpsAdvice adds what a FinOps review of a network asks about, beyond
// the NAT, endpoint and peering trades: shared interface endpoints, a
// duplicated VPN, NAT instances outside production, flow logs to S3, and
// on-premises ingress over the VPC's own VPN.
func (a *adviser) finOpsAdvice() {
	for ci := range a.d.Connections {
		c := &a.d.Connections[ci]
		switch c.Kind {
		case design.ConnTransitGateway:
			a.centralEndpoints(ci)
			a.onPremisesVPN(ci)
		case design.ConnVPN:
			a.duplicateVPN(ci)
		}
	}
	for i := range a.d.VPCs {
		f := &a.e.facts[i]
		if f.rp == nil {
			continue
		}
		a.natInstance(i, f)
		a.flowLogsToS3(i, f)
	}
}

// centralEndpoints: where several VPCs of one transit gateway (one region)
// each run interface endpoints for the same services, keep one set in the
// VPC that has most of them and let the others reach it over the gateway.
// Their endpoint hours go; their endpoint_gb for those services is carried
// by the shared endpoints, and crosses the gateway, which charges data
// processing on it (once per GB: requests into it from the spoke, replies
// from the hub, taken together as the spoke's transit_gateway_gb).
func (a *adviser) centralEndpoints(ci int) {
	c := &a.d.Connections[ci]
	region, ok := connectionRegion(a.d, a.e.idx, c)
	if !ok {
		return
	}
	members := a.existing(c.VPCs)
	uses := map[string]int{}
	for _, n := range members {
		f := &a.e.facts[a.e.idx[n]]
		if f.region != region {
			continue
		}
		for _, s := range endpointNames(f.v, false) {
			uses[s]++
		}
	}
	var shared []string
	for _, n := range members { // member order: deterministic
		for _, s := range endpointNames(a.e.facts[a.e.idx[n]].v, false) {
			if uses[s] >= 2 && !slices.Contains(shared, s) {
				shared = append(shared, s)
			}
		}
	}
	if len(shared) == 0 {
		return
	}
	hub, best := "", -1
	for _, n := range members {
		f := &a.e.facts[a.e.idx[n]]
		if f.region != region {
			continue
		}
		k := 0
		for _, s := range endpointNames(f.v, false) {
			if slices.Contains(shared, s) {
				k++
			}
		}
		if k > best {
			hub, best = n, k
		}
	}
	hi := a.e.idx[hub]
	ch := change{vpcs: map[int]func(*design.VPC){}}
	movedTotal := 0.0
	var spokes []string
	for _, n := range members {
		i := a.e.idx[n]
		f := &a.e.facts[i]
		if n == hub || f.region != region || f.interfaces == 0 {
			continue
		}
		own := endpointNames(f.v, false)
		var drop []string
		for _, s := range own {
			if slices.Contains(shared, s) {
				drop = append(drop, s)
			}
		}
		if len(drop) == 0 {
			continue
		}
		moved := f.traffic.EndpointGB * float64(len(drop)) / float64(len(own))
		movedTotal += moved
		spokes = append(spokes, n)
		ch.vpcs[i] = func(w *design.VPC) {
			var keep []string
			for _, s := range w.Endpoints {
				if !slices.Contains(drop, s) {
					keep = append(keep, s)
				}
			}
			w.Endpoints = keep
			if moved > 0 {
				t := editTraffic(w)
				t.EndpointGB -= moved
				t.TransitGatewayGB += moved
			}
		}
	}
	if len(spokes) == 0 {
		return
	}
	var missing []string
	for _, s := range shared {
		if !slices.Contains(a.d.VPCs[hi].Endpoints, s) {
			missing = append(missing, s)
		}
	}
	ch.vpcs[hi] = func(w *design.VPC) {
		if len(missing) > 0 {
			w.Endpoints = append(append([]string(nil), w.Endpoints...), missing...)
		}
		if movedTotal > 0 {
			editTraffic(w).EndpointGB += movedTotal
		}
	}
	a.propose(Advice{Kind: AdviceCentralEndpoints, VPC: hub, Connection: c.Name, Services: shared, Message: fmt.Sprintf(
		"Keep one set of interface endpoints (%s) in %s and let %s reach them over transit gateway %s: their endpoint hours go, and the %s GB/month of their endpoint_gb for these services crosses the gateway at %s/GB",
		strings.Join(shared, ", "), hub, strings.Join(spokes, ", "), c.Name, FormatQuantity(movedTotal), a.e.facts[hi].rp.TransitGatewayGB.Rate),
		Risk: "the hub VPC's endpoints become a dependency of every spoke; their private DNS must be shared (Route 53 private hosted zones associated with the spokes), and endpoint policies then cover every spoke",
		Edit: fmt.Sprintf("vpcs %s: remove endpoints %s; vpcs.%s.endpoints: keep or add %s; traffic: each spoke's endpoint_gb share → transit_gateway_gb, the hub's endpoint_gb + %s",
			strings.Join(spokes, ", "), strings.Join(shared, ", "), hub, strings.Join(shared, ", "), FormatQuantity(movedTotal))}, ch)
}

// duplicateVPN: a VPN from a VPC to a network that a transit gateway the
// VPC is attached to already reaches.
func (a *adviser) duplicateVPN(ci int) {
	c := &a.d.Connections[ci]
	for ti := range a.d.Connections {
		t := &a.d.Connections[ti]
		if t.Kind != design.ConnTransitGateway || !slices.Contains(t.VPCs, c.VPC) || !slices.Contains(t.Networks, c.Network) {
			continue
		}
		a.propose(Advice{Kind: AdviceDuplicateVPN, VPC: c.VPC, Connection: c.Name, Message: fmt.Sprintf(
			"Drop VPN %s: %s already reaches %s through transit gateway %s, whose VPN attachment duplicates it; its on-premises traffic then crosses the gateway",
			c.Name, c.VPC, c.Network, t.Name),
			Risk: "loses the second path to " + c.Network + ": if the duplicate is a deliberate backup for the transit gateway, keep it",
			Edit: "connections: remove " + c.Name}, change{drop: []int{ci}})
		return
	}
}

// onPremisesVPN: on-premises ingress over a transit gateway's VPN pays the
// gateway's data processing; a VPN of the VPC's own (virtual private
// gateway) carries it free of it, for the price of the connection's hours.
func (a *adviser) onPremisesVPN(ci int) {
	c := &a.d.Connections[ci]
	if len(c.Networks) == 0 {
		return
	}
	for _, n := range a.existing(c.VPCs) {
		f := &a.e.facts[a.e.idx[n]]
		if f.traffic.OnPremisesIngressGB <= 0 || a.e.vpns[n] > 0 || a.multiTGW[n] {
			continue
		}
		// Only where it can save: the gateway's data on this traffic must
		// exceed a VPN's hours (the figure itself comes from re-estimating).
		if f.rp.TransitGatewayGB.Rate.times(f.traffic.OnPremisesIngressGB) <= f.rp.VPNConnectionHour.Rate.times(HoursPerMonth) {
			continue
		}
		vpn := design.Connection{Name: n + "-" + c.Networks[0] + "-vpn", Kind: design.ConnVPN, VPC: n, Network: c.Networks[0]}
		a.propose(Advice{Kind: AdviceOnPremisesVPN, VPC: n, Connection: c.Name, Message: fmt.Sprintf(
			"Give %s its own VPN to %s for its %s GB/month from on-premises: over transit gateway %s's VPN that traffic pays %s/GB of data processing, over a virtual private gateway's VPN nothing inbound, against the connection's hours",
			n, c.Networks[0], FormatQuantity(f.traffic.OnPremisesIngressGB), c.Name, f.rp.TransitGatewayGB.Rate),
			Risk: "a second path to operate, with its own routes (BGP or static) to keep in step with the transit gateway's",
			Edit: fmt.Sprintf("connections: add {name: %s, kind: vpn, vpc: %s, network: %s}", vpn.Name, n, c.Networks[0])}, change{add: []design.Connection{vpn}})
	}
}

// nonProduction matches VPC names that say they are not production.
var nonProduction = regexp.MustCompile(`(?i)(^|[^a-z])(dev|develop|development|test|testing|qa|uat|stage|staging|sandbox|sbx|nonprod|non-prod|preprod|lab|demo)([^a-z]|$)`)

// natInstance: outside production a NAT instance (the smallest one) does a
// NAT gateway's job for a fraction of its hours and charges no data
// processing. The format has no NAT instance, so the change is priced as
// nat: none (the gateways, their addresses, processing and cross-AZ share
// go) plus one instance per gateway with its public address, whose hours
// are added to the changed estimate from the prices file.
func (a *adviser) natInstance(i int, f *vpcFacts) {
	v := f.v
	if f.nats == 0 || !nonProduction.MatchString(v.Name) {
		return
	}
	if f.rp.NATInstanceHour.Missing {
		return // no price to weigh it with; the advice is optional
	}
	ch := onlyVPC(i, func(w *design.VPC) { w.NAT = design.NATNone })
	before, after := a.price(ch)
	hours := float64(f.nats * HoursPerMonth)
	instances, addresses := f.rp.NATInstanceHour.Rate.times(hours), f.rp.PublicIPv4Hour.Rate.times(hours)
	after[catIndex(NATInstanceHours)] += instances
	after[catIndex(PublicIPv4)] += addresses
	adv := Advice{Kind: AdviceNATInstance, VPC: v.Name, apply: ch.apply, outside: instances + addresses, Message: fmt.Sprintf(
		"%s looks like a non-production VPC (by its name): %s on %s (%s/hour each, no per-GB processing) instead of %s",
		v.Name, plural(f.nats, "NAT instance", "NAT instances"), "t4g.nano", f.rp.NATInstanceHour.Rate, plural(f.nats, "NAT gateway", "NAT gateways")),
		Risk: "a NAT instance is yours to patch and scale, tops out at the instance's bandwidth, and fails with its host unless you add recovery: not for production",
		Edit: fmt.Sprintf("vpcs.%s.nat: none, plus %s (t4g.nano, source/destination check off, one Elastic IP each) in its public tier with the private tiers' 0.0.0.0/0 routed to it (outside the format: the instances' hours and addresses are added to the estimate of nat: none)",
			v.Name, plural(f.nats, "NAT instance", "NAT instances"))}
	a.add(adv, before, after)
}

// flowLogsToS3: flow logs delivered to S3 cost about half of CloudWatch
// Logs' rate per GB.
func (a *adviser) flowLogsToS3(i int, f *vpcFacts) {
	v := f.v
	if !v.FlowLogs || v.FlowLogDestinationType() != design.FlowLogCloudWatch || f.rp.FlowLogsS3GB.Missing {
		return
	}
	ch := onlyVPC(i, func(w *design.VPC) {
		o := design.FlowLogOptions{}
		if w.FlowLog != nil {
			o = *w.FlowLog
		}
		o.Destination = design.FlowLogS3
		w.FlowLog, w.FlowLogs = &o, true
	})
	msg := fmt.Sprintf("Deliver %s's flow logs to S3 instead of CloudWatch Logs: %s/GB instead of %s/GB", v.Name, f.rp.FlowLogsS3GB.Rate, f.rp.FlowLogsGB.Rate)
	if f.traffic.FlowLogsGB == 0 {
		msg += " (state traffic flow_logs_gb to see the saving: the design gives no volume)"
	}
	a.propose(Advice{Kind: AdviceFlowLogsS3, VPC: v.Name, Message: msg,
		Risk: "queries move from CloudWatch Logs Insights to Athena, and metric filters and alarms on the log group stop working",
		Edit: "vpcs." + v.Name + ".flow_logs: {destination: s3}"}, ch)
}
