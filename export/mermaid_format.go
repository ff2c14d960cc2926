package export

import (
	"errors"
	"fmt"
	"strconv"

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
			"as the designer names it beside the design. Past " + strconv.Itoa(mermaid.SplitVPCs) + " VPCs (or with --split)\n" +
			"the network view is an overview and one diagram per VPC, written to -o DIR\n" +
			"as <file>-overview.mmd and <file>-<vpc>.mmd, or with --markdown one\n" +
			"document holding every diagram and a subnet table per VPC.",
		Example: "  vpcsmith export mermaid network.yaml --markdown -o docs/network.md\n" +
			"  vpcsmith export mermaid network.yaml --view security",
		Options: []Option{
			{Name: "view", Usage: "what to draw: network or security", Default: string(mermaid.ViewNetwork), Choices: views},
			{Name: "markdown", Usage: "write a Markdown document: each diagram in a ```mermaid fence and a table of every VPC's subnets", Bool: true},
			{Name: "split", Usage: "draw an overview and one diagram per VPC (done without asking past " + strconv.Itoa(mermaid.SplitVPCs) + " VPCs in the network view)", Bool: true},
		},
		Hint:   ".mmd",
		Render: renderMermaid,
	}
}

func renderMermaid(l *design.Layout, set Settings) (*Output, error) {
	view := mermaid.View(set["view"])
	r, err := mermaid.Render(l, mermaid.Options{View: view, Markdown: set.On("markdown"), Split: set.On("split")})
	var tooLarge *mermaid.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%w; draw part of it: split the design into files of fewer VPCs", err)
	}
	if err != nil {
		return nil, err
	}
	infix := ""
	if view == mermaid.ViewSecurity {
		infix = "-security"
	}
	if set.On("markdown") || !r.Split {
		ext := ".mmd"
		if set.On("markdown") {
			ext = ".md"
		}
		return &Output{Files: []File{{Suffix: infix + ext, Data: []byte(r.Text)}}, Notes: r.Notes}, nil
	}
	// A split is one file per diagram: "-overview.mmd", then "-<vpc>.mmd"
	// (a VPC named overview gets "-overview-2.mmd").
	out := &Output{Notes: r.Notes}
	for _, d := range r.Diagrams {
		name := "overview"
		if d.VPC >= 0 {
			name = Slug(d.Name, "vpc")
		}
		out.Files = append(out.Files, File{Suffix: infix + "-" + name + ".mmd", Data: []byte(d.Text)})
	}
	uniqueSuffixes(out.Files)
	return out, nil
}
