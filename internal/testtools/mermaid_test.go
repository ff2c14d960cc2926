package testtools

import (
	"bytes"
	"strings"
	"testing"
)

// validDiagram uses what the exporter emits: nested subgraphs, quoted labels
// with #quot;, classDef/class, an edge label, and "end" as a quoted label.
const validDiagram = `flowchart TD
  classDef public fill:#cfe,stroke:#393
  subgraph vpc["VPC #quot;prod#quot; 10.0.0.0/16"]
    subgraph az1["us-east-1a"]
      s1["public #quot;web#quot; 10.0.0.0/24"]:::public
      s2["end"]
    end
    subgraph az2["us-east-1b"]
      s3["private 10.0.1.0/24"]
    end
  end
  igw["Internet Gateway"] --> s1
  s1 -->|"0.0.0.0/0"| s3
  class s3 public
`

func TestMermaidParse(t *testing.T) {
	t.Parallel()
	diagrams := []string{
		validDiagram,
		"flowchart TD\n  a[\"x\" --> \n", // unclosed label
		"flowchart TD\n  a --> end\n",    // bare end
		"not a diagram",
	}
	res := MermaidParse(t, diagrams)
	want := []bool{true, false, false, false}
	for i, r := range res {
		if r.Index != i || r.OK != want[i] {
			t.Errorf("diagram %d: got %+v, want ok=%v", i, r, want[i])
		}
		if !r.OK && r.Error == "" {
			t.Errorf("diagram %d: failed without an error message", i)
		}
	}
}

func TestMermaidRender(t *testing.T) {
	t.Parallel()
	svg := MermaidRender(t, validDiagram)
	if !bytes.Contains(svg, []byte("<svg")) {
		t.Fatalf("no <svg in output: %.200s", svg)
	}
	for _, label := range []string{"Internet Gateway", "us-east-1a"} {
		if !strings.Contains(string(svg), label) {
			t.Errorf("SVG lacks label %q", label)
		}
	}
}
