// Package design is vpcsmith's domain model: the design file (format version 1),
// its canonical YAML form, CIDR carving and validation.
//
// A Design holds exactly what the file says, so that it can be edited and saved
// without losing anything the author wrote. Everything derived from it (the
// expanded AZ lists, parsed CIDRs, carved subnets, free space) lives in a
// Layout, built by Resolve. Validation, cost, export and the UI all read the
// Layout; none of them re-derives addresses on its own.
//
// Loading reads YAML into a small tree (yamlnode.go) that the decoder turns
// into a Design, collecting every error with its position. Files in the
// style vpcsmith writes are parsed by a fast path (fastyaml.go); anything
// else, and every error message, comes from goccy/go-yaml. Both build the
// same tree.
//
// This package never imports a UI package: the terminal UI and the CLI are
// clients of it.
package design
