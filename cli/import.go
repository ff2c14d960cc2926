package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/reach"
	"github.com/vpcsmith/vpcsmith/importer"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newImportCommand) }

type importOptions struct {
	region  string
	profile string
	vpcIDs  []string
	all     bool
	output  string
}

func newImportCommand(s Streams) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import (--vpc-id ID... | --all) [--region R] [--profile P] [-o FILE]",
		Short: "Import existing VPCs from AWS into a design (read-only)",
		Long: "Read existing VPCs through the EC2 API and write them as a design: CIDRs,\n" +
			"AZs, subnets grouped into tiers by routing and naming, the NAT mode,\n" +
			"endpoints, flow logs, security groups and the peerings and transit\n" +
			"gateways between the imported VPCs. Only ec2:Describe* calls are made.\n\n" +
			"Credentials and region come from the usual AWS sources (environment,\n" +
			"profiles, SSO); AWS_ENDPOINT_URL_EC2 points the import at another endpoint.\n" +
			"What the design format cannot express is listed in a comment block at the\n" +
			"top of the file and on stderr; the imported design's findings follow.\n" +
			"docs/import.md lists the IAM policy the import needs.\n\n" +
			"Exit status: 0 on success, 1 when the imported design has validation\n" +
			"errors, 2 on a usage error or when AWS cannot be read (no credentials,\n" +
			"no such VPC), 3 when AWS denied some calls and the import is partial\n" +
			"(the file is still written; its header names what is missing).",
		Example: "  vpcsmith import --vpc-id vpc-0abc1234 -o network.yaml\n" +
			"  vpcsmith import --profile prod --region eu-west-1 --all -o prod.yaml\n" +
			"  vpcsmith import --vpc-id vpc-0abc1234,vpc-0def5678 > two.yaml",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.region, "region", "", "AWS `REGION` to import from (default: from the environment or profile)")
	f.StringVar(&opts.profile, "profile", "", "named `PROFILE` of the AWS config files")
	f.StringSliceVar(&opts.vpcIDs, "vpc-id", nil, "`ID` of a VPC to import (repeat or separate with commas)")
	f.BoolVar(&opts.all, "all", false, "import every VPC of the region")
	f.StringVarP(&opts.output, "output", "o", "", "write the design to `FILE` (default: standard output)")
	return cmd
}

// vpcIDPattern is the shape of a VPC ID; anything else is refused before
// any call, so that a typo is a usage error rather than an AWS one.
var vpcIDPattern = regexp.MustCompile(`^vpc-[0-9a-f]{8,17}$`)

func (o *importOptions) check() error {
	switch {
	case o.all && len(o.vpcIDs) > 0:
		return errors.New("give either --vpc-id or --all, not both")
	case !o.all && len(o.vpcIDs) == 0:
		return errors.New("name the VPCs to import with --vpc-id ID (repeatable), or pass --all")
	}
	for _, id := range o.vpcIDs {
		if !vpcIDPattern.MatchString(id) {
			return fmt.Errorf("%q is not a VPC ID (vpc- followed by 8 or 17 hexadecimal digits)", id)
		}
	}
	return nil
}

func runImport(ctx context.Context, s Streams, opts *importOptions) error {
	if err := opts.check(); err != nil {
		return withCode(ExitUsage, err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	client, region, err := importer.NewClient(ctx, importer.ClientConfig{Region: opts.region, Profile: opts.profile})
	if err != nil {
		return withCode(ExitUsage, err)
	}
	progress := newProgressLine(s.Err)
	res, err := importer.Import(ctx, client, importer.Options{
		Region: region, VPCIDs: opts.vpcIDs, All: opts.all, Progress: progress.update,
	})
	progress.done()
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("import from %s: %w", region, err))
	}
	file := res.File()
	name := "<stdout>"
	if opts.output != "" {
		name = opts.output
		if err := design.WriteFileAtomic(opts.output, file, 0o644); err != nil {
			return withCode(ExitUsage, err)
		}
	} else if _, err := s.Out.Write(file); err != nil {
		return err
	}
	findings := reportImport(s, res, name, file)
	switch {
	case res.Partial():
		return silentExit(ExitPartial)
	case design.HasErrors(findings):
		return silentExit(ExitFindings)
	}
	return nil
}

