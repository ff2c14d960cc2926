package diagram

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/safe"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// Geometry of a VPC box: one blank column of margin, the border, a space,
// then the content.
const (
	margin   = 1
	contentX = margin + 2
	colGap   = 2
	maxCellW = 30
	maxLabel = 22
)

// vpcBlock is one VPC's box: header, internet gateway, AZ header, the tier
// rows (two lines each) and gateway endpoints.
type vpcBlock struct {
	ref      edit.Ref
	name     string
	sev      int
	counts   [3]int    // findings on the VPC and everything in it: info, warning, error
	head     [3]string // the third: IPv6, "" without
	innerW   int
	labelW   int
	cols     []column
	tiers    []tierRow
	igw      bool
	gw       []string // gateway endpoint services
	gwBeside bool
	gwX      int
	lines    []vline
}

type column struct {
	az   string
	x, w int // relative to the content
}

type tierRow struct {
	ref   edit.Ref
	name  string
	sev   int
	kind  design.TierKind
	sub   string // "private /20"
	cells []cell
}

type cell struct {
	ref     edit.Ref
	present bool // the tier has a subnet (or should have one) in this AZ
	noRoom  bool
	sev     int
	cidr    string
	bad     bool // the written CIDR does not parse
	usable  string
	markers []string
	// reserved: the cell of the "reserved" column (vpc_ipv6.go), space
	// kept free rather than a subnet.
	reserved bool
}

type lineKind int

const (
	lTop lineKind = iota
	lHead1
	lHead2
	lHead3
	lIGW
	lAZ
	lTier
	lGWBelow
	lBottom
)

type vline struct {
	kind lineKind
	t    int // tier index (lTier)
	part int // 0: CIDR line, 1: usable and markers
}

// markCounts counts a VPC's marked elements by severity.
func markCounts(marks []markEntry) [3]int {
	var out [3]int
	for _, m := range marks {
		if m.sev > 0 && m.sev <= len(out) {
			out[m.sev-1]++
		}
	}
	return out
}

// subnetsOf is the number of subnets of VPC vi in the layout.
func subnetsOf(in Input, vi int) int {
	n := 0
	if in.Layout != nil && vi < len(in.Layout.VPCs) {
		for _, tl := range in.Layout.VPCs[vi].Tiers {
			n += len(tl.Subnets)
		}
	}
	return n
}

