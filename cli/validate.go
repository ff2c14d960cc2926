package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/design/reach"
)

func init() { register(newValidateCommand) }

type validateOptions struct {
	files    []string
	format   string
	security bool // also run the security lint
	rules    bool // list the rules instead of validating
}

func newValidateCommand(s Streams) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE... | validate --rules",
		Short: "Check designs for errors and risks",
		Long: "Validate loads each design and reports every finding: CIDR overlaps, AZ\n" +
			"coverage, NAT placement, open security groups, AWS's rules and quotas.\n" +
			"With --security it adds the security lint: the rules of cfn-nag and the\n" +
			"AWS Security Hub controls that a design shows before it is deployed.\n" +
			"--rules lists every finding code instead (with --security, only the lint's).\n\n" +
			"Exit status: 0 when no file has errors (warnings are allowed), 1 when any\n" +
			"design has errors, 2 when a file cannot be read or parsed.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			if opts.rules {
				if len(args) > 0 {
					return withCode(ExitUsage, errors.New("--rules lists the rules and takes no FILE"))
				}
				return runRules(s, opts)
			}
			if len(args) == 0 {
				return withCode(ExitUsage, errors.New("validate needs at least one FILE (or --rules to list the rules)"))
			}
			return runValidate(s, opts)
		},
	}
	formatFlag(cmd, &opts.format, "output format: text, json or sarif (SARIF 2.1.0, for code scanning)", "text", "json", "sarif")
	cmd.Flags().BoolVar(&opts.security, "security", false, "also run the security lint (cfn-nag and Security Hub rules)")
	cmd.Flags().BoolVar(&opts.rules, "rules", false, "list every finding code: severity, source and summary")
	return cmd
}

func runValidate(s Streams, opts *validateOptions) error {
	if err := checkFormat(opts.format, "text", "json", "sarif"); err != nil {
		return withCode(ExitUsage, err)
	}
	// reach's entry points add the checks that need the reachability
	// engine (sg-rule-unreachable) to design's.
	validate := reach.Validate
	if opts.security {
		validate = func(d *design.Design) []design.Finding { return reach.ValidateSecurityLayout(design.Resolve(d)) }
	}
	var out findingsWriter = &textFindings{w: s.Out, color: s.Color(), max: maxTextFindings}
	switch opts.format {
	case "json":
		out = &jsonFindings{w: s.Out}
	case "sarif":
		out = newSARIFFindings(s.Out, opts.security)
	}
	// Each file's findings go out before the next file loads, so memory
	// holds one file's findings, never every file's (JSON lists them all).
	var seen tally
	emit := func(f fileFinding) error {
		seen.count(f)
		return out.add(f)
	}
	unreadable, errorsFound := 0, 0
	for _, file := range opts.files {
		d, err := loadDesign(file)
		if err != nil {
			unreadable++
			for _, f := range fromLoadError(file, err) {
				if err := emit(f); err != nil {
					return err
				}
			}
			continue
		}
		found := validate(d)
		errorsFound += design.Count(found, design.Error)
		for _, f := range found {
			if err := emit(fromFinding(file, f)); err != nil {
				return err
			}
		}
	}
	if err := out.close(); err != nil {
		return err
	}
	if opts.format == "text" {
		fmt.Fprintf(s.Err, "%s, %s in %s\n", plural(seen.errors, "error"), plural(seen.warnings, "warning"), plural(len(opts.files), "file"))
	}
	switch {
	case unreadable > 0:
		return silentExit(ExitUsage)
	case errorsFound > 0:
		return silentExit(ExitFindings)
	}
	return nil
}

// ruleEntry is one rule in `validate --rules --format json` output.
type ruleEntry struct {
	Code         string            `json:"code"`
	Severities   []design.Severity `json:"severities"`
	Source       string            `json:"source"`
	Ref          string            `json:"ref,omitempty"` // the external rule's id: W2, EC2.19
	SecurityLint bool              `json:"security_lint"` // reported only with --security
	Summary      string            `json:"summary"`
}

// runRules lists design.Rules(): one line per code in text, or
// {"rules": [...]} in JSON.
func runRules(s Streams, opts *validateOptions) error {
	var list []ruleEntry
	for _, r := range design.Rules() {
		if opts.security && !r.IsSecurityLint() {
			continue
		}
		list = append(list, ruleEntry{Code: r.Code, Severities: r.Severities, Source: r.Source, Ref: r.Ref, SecurityLint: r.IsSecurityLint(), Summary: r.Summary})
	}
	switch opts.format {
	case "json":
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Rules []ruleEntry `json:"rules"`
		}{list})
	case "text":
		tw := tabwriter.NewWriter(s.Out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tSEVERITY\tSOURCE\tSUMMARY")
		for _, r := range list {
			sevs := make([]string, len(r.Severities))
			for i, sev := range r.Severities {
				sevs[i] = sev.String()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, strings.Join(sevs, "/"), strings.TrimSpace(r.Source+" "+r.Ref), r.Summary)
		}
		return tw.Flush()
	}
	return withCode(ExitUsage, checkFormat(opts.format, "text", "json"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
