package importer

import (
	"strconv"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// assertDesign compares the imported design with want, field by field, by
// comparing their canonical YAML line by line (the description, which
// names the VPC IDs, is not compared).
func assertDesign(t *testing.T, got *Result, want *design.Design) {
	t.Helper()
	g := *got.Design
	g.Description = ""
	w := *want
	w.Description = ""
	gy, wy := string(design.Marshal(&g)), string(design.Marshal(&w))
	if gy == wy {
		return
	}
	gl, wl := strings.Split(gy, "\n"), strings.Split(wy, "\n")
	var diff []string
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b {
			diff = append(diff, "line "+itoa(i+1)+":\n  got:  "+a+"\n  want: "+b)
		}
	}
	t.Errorf("imported design differs from the expected one:\n%s\n--- got:\n%s\n--- notes:\n%s", strings.Join(diff, "\n"), gy, notesOf(got))
}

func itoa(i int) string { return strconv.Itoa(i) }

func notesOf(r *Result) string {
	var b strings.Builder
	for _, n := range r.Notes {
		b.WriteString("  " + n.String() + "\n")
	}
	for _, g := range r.Gaps {
		b.WriteString("  gap: " + g.String() + "\n")
	}
	return b.String()
}

// subnets builds explicit subnets from az, cidr pairs.
func subnets(pairs ...string) []design.Subnet {
	var out []design.Subnet
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, design.Subnet{AZ: pairs[i], CIDR: pairs[i+1]})
	}
	return out
}

func assertNoErrors(t *testing.T, d *design.Design) {
	t.Helper()
	for _, f := range design.Validate(d) {
		if f.Severity == design.Error {
			t.Errorf("imported design has an error: %s", f)
		}
	}
}

// assertNote fails unless some note contains every fragment.
func assertNote(t *testing.T, r *Result, outside bool, fragments ...string) {
	t.Helper()
	for _, n := range r.Notes {
		s := n.String()
		ok := n.Outside == outside
		for _, f := range fragments {
			ok = ok && strings.Contains(s, f)
		}
		if ok {
			return
		}
	}
	t.Errorf("no note (outside=%v) with %q; notes:\n%s", outside, fragments, notesOf(r))
}
