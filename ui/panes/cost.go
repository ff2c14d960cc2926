package panes

import (
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Cost shows the monthly estimate: the total, the breakdown by category and
// the advice. Estimates arrive from a command; until the one for the
// current design arrives the pane shows the last one as updating.
type Cost struct {
	st       *styles.Styles
	w, h     int
	b        *cost.Breakdown
	err      error
	updating bool
	off      bool // no estimator
	offset   int
	keys     ListKeys
}

// NewCost returns an empty cost pane.
func NewCost(st *styles.Styles) *Cost { return &Cost{st: st, keys: DefaultListKeys()} }

// SetStyles changes the styles.
func (c *Cost) SetStyles(st *styles.Styles) { c.st = st }

// SetSize sets the pane's outer size.
func (c *Cost) SetSize(w, h int) { c.w, c.h = w, h }

// SetEstimate shows an estimate (or the error that prevented one).
func (c *Cost) SetEstimate(b *cost.Breakdown, err error) {
	c.b, c.err, c.updating = b, err, false
}

// SetUpdating marks the shown estimate as out of date.
func (c *Cost) SetUpdating() { c.updating = true }

// SetUnavailable says that no estimator is configured.
func (c *Cost) SetUnavailable() { c.off = true }

// Total is the monthly total as text, "" when there is none.
func (c *Cost) Total() string {
	if c.b == nil || c.err != nil {
		return ""
	}
	return c.b.MonthlyTotal.String()
}

// HandleMsg scrolls the pane.
func (c *Cost) HandleMsg(msg tea.Msg) Action {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return Action{}
	}
	switch {
	case key.Matches(k, c.keys.Up):
		c.offset = max(c.offset-1, 0)
	case key.Matches(k, c.keys.Down):
		c.offset++
	case key.Matches(k, c.keys.PageUp):
		c.offset = max(c.offset-(c.h-3), 0)
	case key.Matches(k, c.keys.PageDown):
		c.offset += c.h - 3
	case key.Matches(k, c.keys.Top):
		c.offset = 0
	case key.Matches(k, c.keys.Back):
		return Action{Kind: Blur}
	}
	return Action{}
}

// categoryNames are the categories as a person reads them.
var categoryNames = map[cost.Category]string{
	cost.NATGatewayHours:               "NAT gateway hours",
	cost.PublicIPv4:                    "public IPv4 addresses",
	cost.NATGatewayData:                "NAT data processing",
	cost.CrossAZData:                   "cross-AZ data",
	cost.InterRegionData:               "inter-region data",
	cost.InternetEgressData:            "internet egress",
	cost.InterfaceEndpointHours:        "interface endpoint hours",
	cost.InterfaceEndpointData:         "interface endpoint data",
	cost.TransitGatewayAttachmentHours: "transit gateway attachments",
	cost.TransitGatewayData:            "transit gateway data",
	cost.VPNConnectionHours:            "VPN connections",
	cost.LoadBalancerHours:             "load balancer hours",
	cost.FlowLogsData:                  "flow logs",
	cost.NATInstanceHours:              "NAT instance hours",
	cost.GatewayEndpoint:               "gateway endpoints",
	cost.VPCPeering:                    "VPC peering",
}

// View draws the pane.
func (c *Cost) View(focused bool) []string {
	st := c.st
	inner := c.w - 4
	if inner <= 0 {
		return nil
	}
	title := "Cost / month"
	var body []string
	var advice []int
	switch {
	case c.off:
		body = []string{st.Dim.S("No price list: the estimate is off.")}
	case c.err != nil:
		body = Wrap(styles.GlyphError+" "+safe.Text(c.err.Error()), inner)
	case c.b == nil:
		body = []string{st.Dim.S("estimating…")}
	default:
		body, advice = c.lines(inner)
		title += "  " + c.b.MonthlyTotal.String()
	}
	if c.updating && !c.off {
		title += " (updating…)"
	}
	h := c.h - 2
	c.offset = min(c.offset, max(len(body)-h, 0))
	if c.offset > 0 {
		body = body[c.offset:]
	}
	// Cut: the last line says what is below, so that advice under the
	// fold is not missed (issue 15).
	body = Fold(st, body, h, inner, func(hidden int) string { return moreHint(advice, c.offset+h-1, hidden, inner) })
	return Frame(st, title, body, c.w, c.h, focused)
}

// moreHint is the last line of a cut cost pane, w cells wide, whose hidden
// lines from shown on are not shown: how many advice items (first lines
// at advice) start there, and how to read them, in as many words as fit
// (issue 15: the long form was cut at 120×40).
func moreHint(advice []int, shown, hidden, w int) string {
	n := 0
	for _, at := range advice {
		if at >= shown {
			n++
		}
	}
	if n == 0 {
		return MoreLines(hidden)
	}
	head := "↓ " + strconv.Itoa(n) + " more: advice"
	for _, how := range []string{" (tab here, j to scroll)", " (tab, j)", ""} {
		if safe.Width(head+how) <= w {
			return head + how
		}
	}
	return head
}

// lines returns the pane's lines and the index of each advice item's
// first line.
func (c *Cost) lines(w int) ([]string, []int) {
	st := c.st
	b := c.b
	sums := map[cost.Category]cost.Money{}
	var cats []cost.Category
	var free []string
	for _, it := range b.Items {
		if _, seen := sums[it.Category]; !seen {
			cats = append(cats, it.Category)
		}
		sums[it.Category] += it.Monthly
	}
	// Amounts right-aligned in the width of the widest (the total).
	amountW := len(b.MonthlyTotal.String()) + 2
	for _, m := range sums {
		amountW = max(amountW, len(m.String())+2)
	}
	row := func(label, amount string) string {
		return safe.Pad(label, w-amountW) + safe.PadLeft(amount, amountW)
	}
	out := []string{st.Bold.S(row("monthly total", b.MonthlyTotal.String()))}
	sort.SliceStable(cats, func(i, j int) bool { return sums[cats[i]] > sums[cats[j]] })
	for _, cat := range cats {
		name := categoryNames[cat]
		if name == "" {
			name = safe.Text(string(cat))
		}
		if sums[cat] == 0 {
			free = append(free, name)
			continue
		}
		out = append(out, row(name, sums[cat].String()))
	}
	if len(free) > 0 {
		for _, l := range Wrap("free: "+strings.Join(free, ", "), w) {
			out = append(out, st.Dim.S(l))
		}
	}
	// What the estimate could not price is said, never shown as $0.
	if len(b.Warnings) > 0 {
		out = append(out, "", st.Bold.S("not priced"))
		for _, wn := range b.Warnings {
			for i, l := range Wrap(safe.Text(wn.Message), w-2) {
				prefix := "  "
				if i == 0 {
					prefix = styles.GlyphWarning + " "
				}
				out = append(out, prefix+l)
			}
		}
	}
	var advice []int
	if len(b.Advice) > 0 {
		out = append(out, "", st.Bold.S("advice"))
		for _, a := range b.Advice {
			advice = append(advice, len(out))
			diff := a.MonthlyDifference.String()
			if a.MonthlyDifference > 0 {
				diff = "+" + diff
			}
			lines := Wrap(safe.Text(a.Message), w-2)
			for i, l := range lines {
				prefix := "  "
				if i == 0 {
					prefix = "• "
				}
				out = append(out, prefix+l)
			}
			p := st.OK
			if a.MonthlyDifference > 0 {
				p = st.Warning
			}
			out = append(out, "  "+p.S(diff+" / month"))
		}
	}
	return out, advice
}

// Keymap lists the keys the pane answers to.
func (c *Cost) Keymap() []key.Binding { return c.keys.All() }
