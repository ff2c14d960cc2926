package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/reach"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newReachCommand) }

type reachOptions struct {
	file     string
	from, to string
	port     string
	protocol string
	format   string
	exposure bool
}

func newReachCommand(s Streams) *cobra.Command {
	opts := &reachOptions{}
	cmd := &cobra.Command{
		Use:   "reach FILE (--from SRC --to DST | --to DST | --exposure) [--port N] [--protocol tcp|udp|icmp|all] [--format text|json]",
		Short: "Ask the design who can reach what, on which port, and what blocks it",
		Long: "Decide offline, with AWS's semantics, whether traffic from SRC reaches DST:\n" +
			"security groups (stateful), network ACLs (stateless: the replies on the\n" +
			"ephemeral ports must pass too), route tables by longest prefix, NAT (outbound\n" +
			"only), internet gateways (public subnets and public addresses only),\n" +
			"peering (not transitive), transit gateway route tables, VPNs and\n" +
			"PrivateLink (one way, on its port). A blocked path names the first\n" +
			"blocking component, a reason code and the edit that would open it.\n\n" +
			"SRC and DST: internet, network:NAME, VPC/TIER, VPC/TIER/AZ, VPC/sg:NAME,\n" +
			"VPC/workload:NAME, an IP address or a CIDR. A tier, AZ or address as the\n" +
			"destination asks the network layer only; a group or workload asks the\n" +
			"whole path, security groups included. --to alone lists who reaches DST;\n" +
			"--exposure lists every group and workload the internet or a network\n" +
			"reaches. docs/reach.md describes every rule and code.\n\n" +
			"Exit status: 0 reachable (or someone reaches DST, or nothing is exposed),\n" +
			"1 not reachable (or nobody reaches DST, or something is exposed), 2 bad input.",
		Example: "  vpcsmith reach shop.yaml --from internet --to production/workload:web --port 443\n" +
			"  vpcsmith reach shop.yaml --from production/sg:app --to production/sg:db --format json\n" +
			"  vpcsmith reach shop.yaml --to production/sg:db --port 5432\n" +
			"  vpcsmith reach shop.yaml --exposure",
		Args: oneDesignFile("reach"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runReach(s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "", "the source `SRC`")
	f.StringVar(&opts.to, "to", "", "the destination `DST`")
	f.StringVar(&opts.port, "port", "", "the destination port `N` (default: report which ports pass)")
	f.StringVar(&opts.protocol, "protocol", "tcp", "tcp, udp, icmp or all")
	f.BoolVar(&opts.exposure, "exposure", false, "list what the internet and the networks reach")
	formatFlag(cmd, &opts.format, "output format: text or json", "text", "json")
	return cmd
}

// query checks the flags and builds the engine's question.
func (o *reachOptions) query() (reach.Query, error) {
	q := reach.Query{Protocol: o.protocol}
	if err := checkFormat(o.format, "text", "json"); err != nil {
		return q, err
	}
	switch {
	case o.protocol != "tcp" && o.protocol != "udp" && o.protocol != "icmp" && o.protocol != "all":
		return q, fmt.Errorf("unknown --protocol %q: use tcp, udp, icmp or all", o.protocol)
	case o.exposure && (o.from != "" || o.to != ""):
		return q, errors.New("--exposure takes no --from or --to: it asks about every outside source and target")
	case !o.exposure && o.to == "":
		return q, errors.New("reach needs --to DST (with --from SRC to ask about one path), or --exposure")
	case o.port != "" && (o.protocol == "icmp" || o.protocol == "all"):
		return q, fmt.Errorf("--port means nothing for --protocol %s: leave it out", o.protocol)
	}
	if o.port != "" {
		p, err := reach.ParsePortFlag(o.port)
		if err != nil {
			return q, err
		}
		q.Ports = p
	}
	return q, nil
}

func runReach(s Streams, opts *reachOptions) error {
	q, err := opts.query()
	if err != nil {
		return withCode(ExitUsage, err)
	}
	d, err := loadDesign(opts.file)
	if err != nil {
		return reportLoadError(s, opts.file, err)
	}
	e := reach.New(design.Resolve(d))
	if opts.exposure {
		return reachExposure(s, opts, e, q)
	}
	to, err := e.Resolve(opts.to)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--to: %w", err))
	}
	if opts.from == "" {
		return reachSources(s, opts, e, to, q)
	}
	from, err := e.Resolve(opts.from)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--from: %w", err))
	}
	res := e.Reach(from, to, q)
	if opts.format == "json" {
		out := reachJSON{Reachable: res.Reachable, Paths: res.Paths, BlockedBy: res.BlockedBy}
		if out.Paths == nil {
			out.Paths = [][]reach.Hop{}
		}
		if err := writeReachJSON(s.Out, out); err != nil {
			return err
		}
	} else {
		_, _ = io.WriteString(s.Out, reachText(opts, res, s.Color()))
	}
	if !res.Reachable {
		return silentExit(ExitFindings)
	}
	return nil
}

