package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { register(newVersionCommand) }

func newVersionCommand(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of vpcsmith",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(s.Out, "vpcsmith %s\n", Version)
			return err
		},
	}
}
