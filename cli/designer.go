package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// runDesigner opens the interactive designer on the file in args. Until the
// terminal UI lands it prints help.
func runDesigner(ctx context.Context, cmd *cobra.Command, s Streams, args []string) error {
	return cmd.Help()
}
