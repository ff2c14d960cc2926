package cli

import (
	"github.com/spf13/cobra"
)

func init() { register(newExportCommand) }

// exportFormats holds the constructors of `vpcsmith export <format>`; each
// format's file registers itself, like the top-level commands.
var exportFormats []func(Streams) *cobra.Command

func registerExport(c func(Streams) *cobra.Command) { exportFormats = append(exportFormats, c) }

func newExportCommand(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export a design as a Mermaid diagram or a CloudFormation template",
		Args:  cobra.NoArgs,
	}
	for _, add := range exportFormats {
		cmd.AddCommand(add(s))
	}
	return cmd
}