// newVPC lays out the box of VPC vi and its navigation rows, naming the
// VPC's elements with V = 0 (see local.go).
func newVPC(in Input, vi int, counts [3]int) (*vpcBlock, [][]Item) {
	d := in.Design
	v := &d.VPCs[vi]
	var vl *design.VPCLayout
	if in.Layout != nil && vi < len(in.Layout.VPCs) {
		vl = &in.Layout.VPCs[vi]
	}
	b := &vpcBlock{ref: edit.Ref{Kind: edit.VPC}, name: safe.Text(v.Name)} // V = 0: see local.go
	if b.name == "" {
		b.name = "(unnamed)"
	}
	b.sev = markOf(in, vi, b.ref)
	b.counts = counts

	// Header texts.
	region := d.VPCRegion(v)
	azs := design.ExpandAZs(v.AZs, region)
	if vl != nil {
		azs = vl.AZs
	}
	cidrs := append([]string{v.CIDR}, v.SecondaryCIDRs...)
	for i := range cidrs {
		cidrs[i] = safe.Text(cidrs[i])
	}
	h1 := []string{strings.Join(cidrs, " + ")}
	if region != "" {
		h1 = append(h1, safe.Text(region))
	}
	azText := plural(len(azs), "AZ")
	if v.ReservedAZs > 0 {
		azText += " +" + strconv.Itoa(v.ReservedAZs) + " reserved"
	}
	h1 = append(h1, azText, natText(v.NAT))
	if v.FlowLogs {
		h1 = append(h1, "flow logs")
	}
	b.head[0] = strings.Join(h1, " · ")
	var usable int
	var free uint64
	if vl != nil {
		for _, tl := range vl.Tiers {
			for _, s := range tl.Subnets {
				usable += s.Usable()
			}
		}
		free = vl.FreeAddresses
	}
	var ifaces []string
	for _, e := range v.Endpoints {
		if design.IsGatewayEndpoint(e) {
			b.gw = append(b.gw, safe.Text(e))
		} else {
			ifaces = append(ifaces, e)
		}
	}
	h2 := []string{Thousands(usable) + " usable", Thousands(int(free)) + " free"}
	if vl != nil && vl.ReservedAddresses > 0 {
		// Apart from the free figure: reserved space is not free to carve.
		h2 = append(h2, Thousands(int(vl.ReservedAddresses))+" reserved")
	}
	if len(ifaces) > 0 {
		h2 = append(h2, plural(len(ifaces), "interface endpoint"))
	}
	if len(v.Workloads) > 0 {
		h2 = append(h2, plural(len(v.Workloads), "workload"))
	}
	b.head[1] = strings.Join(h2, " · ")
	b.head[2] = ipv6Head(v, vl)
	showReserved := hasReserved(vl)

	// Columns: the VPC's AZs, then any other AZ a tier names.
	colAZ := slices.Clone(azs)
	for ti := range v.Tiers {
		extra := slices.Clone(v.Tiers[ti].AZs)
		for _, s := range v.Tiers[ti].Subnets {
			extra = append(extra, s.AZ)
		}
		for _, az := range extra {
			if !slices.Contains(colAZ, az) {
				colAZ = append(colAZ, az)
			}
		}
	}

	// Markers: where NAT gateways and interface-endpoint ENIs sit, and the
	// workloads of each tier.
	nat := natPlacement(v, vl, azs)
	eniTier := interfaceEndpointTier(v)
	workloads := map[string][]string{}
	for _, w := range v.Workloads {
		workloads[w.Tier] = append(workloads[w.Tier], safe.Text(w.Name))
	}

	b.labelW = 8
	b.tiers = make([]tierRow, 0, len(v.Tiers))
	for ti := range v.Tiers {
		t := &v.Tiers[ti]
		tr := tierRow{ref: edit.Ref{Kind: edit.Tier, T: ti}, name: safe.Text(t.Name), kind: t.Kind, cells: make([]cell, 0, len(colAZ))}
		if tr.name == "" {
			tr.name = "(unnamed)"
		}
		tr.sev = markOf(in, vi, tr.ref)
		tr.sub = safe.Text(string(t.Kind))
		if tr.sub == "" {
			tr.sub = "?"
		}
		switch {
		case t.IPv6 == design.TierIPv6Only:
			// Its subnets are /64s whatever a stray prefix says (validation
			// warns about one).
			tr.sub += " /" + strconv.Itoa(design.SubnetIPv6Bits)
		case t.Prefix != 0:
			tr.sub += " /" + strconv.Itoa(t.Prefix)
		}
		b.labelW = max(b.labelW, min(maxLabel, 2+safe.Width(tr.name)), min(maxLabel, 2+safe.Width(tr.sub)))
		var tl *design.TierLayout
		if vl != nil && ti < len(vl.Tiers) {
			tl = &vl.Tiers[ti]
		}
		covered := azs
		if tl != nil {
			covered = tl.AZs
		} else if t.AZs != nil {
			covered = t.AZs
		}
		for _, az := range colAZ {
			c := cell{ref: edit.Ref{Kind: edit.Subnet, T: ti, AZ: az}}
			c.sev = markOf(in, vi, c.ref)
			if tl != nil {
				if s, ok := tl.SubnetIn(az); ok {
					c.present = true
					if s.Prefix.IsValid() {
						c.cidr = s.Prefix.String()
						c.usable = usableText(s.Usable())
					} else if !s.Carved() && s.Explicit < len(t.Subnets) {
						c.cidr, c.bad = safe.Text(t.Subnets[s.Explicit].CIDR), true
					}
					c.withIPv6(t, s)
				} else if slices.Contains(tl.NoRoom, az) {
					c.present, c.noRoom = true, true
					c.cidr = "no room for /" + strconv.Itoa(t.Prefix)
				}
			}
			if !c.present && slices.Contains(covered, az) {
				c.present = true // covered, not resolvable (no prefix, bad CIDR)
				c.cidr = "no subnet"
				c.bad = true
			}
			if c.present && !c.noRoom {
				if nat[az] == ti+1 {
					c.markers = append(c.markers, "NAT")
				}
				if ti == eniTier && len(ifaces) > 0 {
					c.markers = append(c.markers, "ENI×"+strconv.Itoa(len(ifaces)))
				}
				if ws := workloads[t.Name]; len(ws) > 0 {
					m := "▪" + ws[0]
					if len(ws) > 1 {
						m += "+" + strconv.Itoa(len(ws)-1)
					}
					c.markers = append(c.markers, m)
				}
			}
			tr.cells = append(tr.cells, c)
		}
		if showReserved {
			tr.cells = append(tr.cells, reservedCell(t, tl))
		}
		if t.Kind == design.TierPublic {
			b.igw = true
		}
		b.tiers = append(b.tiers, tr)
	}

	// Column widths.
	x := b.labelW + colGap
	if showReserved {
		colAZ = append(slices.Clip(colAZ), reservedColumn)
	}
	for ci, az := range colAZ {
		w := safe.Width(safe.Text(az))
		for _, tr := range b.tiers {
			c := tr.cells[ci]
			w = max(w, 2+safe.Width(c.cidr), 2+safe.Width(c.infoText()))
		}
		w = min(w, maxCellW)
		b.cols = append(b.cols, column{az: safe.Text(az), x: x, w: w})
		x += w + colGap
	}
	gridEnd := x - colGap
	if len(colAZ) == 0 {
		gridEnd = b.labelW
	}

	// Gateway endpoints beside the grid when they fit there.
	gwW := 0
	if len(b.gw) > 0 {
		gwW = safe.Width("gateway endpoints")
		for _, g := range b.gw {
			gwW = max(gwW, 2+safe.Width(g))
		}
	}
	b.innerW = max(gridEnd, safe.Width(b.head[0]), safe.Width(b.head[1]), safe.Width(b.head[2]), b.titleWidth()+2)
	if len(b.gw) > 0 {
		besideW := gridEnd + 3 + gwW
		if len(b.gw) <= 2*len(b.tiers) && (in.Width <= 0 || besideW+contentX+2 <= in.Width || besideW <= b.innerW) {
			b.gwBeside, b.gwX = true, gridEnd+3
			b.innerW = max(b.innerW, besideW)
		} else {
			b.innerW = max(b.innerW, safe.Width(b.gwBelowText()))
		}
	}

	// Lines and navigation rows.
	rows := make([][]Item, 0, 1+len(b.tiers))
	b.lines = make([]vline, 0, 8+2*len(b.tiers))
	b.lines = append(b.lines, vline{kind: lTop}, vline{kind: lHead1}, vline{kind: lHead2})
	if b.head[2] != "" {
		b.lines = append(b.lines, vline{kind: lHead3})
	}
	rows = append(rows, []Item{{Ref: b.ref, X: margin, Y: 0, W: b.innerW + 4, H: len(b.lines)}})
	if b.igw {
		b.lines = append(b.lines, vline{kind: lIGW})
	}
	if len(b.cols) > 0 || b.gwBeside {
		b.lines = append(b.lines, vline{kind: lAZ})
	}
	for ti, tr := range b.tiers {
		y := len(b.lines)
		row := make([]Item, 0, 1+len(tr.cells))
		row = append(row, Item{Ref: tr.ref, X: contentX, Y: y, W: b.labelW, H: 2})
		for ci, c := range tr.cells {
			if c.reserved {
				continue // not a subnet: nothing to select
			}
			row = append(row, Item{Ref: c.ref, X: contentX + b.cols[ci].x, Y: y, W: b.cols[ci].w, H: 2})
		}
		rows = append(rows, row)
		b.lines = append(b.lines, vline{kind: lTier, t: ti}, vline{kind: lTier, t: ti, part: 1})
	}
	if len(b.gw) > 0 && !b.gwBeside {
		b.lines = append(b.lines, vline{kind: lGWBelow})
	}
	b.lines = append(b.lines, vline{kind: lBottom})
	return b, rows
}

