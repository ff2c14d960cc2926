// Package cli is vpcsmith's command line: one file per command, each with an
// options struct and a run function that writes to injected Streams.
package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// Version is the build's version, set with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Execute runs the command line with args (without the program name) and
// returns the process exit code.
func Execute(ctx context.Context, args []string, s Streams) int {
	root := NewRootCommand(s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var ee *exitError
		if !asExitError(err, &ee) || ee.err != nil {
			fmt.Fprintf(s.Err, "vpcsmith: %s\n", termtext.Lines(err.Error()))
		}
	}
	return exitCodeOf(err)
}

// NewRootCommand builds the command tree writing to s.
func NewRootCommand(s Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "vpcsmith [FILE]",
		Short: "Design AWS VPC networks in the terminal",
		Long: "vpcsmith designs AWS VPC networks: tiers by Availability Zone, subnets,\n" +
			"NAT, endpoints, security groups and the connections between VPCs.\n" +
			"It validates as you edit, estimates monthly cost and exports Mermaid\n" +
			"and CloudFormation.",
		Version:       Version,
		Args:          rootArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDesigner(cmd.Context(), cmd, s, args)
		},
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(flagError)
	for _, add := range commands {
		root.AddCommand(add(s))
	}
	for _, c := range root.Commands() {
		if c.HasSubCommands() && !c.Runnable() {
			requireSubcommand(c)
		}
	}
	return root
}

// commands holds the constructors of the subcommands; each command's file
// registers itself in init, so adding a command touches no other file.
var commands []func(Streams) *cobra.Command

func register(c func(Streams) *cobra.Command) { commands = append(commands, c) }

func asExitError(err error, target **exitError) bool {
	ee, ok := err.(*exitError)
	if ok {
		*target = ee
	}
	return ok
}
