package cost

import (
	"sort"

	"github.com/vpcsmith/vpcsmith/design"
)

// AdviceKind names one kind of advice; the names are stable in JSON.
type AdviceKind string

// The kinds of advice.
const (
	// AdviceGatewayEndpoints: add S3 and DynamoDB gateway endpoints to a VPC
	// whose S3 traffic goes through NAT.
	AdviceGatewayEndpoints AdviceKind = "add-gateway-endpoints"
	// AdviceSingleNAT and AdviceNATPerAZ: the two directions of the NAT
	// trade of cost against resilience and cross-AZ charges.
	AdviceSingleNAT AdviceKind = "single-nat"
	AdviceNATPerAZ  AdviceKind = "nat-per-az"
	// AdviceEndpointBreakEven: the monthly GB above which an interface
	// endpoint costs less than sending its traffic through NAT.
	AdviceEndpointBreakEven AdviceKind = "interface-endpoint-break-even"
	// AdviceTransitGateway and AdvicePeering: a transit gateway instead of a
	// peering, and peering (plus VPNs) instead of a transit gateway.
	AdviceTransitGateway AdviceKind = "transit-gateway-instead-of-peering"
	AdvicePeering        AdviceKind = "peering-instead-of-transit-gateway"
	// The FinOps review's: one set of interface endpoints in a VPC the
	// others reach over their transit gateway; a VPN that a transit
	// gateway's VPN duplicates; NAT instances outside production; flow
	// logs to S3; on-premises ingress over a VPN of the VPC's own.
	AdviceCentralEndpoints AdviceKind = "centralise-interface-endpoints"
	AdviceDuplicateVPN     AdviceKind = "drop-duplicate-vpn"
	AdviceNATInstance      AdviceKind = "nat-instance-non-production"
	AdviceFlowLogsS3       AdviceKind = "flow-logs-to-s3"
	AdviceOnPremisesVPN    AdviceKind = "on-premises-ingress-over-own-vpn"
)

// Effects of advice on the bill, as JSON says them.
const (
	EffectSaving   = "saving"
	EffectIncrease = "increase"
	EffectNone     = "no change"
)

// Advice is one change to the design with what it would do to the bill. The
// figures come from estimating a changed copy of the design, never from
// canned text.
type Advice struct {
	Kind       AdviceKind `json:"kind"`
	VPC        string     `json:"vpc"`
	Connection string     `json:"connection"`
	Message    string     `json:"message"`
	// Effect says whether the change saves money or costs more; advice is
	// listed by saving, largest first, increases last.
	Effect string `json:"effect"`
	// Risk is what the change gives up; Edit the exact change to the
	// design file that the figures price.
	Risk string `json:"risk"`
	Edit string `json:"edit"`
	// MonthlyDifference is the changed design's estimate minus the
	// current one: negative saves money.
	MonthlyDifference Money `json:"monthly_difference"`
	// Changes is the difference per category, in category order.
	Changes []Change `json:"changes"`
	// Services, for AdviceEndpointBreakEven, are the interface endpoints
	// the figures hold for, each on its own: BreakEvenGB is per service,
	// MonthlyDifference is removing one of them.
	Services []string `json:"services,omitempty"`
	// BreakEvenGB is set for AdviceEndpointBreakEven when the endpoint can
	// pay for itself at all.
	BreakEvenGB *float64 `json:"break_even_gb,omitempty"`

	// apply makes the advised change to a whole design, returning a
	// changed copy; tests estimate it to check MonthlyDifference.
	apply func(*design.Design) *design.Design
	// outside is what the advice adds that the format cannot express
	// (NAT instances' hours and addresses): the changed design's estimate
	// plus outside is MonthlyDifference.
	outside Money
}

// Change is the difference a piece of advice makes to one category.
type Change struct {
	Category Category `json:"category"`
	Monthly  Money    `json:"monthly"`
}