func (c cell) infoText() string {
	parts := make([]string, 0, 1+len(c.markers))
	if c.usable != "" {
		parts = append(parts, c.usable)
	}
	parts = append(parts, c.markers...)
	return strings.Join(parts, " ")
}

func (b *vpcBlock) gwBelowText() string {
	return "gateway endpoints: ◁ " + strings.Join(b.gw, "  ◁ ")
}

func (b *vpcBlock) titleWidth() int {
	w := safe.Width(b.name) + 2 // glyph and space
	for _, n := range b.counts {
		if n > 0 {
			w += 2 + len(strconv.Itoa(n)) + 1
		}
	}
	return w
}

func (b *vpcBlock) height() int { return len(b.lines) }
func (b *vpcBlock) width() int  { return margin + b.innerW + 4 }

func (b *vpcBlock) line(i int, r *renderer) string {
	st := r.st
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	ln := b.lines[i]
	selected := r.sel == b.ref
	bd := st.VPCBorder
	switch ln.kind {
	case lTop:
		title := st.VPCName.S(b.name)
		if selected {
			title = st.Selected.S(b.name)
		}
		if b.sev > 0 {
			title = st.Severity(b.sev-1).S(styles.Glyph(b.sev-1)) + " " + title
		} else {
			title = "  " + title
		}
		for sev := 2; sev >= 0; sev-- {
			if n := b.counts[sev]; n > 0 {
				title += "  " + st.Severity(sev).S(styles.Glyph(sev)+strconv.Itoa(n))
			}
		}
		fill := b.innerW + 4 - 3 - safe.Width(title) - 2
		return " " + bd.S("╭─") + " " + title + " " + bd.S(strings.Repeat("─", max(fill, 1))+"╮")
	case lBottom:
		return " " + bd.S("╰"+strings.Repeat("─", b.innerW+2)+"╯")
	}
	var content string
	switch ln.kind {
	case lHead1, lHead2, lHead3:
		text := safe.Pad(b.head[ln.kind-lHead1], b.innerW)
		switch {
		case selected:
			content = st.SelectedDim.S(text)
		case ln.kind != lHead1:
			content = st.Dim.S(text)
		default:
			content = text
		}
	case lIGW:
		content = strings.Repeat(" ", b.labelW+colGap) + st.Public.S("⇅ internet gateway")
	case lAZ:
		var sb strings.Builder
		sb.WriteString(strings.Repeat(" ", b.labelW+colGap))
		at := b.labelW + colGap
		for _, c := range b.cols {
			sb.WriteString(strings.Repeat(" ", c.x-at))
			sb.WriteString(st.AZ.S(safe.Pad(c.az, c.w)))
			at = c.x + c.w
		}
		if b.gwBeside {
			sb.WriteString(strings.Repeat(" ", max(b.gwX-at, 0)))
			sb.WriteString(st.Dim.S("gateway endpoints"))
		}
		content = sb.String()
	case lTier:
		content = b.tierLine(ln, i, r)
	case lGWBelow:
		content = st.Dim.S(b.gwBelowText())
	}
	pad := b.innerW - safe.Width(content)
	return " " + bd.S("│") + " " + content + strings.Repeat(" ", max(pad, 0)) + " " + bd.S("│")
}

