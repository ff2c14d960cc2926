package diff

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
)

// Report is a whole comparison: the changes, the cost delta and the
// findings introduced and resolved. Its JSON form is the output of
// `vpcsmith diff --format json`.
type Report struct {
	Changes []Change `json:"changes"`
	// Cost is nil when a design cannot be priced (a region without
	// prices); CostNote says why.
	Cost     *CostDelta    `json:"cost"`
	CostNote string        `json:"cost_note,omitempty"`
	Findings FindingsDelta `json:"findings"`
}

// CostDelta is the monthly cost before and after, in total and per
// category (categories that are zero on both sides are left out).
type CostDelta struct {
	Currency   string          `json:"currency"`
	Old        cost.Money      `json:"old"`
	New        cost.Money      `json:"new"`
	Delta      cost.Money      `json:"delta"`
	Categories []CategoryDelta `json:"categories"`
}

// CategoryDelta is one category's monthly cost before and after.
type CategoryDelta struct {
	Category cost.Category `json:"category"`
	Old      cost.Money    `json:"old"`
	New      cost.Money    `json:"new"`
	Delta    cost.Money    `json:"delta"`
}

// FindingsDelta lists the findings only the new design has (added) and
// those only the old one had (resolved). A finding is the same on both
// sides when its code, path and message are: its line may move.
type FindingsDelta struct {
	Added    []Finding `json:"added"`
	Resolved []Finding `json:"resolved"`
}

// Finding is a validation finding with the file it is in (the new file
// for an added one, the old for a resolved one).
type Finding struct {
	File     string `json:"file"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Path     string `json:"path"`
	Message  string `json:"message"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// Options say how to build a Report.
type Options struct {
	OldFile, NewFile string       // the names findings carry
	Prices           *cost.Prices // nil: the built-in prices
	// Validate finds the findings of each side (nil: design.Validate).
	Validate func(*design.Design) []design.Finding
}

// Compare builds the report of old against new.
func Compare(old, new *design.Design, opts Options) (*Report, error) {
	r := &Report{Changes: Changes(old, new)}
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	c, err := costDelta(old, new, opts.Prices)
	var missing *cost.MissingRegionError
	switch {
	case errors.As(err, &missing):
		r.CostNote = "no cost delta: " + err.Error()
	case err != nil:
		return nil, err
	default:
		r.Cost = c
	}
	validate := opts.Validate
	if validate == nil {
		validate = design.Validate
	}
	r.Findings = findingsDelta(validate(old), validate(new), opts.OldFile, opts.NewFile)
	return r, nil
}

// Empty reports whether the designs are the same element for element.
// Findings and cost follow from the elements, so they cannot differ alone.
func (r *Report) Empty() bool { return len(r.Changes) == 0 }

// Replacements counts the changes that replace a resource.
func (r *Report) Replacements() int {
	n := 0
	for _, c := range r.Changes {
		if c.Replaces {
			n++
		}
	}
	return n
}

func costDelta(old, new *design.Design, p *cost.Prices) (*CostDelta, error) {
	a, err := cost.Estimate(old, p)
	if err != nil {
		return nil, err
	}
	b, err := cost.Estimate(new, p)
	if err != nil {
		return nil, err
	}
	byCat := func(bd *cost.Breakdown) map[cost.Category]cost.Money {
		m := map[cost.Category]cost.Money{}
		for _, it := range bd.Items {
			m[it.Category] += it.Monthly
		}
		return m
	}
	ca, cb := byCat(a), byCat(b)
	cats := make([]cost.Category, 0, len(ca)+len(cb))
	for _, m := range []map[cost.Category]cost.Money{ca, cb} {
		for k, v := range m {
			if v != 0 && !slices.Contains(cats, k) {
				cats = append(cats, k)
			}
		}
	}
	slices.Sort(cats)
	d := &CostDelta{Currency: a.Currency, Old: a.MonthlyTotal, New: b.MonthlyTotal, Delta: b.MonthlyTotal - a.MonthlyTotal, Categories: []CategoryDelta{}}
	for _, k := range cats {
		d.Categories = append(d.Categories, CategoryDelta{Category: k, Old: ca[k], New: cb[k], Delta: cb[k] - ca[k]})
	}
	return d, nil
}

func findingKey(f design.Finding) string { return f.Code + "\x00" + f.Path + "\x00" + f.Message }

// findingsDelta matches findings as multisets: two identical findings on
// the old side and one on the new resolve one.
func findingsDelta(old, new []design.Finding, oldFile, newFile string) FindingsDelta {
	count := func(fs []design.Finding) map[string]int {
		m := make(map[string]int, len(fs))
		for _, f := range fs {
			m[findingKey(f)]++
		}
		return m
	}
	co, cn := count(old), count(new)
	only := func(fs []design.Finding, mine, theirs map[string]int, file string) []Finding {
		out := []Finding{}
		used := map[string]int{}
		for _, f := range fs {
			k := findingKey(f)
			used[k]++
			if used[k] > theirs[k] {
				out = append(out, Finding{File: file, Severity: f.Severity.String(), Code: f.Code, Path: f.Path,
					Message: f.Message, Line: f.Pos.Line, Column: f.Pos.Column})
			}
		}
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Line != out[j].Line {
				return out[i].Line < out[j].Line
			}
			return out[i].Path+out[i].Code < out[j].Path+out[j].Code
		})
		return out
	}
	return FindingsDelta{Added: only(new, cn, co, newFile), Resolved: only(old, co, cn, oldFile)}
}

// FormatValue writes an attribute value as the text and markdown outputs
// show it: lists in brackets, mappings as key: value in key order.
func FormatValue(v any) string { return fmtValue(v) }

func fmtValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		if x == "" {
			return `""`
		}
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + fmtValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}