// adviser computes advice for the design an estimator priced. A change
// touches one part of the design: a VPC, or some connections. Its "before"
// is the main estimate's items of that part; its "after" prices the changed
// part with the same estimator code. Every other item is unchanged by such a
// change (a VPC's items do not depend on connections, nor a connection's on
// other connections, except for a VPC on several transit gateways, where the
// whole changed design is estimated instead), so the difference equals that
// of estimating the whole changed design, which tests check, at a cost that
// stays linear in the size of the design.
type adviser struct {
	d *design.Design
	p *Prices
	e *estimator // the main estimate's, with its facts
	// scratch shares e's design, index, facts and region totals, and has
	// its own items: partial estimates read the main facts and never
	// change them.
	scratch *estimator
	// multiTGW holds the VPCs attached to more than one transit gateway.
	multiTGW map[string]bool
	// meshBuf is reused for the connections that would replace a transit
	// gateway.
	meshBuf []design.Connection
	// byVPC lists the connections touching each VPC (connectionsOf).
	byVPC map[string][]int
	// Buffers price reuses from one change to the next.
	affected        map[string]bool
	idxBuf, depsBuf []int
	vpcBuf          []design.VPC
	factsBuf        []vpcFacts
	out             []Advice
}

func advise(d *design.Design, p *Prices, e *estimator) []Advice {
	scratch := &estimator{d: d, p: p, idx: e.idx, facts: e.facts, endpointGB: e.endpointGB, attached: map[string]bool{}, onPrem: map[string]bool{}, sink: new(sums),
		peers: e.peers, peerDelta: map[string]int{}, vpns: e.vpns, vpnDelta: map[string]int{}, override: map[int]*vpcFacts{}}
	a := &adviser{d: d, p: p, e: e, scratch: scratch, out: make([]Advice, 0, len(d.VPCs)+len(d.Connections))}
	a.multiTGW = multiTGW(d)
	for i := range d.VPCs {
		a.vpcAdvice(i)
	}
	a.connectionAdvice()
	a.finOpsAdvice()
	// Ranked by saving: the largest saving first, increases last; the
	// stable sort keeps design order among equal figures.
	sort.SliceStable(a.out, func(i, j int) bool { return a.out[i].MonthlyDifference < a.out[j].MonthlyDifference })
	return a.out
}

// multiTGW returns the VPCs attached to more than one transit gateway.
func multiTGW(d *design.Design) map[string]bool {
	first := map[string]int{}
	out := map[string]bool{}
	for ci := range d.Connections {
		c := &d.Connections[ci]
		if c.Kind != design.ConnTransitGateway {
			continue
		}
		for _, n := range c.VPCs {
			if j, ok := first[n]; !ok {
				first[n] = ci
			} else if j != ci {
				out[n] = true
			}
		}
	}
	return out
}

// sums is an estimate's monthly figures per category, in categoryOrder.
type sums [numCategories]Money

func (s *sums) total() Money {
	var t Money
	for _, m := range s {
		t += m
	}
	return t
}

// sumItems returns the figures the scratch estimator has gathered, and
// resets it.
func (a *adviser) sumItems() sums {
	s := *a.scratch.sink
	*a.scratch.sink = sums{}
	return s
}

func sumOf(items []Item) sums {
	var s sums
	for _, it := range items {
		s[catIndex(it.Category)] += it.Monthly
	}
	return s
}

// currentVPC sums the main estimate's items of VPC i.
func (a *adviser) currentVPC(i int) sums {
	sp := a.e.vpcSpans[i]
	return sumOf(a.e.items[sp.from:sp.to])
}

// currentConnections sums the main estimate's items of the connections at
// the given indexes.
func (a *adviser) currentConnections(idx ...int) sums {
	var s sums
	for _, i := range idx {
		sp := a.e.connSpans[i]
		t := sumOf(a.e.items[sp.from:sp.to])
		for c := range s {
			s[c] += t[c]
		}
	}
	return s
}

// compare returns after − before, in total and per category.
func compare(before, after sums) (Money, []Change) {
	var changes []Change
	for i, cat := range categoryOrder {
		if diff := after[i] - before[i]; diff != 0 {
			changes = append(changes, Change{Category: cat, Monthly: diff})
		}
	}
	return after.total() - before.total(), changes
}

func (a *adviser) add(adv Advice, before, after sums) {
	adv.MonthlyDifference, adv.Changes = compare(before, after)
	if adv.Changes == nil {
		adv.Changes = []Change{}
	}
	switch {
	case adv.MonthlyDifference < 0:
		adv.Effect = EffectSaving
	case adv.MonthlyDifference > 0:
		adv.Effect = EffectIncrease
	default:
		adv.Effect = EffectNone
	}
	a.out = append(a.out, adv)
}
