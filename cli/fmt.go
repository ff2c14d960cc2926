package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newFmtCommand) }

type fmtOptions struct {
	files []string
	write bool
	list  bool
}

func newFmtCommand(s Streams) *cobra.Command {
	opts := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt FILE...",
		Short: "Rewrite designs in canonical form, with carved subnets written out",
		Long: "Fmt prints each design in canonical form: comments and key order kept,\n" +
			"and every subnet carved from a tier's prefix written out, so that it never\n" +
			"moves when AZs or tiers are added later. With -w the files are rewritten\n" +
			"in place (atomically); with -l only the names of files that would change\n" +
			"are printed.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runFmt(s, opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.write, "write", "w", false, "write the result to the file instead of standard output")
	cmd.Flags().BoolVarP(&opts.list, "list", "l", false, "list files whose formatting differs")
	return cmd
}

func runFmt(s Streams, opts *fmtOptions) error {
	failed := false
	for _, file := range opts.files {
		d, err := loadDesign(file)
		if err != nil {
			reportLoadError(s, file, err)
			failed = true
			continue
		}
		out := design.Marshal(d)
		switch {
		case opts.list || opts.write:
			old, err := os.ReadFile(file)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			if bytes.Equal(old, out) {
				continue
			}
			if opts.list {
				fmt.Fprintln(s.Out, termtext.Lines(file))
			}
			if opts.write {
				if err := design.WriteFileAtomic(file, out, 0o644); err != nil {
					return withCode(ExitUsage, err)
				}
			}
		default:
			if _, err := s.Out.Write(out); err != nil {
				return err
			}
		}
	}
	if failed {
		return silentExit(ExitUsage)
	}
	return nil
}
