package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vpcsmith/vpcsmith/internal/suggest"
)

// commandNames are the names and aliases of c's subcommands, the
// candidates of a did-you-mean.
func commandNames(c *cobra.Command) []string {
	var names []string
	for _, sub := range c.Commands() {
		if sub.Hidden {
			continue
		}
		names = append(names, sub.Name())
		names = append(names, sub.Aliases...)
	}
	return names
}

// unknownCommand is the usage error for a word that names no subcommand of
// c, with the closest one when there is one.
func unknownCommand(c *cobra.Command, word string) error {
	return withCode(ExitUsage, fmt.Errorf("unknown command %q for %q%s (see %s --help)",
		word, c.CommandPath(), suggest.Suffix(word, commandNames(c)), c.CommandPath()))
}

// rootArgs checks the root command's arguments: one design file at most,
// and a first argument that is no file but one slip from a command's name
// (`vpcsmith validat`, `vpcsmith validat f.yaml`) is that command
// mistyped, not the name of a new design the picker would create.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	_, err := os.Stat(args[0])
	exists := !errors.Is(err, fs.ErrNotExist)
	if len(args) > 1 {
		if !exists {
			return unknownCommand(cmd, args[0]) // no file: a command was meant
		}
		return withCode(ExitUsage, fmt.Errorf("the designer opens one design file, got %d arguments", len(args)))
	}
	if !exists && typo(cmd, args[0]) {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// typo reports whether arg, a file that does not exist, reads as a
// mistyped command name rather than a new design's file: it has no
// extension or directory (shop.yaml, nets/prod.yml have) and is a slip or
// two from a command's name (a third of its letters at most: "validat",
// "exprot"; "foo" may well be a new design, though "fmt" is near).
func typo(cmd *cobra.Command, arg string) bool {
	if strings.ContainsAny(arg, "./\\") {
		return false
	}
	best := suggest.Closest(arg, commandNames(cmd))
	return best != "" && suggest.Distance(strings.ToLower(arg), best) <= max(1, len([]rune(arg))/3)
}

// requireSubcommand makes a command that only groups others (export) fail
// on a word that is none of them, with a did-you-mean and exit 2, where
// cobra would print the help and exit 0; and on no word at all, since the
// command does nothing by itself.
func requireSubcommand(c *cobra.Command) {
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			cmd.SetOut(cmd.ErrOrStderr())
			_ = cmd.Usage()
			return withCode(ExitUsage, fmt.Errorf("%s needs one of: %s", cmd.CommandPath(), strings.Join(commandNames(cmd), ", ")))
		}
		return unknownCommand(cmd, args[0])
	}
}

// flagError is the usage error for a bad flag; an unknown one names the
// closest flag of the command (`--fromat`: did you mean "--format"?).
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	var name string
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		name = strings.TrimPrefix(msg, "unknown flag: --")
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if best := suggest.Closest(name, names); best != "" {
			return withCode(ExitUsage, fmt.Errorf("%s; did you mean --%s?", msg, best))
		}
	}
	// An unknown shorthand flag (a single letter) has no plausible
	// neighbour; the help lists them.
	return withCode(ExitUsage, err)
}
