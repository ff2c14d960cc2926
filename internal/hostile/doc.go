// Package hostile loads the hostile-input corpus (testdata/hostile at the
// repository root) and builds designs that carry its payloads in every name,
// description and reference, as Go values and as YAML files, for the tests
// proving that nothing from a design file can control a terminal.
//
// It also holds the one definition of "dangerous" those tests share (Find,
// FindNonSGR), so the CLI, the exporters and the designer are all held to
// the same rule.
package hostile
