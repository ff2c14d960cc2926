package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newCostCommand) }

type costOptions struct {
	file        string
	format      string
	prices      string
	printPrices bool
}

func newCostCommand(s Streams) *cobra.Command {
	opts := &costOptions{}
	cmd := &cobra.Command{
		Use:   "cost FILE [--format text|json] [--prices FILE]",
		Short: "Estimate a design's monthly AWS cost",
		Long: "Estimate the monthly cost of the design in FILE at on-demand list prices:\n" +
			"NAT gateways, public IPv4 addresses, interface endpoints, transit gateways,\n" +
			"VPN connections, load balancers, and the data charges its `traffic`\n" +
			"assumptions imply, per VPC and connection, with advice on changes that\n" +
			"would alter the bill (each priced by estimating the changed design, ranked\n" +
			"by saving, with its risk and the exact edit). What it cannot price (traffic\n" +
			"on a connection the VPC lacks, a missing price) is listed, never $0.\n\n" +
			"Prices are built in for us-east-1, us-west-2, eu-west-1, eu-central-1,\n" +
			"ap-southeast-1, ap-northeast-1 and sa-east-1, each figure with its source;\n" +
			"--prices replaces them with a file of the same format (start from\n" +
			"--print-prices). docs/cost.md explains every figure.\n\n" +
			"Exit status: 0 on success, 1 when the design has validation errors, 2 when\n" +
			"a file cannot be read, a prices file is malformed or a region has no prices.",
		Example: "  vpcsmith cost network.yaml\n" +
			"  vpcsmith cost network.yaml --format json\n" +
			"  vpcsmith cost --print-prices > prices.yaml && vpcsmith cost network.yaml --prices prices.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.printPrices {
				if len(args) != 0 {
					return withCode(ExitUsage, fmt.Errorf("cost --print-prices takes no design file"))
				}
				return nil
			}
			return oneDesignFile("cost")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.file = args[0]
			}
			return runCost(s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.prices, "prices", "", "read prices from `FILE` instead of the built-in ones")
	f.BoolVar(&opts.printPrices, "print-prices", false, "print the built-in prices file and exit")
	formatFlag(cmd, &opts.format, "output format: text or json", "text", "json")
	return cmd
}

func runCost(s Streams, opts *costOptions) error {
	if opts.printPrices {
		_, err := s.Out.Write(cost.EmbeddedPricesYAML())
		return err
	}
	if err := checkFormat(opts.format, "text", "json"); err != nil {
		return withCode(ExitUsage, err)
	}
	prices, err := loadPrices(opts.prices)
	if err != nil {
		return reportLoadError(s, opts.prices, err)
	}
	d, err := loadDesign(opts.file)
	if err != nil {
		return reportLoadError(s, opts.file, err)
	}
	// An estimate never refuses a design that loads: the errors go to
	// stderr, and the estimate prices what is written.
	reportErrors(s, opts.file, design.Validate(d))
	b, err := cost.Estimate(d, prices)
	if err != nil {
		var mr *cost.MissingRegionError
		var tl *cost.TooLargeError
		var be *cost.BoundError
		if errors.As(err, &mr) || errors.As(err, &tl) || errors.As(err, &be) {
			return withCode(ExitUsage, err)
		}
		return err
	}
	if opts.format == "json" {
		return writeCostJSON(s.Out, b)
	}
	_, err = io.WriteString(s.Out, costText(d, b, prices.File, s.Color()))
	return err
}

func loadPrices(path string) (*cost.Prices, error) {
	if path == "" {
		return cost.DefaultPrices()
	}
	return cost.LoadPrices(path)
}

func writeCostJSON(w io.Writer, b *cost.Breakdown) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return err
	}
	_, err := w.Write(termtext.EscapeJSON(buf.Bytes()))
	return err
}

// Widths of the text table: descriptions wrap in their column, advice wraps
// under its figure, so the table stays within about 120 columns.
const (
	costDescWidth   = 50
	costAdviceWidth = 88
)

// costRow is one line of the text table before alignment.
type costRow struct {
	group     bool // a VPC or connection heading, written across the columns
	dim, bold bool
	// category, description, quantity, unit price, monthly
	cells [5]string
}

