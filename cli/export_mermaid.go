package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { registerExport(newExportMermaidCommand) }

type exportMermaidOptions struct {
	file     string
	output   string
	view     string
	markdown bool
}

func newExportMermaidCommand(s Streams) *cobra.Command {
	opts := &exportMermaidOptions{}
	cmd := &cobra.Command{
		Use:   "mermaid FILE [-o OUT] [--view network|security] [--markdown]",
		Short: "Draw a design as a Mermaid flowchart",
		Long: "Draw the design in FILE as a Mermaid flowchart, for a README or a pull request.\n" +
			"The network view (the default) nests subnets in AZs in VPCs, with gateways,\n" +
			"endpoints, workloads and connections; the security view draws the chain of\n" +
			"security-group rules with their ports. A design too large for Mermaid's limits\n" +
			"is drawn with one node per tier, or per VPC, and a note on stderr says so.\n" +
			"A design with validation errors is not exported: the errors are listed and\n" +
			"the exit status is 1, as it is for a design too large to draw even so.",
		Example: "  vpcsmith export mermaid network.yaml --markdown -o docs/network.md\n" +
			"  vpcsmith export mermaid network.yaml --view security",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return withCode(ExitUsage, fmt.Errorf("export mermaid takes one design file, got %d arguments", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runExportMermaid(s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "write the diagram to `OUT` (atomically) instead of standard output")
	f.StringVar(&opts.view, "view", string(mermaid.ViewNetwork), "what to draw: network or security")
	f.BoolVar(&opts.markdown, "markdown", false, "wrap the diagram in a ```mermaid fence")
	_ = cmd.RegisterFlagCompletionFunc("view", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		views := make([]string, len(mermaid.Views))
		for i, v := range mermaid.Views {
			views[i] = string(v)
		}
		return views, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runExportMermaid(s Streams, opts *exportMermaidOptions) error {
	view, err := mermaid.ParseView(opts.view)
	if err != nil {
		return withCode(ExitUsage, err)
	}
	d, err := loadDesign(opts.file)
	if err != nil {
		return reportLoadError(s, opts.file, err)
	}
	// A diagram of a design AWS would reject documents something that
	// cannot exist, so the errors come first.
	l := design.Resolve(d)
	if err := requireDeployable(s, opts.file, design.ValidateLayout(l)); err != nil {
		return err
	}
	r, err := mermaid.Render(l, mermaid.Options{View: view, Markdown: opts.markdown})
	var tooLarge *mermaid.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		// The design is valid but no diagram of it fits Mermaid: a property
		// of the design, like a CloudFormation quota, not a load error.
		return withCode(ExitFindings, fmt.Errorf("%w; draw part of it: split the design into files of fewer VPCs", err))
	case err != nil:
		return withCode(ExitUsage, err)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(s.Err, "vpcsmith: note: %s\n", termtext.Lines(n))
	}
	if opts.output == "" || opts.output == "-" {
		_, err := io.WriteString(s.Out, r.Text)
		return err
	}
	if err := design.WriteFileAtomic(opts.output, []byte(r.Text), 0o644); err != nil {
		return withCode(ExitUsage, err)
	}
	return nil
}