// reportImport prints on stderr what was imported, every note and gap, and
// the findings of the written file (parsed back, so that lines match it).
func reportImport(s Streams, res *importer.Result, name string, file []byte) []design.Finding {
	w := s.Err
	d := res.Design
	tiers, subnets, groups := 0, 0, 0
	for _, v := range d.VPCs {
		tiers += len(v.Tiers)
		groups += len(v.SecurityGroups)
		for _, t := range v.Tiers {
			subnets += len(t.Subnets)
		}
	}
	fmt.Fprintf(w, "imported %s from %s into %s: %s, %s, %s, %s (%d calls)\n",
		plural(len(d.VPCs), "VPC"), termtext.Lines(d.Region), termtext.Lines(name), plural(tiers, "tier"), plural(subnets, "subnet"),
		plural(groups, "security group"), plural(len(d.Connections), "connection"), res.Calls)
	var inexpressible, outside []importer.Note
	for _, n := range res.Notes {
		if n.Outside {
			outside = append(outside, n)
		} else {
			inexpressible = append(inexpressible, n)
		}
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, it := range items {
			fmt.Fprintf(w, "  - %s\n", termtext.Lines(it))
		}
	}
	list("Not expressible in the design format (listed in the file's header, left out of the design):", noteLines(inexpressible))
	list("Outside the import (referenced, not imported):", noteLines(outside))
	var gaps []string
	title := "PARTIAL IMPORT: AWS denied these calls (exit code 3); grant them for a full import:"
	for _, g := range res.Gaps {
		gaps = append(gaps, g.String())
		if g.Unreadable {
			title = "PARTIAL IMPORT: AWS denied these calls, or answered them in invalid XML (exit code 3); grant the denied ones and fix what each line names for a full import:"
		}
	}
	list(title, gaps)

	// The file is ours, whatever its size: an organisation may well be over
	// the default limit for untrusted files.
	parsed, err := design.ParseWithLimits(name, file, design.Limits{MaxBytes: max(len(file), design.MaxFileSize)})
	if err != nil {
		// The importer writes only what the format holds; a file that does
		// not parse back is a bug, reported as such.
		fmt.Fprintf(w, "\nvpcsmith: the imported design does not parse back (please report this): %s\n", termtext.Lines(err.Error()))
		return []design.Finding{{Severity: design.Error, Code: "import-unreadable", Message: err.Error()}}
	}
	findings := reach.Validate(parsed)
	if len(findings) > 0 {
		fmt.Fprintf(w, "\nFindings in the imported design (the layout is kept as it is in AWS):\n")
		for _, f := range findings {
			writeFindingText(w, fromFinding(name, f), s.Color())
		}
	}
	return findings
}

func noteLines(ns []importer.Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.String()
	}
	return out
}

// progressLine shows how far a long import has got, on stderr: on a
// terminal one line rewritten in place, elsewhere a line every few seconds.
// Nothing is shown for an import that ends within a second.
type progressLine struct {
	w     io.Writer
	tty   bool
	start time.Time

	mu      sync.Mutex
	last    time.Time
	printed bool
}

const (
	progressDelay       = time.Second
	progressTTYInterval = 100 * time.Millisecond
	progressLogInterval = 5 * time.Second
)

func newProgressLine(w io.Writer) *progressLine {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &progressLine{w: w, tty: tty, start: time.Now()}
}

func (p *progressLine) update(pr importer.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	interval := progressLogInterval
	if p.tty {
		interval = progressTTYInterval
	}
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < interval {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Round(time.Second)
	line := fmt.Sprintf("importing: listing VPCs, %s", elapsed)
	if pr.VPCs > 0 {
		line = fmt.Sprintf("importing: %d of %d VPCs read, %d calls, %s", pr.VPCsDone, pr.VPCs, pr.Calls, elapsed)
	}
	if p.tty {
		fmt.Fprint(p.w, "\r"+eraseLine+line)
		p.printed = true
		return
	}
	fmt.Fprintln(p.w, line)
}

// done clears the line on a terminal.
func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.printed {
		fmt.Fprint(p.w, "\r"+eraseLine)
	}
	p.printed = false
	p.last = time.Now().Add(time.Hour) // late updates print nothing
}
