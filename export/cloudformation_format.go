package export

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
)

// cloudFormationFormat is one template per region, "<stem>-<region>.yaml"
// (or .json), with the deployer's notes: parameters without a default and
// templates too large to send inline.
func cloudFormationFormat() Format {
	return Format{
		Name:  "cloudformation",
		Title: "CloudFormation",
		Short: "Export a design as CloudFormation templates, one per region",
		Long: "Export the design in FILE as AWS CloudFormation: the VPCs with their subnets,\n" +
			"route tables, gateways, NAT, endpoints, security groups and flow logs, and the\n" +
			"peerings, transit gateways, VPNs and PrivateLink services between them.\n" +
			"A stack is regional, so a design with VPCs in several regions exports one\n" +
			"template per region: -o then names a directory, which gets one file per\n" +
			"region, <file>-<region>.yaml (<file> is FILE's name without .yaml, as the\n" +
			"designer names them beside the design). With one region, -o names the file\n" +
			"(or a directory to put <file>-<region>.yaml in); without -o the template\n" +
			"goes to standard output.\n\n" +
			"What a deployer must decide is a parameter (customer gateway addresses,\n" +
			"flow-log retention); what another stack needs is an output, exported as\n" +
			"<stack name>-<output>. Notes on stderr say what else to know.\n\n" +
			"Exit status: 1 when the design has validation errors or a template would\n" +
			"exceed a CloudFormation quota (500 resources, 1 MB), 2 when the file\n" +
			"cannot be read or the command line is wrong.",
		Example: "  vpcsmith export cloudformation network.yaml -o network.yaml\n" +
			"  vpcsmith export cloudformation network.yaml --format json -o templates/",
		Options: []Option{{Name: "format", Usage: "template format: yaml or json", Default: "yaml", Choices: []string{"yaml", "json"}}},
		Hint:    "-<region>.yaml",
		Render:  renderCloudFormation,
	}
}

func renderCloudFormation(l *design.Layout, set Settings) (*Output, error) {
	ts, err := cloudformation.Build(l)
	if err != nil {
		var fe *cloudformation.FindingsError
		if errors.As(err, &fe) {
			return nil, &BlockedError{Findings: fe.Findings}
		}
		return nil, err
	}
	ext := set["format"]
	out := &Output{}
	for _, t := range ts {
		var body []byte
		if ext == "json" {
			body, err = t.JSON()
		} else {
			body, err = t.YAML()
		}
		if err != nil {
			return nil, err
		}
		for _, n := range t.Notes {
			out.Notes = append(out.Notes, t.Region+": "+n)
		}
		for _, p := range t.Parameters {
			if !p.HasDefault {
				out.Notes = append(out.Notes, fmt.Sprintf("%s: parameter %s has no default: %s", t.Region, p.Name, p.Description))
			}
		}
		if len(body) > cloudformation.MaxInlineBytes {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: the template is %d bytes, over CloudFormation's %d-byte limit for a template sent inline: upload it to S3 (aws cloudformation deploy --s3-bucket ...)",
				t.Region, len(body), cloudformation.MaxInlineBytes))
		}
		out.Files = append(out.Files, File{
			Suffix:  "-" + Slug(t.Region, "region") + "." + ext,
			Data:    body,
			Summary: "(" + strconv.Itoa(t.Resources) + " resources)",
		})
	}
	if len(out.Files) == 0 {
		return nil, errNoFiles
	}
	uniqueSuffixes(out.Files)
	return out, nil
}
