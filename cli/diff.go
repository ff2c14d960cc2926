package cli

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/diff"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newDiffCommand) }

type diffOptions struct {
	format  string
	live    bool
	region  string
	profile string
}

func newDiffCommand(s Streams) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--format text|markdown|json] | diff FILE --live [--region R] [--profile P]",
		Short: "Compare two designs, or a design with what is deployed",
		Long: "Diff compares two designs element by element (VPCs, tiers, subnets, security\n" +
			"groups and rules, network ACLs, routes, connections, networks), never line\n" +
			"by line, so reordering a list is no change. Each change is added, removed\n" +
			"or changed with its old and new values; a change AWS makes by replacing\n" +
			"the resource is marked, with what goes with it. The monthly cost delta and\n" +
			"the findings introduced and resolved follow.\n\n" +
			"With --live, FILE is compared with what is deployed: the VPCs it describes\n" +
			"are imported read-only (as `vpcsmith import` does) and shown as NEW, so\n" +
			"\"added\" is in AWS and not in the design, \"removed\" the other way round.\n\n" +
			"Exit status, as diff(1): 0 no changes, 1 changes, 2 an error (a file that\n" +
			"does not load, a usage error, AWS unreadable); 3 with --live when AWS\n" +
			"denied some calls and the comparison is partial.",
		Example: "  vpcsmith diff old.yaml net.yaml\n" +
			"  vpcsmith diff <(git show HEAD~1:net.yaml) net.yaml --format markdown\n" +
			"  vpcsmith diff net.yaml --live --region eu-west-1",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkDiffArgs(opts, args); err != nil {
				return withCode(ExitUsage, err)
			}
			if opts.live {
				return runDiffLive(cmd.Context(), s, opts, args[0])
			}
			return runDiff(s, opts, args[0], args[1])
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.live, "live", false, "compare FILE with the VPCs deployed in AWS (read-only)")
	f.StringVar(&opts.region, "region", "", "with --live: AWS `REGION` (default: from the environment or profile)")
	f.StringVar(&opts.profile, "profile", "", "with --live: named `PROFILE` of the AWS config files")
	formatFlag(cmd, &opts.format, "output format: text, markdown or json", "text", "markdown", "json")
	return cmd
}

func checkDiffArgs(opts *diffOptions, args []string) error {
	if err := checkFormat(opts.format, "text", "markdown", "json"); err != nil {
		return err
	}
	if opts.live {
		if len(args) != 1 {
			return fmt.Errorf("diff --live takes one design file, got %d arguments", len(args))
		}
		return nil
	}
	if opts.region != "" || opts.profile != "" {
		return fmt.Errorf("--region and --profile go with --live")
	}
	if len(args) != 2 {
		return fmt.Errorf("diff takes two design files, OLD and NEW, got %d arguments (or FILE --live)", len(args))
	}
	return nil
}

func runDiff(s Streams, opts *diffOptions, oldFile, newFile string) error {
	// Both files load through the normal loader with their names as given,
	// so a process substitution (/dev/fd/63) or git difftool's temporary
	// file reads like any other; each is read once.
	old, err := loadDesign(oldFile)
	if err != nil {
		return reportLoadError(s, oldFile, err)
	}
	new, err := loadDesign(newFile)
	if err != nil {
		return reportLoadError(s, newFile, err)
	}
	return writeDiff(s, opts, oldFile, newFile, old, new, nil)
}

// writeDiff compares, writes the report in the format asked for and
// returns the exit status: 1 when anything changed.
func writeDiff(s Streams, opts *diffOptions, oldName, newName string, old, new *design.Design, notes []string) error {
	r, err := diff.Compare(old, new, diff.Options{OldFile: oldName, NewFile: newName})
	if err != nil {
		return withCode(ExitUsage, err)
	}
	switch opts.format {
	case "json":
		err = writeDiffJSON(s, r, notes)
	case "markdown":
		err = writeDiffMarkdown(s, r, oldName, newName, notes)
	default:
		err = writeDiffText(s, r, oldName, newName, notes)
	}
	if err != nil {
		return err
	}
	if !r.Empty() {
		return silentExit(ExitFindings)
	}
	return nil
}

func writeDiffJSON(s Streams, r *diff.Report, notes []string) error {
	v := any(r)
	if notes != nil {
		v = struct {
			*diff.Report
			Notes []string `json:"notes"`
		}{r, notes}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := s.Out.Write(termtext.EscapeJSON(buf.Bytes()))
	return err
}
