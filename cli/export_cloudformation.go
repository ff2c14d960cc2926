package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

func init() { registerExport(newExportCloudFormationCommand) }

type exportCloudFormationOptions struct {
	file   string
	output string
	format string
}

func newExportCloudFormationCommand(s Streams) *cobra.Command {
	opts := &exportCloudFormationOptions{}
	cmd := &cobra.Command{
		Use:   "cloudformation FILE [-o OUT] [--format yaml|json]",
		Short: "Export a design as CloudFormation templates, one per region",
		Long: "Export the design in FILE as AWS CloudFormation: the VPCs with their subnets,\n" +
			"route tables, gateways, NAT, endpoints, security groups and flow logs, and the\n" +
			"peerings, transit gateways, VPNs and PrivateLink services between them.\n" +
			"A stack is regional, so a design with VPCs in several regions exports one\n" +
			"template per region: -o then names a directory, which gets one file per\n" +
			"region, <design>-<region>.yaml. With one region, -o names the file (or a\n" +
			"directory to put <design>-<region>.yaml in); without -o the template goes\n" +
			"to standard output.\n\n" +
			"What a deployer must decide is a parameter (customer gateway addresses,\n" +
			"flow-log retention); what another stack needs is an output, exported as\n" +
			"<stack name>-<output>. Notes on stderr say what else to know.\n\n" +
			"Exit status: 1 when the design has validation errors or a template would\n" +
			"exceed a CloudFormation quota (500 resources, 1 MB), 2 when the file\n" +
			"cannot be read or the command line is wrong.",
		Example: "  vpcsmith export cloudformation network.yaml -o network.yaml\n" +
			"  vpcsmith export cloudformation network.yaml --format json -o templates/",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return withCode(ExitUsage, fmt.Errorf("export cloudformation takes one design file, got %d arguments", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runExportCloudFormation(s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "write to `OUT`: a file, or a directory for one file per region")
	f.StringVar(&opts.format, "format", "yaml", "template format: yaml or json")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "json"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runExportCloudFormation(s Streams, opts *exportCloudFormationOptions) error {
	if opts.format != "yaml" && opts.format != "json" {
		return withCode(ExitUsage, fmt.Errorf("unknown --format %q: use yaml or json", opts.format))
	}
	d, err := loadDesign(opts.file)
	if err != nil {
		return reportLoadError(s, opts.file, err)
	}
	l := design.Resolve(d)
	if err := requireDeployable(s, opts.file, design.ValidateLayout(l)); err != nil {
		return err
	}
	ts, err := cloudformation.Build(l)
	if err != nil {
		var fe *cloudformation.FindingsError
		if errors.As(err, &fe) {
			return requireDeployable(s, opts.file, fe.Findings)
		}
		// The design is valid, yet CloudFormation cannot take it as it is
		// (a quota, a shape the exporter cannot express): a design problem.
		return withCode(ExitFindings, err)
	}

	bodies := make([][]byte, len(ts))
	for i, t := range ts {
		if opts.format == "json" {
			bodies[i], err = t.JSON()
		} else {
			bodies[i], err = t.YAML()
		}
		if err != nil {
			return withCode(ExitFindings, err)
		}
	}
	for i, t := range ts {
		for _, n := range t.Notes {
			fmt.Fprintf(s.Err, "vpcsmith: note: %s: %s\n", t.Region, termtext.Lines(n))
		}
		for _, p := range t.Parameters {
			if !p.HasDefault {
				fmt.Fprintf(s.Err, "vpcsmith: note: %s: parameter %s has no default: %s\n", t.Region, p.Name, termtext.Lines(p.Description))
			}
		}
		if len(bodies[i]) > cloudformation.MaxInlineBytes {
			fmt.Fprintf(s.Err, "vpcsmith: note: %s: the template is %d bytes, over CloudFormation's %d-byte limit for a template sent inline: upload it to S3 (aws cloudformation deploy --s3-bucket ...)\n",
				t.Region, len(bodies[i]), cloudformation.MaxInlineBytes)
		}
	}

	toDir := false
	if opts.output != "" && opts.output != "-" {
		if fi, err := os.Stat(opts.output); err == nil && fi.IsDir() {
			toDir = true
		}
	}
	if len(ts) > 1 && !toDir {
		regions := make([]string, len(ts))
		for i, t := range ts {
			regions[i] = t.Region
		}
		if opts.output == "" || opts.output == "-" {
			return withCode(ExitUsage, fmt.Errorf("the design has VPCs in %d regions (%s), one template each: give -o DIRECTORY to write them", len(ts), strings.Join(regions, ", ")))
		}
		if _, err := os.Stat(opts.output); err == nil {
			return withCode(ExitUsage, fmt.Errorf("%s is a file, but the design has VPCs in %d regions (%s): give -o a directory for one template per region", opts.output, len(ts), strings.Join(regions, ", ")))
		}
		if err := os.MkdirAll(opts.output, 0o755); err != nil {
			return withCode(ExitUsage, err)
		}
		toDir = true
	}

	switch {
	case !toDir && (opts.output == "" || opts.output == "-"):
		_, err := s.Out.Write(bodies[0])
		return err
	case !toDir:
		if err := design.WriteFileAtomic(opts.output, bodies[0], 0o644); err != nil {
			return withCode(ExitUsage, err)
		}
		return nil
	}
	used := map[string]bool{}
	for i, t := range ts {
		name := templateFileName(d.Name, t.Region, opts.format, used)
		path := filepath.Join(opts.output, name)
		if err := design.WriteFileAtomic(path, bodies[i], 0o644); err != nil {
			return withCode(ExitUsage, err)
		}
		fmt.Fprintf(s.Err, "vpcsmith: wrote %s (%d resources)\n", termtext.Lines(path), t.Resources)
	}
	return nil
}

// templateFileName is <design>-<region>.<ext>, both parts reduced to
// [a-z0-9-] so that no name from the file can leave the directory or
// confuse a shell; used guards against two regions reducing alike.
func templateFileName(designName, region, ext string, used map[string]bool) string {
	base := fileSlug(designName, "design") + "-" + fileSlug(region, "region")
	name := base + "." + ext
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d.%s", base, n, ext)
	}
	used[name] = true
	return name
}

func fileSlug(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 64 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}
