package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// formatFlag adds a command's --format flag, whose default is the first
// choice, with shell completion of the choices. The value is checked by
// checkFormat when the command runs, so one message serves every command.
func formatFlag(cmd *cobra.Command, p *string, usage string, choices ...string) {
	cmd.Flags().StringVar(p, "format", choices[0], usage)
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return choices, cobra.ShellCompDirectiveNoFileComp
	})
}

// checkFormat refuses a --format that is not one of choices, naming them.
func checkFormat(format string, choices ...string) error {
	if slices.Contains(choices, format) {
		return nil
	}
	return fmt.Errorf("unknown --format %q: use %s", format, orList(choices))
}

// orList writes "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// oneDesignFile is the Args of a command that reads one design file;
// command names it in the error ("reach", "export mermaid").
func oneDesignFile(command string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return withCode(ExitUsage, fmt.Errorf("%s takes one design file, got %d arguments", command, len(args)))
		}
		return nil
	}
}
