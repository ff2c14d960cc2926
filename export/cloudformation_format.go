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
			"A region's template past a CloudFormation quota (500 resources, 200 outputs\n" +
			"or parameters, 1 MB) is split into stacks: a connections stack (transit\n" +
			"gateways, customer gateways) and one per VPC, importing from the earlier\n" +
			"ones, written to -o DIR as <file>-<region>-NN-<stack>.yaml with NN the\n" +
			"deployment order, and <file>-<region>-readme.md stating it.\n\n" +
			"Exit status: 1 when the design has validation errors or one VPC's stack\n" +
			"alone would exceed a quota, 2 when the file cannot be read or the command\n" +
			"line is wrong.",
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
	// file renders one template or stack into out; part names a stack
	// ("" for a whole template).
	file := func(t *cloudformation.Template, region, part, summary string) error {
		var body []byte
		var err error
		if ext == "json" {
			body, err = t.JSON()
		} else {
			body, err = t.YAML()
		}
		if err != nil {
			return err
		}
		for _, p := range t.Parameters {
			if !p.HasDefault {
				out.Notes = append(out.Notes, fmt.Sprintf("%s%s: parameter %s has no default: %s", region, part, p.Name, p.Description))
			}
		}
		if len(body) > cloudformation.MaxInlineBytes {
			out.Notes = append(out.Notes, fmt.Sprintf("%s%s: the template is %d bytes, over CloudFormation's %d-byte limit for a template sent inline: upload it to S3 (aws cloudformation deploy --s3-bucket ...)",
				region, part, len(body), cloudformation.MaxInlineBytes))
		}
		suffix := "-" + Slug(region, "region")
		if part != "" {
			suffix += "-" + Slug(part, "stack")
		}
		out.Files = append(out.Files, File{Suffix: suffix + "." + ext, Data: body, Summary: summary})
		return nil
	}
	for _, t := range ts {
		for _, n := range t.Notes {
			out.Notes = append(out.Notes, t.Region+": "+n)
		}
		if len(t.Stacks) == 0 {
			if err := file(t, t.Region, "", "("+strconv.Itoa(t.Resources)+" resources)"); err != nil {
				return nil, err
			}
			continue
		}
		// A split template: its stacks, numbered in deployment order, and
		// the README that states the order.
		first := len(out.Files)
		for _, s := range t.Stacks {
			part := fmt.Sprintf("%02d-%s", s.Order, s.StackName)
			if err := file(s, t.Region, part, fmt.Sprintf("(stack %d of %d, %d resources)", s.Order, len(t.Stacks), s.Resources)); err != nil {
				return nil, err
			}
		}
		// The renderer does not know the design file's name, which every
		// file name starts with: the README writes it <file>.
		names := make([]string, len(t.Stacks))
		for i := range t.Stacks {
			names[i] = "<file>" + out.Files[first+i].Suffix
		}
		out.Files = append(out.Files, File{Suffix: "-" + Slug(t.Region, "region") + "-readme.md", Data: []byte(t.SplitReadme(l.Design.Name, names)), Summary: "(the deployment order)"})
	}
	if len(out.Files) == 0 {
		return nil, errNoFiles
	}
	uniqueSuffixes(out.Files)
	return out, nil
}