func (b *vpcBlock) tierLine(ln vline, i int, r *renderer) string {
	st := r.st
	tr := &b.tiers[ln.t]
	var sb strings.Builder
	// The label: name (with the tier's own finding glyph), then kind and prefix.
	selected := r.sel == tr.ref
	var label string
	if ln.part == 0 {
		name := safe.Pad(safe.Truncate(tr.name, b.labelW-2), b.labelW-2)
		if selected {
			label = st.Selected.S(glyphText(tr.sev) + " " + name)
		} else {
			label = markGlyph(st, tr.sev) + " " + st.Bold.S(name)
		}
	} else {
		sub := safe.Pad("  "+safe.Truncate(tr.sub, b.labelW-2), b.labelW)
		if selected {
			label = st.Selected.S(sub)
		} else {
			label = kindPaint(st, tr.kind).S(sub)
		}
	}
	sb.WriteString(label)
	sb.WriteString(strings.Repeat(" ", colGap))
	at := b.labelW + colGap
	for ci, c := range tr.cells {
		col := b.cols[ci]
		sb.WriteString(strings.Repeat(" ", col.x-at))
		sb.WriteString(c.draw(st, ln.part, col.w, r.sel == c.ref))
		at = col.x + col.w
	}
	if b.gwBeside {
		k := 2*ln.t + ln.part
		if k < len(b.gw) {
			sb.WriteString(strings.Repeat(" ", max(b.gwX-at, 0)))
			sb.WriteString(st.Dim.S("◁ ") + b.gw[k])
		}
	}
	return sb.String()
}

