package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design/diff"
	"github.com/vpcsmith/vpcsmith/internal/termtext"
)

// diffMarks are the text output's signs per kind of change, as in a line diff.
var diffMarks = map[diff.Kind]string{diff.Added: "+", diff.Removed: "-", diff.Changed: "~"}

// attrKeys returns the keys of both sides, sorted.
func attrKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var ks []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
	}
	sort.Strings(ks)
	return ks
}

func countKinds(r *diff.Report) (added, removed, changed int) {
	for _, c := range r.Changes {
		switch c.Kind {
		case diff.Added:
			added++
		case diff.Removed:
			removed++
		default:
			changed++
		}
	}
	return
}

func signed(m cost.Money) string {
	if m > 0 {
		return "+" + m.String()
	}
	return m.String()
}

func writeDiffText(s Streams, r *diff.Report, oldName, newName string, notes []string) error {
	w, color := s.Out, s.Color()
	line := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	clean := func(v string) string { return strings.ReplaceAll(termtext.Lines(v), "\n", " ") }
	a, rm, ch := countKinds(r)
	line("%s", paint(color, sgrBold, fmt.Sprintf("%s → %s: %s (%d added, %d removed, %d changed), %s",
		clean(oldName), clean(newName), plural(len(r.Changes), "change"), a, rm, ch, plural(r.Replacements(), "replacement"))))
	for _, n := range notes {
		line("note: %s", clean(n))
	}
	for _, c := range r.Changes {
		mark := diffMarks[c.Kind]
		head := mark + " " + clean(c.Path)
		switch c.Kind {
		case diff.Added:
			head = paint(color, sgrBlue, head)
		case diff.Removed:
			head = paint(color, sgrRed, head)
		default:
			head = paint(color, sgrYellow, head)
		}
		if c.Replaces {
			head += " " + paint(color, sgrBold+sgrRed, "REPLACES "+c.Element)
		}
		line("")
		line("%s", head)
		for _, k := range attrKeys(c.Old, c.New) {
			switch c.Kind {
			case diff.Added:
				line("    %s: %s", clean(k), clean(diff.FormatValue(c.New[k])))
			case diff.Removed:
				line("    %s: %s", clean(k), clean(diff.FormatValue(c.Old[k])))
			default:
				line("    %s: %s → %s", clean(k), clean(diff.FormatValue(c.Old[k])), clean(diff.FormatValue(c.New[k])))
			}
		}
		if len(c.With) > 0 {
			line("    %s %s", paint(color, sgrDim, "goes with it:"), clean(strings.Join(c.With, "; ")))
		}
	}
	line("")
	if r.Cost == nil {
		line("Cost: %s", clean(r.CostNote))
	} else {
		line("Monthly cost: %s → %s (%s)", r.Cost.Old, r.Cost.New, signed(r.Cost.Delta))
		for _, c := range r.Cost.Categories {
			if c.Delta != 0 {
				line("    %-34s %12s → %-12s %s", c.Category, c.Old, c.New, signed(c.Delta))
			}
		}
	}
	line("Findings: %d introduced, %d resolved", len(r.Findings.Added), len(r.Findings.Resolved))
	for _, f := range r.Findings.Added {
		fmt.Fprint(w, "  + ")
		writeFindingText(w, diffFinding(f), color)
	}
	for _, f := range r.Findings.Resolved {
		fmt.Fprint(w, "  - ")
		writeFindingText(w, diffFinding(f), color)
	}
	return nil
}

func diffFinding(f diff.Finding) fileFinding {
	return fileFinding{File: f.File, Severity: f.Severity, Code: f.Code, Path: f.Path, Message: f.Message, Line: f.Line, Column: f.Column}
}

// md makes text from a design safe in a markdown table cell or line: no
// control characters, no line break, and the characters that would start
// markup (a pipe ends a cell, < opens HTML) escaped.
func md(s string) string {
	s = strings.ReplaceAll(termtext.Lines(s), "\n", " ")
	return mdReplacer.Replace(s)
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`,
)

// writeDiffMarkdown writes a pull-request comment: a summary table, then
// the changes, the cost by category and the findings in collapsible
// sections, so that a long diff does not bury the summary.
func writeDiffMarkdown(s Streams, r *diff.Report, oldName, newName string, notes []string) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	a, rm, ch := countKinds(r)
	p("### vpcsmith diff: %s → %s", md(oldName), md(newName))
	p("")
	for _, n := range notes {
		p("> **Note:** %s", md(n))
		p("")
	}
	p("| | |")
	p("|---|---|")
	p("| Changes | %d (%d added, %d removed, %d changed) |", len(r.Changes), a, rm, ch)
	p("| Replacements | %d |", r.Replacements())
	if r.Cost != nil {
		p("| Monthly cost | %s → %s (**%s**) |", md(r.Cost.Old.String()), md(r.Cost.New.String()), md(signed(r.Cost.Delta)))
	} else {
		p("| Monthly cost | %s |", md(r.CostNote))
	}
	p("| Findings | %d introduced, %d resolved |", len(r.Findings.Added), len(r.Findings.Resolved))
	if len(r.Changes) > 0 {
		p("")
		p("<details><summary>Changes (%d)</summary>", len(r.Changes))
		p("")
		p("| change | element | replaces | old | new |")
		p("|---|---|---|---|---|")
		for _, c := range r.Changes {
			rep := ""
			if c.Replaces {
				rep = "**yes**: " + md(strings.Join(c.With, "; "))
			}
			p("| %s | %s (%s) | %s | %s | %s |", c.Kind, md(c.Path), c.Element, rep, mdAttrs(c.Old, c.New, c.Old), mdAttrs(c.Old, c.New, c.New))
		}
		p("")
		p("</details>")
	}
	if r.Cost != nil && len(r.Cost.Categories) > 0 {
		p("")
		p("<details><summary>Monthly cost by category</summary>")
		p("")
		p("| category | old | new | delta |")
		p("|---|---:|---:|---:|")
		for _, c := range r.Cost.Categories {
			p("| %s | %s | %s | %s |", md(string(c.Category)), md(c.Old.String()), md(c.New.String()), md(signed(c.Delta)))
		}
		p("")
		p("</details>")
	}
	if n := len(r.Findings.Added) + len(r.Findings.Resolved); n > 0 {
		p("")
		p("<details><summary>Findings (%d introduced, %d resolved)</summary>", len(r.Findings.Added), len(r.Findings.Resolved))
		p("")
		p("| | location | severity | message | code |")
		p("|---|---|---|---|---|")
		for _, set := range []struct {
			sign string
			fs   []diff.Finding
		}{{"introduced", r.Findings.Added}, {"resolved", r.Findings.Resolved}} {
			for _, f := range set.fs {
				p("| %s | %s:%d:%d | %s | %s | %s |", set.sign, md(f.File), f.Line, f.Column, f.Severity, md(f.Message), md(f.Code))
			}
		}
		p("")
		p("</details>")
	}
	_, err := io.WriteString(s.Out, b.String())
	return err
}

// mdAttrs lists one side's attributes, `key: value` separated by <br>.
func mdAttrs(a, b, side map[string]any) string {
	if side == nil {
		return ""
	}
	var parts []string
	for _, k := range attrKeys(a, b) {
		if v, ok := side[k]; ok {
			parts = append(parts, md(k)+": "+md(diff.FormatValue(v)))
		}
	}
	return strings.Join(parts, "<br>")
}
