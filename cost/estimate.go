package cost

import (
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
)

// Estimate prices d with p, or with the built-in prices when p is nil. It
// returns a MissingRegionError when a VPC or connection is in a region p has
// no prices for; otherwise it never fails. Parts of d that do not resolve (a
// connection naming no VPC) are skipped: Validate reports them. d is not
// modified.
func Estimate(d *design.Design, p *Prices) (*Breakdown, error) {
	if p == nil {
		var err error
		if p, err = DefaultPrices(); err != nil {
			return nil, err
		}
	}
	if err := checkRegions(d, p); err != nil {
		return nil, err
	}
	if err := checkBounds(d); err != nil {
		return nil, err
	}
	e := newEstimator(d, p, true)
	e.run()
	total, ok := checkedTotal(e.items)
	if !ok {
		return nil, &TooLargeError{}
	}
	b := &Breakdown{Currency: "USD", Items: e.items, MonthlyTotal: total, Warnings: e.warnings}
	if b.Items == nil {
		b.Items = []Item{}
	}
	if b.Warnings == nil {
		b.Warnings = []Warning{}
	}
	b.Advice = advise(d, p, e)
	return b, nil
}

// TooLargeError says an estimate's total leaves the range Money holds
// exactly; with bounded traffic and prices only a design of millions of
// maximal items reaches it.
type TooLargeError struct{}

func (*TooLargeError) Error() string {
	return fmt.Sprintf("the estimate's total passes %s, the largest amount it holds exactly: lower the traffic assumptions or the prices", MaxMoney)
}

// BoundError says a design built in memory (not loaded from a file, where
// the loader bounds every value) has a traffic value the estimate cannot
// price exactly.
type BoundError struct{ VPC, Key string }

func (e *BoundError) Error() string {
	return fmt.Sprintf("traffic %s of VPC %s is not a number of GB from 0 to %d; the estimate prices only bounded values (validation reports it)", e.Key, e.VPC, design.MaxTrafficGB)
}

// checkBounds refuses traffic values outside what the loader accepts: the
// designer and the importer build designs without the loader.
func checkBounds(d *design.Design) error {
	keys := design.TrafficKeys()
	for i := range d.VPCs {
		t := d.VPCs[i].Traffic
		if t == nil {
			continue
		}
		for _, k := range keys {
			if v := t.TrafficValue(k); !(v <= design.MaxTrafficGB) || v < -design.MaxTrafficGB {
				return &BoundError{VPC: d.VPCs[i].Name, Key: k}
			}
		}
		for _, w := range d.VPCs[i].Workloads {
			if w.PublicIPv4 > design.MaxPublicIPv4 {
				return &BoundError{VPC: d.VPCs[i].Name, Key: "public_ipv4 of " + w.Name}
			}
		}
	}
	return nil
}

