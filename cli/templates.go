package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/templates"
)

func init() { register(newTemplatesCommand) }

type templatesOptions struct {
	format string
}

func newTemplatesCommand(s Streams) *cobra.Command {
	opts := &templatesOptions{}
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List the built-in designs that `vpcsmith new` starts from",
		Long: "List the built-in designs, one per line: the name to pass to\n" +
			"`vpcsmith new --template NAME`, then what the design holds.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplates(s, opts)
		},
	}
	formatFlag(cmd, &opts.format, "output format: text or json", "text", "json")
	return cmd
}

// templateEntry is one template in `--format json` output.
type templateEntry struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Default     bool   `json:"default"`
}

func runTemplates(s Streams, opts *templatesOptions) error {
	if err := checkFormat(opts.format, "text", "json"); err != nil {
		return withCode(ExitUsage, err)
	}
	list := templates.List()
	switch opts.format {
	case "json":
		entries := make([]templateEntry, len(list))
		for i, t := range list {
			entries[i] = templateEntry{Name: t.Name, Description: t.Description, Default: t.Name == templates.Default}
		}
		out, err := json.MarshalIndent(entries, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(s.Out, "%s\n", out)
		return err
	case "text":
		width := 0
		for _, t := range list {
			width = max(width, len(t.Name))
		}
		var b strings.Builder
		for _, t := range list {
			// Pad before colouring, so escape codes do not count as width.
			name := paint(s.Color(), sgrBold, fmt.Sprintf("%-*s", width, t.Name))
			fmt.Fprintf(&b, "%s  %s\n", name, t.Description)
		}
		_, err := fmt.Fprint(s.Out, b.String())
		return err
	}
	return nil
}
