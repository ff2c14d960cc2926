package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

func init() { register(newNewCommand) }

type newOptions struct {
	template string
	output   string
	force    bool
	name     string
	nameSet  bool
}

func newNewCommand(s Streams) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new [--template NAME] [-o FILE] [--force] [--name NAME]",
		Short: "Start a design from a built-in template",
		Long: "Write a built-in design to standard output, or with -o to a file.\n" +
			"The default template is " + templates.Default + "; `vpcsmith templates` lists them all.\n" +
			"An existing file is never overwritten unless --force is given.",
		Example: "  vpcsmith new -o network.yaml\n" +
			"  vpcsmith new --template saas-production --name billing -o billing.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("new takes no arguments; to write a file, use -o %s", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.nameSet = cmd.Flags().Changed("name")
			return runNew(s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.template, "template", "t", templates.Default, "the template to start from")
	f.StringVarP(&opts.output, "output", "o", "", "write the design to `FILE` instead of standard output")
	f.BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	f.StringVar(&opts.name, "name", "", "set the design's name")
	_ = cmd.RegisterFlagCompletionFunc("template", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return templates.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runNew(s Streams, opts *newOptions) error {
	data, err := templates.Source(opts.template)
	if err != nil {
		return withCode(ExitUsage, err)
	}
	if opts.nameSet {
		if data, err = renamed(opts.template, data, opts.name); err != nil {
			return withCode(ExitUsage, err)
		}
	}
	if opts.output == "" || opts.output == "-" {
		_, err := s.Out.Write(data)
		return err
	}
	if !opts.force {
		// Lstat, so that a symlink (even a dangling one) counts as a file
		// the user may care about. The check and the write are not one
		// atomic step; the window only matters if something else creates
		// the file in between, and the write itself is still atomic.
		if _, err := os.Lstat(opts.output); err == nil {
			return withCode(ExitUsage, fmt.Errorf("%s already exists; use --force to overwrite it", opts.output))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return withCode(ExitUsage, fmt.Errorf("cannot check %s: %w", opts.output, err))
		}
	}
	if err := design.WriteFileAtomic(opts.output, data, 0o644); err != nil {
		return withCode(ExitUsage, err)
	}
	fmt.Fprintf(s.Err, "wrote the %s template to %s; open it with `vpcsmith %s`\n", opts.template, opts.output, opts.output)
	return nil
}

// renamed returns the template with its design name set to name, in
// canonical form. The comments and layout of the template are kept.
func renamed(template string, src []byte, name string) ([]byte, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, errors.New("--name needs a non-empty name")
	}
	d, err := design.Parse(templates.FileName(template), src)
	if err != nil {
		return nil, err
	}
	d.Name = name
	out := design.Marshal(d)
	// The name is free text: make sure it was written so that it reads back.
	back, err := design.Parse("the renamed design", out)
	if err != nil || back.Name != name {
		return nil, fmt.Errorf("cannot use %q as a design name", name)
	}
	return out, nil
}