func (c cell) draw(st *styles.Styles, part, w int, selected bool) string {
	var plain string
	if part == 0 {
		switch {
		case !c.present:
			plain = "  —"
		case c.reserved:
			plain = reservedGlyph + " " + c.cidr
		default:
			plain = glyphText(c.sev) + " " + c.cidr
		}
	} else if c.present {
		plain = "  " + c.infoText()
	}
	plain = safe.Pad(plain, w)
	if selected {
		return st.Selected.S(plain)
	}
	if !c.present || (c.reserved && !c.bad) {
		return st.Dim.S(safe.Truncate(plain, w))
	}
	if part == 0 {
		body := safe.Pad(c.cidr, w-2)
		switch {
		case c.noRoom || c.bad:
			body = st.Error.S(body)
		default:
			body = st.CIDR.S(body)
		}
		return markGlyph(st, c.sev) + " " + body
	}
	// Usable addresses dim, markers in their colour.
	info := safe.Truncate(c.infoText(), w-2)
	if len(c.markers) == 0 || c.usable == "" {
		return "  " + st.Dim.S(safe.Pad(info, w-2))
	}
	u := c.usable
	rest := strings.TrimPrefix(info, u)
	if !strings.HasPrefix(info, u) {
		return "  " + st.Dim.S(safe.Pad(info, w-2))
	}
	return "  " + st.Dim.S(u) + st.Marker.S(rest) + strings.Repeat(" ", max(w-2-safe.Width(info), 0))
}

func glyphText(sev int) string {
	if sev == 0 {
		return " "
	}
	if sev == MarkReach {
		return GlyphReach
	}
	return styles.Glyph(sev - 1)
}

func markGlyph(st *styles.Styles, sev int) string {
	if sev == 0 {
		return " "
	}
	if sev == MarkReach {
		return st.Info.S(GlyphReach)
	}
	return st.Severity(sev - 1).S(styles.Glyph(sev - 1))
}

func kindPaint(st *styles.Styles, k design.TierKind) styles.Paint {
	switch k {
	case design.TierPublic:
		return st.Public
	case design.TierPrivate:
		return st.Private
	}
	return st.Isolated
}

func natText(m design.NATMode) string {
	switch m {
	case design.NATSingle:
		return "NAT single"
	case design.NATPerAZ:
		return "NAT per-az"
	case design.NATNone, "":
		return "no NAT"
	}
	return "NAT " + safe.Text(string(m))
}

// natPlacement returns, per AZ, 1 + the index of the tier whose subnet
// holds a NAT gateway: the first public tier in each AZ (per-az), or in the
// first AZ only (single).
func natPlacement(v *design.VPC, vl *design.VPCLayout, azs []string) map[string]int {
	out := map[string]int{}
	if vl == nil || (v.NAT != design.NATSingle && v.NAT != design.NATPerAZ) {
		return out
	}
	for _, az := range azs {
		for ti := range v.Tiers {
			if v.Tiers[ti].Kind != design.TierPublic || ti >= len(vl.Tiers) {
				continue
			}
			if _, ok := vl.Tiers[ti].SubnetIn(az); ok {
				out[az] = ti + 1
				break
			}
		}
		if v.NAT == design.NATSingle && len(out) > 0 {
			break
		}
	}
	return out
}

// interfaceEndpointTier is the tier whose subnets hold the interface
// endpoints' ENIs: the first private tier, else the first isolated one,
// else the first tier; -1 without tiers.
func interfaceEndpointTier(v *design.VPC) int {
	for _, k := range []design.TierKind{design.TierPrivate, design.TierIsolated} {
		for ti := range v.Tiers {
			if v.Tiers[ti].Kind == k {
				return ti
			}
		}
	}
	if len(v.Tiers) > 0 {
		return 0
	}
	return -1
}

// Thousands formats n with comma separators: 65,531.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// usableText is "4,091 IPs"; subnets come in few sizes, so the texts are
// made once.
func usableText(n int) string {
	if t, ok := usableCache.Load(n); ok {
		return t.(string)
	}
	t := Thousands(n) + " IPs"
	usableCache.Store(n, t)
	return t
}

var usableCache sync.Map
