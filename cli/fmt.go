package cli

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { register(newFmtCommand) }

type fmtOptions struct {
	files []string
	write bool
	list  bool
	// beforeWrite, when set, runs between a file's read and its write
	// (tests change the file there, as an editor saving at that moment would).
	beforeWrite func(file string)
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
			"are printed. A file that changed on disk between its read and its write\n" +
			"(an editor saved it meanwhile) is not written: fmt says so and exits 4.",
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
	failed, changed := false, false
	for _, file := range opts.files {
		// Open, not Load: the design is the parse of exactly the bytes
		// compared below, and their Version makes the write refuse to
		// replace a file that someone saved meanwhile.
		d, old, since, err := openDesign(file)
		if err != nil {
			reportLoadError(s, file, err)
			failed = true
			continue
		}
		out := design.Marshal(d)
		switch {
		case opts.list || opts.write:
			if bytes.Equal(old, out) {
				continue
			}
			if opts.list {
				fmt.Fprintln(s.Out, termtext.Lines(file))
			}
			if !opts.write {
				continue
			}
			if opts.beforeWrite != nil {
				opts.beforeWrite(file)
			}
			err := design.WriteFileChecked(file, out, 0o644, since)
			if errors.Is(err, design.ErrChanged) {
				// The other files are still formatted; the exit code says
				// that this one needs fmt again.
				fmt.Fprintf(s.Err, "vpcsmith: %s\nvpcsmith: fmt -w left %s as it is; run it again to format the new content\n",
					termtext.Lines(err.Error()), termtext.Lines(file))
				changed = true
				continue
			}
			if err != nil {
				return withCode(ExitUsage, err)
			}
		default:
			if _, err := s.Out.Write(out); err != nil {
				return err
			}
		}
	}
	switch {
	case failed:
		// A file that does not load needs a person; running again does not help.
		return silentExit(ExitUsage)
	case changed:
		return silentExit(ExitChanged)
	}
	return nil
}