type reachJSON struct {
	Reachable bool          `json:"reachable"`
	Paths     [][]reach.Hop `json:"paths"`
	BlockedBy *reach.Block  `json:"blocked_by,omitempty"`
}

// reachText is the verdict, each path hop by hop, and the block with its
// code and fix. Names come from the design file, so every line is
// sanitized.
func reachText(opts *reachOptions, res reach.Result, color bool) string {
	var b strings.Builder
	on := opts.protocol
	if opts.protocol == "tcp" || opts.protocol == "udp" {
		on += " " + res.Ports.String()
	}
	if res.Reachable {
		fmt.Fprintf(&b, "%s: %s → %s on %s\n", paint(color, sgrBold, "reachable"), termtext.Lines(opts.from), termtext.Lines(opts.to), on)
	} else {
		fmt.Fprintf(&b, "%s: %s → %s\n", paint(color, sgrRed, "not reachable"), termtext.Lines(opts.from), termtext.Lines(opts.to))
	}
	for i, p := range res.Paths {
		if len(res.Paths) > 1 {
			fmt.Fprintf(&b, "path %d:\n", i+1)
		} else {
			b.WriteString("path:\n")
		}
		for _, h := range p {
			fmt.Fprintf(&b, "  %s: %s\n", termtext.Lines(h.Component), termtext.Lines(h.Detail))
		}
	}
	if bl := res.BlockedBy; bl != nil {
		fmt.Fprintf(&b, "blocked by %s: %s %s\n", termtext.Lines(bl.Component), termtext.Lines(bl.Message), paint(color, sgrDim, "["+bl.Code+"]"))
		if bl.Fix != "" {
			fmt.Fprintf(&b, "to open it: %s\n", termtext.Lines(bl.Fix))
		}
	}
	return b.String()
}

func reachSources(s Streams, opts *reachOptions, e *reach.Engine, to reach.Element, q reach.Query) error {
	srcs := e.Sources(to, q)
	if opts.format == "json" {
		type row struct {
			From  string `json:"from"`
			Ports string `json:"ports"`
		}
		out := struct {
			Sources []row `json:"sources"`
		}{Sources: []row{}}
		for _, r := range srcs {
			out.Sources = append(out.Sources, row{r.From, r.Ports.String()})
		}
		if err := writeReachJSON(s.Out, out); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		verb := " reach "
		if len(srcs) == 1 {
			verb = " reaches "
		}
		fmt.Fprintf(&b, "%s%s%s:\n", plural(len(srcs), "source"), verb, termtext.Lines(opts.to))
		for _, r := range srcs {
			fmt.Fprintf(&b, "  %s on %s\n", termtext.Lines(r.From), portsOn(opts.protocol, r.Ports))
		}
		_, _ = io.WriteString(s.Out, b.String())
	}
	if len(srcs) == 0 {
		return silentExit(ExitFindings)
	}
	return nil
}

func reachExposure(s Streams, opts *reachOptions, e *reach.Engine, q reach.Query) error {
	exp := e.Exposure(q)
	if opts.format == "json" {
		type row struct {
			Target string `json:"target"`
			From   string `json:"from"`
			Ports  string `json:"ports"`
		}
		out := struct {
			Exposed []row `json:"exposed"`
		}{Exposed: []row{}}
		for _, x := range exp {
			out.Exposed = append(out.Exposed, row{x.Target, x.From, x.Ports.String()})
		}
		if err := writeReachJSON(s.Out, out); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		fmt.Fprintf(&b, "%d exposed:\n", len(exp))
		for _, x := range exp {
			fmt.Fprintf(&b, "  %s from %s on %s\n", termtext.Lines(x.Target), termtext.Lines(x.From), portsOn(opts.protocol, x.Ports))
			if len(x.Rules) > 0 {
				fmt.Fprintf(&b, "    to close it, remove or narrow: %s\n", termtext.Lines(strings.Join(x.Rules, "; ")))
			}
		}
		_, _ = io.WriteString(s.Out, b.String())
	}
	if len(exp) > 0 {
		return silentExit(ExitFindings)
	}
	return nil
}

func portsOn(proto string, p reach.PortSet) string {
	if proto == "icmp" || proto == "all" {
		return proto
	}
	return proto + " " + p.String()
}

// writeReachJSON writes v indented, with the names' control characters escaped.
func writeReachJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(termtext.EscapeJSON(buf.Bytes()))
	return err
}
