package cloudformation

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/vpcsmith/vpcsmith/design"
)

// CloudFormation's quotas that a template can exceed.
const (
	MaxResources  = 500
	MaxParameters = 200
	MaxOutputs    = 200
	// MaxBodyBytes is the largest template CloudFormation accepts (uploaded
	// to S3); MaxInlineBytes the largest it accepts inline in the API call.
	MaxBodyBytes   = 1_000_000
	MaxInlineBytes = 51_200
)

// Template is the CloudFormation template of one region of a design: a
// stack is regional, so a design with VPCs in several regions exports one
// template per region.
type Template struct {
	Region string
	// Resources and Outputs count the template's entries.
	Resources, Outputs int
	// Parameters lists the template's parameters in order, for deployers
	// (and tests) that must supply the ones without a default.
	Parameters []Parameter
	// Notes say what a deployer must know that the template cannot say:
	// deployment order across regions, for instance.
	Notes []string
	// Stacks are the stacks a template over a quota is split into, in
	// deployment order (split.go); a split template itself renders to
	// nothing. StackName and Order name one of them.
	Stacks    []*Template
	StackName string
	Order     int

	body object
}

// Parameter is one template parameter.
type Parameter struct {
	Name        string
	Description string
	// Default is the default value; HasDefault says whether there is one.
	Default    string
	HasDefault bool
}

// YAML renders the template as YAML with CloudFormation's short tags.
func (t *Template) YAML() ([]byte, error) { return t.render(renderYAML) }

// JSON renders the template as JSON.
func (t *Template) JSON() ([]byte, error) { return t.render(renderJSON) }

func (t *Template) render(f func(object) ([]byte, error)) ([]byte, error) {
	if len(t.Stacks) > 0 {
		return nil, fmt.Errorf("the template for %s is split into %d stacks: render each of Stacks", t.Region, len(t.Stacks))
	}
	b, err := f(t.body)
	if err != nil {
		return nil, fmt.Errorf("render the template for %s: %w", t.Region, err)
	}
	if len(b) > MaxBodyBytes {
		return nil, &LimitError{Region: t.Region, What: "template size in bytes", Count: len(b), Max: MaxBodyBytes}
	}
	return b, nil
}

// FindingsError is returned for a design with validation errors that make
// it undeployable (design.BlocksExport): no template is made from a design
// that CloudFormation would half-create. Security findings do not block.
type FindingsError struct {
	Findings []design.Finding // every finding, errors and the rest
}

func (e *FindingsError) Error() string {
	return fmt.Sprintf("the design has %d validation error(s) that make it undeployable; fix them before exporting", len(design.ExportBlockers(e.Findings)))
}

// LimitError says that a region's template would exceed a CloudFormation
// quota.
type LimitError struct {
	Region string
	What   string // "resources", "parameters", "outputs", "template size in bytes"
	Count  int
	Max    int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("the template for %s would have %d %s; CloudFormation allows at most %d: split the design into several designs (fewer VPCs per region in each)", e.Region, e.Count, e.What, e.Max)
}

var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// Build makes one template per region of the design behind l, in region
// order. A template over a CloudFormation quota is split into Stacks. It
// refuses a design with validation errors (*FindingsError), a VPC whose
// stack alone is over a quota (*LimitError), and what the exporter
// cannot express (a transit gateway spanning regions, a security-group
// reference across regions).
func Build(l *design.Layout) ([]*Template, error) { return build(l, false) }

// build is Build; split splits every template, as one over a quota is,
// for the tests that compare a split deployment with a whole one.
func build(l *design.Layout, split bool) ([]*Template, error) {
	if fs := design.ValidateLayout(l); len(design.ExportBlockers(fs)) > 0 {
		return nil, &FindingsError{Findings: fs}
	}
	byRegion := map[string][]int{}
	for i := range l.VPCs {
		r := l.VPCs[i].Region
		byRegion[r] = append(byRegion[r], i)
	}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	out := make([]*Template, 0, len(regions))
	for _, r := range regions {
		// Region names go into ARNs, !Sub strings and file names: only a
		// name shaped like AWS's (us-east-1, us-gov-west-1) is taken.
		if !regionName.MatchString(r) {
			return nil, fmt.Errorf("VPC %q: %q is not an AWS region name such as us-east-1", l.VPCs[byRegion[r][0]].VPC.Name, r)
		}
		b := newBuilder(l, r, byRegion[r])
		t, err := b.build()
		if err != nil {
			return nil, err
		}
		if err := b.splitIfNeeded(t, split); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