// checkRegions reports every region the design needs and p lacks.
func checkRegions(d *design.Design, p *Prices) error {
	var missing []string
	seen := map[string]bool{}
	// what and name say where the region is used; they are only joined
	// into text for a missing region.
	need := func(region, what, name string) {
		if _, ok := p.Region(region); ok || seen[region] {
			return
		}
		seen[region] = true
		if region == "" {
			missing = append(missing, fmt.Sprintf("an empty region (%s %s; set `region:` at the top of the design)", what, name))
			return
		}
		missing = append(missing, fmt.Sprintf("%q (%s %s)", region, what, name))
	}
	for i := range d.VPCs {
		v := &d.VPCs[i]
		need(d.VPCRegion(v), "VPC", v.Name)
	}
	idx := vpcIndex(d)
	for i := range d.Connections {
		c := &d.Connections[i]
		if r, ok := connectionRegion(d, idx, c); ok {
			need(r, "connection", c.Name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &MissingRegionError{File: p.File, Missing: missing, Have: p.Regions()}
}

// estimator accumulates the items of one design. With describe false it
// skips descriptions: advice estimates only compare totals.
type estimator struct {
	d        *design.Design
	p        *Prices
	describe bool
	idx      map[string]int // VPC name → index in d.VPCs
	facts    []vpcFacts     // parallel to d.VPCs
	// endpointGB is each region's total endpoint_gb, on which the interface
	// endpoint data tiers are counted.
	endpointGB map[string]float64
	// routes answers route questions, made on first use (routing).
	routes *design.Routing
	// attached records the VPCs whose transit_gateway_gb a transit gateway
	// already counted; onPrem those whose on-premises ingress one did.
	attached map[string]bool
	onPrem   map[string]bool
	// peers counts each VPC's peering connections (peering_gb is spread
	// over them); the adviser's scratch estimator adds peerDelta for the
	// peerings a change adds or drops, and override holds the facts of
	// the VPCs a change edits.
	peers     map[string]int
	peerDelta map[string]int
	// vpns counts each VPC's own (virtual private gateway) VPNs, which
	// carry its on-premises ingress free of transit gateway data.
	vpns     map[string]int
	vpnDelta map[string]int
	override map[int]*vpcFacts
	items    []Item
	warnings []Warning
	// sink, when set, receives each item's figure by category instead of
	// items: the adviser compares sums and needs no items.
	sink *sums
	// vpcSpans and connSpans locate each VPC's and connection's items in
	// items, so the adviser can sum the current figures of the part of the
	// design a change touches without estimating it again.
	vpcSpans, connSpans []span
}

// span is a range [from, to) of items.
type span struct{ from, to int }

func newEstimator(d *design.Design, p *Prices, describe bool) *estimator {
	e := &estimator{d: d, p: p, describe: describe, idx: vpcIndex(d), endpointGB: map[string]float64{}, attached: map[string]bool{}, onPrem: map[string]bool{}}
	e.peers, e.vpns = peerCounts(d.Connections, e.idx)
	e.facts = make([]vpcFacts, len(d.VPCs))
	for i := range d.VPCs {
		e.facts[i] = factsOf(d, p, &d.VPCs[i], nil)
		if t := d.VPCs[i].Traffic; t != nil && t.EndpointGB > 0 {
			e.endpointGB[e.facts[i].region] += t.EndpointGB
		}
	}
	return e
}

// run adds the items of the design's VPCs, then of its connections.
func (e *estimator) run() {
	e.items = make([]Item, 0, 12*len(e.d.VPCs)+3*len(e.d.Connections))
	e.vpcSpans = make([]span, len(e.facts))
	for i := range e.facts {
		from := len(e.items)
		e.vpcItems(&e.facts[i])
		e.vpcSpans[i] = span{from, len(e.items)}
	}
	e.connSpans = make([]span, len(e.d.Connections))
	for i := range e.d.Connections {
		from := len(e.items)
		e.connectionItems(&e.d.Connections[i], e.attached)
		e.connSpans[i] = span{from, len(e.items)}
	}
	if e.describe {
		e.connectionWarnings()
	}
}

// add appends an item priced Quantity × UnitPrice. desc runs only when
// describing: advice estimates compare figures, and skipping the text keeps
// them cheap.
func (e *estimator) add(it Item, desc func() string) {
	it.Monthly = it.UnitPrice.times(it.Quantity)
	e.addPriced(it, desc)
}

// addPriced appends an item whose Monthly is already set, or, for the
// adviser's partial estimates, adds it to the sink.
func (e *estimator) addPriced(it Item, desc func() string) {
	if e.sink != nil {
		e.sink[catIndex(it.Category)] += it.Monthly
		return
	}
	if e.describe {
		it.Description = desc()
	}
	e.items = append(e.items, it)
}

// peerCounts counts the peerings of each VPC (those joining two distinct
// VPCs that exist), and its VPN connections.
func peerCounts(conns []design.Connection, idx map[string]int) (peers, vpns map[string]int) {
	out := map[string]int{}
	vpns = map[string]int{}
	for ci := range conns {
		c := &conns[ci]
		if c.Kind == design.ConnVPN {
			vpns[c.VPC]++
			continue
		}
		if c.Kind != design.ConnPeering || len(c.VPCs) != 2 || c.VPCs[0] == c.VPCs[1] {
			continue
		}
		_, okx := idx[c.VPCs[0]]
		_, oky := idx[c.VPCs[1]]
		if okx && oky {
			out[c.VPCs[0]]++
			out[c.VPCs[1]]++
		}
	}
	return out, vpns
}

func vpcIndex(d *design.Design) map[string]int {
	idx := make(map[string]int, len(d.VPCs))
	for i := range d.VPCs {
		if _, dup := idx[d.VPCs[i].Name]; !dup {
			idx[d.VPCs[i].Name] = i
		}
	}
	return idx
}

// connectionRegion is the region a connection's charges arise in: a transit
// gateway's is that of its first VPC (a transit gateway attaches VPCs of its
// own region), a VPN's that of its VPC, a PrivateLink endpoint's that of its
// consumer. Peering has no charge of its own, so no region.
func connectionRegion(d *design.Design, idx map[string]int, c *design.Connection) (string, bool) {
	var name string
	switch c.Kind {
	case design.ConnTransitGateway:
		for _, n := range c.VPCs {
			if _, ok := idx[n]; ok {
				name = n
				break
			}
		}
		if name == "" {
			return d.Region, len(c.Networks) > 0
		}
	case design.ConnVPN:
		name = c.VPC
	case design.ConnPrivateLink:
		name = c.Consumer
	default:
		return "", false
	}
	i, ok := idx[name]
	if !ok {
		return "", false
	}
	return d.VPCRegion(&d.VPCs[i]), true
}
