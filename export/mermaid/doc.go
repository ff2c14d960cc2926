// Package mermaid draws a design as a Mermaid flowchart: the network view
// (VPC ⊃ AZ ⊃ subnet, gateways, endpoints, workloads and the connections
// between VPCs and networks) and the security view (the chain of
// security-group rules with their ports).
//
// Every identifier in the output is generated from a counter, never from a
// name, and every label is quoted and entity-encoded, so no name in a design
// can change the diagram's structure, inject a directive or reach a terminal
// as a control sequence. Output is deterministic: the same design gives the
// same bytes. Diagrams stay within the limits Mermaid enforces by default
// (MaxTextSize, MaxEdges), collapsing detail when the full drawing would not
// fit.
package mermaid
