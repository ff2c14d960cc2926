package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newExportCommand) }

// newExportCommand is `vpcsmith export`, with one subcommand per format of
// the registry (export.Formats), so the CLI and the designer offer the
// same formats.
func newExportCommand(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export a design as a Mermaid diagram or a CloudFormation template",
		Args:  cobra.NoArgs,
	}
	for _, f := range export.Formats() {
		cmd.AddCommand(newExportFormatCommand(s, f))
	}
	return cmd
}

type exportOptions struct {
	file, output string
	settings     map[string]*string
	switches     map[string]*bool
}

func newExportFormatCommand(s Streams, f export.Format) *cobra.Command {
	opts := &exportOptions{settings: map[string]*string{}, switches: map[string]*bool{}}
	use := f.Name + " FILE [-o OUT]"
	for _, o := range f.Options {
		if o.Bool {
			use += " [--" + o.Name + "]"
		} else {
			use += " [--" + o.Name + " " + strings.Join(o.Choices, "|") + "]"
		}
	}
	cmd := &cobra.Command{
		Use:     use,
		Short:   f.Short,
		Long:    f.Long,
		Example: f.Example,
		Args:    oneDesignFile("export " + f.Name),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runExport(s, f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.output, "output", "o", "", "write to `OUT` (atomically): a file, or a directory for several files")
	for _, o := range f.Options {
		if o.Bool {
			opts.switches[o.Name] = fl.Bool(o.Name, o.Default == "true", o.Usage)
			continue
		}
		opts.settings[o.Name] = fl.String(o.Name, o.Default, o.Usage)
		if len(o.Choices) > 0 {
			choices := o.Choices
			_ = cmd.RegisterFlagCompletionFunc(o.Name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return choices, cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
	return cmd
}

func runExport(s Streams, f export.Format, opts *exportOptions) error {
	set := export.Settings{}
	for k, v := range opts.settings {
		set[k] = *v
	}
	for k, v := range opts.switches {
		if *v {
			set[k] = "true"
		} else {
			set[k] = ""
		}
	}
	d, err := loadDesign(opts.file)
	if err != nil {
		return reportLoadError(s, opts.file, err)
	}
	out, err := export.Run(d, f, set)
	var blocked *export.BlockedError
	var usage *export.UsageError
	switch {
	case errors.As(err, &usage):
		return withCode(ExitUsage, err)
	case errors.As(err, &blocked):
		// A diagram or template of a design AWS would reject documents
		// something that cannot exist, so the errors come first.
		if err := requireDeployable(s, opts.file, blocked.Findings); err != nil {
			return err
		}
		return withCode(ExitFindings, err)
	case err != nil:
		// The design is valid, yet the format cannot take it as it is (a
		// quota, Mermaid's limits): a property of the design.
		return withCode(ExitFindings, err)
	}
	if err := requireDeployable(s, opts.file, out.Findings); err != nil {
		return err
	}
	for _, n := range out.Notes {
		fmt.Fprintf(s.Err, "vpcsmith: note: %s\n", termtext.Lines(n))
	}
	return writeExport(s, opts.file, opts.output, out.Files)
}

// writeExport writes the files: one to standard output (no -o) or to the
// file -o names; into the directory -o names, under the names the designer
// gives them (the design file's stem and each file's suffix), when -o is a
// directory or there are several files.
func writeExport(s Streams, file, output string, files []export.File) error {
	toStdout := output == "" || output == "-"
	toDir := false
	if !toStdout {
		if fi, err := os.Stat(output); err == nil && fi.IsDir() {
			toDir = true
		}
	}
	if len(files) > 1 && !toDir {
		const show = 3
		var names []string
		for i, f := range files {
			if i == show {
				names = append(names, fmt.Sprintf("… and %d more", len(files)-show))
				break
			}
			names = append(names, export.Stem(file)+f.Suffix)
		}
		list := strings.Join(names, ", ")
		if toStdout {
			return withCode(ExitUsage, fmt.Errorf("the export is %d files (%s): give -o DIRECTORY to write them", len(files), termtext.Lines(list)))
		}
		if _, err := os.Stat(output); err == nil {
			return withCode(ExitUsage, fmt.Errorf("%s is a file, but the export is %d files (%s): give -o a directory", termtext.Lines(output), len(files), termtext.Lines(list)))
		}
		if err := os.MkdirAll(output, 0o755); err != nil {
			return withCode(ExitUsage, err)
		}
		toDir = true
	}
	switch {
	case !toDir && toStdout:
		_, err := s.Out.Write(files[0].Data)
		return err
	case !toDir:
		if err := design.WriteFileAtomic(output, files[0].Data, 0o644); err != nil {
			return withCode(ExitUsage, err)
		}
		return nil
	}
	for _, f := range files {
		path := filepath.Join(output, export.Stem(file)+f.Suffix)
		if err := design.WriteFileAtomic(path, f.Data, 0o644); err != nil {
			return withCode(ExitUsage, err)
		}
		msg := "vpcsmith: wrote " + termtext.Lines(path)
		if f.Summary != "" {
			msg += " " + f.Summary
		}
		fmt.Fprintln(s.Err, msg)
	}
	return nil
}