// costText renders b as aligned tables, one per VPC and connection, with
// subtotals, the total and the advice. Names come from the design file, so
// every text is sanitized.
func costText(d *design.Design, b *cost.Breakdown, pricesFile string, color bool) string {
	title := d.Name
	if title == "" {
		title = "design"
	}
	var rows []costRow
	rows = append(rows, costRow{bold: true, cells: [5]string{"CATEGORY", "DESCRIPTION", "QUANTITY", "UNIT PRICE", "MONTHLY"}})
	kinds := map[string]design.ConnectionKind{}
	for _, c := range d.Connections {
		kinds[c.Name] = c.Kind
	}
	for start := 0; start < len(b.Items); {
		end := start + 1
		for end < len(b.Items) && costGroup(b.Items[end]) == costGroup(b.Items[start]) {
			end++
		}
		group := b.Items[start:end]
		rows = append(rows, costRow{group: true, cells: [5]string{costHeading(group[0], kinds)}})
		for _, it := range group {
			lines := wrapWords(termtext.Lines(it.Description), costDescWidth)
			rows = append(rows, costRow{dim: it.Monthly == 0, cells: [5]string{"  " + string(it.Category), lines[0],
				cost.FormatQuantity(it.Quantity) + " " + unitLabel(it.Unit, it.Quantity), it.UnitPrice.String(), it.Monthly.String()}})
			for _, l := range lines[1:] {
				rows = append(rows, costRow{dim: it.Monthly == 0, cells: [5]string{"", l}})
			}
		}
		if len(group) > 1 {
			rows = append(rows, costRow{cells: [5]string{3: "subtotal", 4: cost.Total(group).String()}})
		}
		start = end
	}
	rows = append(rows, costRow{bold: true, cells: [5]string{0: "TOTAL", 4: b.MonthlyTotal.String()}})
	// A VPC with no item of its own (isolated subnets only, say) would
	// otherwise just be missing from the tables.
	priced := map[string]bool{}
	for _, it := range b.Items {
		priced[it.VPC] = true
	}
	var free []string
	for _, v := range d.VPCs {
		if !priced[v.Name] {
			free = append(free, termtext.Lines(v.Name))
		}
	}

	var w [5]int
	for _, r := range rows {
		if r.group {
			continue
		}
		for c, cell := range r.cells {
			w[c] = max(w[c], ansi.StringWidth(cell))
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "%s\nprices: %s\n\n", paint(color, sgrBold, termtext.Lines(title)+": estimated monthly cost, USD at on-demand list prices, 730 hours a month"), termtext.Lines(pricesFile))
	for i, r := range rows {
		if r.group {
			out.WriteString("\n" + paint(color, sgrBold, r.cells[0]) + "\n")
			continue
		}
		if i == len(rows)-1 { // the total
			out.WriteString("\n")
		}
		line := padRight(r.cells[0], w[0]) + "  " + padRight(r.cells[1], w[1]) + "  " +
			padLeft(r.cells[2], w[2]) + "  " + padLeft(r.cells[3], w[3]) + "  " + padLeft(r.cells[4], w[4])
		line = strings.TrimRight(line, " ")
		switch {
		case r.bold:
			line = paint(color, sgrBold, line)
		case r.dim:
			line = paint(color, sgrDim, line)
		}
		out.WriteString(line + "\n")
	}
	if len(free) > 0 {
		fmt.Fprintf(&out, "\nVPCs with no charges of their own: %s.\n", strings.Join(free, ", "))
	}
	if len(b.Warnings) > 0 {
		out.WriteString("\n" + paint(color, sgrBold, "NOT PRICED (the estimate leaves these out)") + "\n")
		for _, w := range b.Warnings {
			lines := wrapWords(termtext.Lines(w.Message), costAdviceWidth+12)
			fmt.Fprintf(&out, "  - %s\n", lines[0])
			for _, l := range lines[1:] {
				fmt.Fprintf(&out, "    %s\n", l)
			}
		}
	}
	if len(b.Advice) > 0 {
		out.WriteString("\n" + paint(color, sgrBold, "ADVICE (monthly difference, from estimating the changed design; savings first, largest first)") + "\n")
		increases := false
		for _, a := range b.Advice {
			if a.MonthlyDifference >= 0 && !increases {
				increases = true
				out.WriteString(paint(color, sgrBold, "  Changes that cost more or nothing (shown as increases, not savings):") + "\n")
			}
			diff := a.MonthlyDifference.String()
			if a.MonthlyDifference > 0 {
				diff = "+" + diff
			}
			text := termtext.Lines(a.Message) + "."
			if a.Risk != "" {
				text += " Risk: " + termtext.Lines(a.Risk) + "."
			}
			if a.Edit != "" {
				text += " Edit: " + termtext.Lines(a.Edit) + "."
			}
			if len(a.Changes) > 0 {
				parts := make([]string, len(a.Changes))
				for i, c := range a.Changes {
					sign := ""
					if c.Monthly > 0 {
						sign = "+"
					}
					parts[i] = string(c.Category) + " " + sign + c.Monthly.String()
				}
				text += " [" + strings.Join(parts, ", ") + "]"
			}
			lines := wrapWords(text, costAdviceWidth)
			fmt.Fprintf(&out, "%s  %s\n", padLeft(paint(color, sgrBold, diff), 12), lines[0])
			for _, l := range lines[1:] {
				fmt.Fprintf(&out, "%14s%s\n", "", l)
			}
		}
	}
	return out.String()
}

// costGroup is the table an item belongs to: its connection's, else its VPC's.
func costGroup(it cost.Item) string {
	if it.Connection != "" {
		return "c:" + it.Connection
	}
	return "v:" + it.VPC
}

func costHeading(it cost.Item, kinds map[string]design.ConnectionKind) string {
	if it.Connection != "" {
		return termtext.Lines(fmt.Sprintf("Connection %s (%s, %s)", it.Connection, kinds[it.Connection], it.Region))
	}
	return termtext.Lines(fmt.Sprintf("VPC %s (%s)", it.VPC, it.Region))
}

func unitLabel(unit string, q float64) string {
	switch unit {
	case cost.UnitHour:
		return "h"
	case cost.UnitEndpoint, cost.UnitConnection:
		if q != 1 {
			return unit + "s"
		}
	}
	return unit
}

func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-ansi.StringWidth(s))) + s
}

// wrapWords breaks s into lines of at most width columns at spaces (a word
// longer than width gets a line of its own). Unlike ansi.Wrap it never
// breaks at hyphens, which would split category names.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
