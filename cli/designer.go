package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export"
	"github.com/vpcsmith/vpcsmith/importer"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
	"github.com/vpcsmith/vpcsmith/ui"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

// defaultDesignFile is the file `vpcsmith` without an argument opens (or
// creates from a template).
const defaultDesignFile = "network.yaml"

// noTerminalHelp lists what to use instead of the designer when there is
// no terminal (a pipe, CI).
const noTerminalHelp = `vpcsmith: the designer needs a terminal: standard input and output must both be one.
Without a terminal, use the commands:
  vpcsmith validate FILE          check a design (exit 1 on errors)
  vpcsmith cost FILE              estimate its monthly cost
  vpcsmith export mermaid FILE    draw it as a Mermaid diagram
  vpcsmith fmt FILE               rewrite it in canonical form
  vpcsmith new -o FILE            start a design from a template
  vpcsmith templates              list the templates
`

// runDesigner opens the interactive designer on the file in args (default
// network.yaml). A file that does not exist opens the template picker and
// is created on the first save. Without a terminal it says which commands
// to use instead and exits 2.
func runDesigner(ctx context.Context, cmd *cobra.Command, s Streams, args []string) error {
	if !s.InIsTTY || !s.OutIsTTY {
		io.WriteString(s.Err, noTerminalHelp)
		return silentExit(ExitUsage)
	}
	path := defaultDesignFile
	if len(args) == 1 {
		path = args[0]
	}
	opts, err := designerOptions(s, path)
	if err != nil {
		return err
	}
	return ui.Run(ctx, opts, s.In, s.Out)
}

// designerOptions loads the file, its recovery journal, the prices and the
// exporters: everything the designer needs, read before it starts so that
// the UI does no file I/O of its own but saves.
func designerOptions(s Streams, path string) (ui.Options, error) {
	opts := ui.Options{Path: path, NoColor: ui.NoColorFromEnv()}
	if lim, err := fileLimits(); err == nil {
		opts.Limits = lim // a reload honours VPCSMITH_MAX_FILE_SIZE too
	}
	// design.Open: the design is the parse of exactly the bytes whose
	// Version the designer's saves check against (a save that finds the
	// file changed asks before writing), and killed saves' temporary files
	// beside it are cleaned up.
	d, data, _, err := openDesign(path)
	switch _, serr := os.Stat(path); {
	case err == nil:
		opts.Design, opts.Base = d, data
	case errors.Is(serr, fs.ErrNotExist):
		// The picker starts a new design; saving creates the file.
	default:
		return opts, reportLoadError(s, path, err)
	}
	dir := os.Getenv("VPCSMITH_RECOVERY_DIR")
	if dir == "" {
		dir, _ = journal.DefaultDir()
	}
	if dir != "" {
		opts.Journal = journal.Open(dir)
		rec, err := ui.LoadRecovery(opts.Journal, path, opts.Base)
		if err != nil {
			fmt.Fprintf(s.Err, "vpcsmith: warning: %s\n", termtext.Lines(err.Error()))
		}
		opts.Recovery = rec
	}
	if prices, err := cost.DefaultPrices(); err == nil {
		opts.Cost = ui.EstimatorFunc(func(d *design.Design) (*cost.Breakdown, error) { return cost.Estimate(d, prices) })
	}
	opts.Exporters = designerExporters()
	opts.Importer = awsImporter{}
	opts.Profile = os.Getenv("AWS_PROFILE")
	return opts, nil
}

// awsImporter is the designer's import: the importer package over the EC2
// API, with the credentials the AWS CLI would use.
type awsImporter struct{}

func (awsImporter) ListVPCs(ctx context.Context, region, profile string) ([]ui.AWSVPC, string, error) {
	client, used, err := importer.NewClient(ctx, importer.ClientConfig{Region: region, Profile: profile})
	if err != nil {
		return nil, "", err
	}
	vpcs, err := importer.ListVPCs(ctx, client)
	if err != nil {
		return nil, used, err
	}
	out := make([]ui.AWSVPC, len(vpcs))
	for i, v := range vpcs {
		out[i] = ui.AWSVPC{ID: v.ID, Name: v.Name, CIDR: v.CIDR}
	}
	return out, used, nil
}

func (awsImporter) Import(ctx context.Context, region, profile string, ids []string, progress func(ui.ImportProgress)) (*ui.ImportResult, error) {
	client, used, err := importer.NewClient(ctx, importer.ClientConfig{Region: region, Profile: profile})
	if err != nil {
		return nil, err
	}
	r, err := importer.Import(ctx, client, importer.Options{Region: used, VPCIDs: ids, Progress: func(p importer.Progress) {
		progress(ui.ImportProgress{VPCs: p.VPCs, VPCsDone: p.VPCsDone, Calls: p.Calls})
	}})
	if err != nil {
		return nil, err
	}
	res := &ui.ImportResult{Design: r.Design}
	for _, n := range r.Notes {
		res.Notes = append(res.Notes, n.String())
	}
	for _, g := range r.Gaps {
		res.Notes = append(res.Notes, g.String())
	}
	return res, nil
}

// designerExporters are the exports the designer offers: the registry's
// formats at their default settings, through the same export.Run as the
// CLI, so the same checks refuse a design (security findings stay in the
// problems pane and do not block) and the files get the same names.
func designerExporters() []ui.Exporter {
	var out []ui.Exporter
	for _, f := range export.Formats() {
		out = append(out, ui.Exporter{Name: f.Title, Hint: f.Hint, Export: func(d *design.Design) ([]ui.ExportFile, []string, error) {
			r, err := export.Run(d, f, f.Defaults())
			if err != nil {
				return nil, nil, err
			}
			files := make([]ui.ExportFile, len(r.Files))
			for i, file := range r.Files {
				files[i] = ui.ExportFile{Suffix: file.Suffix, Data: file.Data}
			}
			return files, r.Notes, nil
		}})
	}
	return out
}
