package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vpcsmith/vpcsmith/design"
)

func init() { register(newValidateCommand) }

type validateOptions struct {
	files  []string
	format string
}

func newValidateCommand(s Streams) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check designs for errors and risks",
		Long: "Validate loads each design and reports every finding: CIDR overlaps, AZ\n" +
			"coverage, NAT placement, open security groups, AWS's rules and quotas.\n\n" +
			"Exit status: 0 when no file has errors (warnings are allowed), 1 when any\n" +
			"design has errors, 2 when a file cannot be read or parsed.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runValidate(s, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func runValidate(s Streams, opts *validateOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return withCode(ExitUsage, fmt.Errorf("unknown --format %q: use text or json", opts.format))
	}
	var all []fileFinding
	unreadable, errorsFound := 0, 0
	for _, file := range opts.files {
		d, err := design.Load(file)
		if err != nil {
			unreadable++
			all = append(all, fromLoadError(file, err)...)
			continue
		}
		fs := design.Validate(d)
		errorsFound += design.Count(fs, design.Error)
		for _, f := range fs {
			all = append(all, fromFinding(file, f))
		}
	}
	if opts.format == "json" {
		if err := writeFindingsJSON(s.Out, all); err != nil {
			return err
		}
	} else {
		for _, f := range all {
			writeFindingText(s.Out, f, s.Color())
		}
		warnings := 0
		for _, f := range all {
			if f.Severity == "warning" {
				warnings++
			}
		}
		fmt.Fprintf(s.Err, "%s, %s in %s\n", plural(errorsFound+countLoad(all), "error"), plural(warnings, "warning"), plural(len(opts.files), "file"))
	}
	switch {
	case unreadable > 0:
		return silentExit(ExitUsage)
	case errorsFound > 0:
		return silentExit(ExitFindings)
	}
	return nil
}

func countLoad(fs []fileFinding) int {
	n := 0
	for _, f := range fs {
		if f.Code == loadErrorCode {
			n++
		}
	}
	return n
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
