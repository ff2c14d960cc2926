package export

import (
	"errors"
	"fmt"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

// mermaidFormat is a Mermaid flowchart, "<stem>.mmd" (".md" with
// --markdown; "-security" before the extension for the security view).
func mermaidFormat() Format {
	views := make([]string, len(mermaid.Views))
	for i, v := range mermaid.Views {
		views[i] = string(v)
	}
	return Format{
		Name:  "mermaid",
		Title: "Mermaid diagram",
		Short: "Draw a design as a Mermaid flowchart",
		Long: "Draw the design in FILE as a Mermaid flowchart, for a README or a pull request.\n" +
			"The network view (the default) nests subnets in AZs in VPCs, with gateways,\n" +
			"endpoints, workloads and connections; the security view draws the chain of\n" +
			"security-group rules with their ports. A design too large for Mermaid's limits\n" +
			"is drawn with one node per tier, or per VPC, and a note on stderr says so.\n" +
			"A design with validation errors is not exported: the errors are listed and\n" +
			"the exit status is 1, as it is for a design too large to draw even so.\n" +
			"With -o DIR the file is <file>.mmd (<file> is FILE's name without .yaml),\n" +
			"as the designer names it beside the design.",
		Example: "  vpcsmith export mermaid network.yaml --markdown -o docs/network.md\n" +
			"  vpcsmith export mermaid network.yaml --view security",
		Options: []Option{
			{Name: "view", Usage: "what to draw: network or security", Default: string(mermaid.ViewNetwork), Choices: views},
			{Name: "markdown", Usage: "wrap the diagram in a ```mermaid fence", Bool: true},
		},
		Hint:   ".mmd",
		Render: renderMermaid,
	}
}

func renderMermaid(l *design.Layout, set Settings) (*Output, error) {
	view := mermaid.View(set["view"])
	r, err := mermaid.Render(l, mermaid.Options{View: view, Markdown: set.On("markdown")})
	var tooLarge *mermaid.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%w; draw part of it: split the design into files of fewer VPCs", err)
	}
	if err != nil {
		return nil, err
	}
	suffix := ".mmd"
	if set.On("markdown") {
		suffix = ".md"
	}
	if view == mermaid.ViewSecurity {
		suffix = "-security" + suffix
	}
	return &Output{Files: []File{{Suffix: suffix, Data: []byte(r.Text)}}, Notes: r.Notes}, nil
}
